import { defineCommand } from '../command';
import { info, printJson, progress } from '../output';
import { openDatabase } from '../../db/open';
import { recomputeCoverage } from '../../coverage-engine';

export default defineCommand({
  name: 'recompute',
  summary: 'recompute footprints, per-target coverage, blind spots and the timeline',
  help: `Usage: xueliang recompute [--no-history] [--json]

Rebuilds everything the coverage figures come from: target parts, camera footprints (with
occlusion by buildings), per-target results for design coverage and coverage now, blind spots
with reasons, and the month-end history. Problems found (impossible optics, repaired polygons,
cameras or targets outside every admin area, unknown levels) are listed, never skipped silently.`,
  options: { 'no-history': { type: 'boolean' } },
  async run(ctx) {
    const db = await openDatabase({ quiet: true });
    try {
      const bars = new Map<string, ReturnType<typeof progress>>();
      const report = await recomputeCoverage(db.pool, {
        history: ctx.values['no-history'] !== true,
        onPhase: (p, ms) => info(`  ${p}: ${(ms / 1000).toFixed(1)} s`),
        onProgress: (phase, done, total) => {
          let bar = bars.get(phase);
          if (bar === undefined) bars.set(phase, (bar = progress(phase, total)));
          bar.tick(done);
        },
      });
      if (ctx.json) printJson(report);
      else {
        info(
          `Recomputed ${report.parts} target parts, ${report.cameras} cameras, ${report.footprints} footprints (levels ${report.levels.join(', ')}).`,
        );
        for (const i of report.issues.slice(0, 20)) info(`  ! ${i.message}`);
        if (report.issues.length > 20) info(`  … ${report.issues.length - 20} more issues (table coverage_issues)`);
      }
    } finally {
      await db.close();
    }
  },
});
