// One HTTP exchange with a camera: node:http with keep-alive sockets (a poll's calls share one
// connection; fetch cost about a sixth of a poll's CPU), under a deadline that covers the whole
// exchange (waiting for a socket, connect, headers and every byte of the body), a byte cap on the
// body, redirects refused (a camera must not send us, with its credentials, to another host), and
// failures sorted into the few kinds the health state machine needs. Error messages never carry
// credentials.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type TransportErrorKind =
  | 'connect-refused' // nothing listens, host or network unreachable, DNS failure
  | 'connect-timeout' // the TCP handshake never completed
  | 'deadline' // connected, but no complete answer in time (black hole, drip)
  | 'reset' // the peer closed the connection mid-exchange
  | 'too-large' // body (or headers) over the byte cap
  | 'redirect' // 3xx: never followed
  | 'tls' // certificate rejected or TLS handshake failed
  | 'aborted'; // we are shutting down

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  deadlineMs: number;
  maxBytes: number;
  /** Aborts the exchange early (agent shutdown). */
  signal?: AbortSignal;
}

/** The answer's headers, read by lower-case name (repeated headers joined with ", " as fetch does). */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: Buffer;
  latencyMs: number;
  /** The exchange went over a connection kept alive from an earlier one. */
  reusedSocket: boolean;
}

/** Removes user:password@ from a URL (cameras sometimes embed them in snapshot URIs). */
export function stripUserInfo(url: string): string {
  // No "@": no user info to remove, and no URL to parse on every exchange.
  if (!url.includes('@')) return url;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Keep-alive pools, one per scheme; Node keeps a pool per camera host (host:port) inside each.
 * One camera is polled by one poll at a time, so it holds one socket; the bound per host only
 * matters when many cameras share an address (an NVR, the simulator). Idle sockets close after
 * IDLE_SOCKET_MS: long enough for the calls of one poll, far shorter than the poll interval, so
 * 10,000 cameras do not hold 10,000 idle connections (and cameras that drop idle connections
 * after a few seconds rarely race us).
 */
const IDLE_SOCKET_MS = 4_000;
const SOCKETS_PER_HOST = 256;
const poolOptions = {
  keepAlive: true,
  maxSockets: SOCKETS_PER_HOST,
  maxFreeSockets: SOCKETS_PER_HOST,
  timeout: IDLE_SOCKET_MS,
  scheduling: 'lifo' as const,
};
const httpPool = new HttpAgent(poolOptions);
const httpsPool = new HttpsAgent(poolOptions);

/** Open and idle sockets of the keep-alive pools (tests, diagnostics). */
export function pooledSockets(): { open: number; idle: number } {
  const count = (m: NodeJS.ReadOnlyDict<unknown[]>): number => Object.values(m).reduce((n, a) => n + (a?.length ?? 0), 0);
  return {
    open: count(httpPool.sockets) + count(httpsPool.sockets),
    idle: count(httpPool.freeSockets) + count(httpsPool.freeSockets),
  };
}

/** Closes every pooled socket (tests; the agent's shutdown). */
export function closePooledSockets(): void {
  httpPool.destroy();
  httpsPool.destroy();
}

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
/** A kept-alive socket the camera had already closed: the request never reached it. */
const STALE = new Set(['ECONNRESET', 'EPIPE']);

function classify(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (REFUSED.has(code)) return new TransportError('connect-refused', `connection failed (${code})`);
  if (code === 'ETIMEDOUT') return new TransportError('connect-timeout', 'connection timed out');
  if (/CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|EPROTO/.test(code)) return new TransportError('tls', `TLS handshake failed (${code})`);
  if (code === 'HPE_HEADER_OVERFLOW') return new TransportError('too-large', 'response headers too large');
  return new TransportError('reset', `connection closed by the camera${code === '' ? '' : ` (${code})`}`);
}

/** Undoes a content encoding the camera applied although we asked for identity, capped. */
function decoded(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return body;
  const opts = { maxOutputLength: maxBytes };
  try {
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(body, opts);
    if (e === 'deflate') return inflateSync(body, opts);
    if (e === 'br') return brotliDecompressSync(body, opts);
  } catch (err) {
    // Counted after decompression, so a gzip bomb stops at the cap.
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new TransportError('too-large', `decoded body over the ${maxBytes}-byte cap`);
    throw new TransportError('reset', `body not valid ${e}`);
  }
  throw new TransportError('reset', `unknown content encoding "${e.slice(0, 40)}"`);
}

function headersOf(res: IncomingMessage): ResponseHeaders {
  const h = res.headers;
  return {
    get(name: string): string | null {
      const v = h[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

interface Attempt {
  res?: HttpResponse;
  /** The error came from a reused socket before any answer: worth one retry on a fresh one. */
  stale?: boolean;
  err?: TransportError;
}

function once(
  u: URL,
  req: HttpRequest,
  deadline: { signal: AbortSignal; expired: () => boolean },
  started: number,
  fresh: boolean,
): Promise<Attempt> {
  const https = u.protocol === 'https:';
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  const options: RequestOptions = {
    method: req.method ?? 'GET',
    hostname: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port === '' ? undefined : Number(u.port),
    path: `${u.pathname}${u.search}`,
    headers: {
      'accept-encoding': 'identity',
      ...(body === undefined ? {} : { 'content-length': String(body.length) }),
      ...req.headers,
    },
    // A retry after a stale socket takes a connection of its own, outside the pool.
    agent: fresh ? false : https ? httpsPool : httpPool,
    maxHeaderSize: 16 * 1024,
  };
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    let answered = false;
    const finish = (a: Attempt): void => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onAbort);
      resolve(a);
    };
    const fail = (err: unknown): void => {
      if (deadline.signal.aborted) {
        finish({
          err: deadline.expired()
            ? new TransportError('deadline', 'no complete answer before the deadline')
            : new TransportError('aborted', 'aborted by shutdown'),
        });
        return;
      }
      const code = (err as { code?: string }).code ?? '';
      finish({ err: classify(err), stale: !answered && r.reusedSocket && STALE.has(code) });
    };
    const r = (https ? httpsRequest : httpRequest)(options, (res) => {
      answered = true;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        res.destroy();
        r.destroy();
        finish({ err: new TransportError('redirect', `redirect (${status}) refused`) });
        return;
      }
      const declared = Number(res.headers['content-length'] ?? '');
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        r.destroy();
        finish({ err: new TransportError('too-large', `body of ${declared} bytes is over the ${req.maxBytes}-byte cap`) });
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > req.maxBytes) {
          r.destroy();
          finish({ err: new TransportError('too-large', `body over the ${req.maxBytes}-byte cap`) });
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) {
          fail(Object.assign(new Error('incomplete'), { code: 'ECONNRESET' }));
          return;
        }
        let bodyBytes: Buffer;
        try {
          bodyBytes = decoded(Buffer.concat(chunks, total), res.headers['content-encoding'], req.maxBytes);
        } catch (err) {
          finish({ err: classify(err) });
          return;
        }
        finish({
          res: { status, headers: headersOf(res), body: bodyBytes, latencyMs: performance.now() - started, reusedSocket: r.reusedSocket },
        });
      });
    });
    const onAbort = (): void => {
      r.destroy();
      fail(new Error('aborted'));
    };
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    r.on('error', fail);
    r.end(body);
  });
}

export async function httpExchange(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  let u: URL;
  try {
    u = new URL(stripUserInfo(req.url));
  } catch {
    throw new TransportError('connect-refused', 'the camera address is not a URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new TransportError('connect-refused', `unsupported scheme ${u.protocol}`);
  // One controller per exchange, cleaned up in finally: AbortSignal.any/timeout on a long-lived
  // parent signal keep listeners and timers alive on Node 20, which costs memory at 10,000 cameras.
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, req.deadlineMs);
  const onOuterAbort = (): void => controller.abort();
  if (req.signal?.aborted === true) controller.abort();
  else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const deadline = { signal: controller.signal, expired: () => expired };
  try {
    let attempt = await once(u, req, deadline, started, false);
    // The camera closed a kept-alive connection just as we reused it: the request never reached
    // it, so one retry on a new connection is safe (and within the same deadline).
    if (attempt.stale === true) attempt = await once(u, req, deadline, started, true);
    if (attempt.res === undefined) throw attempt.err ?? new TransportError('reset', 'no answer');
    return attempt.res;
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * After a deadline, tells a host that never completed the TCP handshake (UNREACHABLE) from one
 * that accepted and then said nothing (NO_RESPONSE).
 */
export function tcpConnects(url: string, timeoutMs: number): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const u = new URL(url);
    host = u.hostname.replace(/^\[|\]$/g, '');
    port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    }
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}
