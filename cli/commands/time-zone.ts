import { defineCommand } from '../command';
import { info, printJson } from '../output';
import { datasetToday, readTimeZone, setTimeZone } from '../../db/dataset-time';
import { openDatabase } from '../../db/open';

export default defineCommand({
  name: 'time-zone',
  summary: "show or set the dataset's time zone (its days are every part's days)",
  help: `Usage: xueliang time-zone [ZONE] [--json]

Without ZONE: prints the dataset's time zone and today's date in it. With ZONE (an IANA name
such as Asia/Shanghai, Asia/Urumqi or UTC): sets it. The coverage engine's "today", the agent's
daily 在线率/完好率 aggregates, the status figures and every date default count days in this
zone (default Asia/Shanghai). Stored coverage follows at the next refresh or recompute; a
running agent takes the new zone when it restarts.`,
  allowPositionals: true,
  async run(ctx) {
    const db = await openDatabase({ quiet: ctx.json });
    try {
      const zone = ctx.positionals[0];
      if (zone !== undefined) await setTimeZone(db.pool, zone);
      const timeZone = await readTimeZone(db.pool);
      const today = await datasetToday(db.pool);
      if (ctx.json) printJson({ timeZone, today });
      else info(`${zone === undefined ? 'Time zone' : 'Time zone set'}: ${timeZone} (today is ${today} there).`);
    } finally {
      await db.close();
    }
  },
});
