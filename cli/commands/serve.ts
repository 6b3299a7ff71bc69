import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { REPO_ROOT } from '../../db/cluster';
import { openDatabase } from '../../db/open';
import { startServer } from '../../api/server';
import { restoreAfterBulkLoad, warmCoverageCache } from '../../coverage-engine';

export default defineCommand({
  name: 'serve',
  summary: 'run the HTTP server: API, vector tiles, /healthz, /metrics and the built web app',
  help: `Usage: xueliang serve [--port N] [--host H] [--json]

  --port N   port (default: PORT or 8080)
  --host H   address to listen on (default: HOST or 127.0.0.1)

Serves /api/v1 (OpenAPI page at /api/v1/docs), /tiles, /healthz, /metrics and web/dist when it
has been built. Stops on Ctrl-C or SIGTERM.
Environment: XUELIANG_UPLOAD_LIMIT_MB (import upload limit, default 256),
XUELIANG_TRUST_PROXY=1 (use X-Forwarded-For behind a reverse proxy).`,
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run(ctx) {
    const db = await openDatabase({ quiet: true });
    // A recompute that died during a bulk load left its tables' indexes and keys off: put them
    // back first.
    await restoreAfterBulkLoad(db.pool);
    const webDist = join(REPO_ROOT, 'web', 'dist');
    const host = stringFlag(ctx, 'host');
    const port = numberFlag(ctx, 'port');
    let server;
    try {
      server = await startServer({
        pool: db.pool,
        ...(port === undefined ? {} : { port }),
        ...(host === undefined ? {} : { host }),
        ...(existsSync(join(webDist, 'index.html')) ? { webDist } : {}),
      });
    } catch (err) {
      await db.close();
      throw err;
    }
    if (ctx.json) printJson({ url: server.url, port: server.port });
    else info(`API listening on ${server.url} (OpenAPI page: ${server.url}/api/v1/docs)`);
    // Load the coverage scene now, so the first camera edit or status change refreshes fast.
    const warmStart = Date.now();
    warmCoverageCache(db.pool).then(
      () => info(`coverage cache warmed (${((Date.now() - warmStart) / 1000).toFixed(1)} s)`),
      (err: Error) => info(`coverage cache not warmed: ${err.message}`),
    );
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        // A second signal, or a shutdown that hangs, must still end the process promptly.
        setTimeout(() => process.exit(1), 5000).unref();
        void server
          .close()
          .then(() => db.close())
          .finally(() => {
            resolve();
            // Whatever a route module left running (a cache timer, a half-open socket) must not
            // keep the process alive once the server and the pool are closed.
            setImmediate(() => process.exit(process.exitCode ?? 0));
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});
