// The one HTTP server: API, tiles, /healthz, /metrics and the built web app on one port.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type pg from 'pg';
import { UserFacingError } from '../db/errors';
import { createApp, type XueliangApp } from './http/app';
import { warmGlyphRanges } from './domain/basemap/index';

export interface StartServerOptions {
  pool: pg.Pool;
  /** Default: PORT or 8080. 0 picks a free port (tests, benchmarks). */
  port?: number;
  /** Default: HOST or 127.0.0.1 (loopback: a deployment sets HOST, e.g. 0.0.0.0 or the video network's address). */
  host?: string;
  webDist?: string;
  /** Keep "coverage now" current on camera status changes (default true; benchmarks turn it off). */
  liveCoverage?: boolean;
  /** Make the map's first glyph ranges once listening, before anyone asks (default true). */
  warm?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  app: XueliangApp;
  close(): Promise<void>;
}

export function defaultPort(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserFacingError(`PORT="${raw}" is not a port number (1..65535).`);
  return port;
}

export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? defaultPort();
  const host = options.host ?? (process.env.HOST !== undefined && process.env.HOST !== '' ? process.env.HOST : '127.0.0.1');
  const xl = createApp({
    pool: options.pool,
    liveCoverage: options.liveCoverage ?? true,
    ...(options.webDist === undefined ? {} : { webDist: options.webDist }),
  });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: xl.app.fetch, port, hostname: host });
    server.once('error', (err: NodeJS.ErrnoException) => {
      void xl.close();
      if (err.code === 'EADDRINUSE') {
        reject(
          new UserFacingError(
            `Port ${port} is already in use (on ${host}). Stop the program using it, or choose another port: PORT=<n> (or xueliang serve --port <n>).`,
          ),
        );
      } else if (err.code === 'EACCES') {
        reject(
          new UserFacingError(`Not allowed to listen on port ${port}: ports below 1024 need privileges. Choose another with PORT=<n>.`),
        );
      } else {
        reject(err);
      }
    });
    server.once('listening', () => {
      const actual = (server.address() as AddressInfo).port;
      // The first map view's labels need these; a failure here is the request's to report later.
      if (options.warm !== false)
        warmGlyphRanges().catch((e: unknown) => console.error('[api] glyph warm-up failed:', (e as Error).message));
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${actual}`,
        port: actual,
        app: xl,
        async close() {
          await xl.close();
          await new Promise<void>((done) => {
            server.close(() => done());
            // Open SSE streams and keep-alive sockets must not hold shutdown.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          });
        },
      });
    });
  });
}
