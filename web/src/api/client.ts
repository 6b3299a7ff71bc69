// Thin fetch wrapper for /api/v1: same-origin cookie session, CSRF header on writes, and the
// API's error shape `{ error: { code, message } }` turned into an ApiError the UI can show.
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

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: 'same-origin',
    signal: init.signal,
  });
  return readResponse<T>(res);
}

async function readResponse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; field?: string; row?: number } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? String(res.status), err?.message ?? res.statusText, err?.field, err?.row);
  }
  return json as T;
}

/** POST a file as the raw request body (the import routes stream it to disk), CSRF header included. */
export async function uploadFile<T>(path: string, file: Blob, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/octet-stream' };
  if (csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, { method: 'POST', headers, body: file, credentials: 'same-origin', signal });
  return readResponse<T>(res);
}

/** Query string from defined values only (a 0 or '' is a value; undefined and null are not). */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) u.set(k, String(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
}
