// One HTTP exchange with a camera: Node's fetch under a deadline that covers the whole exchange
// (connect, headers and every byte of the body), a byte cap on the body, redirects refused
// (a camera must not send us, with its credentials, to another host), and failures sorted into
// the few kinds the health state machine needs. Error messages never carry credentials.
import { connect } from 'node:net';

export type TransportErrorKind =
  | 'connect-refused' // nothing listens, host or network unreachable, DNS failure
  | 'connect-timeout' // the TCP handshake never completed
  | 'deadline' // connected, but no complete answer in time (black hole, drip)
  | 'reset' // the peer closed the connection mid-exchange
  | 'too-large' // body over the byte cap
  | 'redirect' // 3xx: never followed
  | 'tls' // certificate rejected or TLS handshake failed
  | 'blocked-port' // fetch refuses the WHATWG "bad ports" (e.g. 6000, 10080) on principle
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

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  latencyMs: number;
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

const REFUSED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

function classifyFetchError(err: unknown, outer: AbortSignal | undefined): TransportError {
  if (outer?.aborted === true) return new TransportError('aborted', 'aborted by shutdown');
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return new TransportError('deadline', 'no complete answer before the deadline');
  const code = e.cause?.code ?? '';
  if ((e.cause as { message?: string } | undefined)?.message === 'bad port')
    return new TransportError('blocked-port', "the port is on fetch's blocked list");
  if (REFUSED.has(code)) return new TransportError('connect-refused', `connection failed (${code})`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new TransportError('connect-timeout', 'connection timed out');
  if (/CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO/.test(code)) return new TransportError('tls', `TLS handshake failed (${code})`);
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return new TransportError('too-large', 'response headers too large');
  return new TransportError('reset', `connection closed by the camera${code === '' ? '' : ` (${code})`}`);
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TransportError('too-large', `body of ${declared} bytes is over the ${maxBytes}-byte cap`);
  }
  if (res.body === null) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    // Counted after decompression, so a gzip bomb stops at the cap too.
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TransportError('too-large', `body over the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export async function httpExchange(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now();
  // One controller per exchange, cleaned up in finally: AbortSignal.any/timeout on a long-lived
  // parent signal keep listeners and timers alive on Node 20, which costs memory at 10,000 cameras.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.deadlineMs);
  const onOuterAbort = (): void => controller.abort();
  if (req.signal?.aborted === true) controller.abort();
  else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    let res: Response;
    try {
      res = await fetch(stripUserInfo(req.url), {
        method: req.method ?? 'GET',
        headers: { 'accept-encoding': 'identity', ...req.headers },
        body: req.body,
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (err) {
      throw classifyFetchError(err, req.signal);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new TransportError('redirect', `redirect (${res.status}) refused`);
    }
    let body: Buffer;
    try {
      body = await readCapped(res, req.maxBytes);
    } catch (err) {
      if (err instanceof TransportError) throw err;
      throw classifyFetchError(err, req.signal);
    }
    return { status: res.status, headers: res.headers, body, latencyMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * After a deadline, tells a host that never completed the TCP handshake (UNREACHABLE) from one
 * that accepted and then said nothing (NO_RESPONSE): fetch does not expose the connect phase.
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
