import { defineCommand } from '../command';
import { info, printJson } from '../output';
import { backupDatabase } from '../../db/backup/backup';
import { restoreDatabase } from '../../db/backup/restore';
import { clusterDataDir, ensureCluster, stopCluster } from '../../db/cluster';
import { checkDatabase, createPool, redactUrl, resolveDatabase } from '../../db/connect';
import { UserFacingError } from '../../db/errors';

const usingDatabaseUrl = () => process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '';

export default defineCommand({
  name: 'db',
  summary: 'the private PostgreSQL cluster (start, stop, url, status) and backups of the database (backup, restore)',
  help: `Usage: xueliang db start|stop|status|url [--json]
       xueliang db backup FILE [--json]
       xueliang db restore FILE [--replace] [--json]

  start    create (first time) and start the private cluster under .data/pg
  stop     stop it
  status   where it lives and whether it runs
  url      print its connection string (with the password: for scripts; keep it private)
  backup   write the whole database (DATABASE_URL, or the private cluster's) to FILE in
           PostgreSQL's custom dump format, recording the secret key's fingerprint in it
  restore  restore FILE into the database, which must be empty (--replace: replace everything in
           it). Refused, changing nothing, when the camera credentials in FILE were encrypted with
           a key that XUELIANG_SECRET_KEY / XUELIANG_SECRET_KEYS_OLD do not hold. Stop the server
           and the agent first.`,
  allowPositionals: true,
  options: { replace: { type: 'boolean' } },
  async run(ctx) {
    const action = ctx.positionals[0] ?? 'status';
    if (action === 'backup' || action === 'restore') {
      const file = ctx.positionals[1];
      if (file === undefined || file === '') throw new UserFacingError(`xueliang db ${action} needs a FILE.`, 2);
      const target = await resolveDatabase({ quiet: true });
      await checkDatabase(target.url);
      if (action === 'backup') {
        const pool = createPool(target.url, 2);
        try {
          const r = await backupDatabase(pool, target.url, file);
          if (ctx.json) printJson({ ...r, database: redactUrl(target.url) });
          else
            info(
              `Backed up ${redactUrl(target.url)} to ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB, PostgreSQL ${r.serverVersion}, ` +
                `key ${r.keyFingerprint}${r.credentialKeys.length === 0 ? ', no stored credentials' : ''}) in ${(r.ms / 1000).toFixed(1)} s.`,
            );
        } finally {
          await pool.end();
        }
        return 0;
      }
      const r = await restoreDatabase(target.url, file, { replace: ctx.values.replace === true });
      if (ctx.json) printJson(r);
      else
        info(
          `Restored ${r.file} (made ${r.backup.createdAt}) into ${r.database}${r.replaced ? ', replacing what was there' : ''}: ` +
            `${r.counts.cameras} cameras, ${r.counts.statusEvents} status events, ${r.counts.targets} targets, in ${(r.ms / 1000).toFixed(1)} s.`,
        );
      return 0;
    }
    if (usingDatabaseUrl() && action !== 'status') {
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
        throw new UserFacingError(`Unknown action "${action}": use start, stop, status, url, backup or restore.`, 2);
    }
  },
});
