// A JSON answer made ready to send once and then sent as is: the serialised bytes, their gzip
// (for the browsers, which all accept it) and an ETag. The command center's cached reads
// (routes/status.ts) used to run JSON.stringify, and gzip for a browser, on every request:
// 133 KB of roll-ups per viewer per refresh. Sending prepared bytes takes neither; a client that
// already has the answer (If-None-Match) gets a 304 without a body.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { accepts } from 'hono/accepts';

const gzipAsync = promisify(gzip);

/** Below this, gzip saves less than it costs (the compress middleware's own threshold). */
const GZIP_FROM_BYTES = 1024;

/** `T`: the answer's type, kept for the route's typed response (what c.json would declare). */
export interface PreparedBody<T = unknown> {
  readonly answer?: T;
  json: Uint8Array;
  gzip: Uint8Array | undefined;
  etag: string;
}

export async function prepareJson<T>(value: T): Promise<PreparedBody<T>> {
  const json = Buffer.from(JSON.stringify(value));
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  // In the thread pool: a 133 KB body takes a few ms to compress, not the event loop's.
  const gz = json.byteLength >= GZIP_FROM_BYTES ? await gzipAsync(json) : undefined;
  return { json, gzip: gz, etag };
}

/** The gzip bytes are another representation of the same answer: their own tag (RFC 9110 8.8.3). */
const gzipTag = (etag: string): string => `${etag.slice(0, -1)}-gz"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  // Weak comparison (RFC 9110 13.1.2): either representation's tag means the client has this answer.
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag || t === gzipTag(etag));
}

/**
 * 200 with the prepared bytes (gzip when the client accepts it), or 304 when the client's copy is
 * current. `private, no-cache`: a browser keeps the answer but asks each time (figures change any
 * second), and no shared cache keeps what needs a login.
 */
export function sendPrepared<T>(c: Context, body: PreparedBody<T>): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    ETag: body.etag,
    'Cache-Control': 'private, no-cache',
    Vary: 'Accept-Encoding',
  };
  const gzipped =
    body.gzip !== undefined && accepts(c, { header: 'Accept-Encoding', supports: ['gzip', 'identity'], default: 'identity' }) === 'gzip';
  const res: Response = matches(c.req.header('If-None-Match'), body.etag)
    ? c.body(null, 304, headers)
    : gzipped
      ? c.body(body.gzip as Uint8Array<ArrayBuffer>, 200, {
          ...headers,
          ETag: gzipTag(body.etag),
          'Content-Encoding': 'gzip',
          'Content-Length': String(body.gzip!.byteLength),
        })
      : // With its length, a body too small to be worth it is not gzipped by the compress middleware either.
        c.body(body.json as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Length': String(body.json.byteLength) });
  // The route declares the JSON 200 it documents (as c.json would); a 304 is HTTP's, outside the OpenAPI contract.
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
