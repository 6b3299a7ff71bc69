// Measurements of the engine's inner steps for the benchmarks (bench/coverage*.ts), kept inside
// the engine so the benchmarks use its public interface like everyone else.
import type pg from 'pg';
import { assignReasons } from './assign-reasons';
import { levelsInUse } from './engine';
import { footprintCopyBinary } from './footprint-rows';
import { loadBuildings, loadCameras } from './scene';
import { loadCoverageSettings } from './settings';

/** The exact footprint sweep on this thread over up to `maxCameras` cameras: ms per camera (after a warm-up). */
export async function sweepMsPerCamera(pool: pg.Pool, maxCameras = 3000): Promise<number> {
  const s = await loadCoverageSettings(pool);
  const [{ cameras }, buildings, levels] = await Promise.all([
    loadCameras(pool),
    loadBuildings(pool, s.defaultBuildingHeightM),
    levelsInUse(pool, s),
  ]);
  const sample = cameras.filter((_, i) => i % Math.max(1, Math.floor(cameras.length / maxCameras)) === 0).slice(0, maxCameras);
  const o = { occlusion: true, targetHeightM: s.targetHeightM, arcStepDeg: s.arcStepDeg };
  footprintCopyBinary(sample.slice(0, 200), buildings, levels, o);
  const t = performance.now();
  footprintCopyBinary(sample, buildings, levels, o);
  return Math.round(((performance.now() - t) / Math.max(1, sample.length)) * 1000) / 1000;
}

/**
 * Judges the reason of every stored blind spot again, as the full recompute's reasons phase does
 * (design, then now), with the whole scene loaded first. Returns the load time, the judging time
 * and the step timings of assignReasons.
 */
export async function judgeAllReasons(
  pool: pg.Pool,
): Promise<{ loadMs: number; reasonsMs: number; phasesMs: Record<string, number>; counts: { design: unknown; now: unknown } }> {
  const s = await loadCoverageSettings(pool);
  let t = performance.now();
  const { cameras } = await loadCameras(pool);
  const buildings = await loadBuildings(pool, s.defaultBuildingHeightM);
  const loadMs = performance.now() - t;
  t = performance.now();
  const timings: Record<string, number> = {};
  const design = await assignReasons(pool, ['design'], null, cameras, buildings, s, { timings });
  const now = await assignReasons(pool, ['now'], null, cameras, buildings, s, { timings });
  return { loadMs, reasonsMs: performance.now() - t, phasesMs: timings, counts: { design, now } };
}
