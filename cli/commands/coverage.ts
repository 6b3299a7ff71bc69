import { defineCommand, stringFlag } from '../command';
import { info, printJson } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { dropAdhoc, evaluateAdhoc, loadCoverageSettings, queryRates, queryTimeline, recomputeCoverage, type AreaRates } from '../../api/domain/coverage';
import { findLevel } from '../../gis-data/optics';

export default defineCommand({
  name: 'coverage',
  summary: 'coverage rates (覆盖率) per target class for the city, each county and town',
  help: `Usage: xueliang coverage [--as-of YYYY-MM-DD] [--now] [--level NAME] [--no-occlusion]
                        [--area CODE] [--timeline] [--json]

Design coverage (installed cameras) by default; --now counts only working cameras.
  --as-of         cameras installed and not yet removed on that date (computed on the fly)
  --level NAME    evaluate every target at this detail level instead of its own
  --no-occlusion  ignore buildings (optics-only footprints)
  --area CODE     only this admin area and the areas under it (GB/T 2260 code)
  --timeline      add month-end rates, the 2020-12-31 state and the projected 100 % date
Figures come from the stored results of \`xueliang recompute\` (run first when nothing is stored).`,
  options: { 'as-of': { type: 'string' }, now: { type: 'boolean' }, level: { type: 'string' }, 'no-occlusion': { type: 'boolean' }, area: { type: 'string' }, timeline: { type: 'boolean' } },
  async run(ctx) {
    const asOf = stringFlag(ctx, 'as-of');
    if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) throw new UserFacingError(`--as-of "${asOf}" is not a date (YYYY-MM-DD).`, 2);
    const db = await openDatabase({ quiet: true });
    try {
      const s = await loadCoverageSettings(db.pool);
      const level = stringFlag(ctx, 'level');
      if (level !== undefined && findLevel(level, s.customLevels) === undefined) throw new UserFacingError(`--level "${level}" is not a detail level (see docs/contracts.md, Detail levels).`, 2);
      const stored = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM coverage_results')).rows[0]!.n);
      const parts = Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM coverage_target_parts')).rows[0]!.n);
      if (stored === 0 || parts === 0) {
        info('No stored coverage results: running `xueliang recompute` first.');
        await recomputeCoverage(db.pool, { onPhase: (p, ms) => info(`  ${p}: ${(ms / 1000).toFixed(1)} s`) });
      }
      const now = ctx.values.now === true;
      const occlusion = ctx.values['no-occlusion'] !== true;
      const oneOff = asOf !== undefined || level !== undefined || !occlusion;
      let areas: AreaRates[];
      if (oneOff) {
        const run = await evaluateAdhoc(db.pool, { asOf, now, level, occlusion });
        try {
          areas = await queryRates(db.pool, s, { runId: run.runId });
        } finally {
          await dropAdhoc(db.pool, run.runId);
        }
      } else areas = await queryRates(db.pool, s, { mode: now ? 'now' : 'design' });
      const area = stringFlag(ctx, 'area');
      if (area !== undefined) {
        if (!areas.some((a) => a.code === area)) throw new UserFacingError(`--area ${area}: no admin area with that code has targets.`);
        areas = areas.filter((a) => a.code !== null && a.code.startsWith(area));
      }
      const issues = (await db.pool.query<{ kind: string; n: string }>('SELECT kind, count(*) AS n FROM coverage_issues GROUP BY kind ORDER BY kind')).rows;
      const assumedTargets = areas.find((a) => a.areaId === null)?.classes;
      const result = {
        mode: now ? 'now' : 'design',
        asOf: asOf ?? new Date().toISOString().slice(0, 10),
        level: level ?? null,
        occlusion,
        source: oneOff ? 'computed' : 'stored',
        settings: { standard: s.standard, intersectionRadiusM: s.intersectionRadiusM, coveredShare: s.coveredShare, minGapM: s.minGapM, minSliverM2: s.minSliverM2, targetHeightM: s.targetHeightM },
        areas,
        assumed: {
          targets: Object.values(assumedTargets ?? {}).reduce((n, c) => n + (c?.assumedTargets ?? 0), 0),
          note: 'covered targets whose coverage rests on an assumed camera value (cameras.provenance) or an assumed building height',
        },
        issues: { total: issues.reduce((n, r) => n + Number(r.n), 0), byKind: Object.fromEntries(issues.map((r) => [r.kind, Number(r.n)])) },
        timeline: ctx.values.timeline === true ? await queryTimeline(db.pool, s) : undefined,
      };
      if (ctx.json) printJson(result);
      else {
        info(`Coverage (${result.mode}, as of ${result.asOf}${level === undefined ? '' : `, level ${level}`}${occlusion ? '' : ', no occlusion'}):`);
        for (const a of areas) {
          const parts = Object.entries(a.classes).map(([cls, r]) => `${cls} ${(r!.rate * 100).toFixed(1)} %`);
          info(`  ${(a.code ?? 'all').padEnd(9)} ${a.name.padEnd(16)} ${parts.join('  ')}`);
        }
        if (result.assumed.targets > 0) info(`  ${result.assumed.targets} covered targets rest on assumed values.`);
        if (result.issues.total > 0) info(`  ${result.issues.total} input issues (xueliang recompute lists them).`);
      }
    } finally {
      await db.close();
    }
  },
});
