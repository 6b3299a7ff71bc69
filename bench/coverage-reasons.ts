// `npx tsx bench/coverage-reasons.ts --db xl_reasons_m [--out reasons.json] [--moves 40]`: times
// only the reasons phase of the full recompute and the incremental refresh of one camera, on an
// existing bench database (a copy of xl_bench_coverage_<scale> after a full recompute: it
// rewrites reasons and moves cameras there, so never point it at a database others use). The
// reason of every blind spot can be written to --out to check that a speed-up kept the answers.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPool } from '../db/connect';
import { resolveDatabase } from '../db/connect';
import { withDb } from './bench-database';
import { migrate } from '../db/migrate';
import { judgeAllReasons, refreshCameras, warmCoverageCache } from '../coverage-engine';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, out: { type: 'string' }, moves: { type: 'string' }, skip: { type: 'string' } },
  });
  const server = await resolveDatabase({ quiet: true });
  const url = withDb(server.url, values.db ?? 'xl_reasons_m');
  await migrate(url);
  const pool = createPool(url, 6);
  const skip = new Set((values.skip ?? '').split(','));
  const report: Record<string, unknown> = { db: values.db };
  try {
    if (!skip.has('reasons')) {
      // As after a full recompute's blind-spot phase: every piece but the down ones is no_camera.
      await pool.query("UPDATE coverage_blind_spots SET reason = 'no_camera' WHERE reason NOT IN ('camera_down', 'no_camera')");
      await pool.query('VACUUM coverage_blind_spots');
      const judged = await judgeAllReasons(pool);
      report.loadMs = Math.round(judged.loadMs);
      report.reasonsMs = Math.round(judged.reasonsMs);
      report.reasonPhasesMs = Object.fromEntries(Object.entries(judged.phasesMs).map(([k, v]) => [k, Math.round(v)]));
      report.counts = judged.counts;
      if (values.out !== undefined) {
        const { rows } = await pool.query<{ id: string; reason: string }>('SELECT id, reason FROM coverage_blind_spots ORDER BY id');
        writeFileSync(values.out, JSON.stringify(Object.fromEntries(rows.map((r) => [r.id, r.reason]))));
      }
      await pool.query('VACUUM coverage_blind_spots');
      console.log(JSON.stringify(report));
    }
    const moves = Number(values.moves ?? 40);
    if (moves > 0) {
      await warmCoverageCache(pool);
      const ids = (await pool.query<{ id: number }>('SELECT id::int AS id FROM cameras ORDER BY md5(id::text) LIMIT $1', [moves])).rows.map(
        (r) => r.id,
      );
      const times: number[] = [];
      const steps: Record<string, number[]> = {};
      const one = async (id: number) => {
        const timings: Record<string, number> = {};
        times.push((await refreshCameras(pool, [id], timings)).ms);
        for (const [k, v] of Object.entries(timings)) (steps[k] ??= []).push(v);
      };
      for (const id of ids) {
        await pool.query('UPDATE cameras SET geom = ST_Translate(geom, 0.0001, 0) WHERE id = $1', [id]);
        await one(id);
      }
      for (const id of ids) {
        await pool.query('UPDATE cameras SET geom = ST_Translate(geom, -0.0001, 0) WHERE id = $1', [id]);
        await one(id);
      }
      report.incremental = {
        n: times.length,
        medianMs: Math.round(median(times) * 10) / 10,
        worstMs: Math.round(Math.max(...times) * 10) / 10,
        stepMedianMs: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(median(v) * 10) / 10])),
        stepWorstMs: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(Math.max(...v) * 10) / 10])),
      };
    }
  } finally {
    await pool.end();
  }
  console.log(JSON.stringify(report));
}

await main();
