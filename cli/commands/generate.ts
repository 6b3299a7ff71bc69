import { defineCommand, stringFlag } from '../command';
import { info, printJson, progress, type Progress } from '../output';
import { openDatabase } from '../../db/open';
import { redactUrl } from '../../db/connect';
import { UserFacingError } from '../../db/errors';
import { loadGeneratedCity } from '../../gis-data/loaders/load-generated-city';
import { parseScale, SCALES } from '../../gis-data/generate/scales';

export default defineCommand({
  name: 'generate',
  summary: 'generate the demo county (or a benchmark city: --scale S|M|L) and load it',
  help: `Usage: xueliang generate [--scale demo|S|M|L] [--seed N] [--replace] [--json]

Generates a synthetic mountain county on a river, modelled on Ankang (Shaanxi), deterministically
from the seed, and loads it into the database: admin areas, roads, water, buildings, places,
target layers, about 2,000 cameras with GB/T 28181 ids, and the dataset settings. Every name says
it is generated demo data.
  --scale    demo (default, one county, ~2,000 cameras), S (~2,000 cameras), M (10 counties,
             ~20,000 cameras), L (50 counties, ~100,000 cameras)
  --seed     integer 0..4294967295 (default 1); the same seed always gives the same city
  --replace  delete the dataset already in the database first (refused without it)
  --json     print counts per table and timings`,
  options: { scale: { type: 'string' }, seed: { type: 'string' }, replace: { type: 'boolean' } },
  async run(ctx) {
    const rawScale = stringFlag(ctx, 'scale') ?? 'demo';
    const scale = parseScale(rawScale);
    if (scale === undefined) throw new UserFacingError(`--scale "${rawScale}" is not one of ${SCALES.join(', ')}.`);
    const rawSeed = stringFlag(ctx, 'seed') ?? '1';
    const seed = /^\d+$/.test(rawSeed) ? Number(rawSeed) : Number.NaN;
    if (!Number.isInteger(seed) || seed > 0xffffffff)
      throw new UserFacingError(`--seed must be an integer from 0 to 4294967295, got "${rawSeed}".`);
    const db = await openDatabase({ log: (l) => info(`• ${l}`) });
    try {
      info(`Generating the ${scale} city (seed ${seed}) into ${redactUrl(db.url)} ...`);
      let bar: Progress | undefined;
      const counts = await loadGeneratedCity(db.pool, {
        scale,
        seed,
        replace: ctx.values.replace === true,
        onProgress: (p) => {
          if (p.phase === 'clear') info('  deleting the existing dataset (--replace)');
          if (p.phase === 'county') {
            bar ??= progress('counties generated and loaded', p.counties);
            bar.tick(p.countiesDone);
          }
          if (p.phase === 'analyze') {
            bar?.done();
            info('  analyzing tables');
          }
        },
      });
      if (ctx.json) {
        printJson({ database: redactUrl(db.url), ...counts });
      } else {
        const t = counts.tables;
        info(
          `Loaded ${t.cameras.toLocaleString('en')} cameras, ${t.targets.toLocaleString('en')} targets (${counts.targetsByClass.intersection} intersections, ${counts.targetRoadKm} km of target road, ${counts.targetsByClass.hotspot} hotspots, ${counts.targetsByClass.crowded_place} crowded places), ${t.buildings.toLocaleString('en')} buildings, ${t.roads.toLocaleString('en')} roads, ${t.admin_areas} admin areas in ${(counts.timings.totalMs / 1000).toFixed(1)} s.`,
        );
      }
    } finally {
      await db.close();
    }
  },
});
