import { defineCommand } from '../command';
import { info, printJson } from '../output';
import { checkDatabase, redactUrl, resolveDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';

export default defineCommand({
  name: 'migrate',
  summary: 'apply the numbered migrations the database lacks and the changed function and view files',
  help: `Usage: xueliang migrate [--json]

Applies every migration in migrations/ not yet recorded in schema_migrations, in order, each in
its own transaction. An applied migration whose file was edited since is an error. Then applies
every file in migrations/repeatable/ (one function or view each) whose text differs from the one
recorded in schema_repeatables, in dependency order, in one transaction; the function or view of
a deleted file is dropped.`,
  async run(ctx) {
    const target = await resolveDatabase({ quiet: ctx.json });
    await checkDatabase(target.url);
    const result = await migrate(target.url, { log: (l) => info(`• ${l}`) });
    if (ctx.json) printJson({ database: redactUrl(target.url), ...result });
    else
      info(
        result.applied.length === 0 && result.repeatable.applied.length === 0 && result.repeatable.dropped.length === 0
          ? `Schema is up to date (${result.alreadyApplied} migrations, ${result.repeatable.unchanged} functions and views).`
          : `Applied ${result.applied.length} migration(s) and ${result.repeatable.applied.length} function or view file(s)` +
              (result.repeatable.dropped.length === 0 ? '.' : `; dropped ${result.repeatable.dropped.join(', ')}.`),
      );
  },
});
