import { defineCommand } from '../command';
import { info, printJson } from '../output';
import { checkDatabase, redactUrl, resolveDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';

export default defineCommand({
  name: 'migrate',
  summary: 'apply the numbered SQL migrations in migrations/ that the database lacks',
  help: `Usage: xueliang migrate [--json]

Applies every migration in migrations/ not yet recorded in schema_migrations, in order, each in
its own transaction. An applied migration whose file was edited since is an error.`,
  async run(ctx) {
    const target = await resolveDatabase({ quiet: ctx.json });
    await checkDatabase(target.url);
    const result = await migrate(target.url, { log: (l) => info(`• ${l}`) });
    if (ctx.json) printJson({ database: redactUrl(target.url), ...result });
    else
      info(
        result.applied.length === 0
          ? `Schema is up to date (${result.alreadyApplied} migrations).`
          : `Applied ${result.applied.length} migration(s).`,
      );
  },
});
