// What every request must pass before a route sees it: a body no larger than the JSON limit
// (counted as it arrives, so a 50 MB body to /auth/login is refused after 1 MiB is read, never
// parsed), JSON that parses, and no NUL character in a query value, a path or a JSON string or
// key (PostgreSQL text cannot hold U+0000: it used to surface as a 500 from deep in a query).
// File uploads stream to disk under their own limit (api/domain/imports/upload-store.ts), so
// their routes skip the JSON limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, BadRequestError } from '../errors';
import type { AppEnv } from './env';

export const DEFAULT_JSON_LIMIT_BYTES = 1024 * 1024;

/** XUELIANG_JSON_LIMIT_KB, else 1 MiB. */
export function defaultJsonLimitBytes(): number {
  const kb = Number(process.env.XUELIANG_JSON_LIMIT_KB ?? '');
  return Number.isFinite(kb) && kb > 0 ? Math.round(kb * 1024) : DEFAULT_JSON_LIMIT_BYTES;
}

/** The upload routes (raw or multipart file bodies, streamed under the upload limit). */
const UPLOAD_ROUTE = /^\/api\/v1\/imports\/(cameras|targets|areas)\/?$/;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export class BodyTooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super(
      413,
      'payload_too_large',
      `The request body is larger than ${limitBytes} bytes, the limit for JSON bodies (XUELIANG_JSON_LIMIT_KB); files go through the import upload routes.`,
    );
  }
}

/** The dotted path of the first string or key holding U+0000, or undefined. */
export function findNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i], [...path, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    // A key with a NUL is named by the object that holds it.
    if (k.includes('\u0000')) return path.join('.');
    const found = findNul(v, [...path, k]);
    if (found !== undefined) return found;
  }
  return undefined;
}

const nulError = (where: string) =>
  new BadRequestError(`${where === '' ? 'The body' : where} contains a NUL character (U+0000), which no text field can hold.`, {
    field: where === '' ? 'body' : where,
  });

export function requestGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Query values and the path, decoded: "%00" is a NUL too.
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (name.includes('\u0000'))
        throw new BadRequestError('A query parameter name contains a NUL character (U+0000).', { field: 'query' });
      if (values.some((v) => v.includes('\u0000'))) throw nulError(name);
    }
    if (/%00/.test(c.req.path) || c.req.path.includes('\u0000'))
      throw new BadRequestError('The path contains a NUL character (U+0000).', { field: 'path' });
    // GET and HEAD have no body (fetch's Request refuses one). Asking for .body would make
    // @hono/node-server build the full Request object, about a tenth of a cached read's CPU.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (c.req.raw.body === null || (c.req.method === 'POST' && UPLOAD_ROUTE.test(c.req.path))) return next();
    const limit = c.get('deps').config.jsonLimitBytes;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new BodyTooLargeError(limit);
      },
    })(c, async () => {
      if (JSON_TYPE.test(c.req.header('content-type') ?? '')) {
        let body: unknown;
        try {
          // Hono keeps the parsed body, so the route's validator does not parse it again.
          body = await c.req.json();
        } catch (err) {
          throw new BadRequestError(`The body is not valid JSON (${(err as Error).message}).`, { field: 'body' });
        }
        const at = findNul(body);
        if (at !== undefined) throw nulError(at);
      }
      await next();
    });
  };
}
