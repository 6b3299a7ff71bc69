import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { listBlindSpots, TARGET_CLASSES } from '../../coverage-engine';
import { BLIND_SPOT_REASONS } from '../../gis-data/coverage/blind-spot-reasons';

export default defineCommand({
  name: 'blind-spots',
  summary: 'list blind spots, most important first, with the reason for each',
  help: `Usage: xueliang blind-spots [--class C] [--area CODE] [--now] [--limit N] [--json]

Ranked by priority × size (a metre of road weighs like 10 m² of area).
  --class   intersection | road | hotspot | crowded_place
  --area    an admin area code; includes the areas under it
  --now     blind spots counting only working cameras (default: all installed cameras)
  --limit   how many (default 20)

Reasons, most actionable first (a piece whose sample points disagree takes the earliest):
  ${BLIND_SPOT_REASONS.join(', ')}`,
  options: { class: { type: 'string' }, area: { type: 'string' }, limit: { type: 'string' }, now: { type: 'boolean' } },
  async run(ctx) {
    const cls = stringFlag(ctx, 'class');
    if (cls !== undefined && !(TARGET_CLASSES as string[]).includes(cls))
      throw new UserFacingError(`--class "${cls}" is not one of ${TARGET_CLASSES.join(', ')}.`, 2);
    const limit = numberFlag(ctx, 'limit') ?? 20;
    if (!(limit > 0 && Number.isInteger(limit))) throw new UserFacingError('--limit must be a positive whole number.', 2);
    const db = await openDatabase({ quiet: true });
    try {
      const stored = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM coverage_results')).rows[0]!.n);
      if (stored === 0) throw new UserFacingError('No coverage results are stored yet: run `xueliang recompute` first.');
      const mode = ctx.values.now === true ? 'now' : 'design';
      const res = await listBlindSpots(db.pool, { mode, class: cls, area: stringFlag(ctx, 'area'), limit });
      if (ctx.json) printJson({ mode, total: res.total, items: res.items });
      else {
        info(`${res.total} blind spots (${mode}); top ${res.items.length}:`);
        for (const b of res.items)
          info(
            `  ${b.class.padEnd(13)} ${b.reason.padEnd(15)} ${b.measure.toFixed(1).padStart(9)} ${b.unit.padEnd(2)}  ${b.targetName ?? `target ${b.targetId}`}  ${b.areaName ?? ''}  (${b.lon.toFixed(5)}, ${b.lat.toFixed(5)})`,
          );
      }
    } finally {
      await db.close();
    }
  },
});
