// The client's address for rate limits and the audit log. X-Forwarded-For is believed only
// when the operator says a proxy sits in front (XUELIANG_TRUST_PROXY=1): otherwise any client
// could pick a fresh address per login attempt.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export function clientAddress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let address = 'unknown';
    if (c.get('deps').config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded !== undefined && forwarded !== '') address = forwarded;
    }
    if (address === 'unknown') {
      try {
        address = getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        // app.request() in tests has no socket.
      }
    }
    c.set('clientAddress', address);
    await next();
  };
}
