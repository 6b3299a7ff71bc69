// The web's one way to the API. Its types are generated (schema.d.ts, `npm run gen:api`) from
// docs/openapi.json, which the server generates from the routes' zod schemas: the web never
// writes a response type by hand or guesses a field's name or unit (rates are fractions 0–1;
// formatting to % happens at display). Calls go through `get`/`post`/`put`/`del` over
// openapi-fetch: same-origin cookie session, the CSRF header on writes, and the error body
// `{ error: { code, message, field?, row? } }` turned into an ApiError. Uploads and links use
// the typed helpers below, where a fetch or an <a href> fits better than openapi-fetch.
import createClient, { type FetchOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The document's named schemas: `Schemas['Camera']`, `Schemas['CoverageReport']`, … */
export type Schemas = components['schemas'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken !== null) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

const client = createClient<paths>({ credentials: 'same-origin', headers: { accept: 'application/json' } });
client.use(csrfHeader);

/** An error body as the API sends it (Schemas['Error']), or whatever else came back. */
export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const err = (body as Partial<Schemas['Error']> | null | undefined)?.error;
  if (err !== undefined && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code, err.message, err.field, err.row);
  }
  const text = typeof body === 'string' && body !== '' ? body.slice(0, 200) : statusText;
  return new ApiError(status, String(status), text === '' ? `HTTP ${status}` : text);
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The paths that have `method`. */
type PathWith<M extends Method> = { [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never }[keyof paths];
/** The success body of an operation exactly as generated (openapi-fetch's own data type turns tuples into arrays). */
type Ok<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 | 202
        ? R[S] extends { content: { 'application/json': infer J } }
          ? J
          : undefined
        : S extends 204
          ? undefined
          : never;
    }[keyof R]
  : never;
/** The options (params, body, signal, …) an operation takes; required when it has required parameters or a body. */
type Init<Op> = Partial<FetchOptions<Op>> extends FetchOptions<Op> ? [FetchOptions<Op>?] : [FetchOptions<Op>];

async function call<M extends Method, P extends PathWith<M>>(method: M, path: P, init: unknown): Promise<Ok<paths[P][M]>> {
  // The public signatures below carry the types; this is the one untyped hop into openapi-fetch.
  const { data, error, response } = await (
    client.request as (m: string, p: string, i: unknown) => Promise<{ data?: unknown; error?: unknown; response: Response }>
  )(method, path, init);
  if (!response.ok) throw toApiError(response.status, response.statusText, error);
  return data as Ok<paths[P][M]>;
}

/** GET a JSON route: its success body, or an ApiError (status, code, message, field, row). */
export const get = <P extends PathWith<'get'>>(path: P, ...init: Init<paths[P]['get']>) => call('get', path, init[0]);
export const post = <P extends PathWith<'post'>>(path: P, ...init: Init<paths[P]['post']>) => call('post', path, init[0]);
export const put = <P extends PathWith<'put'>>(path: P, ...init: Init<paths[P]['put']>) => call('put', path, init[0]);
export const del = <P extends PathWith<'delete'>>(path: P, ...init: Init<paths[P]['delete']>) => call('delete', path, init[0]);

/** A query string from defined values only (a 0 or '' is a value; undefined and null are not). */
function queryString(params: object | undefined): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {}))
    if (v !== undefined && v !== null) u.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
}

type GetPath = { [P in keyof paths]: paths[P] extends { get: unknown } ? P : never }[keyof paths];
type GetParams<P extends GetPath> = paths[P] extends { get: { parameters: infer Q } } ? Q : never;

/**
 * A typed same-origin URL for a GET route, for what the browser fetches itself (downloads, the
 * snapshot <img>, the style MapLibre loads): the path's parameters and query are checked.
 */
export function apiHref<P extends GetPath>(
  path: P,
  params: { path?: GetParams<P> extends { path?: infer X } ? X : never; query?: GetParams<P> extends { query?: infer Q } ? Q : never } = {},
): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = (params.path as Record<string, string | number> | undefined)?.[name];
    if (v === undefined) throw new Error(`apiHref(${path}): path parameter ${name} missing`);
    return encodeURIComponent(String(v));
  });
  return `${filled}${queryString(params.query as object | undefined)}`;
}

type UploadPath = '/api/v1/imports/cameras' | '/api/v1/imports/targets' | '/api/v1/imports/areas';
type UploadOp<P extends UploadPath> = paths[P]['post'];

/**
 * POSTs a file as the raw request body (the import routes stream it to disk), CSRF header
 * included. A plain fetch: openapi-fetch would serialise the body; the types still come from the
 * document.
 */
export async function uploadFile<P extends UploadPath>(
  path: P,
  query: NonNullable<UploadOp<P>['parameters']['query']>,
  file: Blob,
  signal?: AbortSignal,
): Promise<UploadOp<P>['responses'][200]['content']['application/json']> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/octet-stream' };
  if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`${path}${queryString(query)}`, { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error message
  }
  if (!res.ok) throw toApiError(res.status, res.statusText, body);
  return body as UploadOp<P>['responses'][200]['content']['application/json'];
}
