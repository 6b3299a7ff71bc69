// `npm run bench:siting`: site suggestion on generated street-grid instances from 500 to 5,000
// candidates and up to 50,000 demand units (and the loaded county when there is one). For each
// instance: solve time, coverage reached, the certified gap to the best bound (and which method
// proved it), and greedy alone beside it. Writes bench-results/siting-<time>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateInstance } from '../gis-data/siting/generate';
import { lazyGreedy } from '../gis-data/siting/lazy-greedy';
import { solveMaxCoverage } from '../gis-data/siting/max-coverage';
import type { SitingLimit } from '../gis-data/siting/types';

interface Case {
  candidates: number;
  demand: number;
  limit: SitingLimit;
  costs: 'unit' | 'varied';
  backupShare?: number;
  /** Dense instances: most units are area cells on a tighter grid, so views overlap more. */
  dense?: boolean;
  seed: number;
}

const FULL: Case[] = [
  { candidates: 500, demand: 5_000, limit: { kind: 'count', cameras: 25 }, costs: 'unit', seed: 1 },
  { candidates: 500, demand: 5_000, limit: { kind: 'count', cameras: 100 }, costs: 'unit', seed: 2 },
  { candidates: 1_000, demand: 10_000, limit: { kind: 'count', cameras: 50 }, costs: 'unit', seed: 3 },
  { candidates: 1_000, demand: 10_000, limit: { kind: 'budget', cost: 150 }, costs: 'varied', seed: 4 },
  { candidates: 2_000, demand: 20_000, limit: { kind: 'count', cameras: 100 }, costs: 'unit', seed: 5 },
  { candidates: 2_000, demand: 20_000, limit: { kind: 'count', cameras: 200 }, costs: 'unit', backupShare: 0.3, seed: 6 },
  { candidates: 5_000, demand: 50_000, limit: { kind: 'count', cameras: 250 }, costs: 'unit', seed: 7 },
  { candidates: 5_000, demand: 50_000, limit: { kind: 'count', cameras: 500 }, costs: 'unit', seed: 8 },
  { candidates: 5_000, demand: 50_000, limit: { kind: 'budget', cost: 1_500 }, costs: 'varied', seed: 9 },
  { candidates: 5_000, demand: 50_000, limit: { kind: 'count', cameras: 500 }, costs: 'unit', backupShare: 0.3, seed: 10 },
  { candidates: 2_000, demand: 20_000, limit: { kind: 'count', cameras: 60 }, costs: 'unit', dense: true, seed: 11 },
  { candidates: 5_000, demand: 50_000, limit: { kind: 'count', cameras: 150 }, costs: 'unit', dense: true, seed: 12 },
];
const QUICK: Case[] = [FULL[0]!, FULL[3]!, FULL[6]!];

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const limitText = (l: SitingLimit, dense: boolean) => `${l.kind === 'count' ? `N=${l.cameras}` : `B=${l.cost}`}${dense ? '*' : ''}`;

export default async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, 'time-limit': { type: 'string' } }, strict: false });
  const timeLimitMs = values['time-limit'] === undefined ? 9_000 : Number(values['time-limit']) * 1000;
  const cases = values.quick === true ? QUICK : FULL;
  const rows: Record<string, unknown>[] = [];
  console.log(`siting benchmark: ${cases.length} generated instances, time limit ${timeLimitMs / 1000} s per solve`);
  console.log('candidates × units     limit   nnz      greedy ms  greedy cov  greedy gap  solve ms  coverage  gap      bound');
  for (const c of cases) {
    const g = generateInstance({
      candidates: c.candidates,
      demandUnits: c.demand,
      seed: c.seed,
      costs: c.costs,
      ...(c.backupShare === undefined ? {} : { backupShare: c.backupShare }),
      ...(c.dense === true ? { hotspotShare: 0.7, blockMeters: 80 } : {}),
    });
    const inst = g.inst;
    const t0 = performance.now();
    const greedy = lazyGreedy(inst, c.limit);
    const greedyMs = performance.now() - t0;
    const t1 = performance.now();
    const r = await solveMaxCoverage(inst, { limit: c.limit, timeLimitMs });
    const solveMs = performance.now() - t1;
    const greedyGap = r.bound > 0 ? (r.bound - greedy.state.value) / r.bound : 0;
    const row = {
      candidates: c.candidates,
      demandUnits: inst.demandCount,
      nonzeros: inst.coverIndex.length,
      limit: c.limit,
      costs: c.costs,
      backupShare: c.backupShare ?? 0,
      dense: c.dense === true,
      greedyMs,
      greedyCoverage: greedy.state.value / r.totalValue,
      greedyGap,
      solveMs,
      coverage: r.value / r.totalValue,
      gap: r.gap,
      bound: r.bound,
      boundSource: r.boundSource,
      optimal: r.optimal,
      stoppedByTime: r.stoppedByTime,
      timings: r.timings,
      cameras: r.picks.length,
    };
    rows.push(row);
    console.log(
      `${`${c.candidates} × ${inst.demandCount}`.padEnd(22)} ${limitText(c.limit, c.dense === true).padEnd(7)} ${String(inst.coverIndex.length).padEnd(8)} ` +
        `${greedyMs.toFixed(0).padStart(9)}  ${pct(row.greedyCoverage).padStart(10)}  ${pct(greedyGap).padStart(10)}  ${solveMs.toFixed(0).padStart(8)}  ${pct(row.coverage).padStart(8)}  ${pct(r.gap).padStart(7)}  ${r.boundSource}`,
    );
  }
  console.log('(* dense: 70 % area cells on an 80 m grid, so camera views overlap more)');
  const within3 = rows.filter((r) => (r.gap as number) <= 0.03).length;
  const largest = rows.filter((r) => r.candidates === 5_000);
  const worstLargeMs = Math.max(0, ...largest.map((r) => r.solveMs as number));
  const summary = {
    instances: rows.length,
    within3PercentOfBound: within3,
    shareWithin3Percent: within3 / rows.length,
    worstSolveMsAt5000x50000: largest.length > 0 ? worstLargeMs : null,
    meanGap: rows.reduce((s, r) => s + (r.gap as number), 0) / rows.length,
    meanGreedyGap: rows.reduce((s, r) => s + (r.greedyGap as number), 0) / rows.length,
  };
  console.log(
    `within 3 % of the bound: ${within3}/${rows.length} (target ≥ 90 %); mean gap ${pct(summary.meanGap)} (greedy alone ${pct(summary.meanGreedyGap)})`,
  );
  if (largest.length > 0) console.log(`worst solve at 5,000 × 50,000: ${(worstLargeMs / 1000).toFixed(2)} s (target < 10 s)`);
  const county = await benchCounty(timeLimitMs).catch((err: unknown) => ({ skipped: `county not benchmarked: ${(err as Error).message}` }));
  if ('skipped' in county) console.log(county.skipped);
  const dir = join(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `siting-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ suite: 'siting', at: new Date().toISOString(), timeLimitMs, rows, summary, county }, null, 2));
  console.log(`report: ${file}`);
}

/** The loaded county's remaining intersection blind spots, when the database holds data. */
async function benchCounty(timeLimitMs: number): Promise<Record<string, unknown>> {
  const { openDatabase } = await import('../db/open');
  const { suggestSites } = await import('../api/domain/siting/suggest');
  const db = await openDatabase({ quiet: true });
  try {
    const started = performance.now();
    const r = await suggestSites(db.pool, { limit: { kind: 'count', cameras: 20 }, classes: ['intersection'], timeLimitMs });
    const ms = performance.now() - started;
    console.log(
      `county (${db.url.replace(/\/\/[^@]*@/, '//')}): ${r.candidateCount} candidates × ${r.demandUnitCount} units, 20 cameras: ${ms.toFixed(0)} ms, gap ${pct(r.gap)} (${r.boundSource})`,
    );
    return {
      candidates: r.candidateCount,
      demandUnits: r.demandUnitCount,
      totalMs: ms,
      gap: r.gap,
      boundSource: r.boundSource,
      coverageGain: r.value,
    };
  } finally {
    await db.close();
  }
}
