// Counts every request and its latency under its route pattern (not the raw path, so a tile
// pyramid does not become millions of series).
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export function requestMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = c.res.status === 404 && c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
      c.get('deps').metrics.observeRequest(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
    }
  };
}
