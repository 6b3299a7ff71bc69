import { defineCommand } from '../command';
import { info, printJson } from '../output';
import { clusterDataDir, ensureCluster, stopCluster } from '../../db/cluster';
import { redactUrl } from '../../db/connect';
import { UserFacingError } from '../../db/errors';

export default defineCommand({
  name: 'db',
  summary: 'manage the private PostgreSQL cluster (start, stop, url, status)',
  help: `Usage: xueliang db start|stop|status|url [--json]

  start   create (first time) and start the private cluster under .data/pg
  stop    stop it
  status  where it lives and whether it runs
  url     print its connection string (with the password: for scripts; keep it private)`,
  allowPositionals: true,
  async run(ctx) {
    const action = ctx.positionals[0] ?? 'status';
    if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '' && action !== 'status') {
      throw new UserFacingError('DATABASE_URL is set, so the private cluster is not in use. Unset it to manage the private cluster.');
    }
    switch (action) {
      case 'start':
      case 'status': {
        const c = await ensureCluster({ quiet: ctx.json });
        if (ctx.json) printJson({ dataDir: c.dataDir, port: c.port, url: redactUrl(c.url), running: true });
        else info(`Private cluster running: ${redactUrl(c.url)} (data in ${c.dataDir})`);
        return 0;
      }
      case 'url': {
        const c = await ensureCluster({ quiet: true });
        console.log(c.url);
        return 0;
      }
      case 'stop':
        stopCluster(clusterDataDir());
        info('Private cluster stopped.');
        return 0;
      default:
        throw new UserFacingError(`Unknown action "${action}": use start, stop, status or url.`);
    }
  },
});
