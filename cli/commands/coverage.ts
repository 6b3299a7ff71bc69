import { defineCommand, stringFlag } from '../command';
import { info, printJson } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { coverageReport, CoverageQueryError } from '../../coverage-engine';

export default defineCommand({
  name: 'coverage',
  summary: 'coverage rates (覆盖率) per target class for the city, each county and town',
  help: `Usage: xueliang coverage [--as-of YYYY-MM-DD] [--now] [--level NAME] [--no-occlusion]
                        [--area CODE] [--timeline] [--resource-classes 1,2,3]
                        [--integration] [--json]

Design coverage (installed cameras) by default; --now counts only working cameras.
  --as-of         cameras installed and not yet removed on that date (computed on the fly)
  --level NAME    evaluate every target at this detail level instead of its own
  --no-occlusion  ignore buildings (optics-only footprints)
  --area CODE     only this admin area and the areas under it (GB/T 2260 code)
  --timeline      add month-end rates, the 2020-12-31 state and the projected 100 % date
  --resource-classes LIST  count only cameras of these resource classes: 1 一类 (public
                  security), 2 二类 (government and industry), 3 三类 (social units)
  --integration   add 一类 cameras alone beside every camera, per area: what integrating
                  二类/三类 cameras adds (computed on the fly)
Figures come from the stored results of \`xueliang recompute\` (run first when nothing is stored).`,
  options: {
    'as-of': { type: 'string' },
    now: { type: 'boolean' },
    level: { type: 'string' },
    'no-occlusion': { type: 'boolean' },
    area: { type: 'string' },
    timeline: { type: 'boolean' },
    'resource-classes': { type: 'string' },
    integration: { type: 'boolean' },
  },
  async run(ctx) {
    const db = await openDatabase({ quiet: true });
    try {
      const level = stringFlag(ctx, 'level');
      const classesFlag = stringFlag(ctx, 'resource-classes');
      if (classesFlag !== undefined && !/^[1-3](,[1-3])*$/.test(classesFlag))
        throw new UserFacingError(`--resource-classes: expected 1, 2, 3 separated by commas (一类, 二类, 三类), got "${classesFlag}".`, 2);
      const result = await coverageReport(db.pool, {
        asOf: stringFlag(ctx, 'as-of'),
        now: ctx.values.now === true,
        level,
        occlusion: ctx.values['no-occlusion'] !== true,
        area: stringFlag(ctx, 'area'),
        timeline: ctx.values.timeline === true,
        ...(classesFlag === undefined ? {} : { resourceClasses: classesFlag.split(',').map(Number) }),
        integration: ctx.values.integration === true,
        onInfo: info,
      }).catch((e: unknown) => {
        if (e instanceof CoverageQueryError)
          throw new UserFacingError(`--${{ asOf: 'as-of', resourceClasses: 'resource-classes' }[e.field] ?? e.field}: ${e.message}`, 2);
        throw e;
      });
      if (ctx.json) printJson(result);
      else {
        info(
          `Coverage (${result.mode}, as of ${result.asOf}${level === undefined ? '' : `, level ${level}`}${result.occlusion ? '' : ', no occlusion'}):`,
        );
        if (result.mode === 'now' && (result.statusFrom === null || result.asOf < result.statusFrom))
          info(
            `  No monitoring records then (${result.statusFrom === null ? 'no camera status recorded yet' : `status records begin ${result.statusFrom}`}): coverage now is unknown.`,
          );
        for (const a of result.areas) {
          const parts = Object.entries(a.classes).map(([cls, r]) => `${cls} ${r!.rate === null ? '—' : `${(r!.rate * 100).toFixed(1)} %`}`);
          info(`  ${(a.code ?? 'all').padEnd(9)} ${a.name.padEnd(16)} ${parts.join('  ')}`);
        }
        if (result.resourceClasses !== null) info(`  Counting only cameras of resource class ${result.resourceClasses.join(', ')}.`);
        if (result.integration !== undefined) {
          info('Public-security cameras (一类) alone → with integrated 二类/三类 cameras:');
          for (const a of result.integration) {
            const parts = Object.entries(a.classes).map(
              ([cls, r]) =>
                `${cls} ${(r!.publicSecurity * 100).toFixed(1)} → ${(r!.integrated * 100).toFixed(1)} % (+${(r!.added * 100).toFixed(1)})`,
            );
            info(`  ${(a.code ?? 'all').padEnd(9)} ${a.name.padEnd(16)} ${parts.join('  ')}`);
          }
        }
        if (result.assumed.targets > 0) info(`  ${result.assumed.targets} covered targets rest on assumed values.`);
        if (result.issues.total > 0) info(`  ${result.issues.total} input issues (xueliang recompute lists them).`);
        if (result.timeline !== undefined) {
          for (const p of result.timeline.projection)
            info(
              `  ${p.class}: ${(p.rateNow * 100).toFixed(1)} % now, ${(p.rateYearAgo * 100).toFixed(1)} % a year ago; 100 % ${p.alreadyFull ? 'reached' : (p.fullDate ?? 'not at this pace')}`,
            );
        }
      }
    } finally {
      await db.close();
    }
  },
});
