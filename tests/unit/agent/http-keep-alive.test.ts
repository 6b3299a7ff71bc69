// The ONVIF HTTP client over node:http with keep-alive sockets (it replaced fetch): a poll's calls
// share one connection, a connection the camera closed while idle costs nothing, and every
// hardening fetch gave (deadline over the whole exchange, byte caps, redirects refused) holds.
// Real sockets on 127.0.0.1 against small scripted servers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closePooledSockets, httpExchange, TransportError } from '../../../camera-agent/onvif/http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end('ok');
let server: Server;
let base = '';
const connections: Socket[] = [];

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  server.on('connection', (s: Socket) => connections.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(() => {
  closePooledSockets();
  connections.length = 0;
  handler = (_req, res) => res.end('ok');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const req = (path = '/onvif/device_service', extra: Partial<Parameters<typeof httpExchange>[0]> = {}) =>
  httpExchange({ url: `${base}${path}`, method: 'POST', body: '<x/>', deadlineMs: 1000, maxBytes: 1024, ...extra });

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof TransportError ? err.kind : `other: ${String(err)}`;
  }
}

describe('keep-alive', () => {
  it("a poll's consecutive calls to one camera share one TCP connection", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await req());
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.reusedSocket)).toEqual([false, true, true, true]);
    expect(connections.length).toBe(1);
  });

  it('a kept-alive connection the camera closed while idle is replaced, and the call still succeeds', async () => {
    await req();
    expect(connections.length).toBe(1);
    // The camera drops the idle connection; our pool learns it only when it writes to it (or the
    // FIN arrives first). Either way the next call must answer, once.
    let served = 0;
    handler = (_req, res) => {
      served += 1;
      res.end('again');
    };
    connections[0]!.destroy();
    const res = await req();
    expect(res.body.toString()).toBe('again');
    expect(served).toBe(1);
  });

  it('a camera that resets the connection on the request itself is "reset", not retried forever', async () => {
    await req();
    let served = 0;
    handler = (r) => {
      served += 1;
      r.socket.destroy();
    };
    expect(await kindOf(req())).toBe('reset');
    // At most the one retry a reused socket earns.
    expect(served).toBeLessThanOrEqual(2);
  });

  it('idle sockets are closed by us long before the next 60 s poll', async () => {
    await req();
    const socket = connections[0]!;
    const closed = new Promise<boolean>((r) => socket.once('close', () => r(true)));
    const res = await Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), 6000))]);
    expect(res).toBe(true);
  }, 10_000);
});

describe('hardening kept from fetch', () => {
  it('an answer trickling one byte every 100 ms is cut at the deadline over the whole exchange', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/soap+xml' });
      const t = setInterval(() => {
        if (res.destroyed) clearInterval(t);
        else res.write('x');
      }, 100);
      res.on('close', () => clearInterval(t));
    };
    const t0 = performance.now();
    expect(await kindOf(req('/drip', { deadlineMs: 600 }))).toBe('deadline');
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('a body over the cap is refused whether or not Content-Length says so', async () => {
    handler = (_req, res) => res.end(Buffer.alloc(4096, 0x41));
    expect(await kindOf(req())).toBe('too-large');
    handler = (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      res.write(Buffer.alloc(800, 0x41));
      res.end(Buffer.alloc(800, 0x41));
    };
    expect(await kindOf(req())).toBe('too-large');
  });

  it('headers over 16 KB are too large', async () => {
    handler = (_req, res) => {
      res.setHeader('x-junk', 'j'.repeat(20_000));
      res.end('ok');
    };
    expect(await kindOf(req())).toBe('too-large');
  });

  it('a gzip body we did not ask for is inflated, and a bomb stops at the cap', async () => {
    const small = gzipSync('<ok/>');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(small);
    };
    expect((await req()).body.toString()).toBe('<ok/>');
    const bomb = gzipSync(Buffer.alloc(256 << 10));
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(bomb);
    };
    expect(bomb.length).toBeLessThan(1024);
    expect(await kindOf(req())).toBe('too-large');
  });

  it('a redirect is never followed, and credentials embedded in the URL never leave us', async () => {
    const seen: (string | undefined)[] = [];
    handler = (r, res) => {
      seen.push(r.headers.authorization);
      res.writeHead(302, { location: 'http://192.0.2.1/steal' });
      res.end();
    };
    expect(await kindOf(httpExchange({ url: `${base.replace('//', '//admin:secret@')}/x`, deadlineMs: 1000, maxBytes: 1024 }))).toBe(
      'redirect',
    );
    expect(seen).toEqual([undefined]);
  });

  it('shutdown aborts an exchange in flight as "aborted", not as a deadline', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await kindOf(req('/silent', { signal: controller.signal }))).toBe('aborted');
  });
});
