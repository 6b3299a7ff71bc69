// `xueliang suggest`: the best sites for the next cameras on the loaded data, with the certified
// gap to the best possible; optionally saved as a plan the planning workspace opens.
import { defineCommand, numberFlag, stringFlag, type CommandContext } from '../command';
import { info, printJson } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { ApiError } from '../../api/errors';
import { suggestSites, SITING_CLASSES, type SitingClass, type SuggestOptions } from '../../api/domain/siting';
import { createPlan, planFromSuggestion } from '../../api/domain/plans';

function classList(ctx: CommandContext, name: string): SitingClass[] | undefined {
  const raw = ctx.values[name];
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) return undefined;
  for (const c of list)
    if (!(SITING_CLASSES as readonly string[]).includes(c))
      throw new UserFacingError(`--${name} "${c}" is not a target class: use ${SITING_CLASSES.join(', ')}.`);
  return list as SitingClass[];
}

function targetRates(raw: string | undefined): Partial<Record<SitingClass, number>> | undefined {
  if (raw === undefined) return undefined;
  const out: Partial<Record<SitingClass, number>> = {};
  for (const part of raw.split(',')) {
    const [cls, pct] = part.split('=');
    const rate = Number(pct?.replace('%', '')) / 100;
    if (cls === undefined || !(SITING_CLASSES as readonly string[]).includes(cls) || !(rate > 0 && rate <= 1)) {
      throw new UserFacingError(`--target "${part}" should look like intersection=100 (a class and a percentage in (0, 100]).`);
    }
    out[cls as SitingClass] = rate;
  }
  return out;
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

export default defineCommand({
  name: 'suggest',
  summary: 'suggest sites for new cameras, with a proof of how close to optimal they are',
  help: `Usage: xueliang suggest (--budget N | --max-cost X | --target CLASS=PCT[,...]) [options] [--json]

Finds the best sites for new cameras on the uncovered units of the target layers (intersection
discs, 50 m road pieces, 25 m cells of hotspots and crowded places), judged at each target's
required detail level with occlusion by buildings. Candidates: poles at intersections and every
60 m along target roads, building walls near intersections, existing camera poles, and manual
sites; camera models from the catalog. Every answer says how far it can be from the best
possible (the certified gap), and which method proved the bound.
  --budget N       the best N cameras (problem a)
  --max-cost X     the best within a total cost X in the catalog's currency (problem a)
  --target C=P     the least cost reaching P % of class C, e.g. --target intersection=100 (problem b)
  --backup C       units of class C need two cameras (backup coverage, problem c); repeatable
  --class C        only units of these classes count (repeatable or comma-separated)
  --now            coverage now: only working cameras count as coverage already there
  --area CODE      one county or town (GB/T 2260 code)
  --time-limit S   seconds for the solver (default 10)
  --save NAME      also save the answer as a plan with this name
  --json           print the result (fields in docs/cli.md)`,
  options: {
    budget: { type: 'string' },
    'max-cost': { type: 'string' },
    target: { type: 'string' },
    backup: { type: 'string', multiple: true },
    class: { type: 'string', multiple: true },
    now: { type: 'boolean' },
    area: { type: 'string' },
    'time-limit': { type: 'string' },
    save: { type: 'string' },
    headings: { type: 'string' },
  },
  async run(ctx) {
    const budget = numberFlag(ctx, 'budget');
    const maxCost = numberFlag(ctx, 'max-cost');
    const rates = targetRates(stringFlag(ctx, 'target'));
    const given = [budget, maxCost, rates].filter((x) => x !== undefined).length;
    if (given !== 1) throw new UserFacingError('Give exactly one of --budget N (cameras), --max-cost X or --target CLASS=PCT.');
    if (budget !== undefined && (!Number.isInteger(budget) || budget <= 0))
      throw new UserFacingError(`--budget must be a positive whole number of cameras, got ${budget}.`);
    if (maxCost !== undefined && !(maxCost > 0 && maxCost < 1e12))
      throw new UserFacingError(`--max-cost must be a positive amount below 10^12, got ${maxCost}.`);
    const timeLimit = numberFlag(ctx, 'time-limit') ?? 10;
    if (!(timeLimit > 0 && timeLimit <= 600)) throw new UserFacingError(`--time-limit must be in (0, 600] seconds, got ${timeLimit}.`);
    const classes = classList(ctx, 'class');
    const backupClasses = classList(ctx, 'backup');
    const area = stringFlag(ctx, 'area');
    const headings = numberFlag(ctx, 'headings');
    const options: SuggestOptions = {
      ...(budget === undefined ? {} : { limit: { kind: 'count' as const, cameras: budget } }),
      ...(maxCost === undefined ? {} : { limit: { kind: 'budget' as const, cost: maxCost } }),
      ...(rates === undefined ? {} : { targetRates: rates }),
      ...(classes === undefined ? {} : { classes }),
      ...(backupClasses === undefined ? {} : { backupClasses }),
      ...(area === undefined ? {} : { areaCode: area }),
      ...(headings === undefined ? {} : { headings }),
      now: ctx.values.now === true,
      timeLimitMs: timeLimit * 1000,
    };
    const db = await openDatabase();
    try {
      info('Building candidates, demand units and what each candidate would see ...');
      const result = await suggestSites(db.pool, options).catch((err: unknown) => {
        if (err instanceof ApiError) throw new UserFacingError(`${err.message}${err.field === undefined ? '' : ` (${err.field})`}`);
        throw err;
      });
      const save = stringFlag(ctx, 'save');
      const planId =
        save === undefined
          ? null
          : (await createPlan(db.pool, planFromSuggestion(result, save), { actor: { id: null, username: 'cli' } })).id;
      if (ctx.json) {
        printJson({ ...result, planId });
        return result.feasible ? 0 : 3;
      }
      info(
        `${result.candidateCount.toLocaleString('en')} candidate cameras at ${result.siteCount.toLocaleString('en')} sites; ${result.uncoveredUnitCount.toLocaleString('en')} of ${result.demandUnitCount.toLocaleString('en')} units still need coverage (${result.mode}).`,
      );
      for (const s of result.sites) {
        info(
          `${String(s.rank).padStart(3)}. ${s.lon.toFixed(6)}, ${s.lat.toFixed(6)}  ${s.kind.padEnd(17)} ${s.modelName} ${s.azimuthDeg === null ? '360°' : `→ ${s.azimuthDeg}°`}  gain ${s.marginalGain.toFixed(2)}  covers ${s.covers.units} unit(s) of ${s.covers.targetIds.length} target(s)`,
        );
      }
      const unit = (u: string) => (u === 'count' ? '' : u === 'm' ? ' m' : ' m²');
      info(
        `Coverage (the coverage engine, ${result.confirmation.mode}${result.confirmation.area === null ? '' : `, area ${result.confirmation.area}`}):`,
      );
      for (const r of result.rates)
        info(
          `  ${r.className}: ${pct(r.before)} → ${pct(r.after)} (${r.coveredBefore.toLocaleString('en')} → ${r.coveredAfter.toLocaleString('en')}${unit(r.unit)} of ${r.total.toLocaleString('en')})`,
        );
      info("The search's own estimate on its demand units (what it optimised):");
      for (const r of result.searchRates) info(`  ${r.className}: ${pct(r.before)} → ${pct(r.after)}`);
      info(
        `Cost ${result.totalCost.toLocaleString('en')}. Within ${pct(result.gap)} of the best possible (bound: ${result.boundSource}${result.optimal ? ', proven optimal' : ''}).`,
      );
      for (const n of result.notes) info(`Note: ${n}`);
      if (planId !== null) info(`Saved as plan ${planId}.`);
      if (!result.feasible) {
        info('The target cannot be reached with these candidates; the answer above goes as far as they allow.');
        return 3;
      }
    } finally {
      await db.close();
    }
  },
});
