import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { TARGET_CLASSES } from '../../coverage-engine';
import { blindSpotPage } from '../../api/domain/blind-spots/list';
import type { BlindSpotWhy } from '../../api/domain/blind-spots/explain';
import { BLIND_SPOT_REASONS } from '../../gis-data/coverage/blind-spot-reasons';

export default defineCommand({
  name: 'blind-spots',
  summary: 'list blind spots, most important first, with the reason for each',
  help: `Usage: xueliang blind-spots [--class C] [--area CODE] [--now] [--limit N] [--explain] [--json]

Ranked by priority × size, the score (a metre of road weighs like 10 m² of area).
  --class   intersection | road | hotspot | crowded_place
  --area    an admin area code; includes the areas under it
  --now     blind spots counting only working cameras (default: all installed cameras)
  --limit   how many (default 20)
  --explain the facts behind each reason: required level and px/m, the best camera's px/m and
            distance, the building that hides it, the near blind zone, the camera that is down

Reasons, most actionable first (a piece whose sample points disagree takes the earliest):
  ${BLIND_SPOT_REASONS.join(', ')}`,
  options: {
    class: { type: 'string' },
    area: { type: 'string' },
    limit: { type: 'string' },
    now: { type: 'boolean' },
    explain: { type: 'boolean' },
  },
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
      const res = await blindSpotPage(
        db.pool,
        { mode, class: cls, area: stringFlag(ctx, 'area'), limit },
        { explain: ctx.values.explain === true },
      );
      if (ctx.json) printJson({ mode, total: res.total, items: res.items });
      else {
        info(`${res.total} blind spots (${mode}); top ${res.items.length}:`);
        for (const b of res.items)
          info(
            `  ${b.class.padEnd(13)} ${(b.reason ?? '').padEnd(15)} ${b.measure.toFixed(1).padStart(9)} ${b.unit.padEnd(2)}  score ${b.score.toFixed(0).padStart(6)}  ${b.targetName ?? `target ${b.targetId}`}  ${b.areaName ?? ''}  (${b.lon.toFixed(5)}, ${b.lat.toFixed(5)})${b.why === undefined ? '' : `\n      ${whyLine(b.why)}`}`,
          );
      }
    } finally {
      await db.close();
    }
  },
});

function whyLine(w: BlindSpotWhy): string {
  const parts = [`required ${w.required.level} ${w.required.ppm} px/m`];
  if (w.best !== null) parts.push(`best ${w.best.deviceId} ${w.best.ppm} px/m at ${w.best.distanceM} m`);
  if (w.occluded !== null)
    parts.push(
      `hidden from ${w.occluded.deviceId} by building ${w.occluded.buildingId} (${w.occluded.buildingHeightM} m${w.occluded.buildingHeightAssumed ? ', assumed' : ''})`,
    );
  if (w.nearZone !== null)
    parts.push(`under ${w.nearZone.deviceId}, inside its near blind zone (${w.nearZone.distanceM} of ${w.nearZone.nearM} m)`);
  if (w.down !== null) parts.push(`${w.down.deviceId} ${w.down.state ?? 'down'} since ${w.down.since ?? '?'}`);
  if (w.best === null && w.occluded === null && w.nearZone === null && w.down === null)
    parts.push(
      w.nearest === null ? 'no camera within 400 m' : `no camera faces it (nearest ${w.nearest.deviceId} at ${w.nearest.distanceM} m)`,
    );
  return parts.join('; ');
}
