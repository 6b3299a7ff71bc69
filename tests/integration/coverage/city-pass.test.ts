// The city pass (evaluate-all.ts: binary COPY, one-dimensional road cuts, boundary tests, a
// Clipper2 overlay only for partly seen polygons) must leave what the per-part SQL function and
// the SQL blind-spot derivation leave (GEOS): those are what the incremental refresh runs, so any
// difference would make a refreshed target disagree with a recomputed one. The same rows, the
// same cameras and reasons; lengths and areas to 2e-3 (m, m², the two overlays round
// differently below 1e-4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage, loadCoverageSettings } from '../../../coverage-engine';
import { assignReasons, deriveAllBlindSpots, evaluateParts } from '../../../coverage-engine/engine';
import { loadBuildings, loadCameras } from '../../../coverage-engine/scene';
import { rebuildAllResults } from '../../../coverage-engine/evaluate-all';
import { runBatches } from '../../../db/run-batches';
import { SQL } from '../../../coverage-engine/sql';
import { loadScene, makeScene, ORIGIN } from './synthetic-scene';
import { expectClose } from '../../helpers/close-rows';

let db: TestDatabase;

const [ox, oy] = ORIGIN;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(11, 4));
  // Shapes the grid lacks: a bent road of two members, a small crowded place, a hotspot with a
  // hole, and a polygon given the class "road" (SQL keeps only lines for roads).
  const extra = [
    [
      'road',
      `MULTILINESTRING((${ox + 10} ${oy + 30},${ox + 200} ${oy + 55},${ox + 330} ${oy + 200}),(${ox + 330} ${oy + 200},${ox + 420} ${oy + 420}))`,
    ],
    [
      'crowded_place',
      `POLYGON((${ox + 115} ${oy + 115},${ox + 128} ${oy + 115},${ox + 128} ${oy + 126},${ox + 115} ${oy + 126},${ox + 115} ${oy + 115}))`,
    ],
    [
      'hotspot',
      `POLYGON((${ox + 220} ${oy + 220},${ox + 320} ${oy + 220},${ox + 320} ${oy + 300},${ox + 220} ${oy + 300},${ox + 220} ${oy + 220}),(${ox + 250} ${oy + 250},${ox + 270} ${oy + 250},${ox + 270} ${oy + 270},${ox + 250} ${oy + 270},${ox + 250} ${oy + 250}))`,
    ],
    ['road', `POLYGON((${ox + 5} ${oy + 5},${ox + 25} ${oy + 5},${ox + 25} ${oy + 15},${ox + 5} ${oy + 15},${ox + 5} ${oy + 5}))`],
  ];
  for (const [cls, wkt] of extra) {
    await db.pool.query(
      `INSERT INTO targets (class, required_level, geom) VALUES ($1, 'detect', ST_Transform(ST_GeomFromText($2, 32649), 4326))`,
      [cls, wkt],
    );
  }
  await recomputeCoverage(db.pool, { history: false });
});
afterAll(async () => db.drop());

async function results() {
  const { rows } = await db.pool.query(
    `SELECT p.target_id || '/' || p.part_no AS part, r.mode, round(r.covered::numeric, 3)::float8 AS covered, r.camera_ids::text AS ids, r.assumed,
            ST_IsEmpty(r.uncovered_m) AS empty, round((CASE WHEN ST_Dimension(r.uncovered_m) = 1 THEN ST_Length(r.uncovered_m) ELSE ST_Area(r.uncovered_m) END)::numeric, 3)::float8 AS left
     FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id ORDER BY 1, 2`,
  );
  return rows;
}

async function blindSpots() {
  const { rows } = await db.pool.query(
    `SELECT target_id::int, mode, reason, class, admin_area_id, priority, round(measure::numeric, 3)::float8 AS measure,
            ST_Area(geom_m) AS area_m, ST_Length(geom_m) AS length_m, ST_GeometryType(geom_m) AS type
     FROM coverage_blind_spots ORDER BY 1, 2, 3, 7`,
  );
  return rows;
}

describe('the city pass', () => {
  it('leaves the results and blind spots the per-part SQL path leaves, cameras down included', async () => {
    const s = await loadCoverageSettings(db.pool);
    // Both before reasons are given (the recompute's next step), so both say no_camera/camera_down.
    await rebuildAllResults(db.pool, s);
    const city = { results: await results(), spots: await blindSpots() };
    expect(city.results.length).toBeGreaterThan(100);
    expect(city.spots.some((x) => x.reason === 'camera_down' && x.class === 'road')).toBe(true);
    expect(city.spots.some((x) => x.type === 'ST_LineString') && city.spots.some((x) => x.type === 'ST_Polygon')).toBe(true);
    // Polygons only partly lost to cameras down: the overlay's "now less design" pieces.
    expect(city.spots.some((x) => x.reason === 'camera_down' && x.type === 'ST_Polygon')).toBe(true);

    await db.pool.query('TRUNCATE coverage_results');
    await evaluateParts(db.pool, null, async () =>
      (await db.pool.query<{ id: number }>('SELECT id::int AS id FROM coverage_target_parts ORDER BY id')).rows.map((r) => r.id),
    );
    await deriveAllBlindSpots(db.pool, s);
    expectClose(await results(), city.results);
    expectClose(await blindSpots(), city.spots);
  });

  it("counts each stretch of a road once in its 'now' blind spots, in both derivations", async () => {
    const s = await loadCoverageSettings(db.pool);
    const check = async () => {
      const { rows } = await db.pool.query<{ target_id: number; spots: number; gaps: number }>(
        `SELECT b.target_id::int, b.spots, g.gaps FROM
           (SELECT target_id, sum(measure) AS spots FROM coverage_blind_spots WHERE mode = 'now' AND class = 'road' GROUP BY 1) b
         JOIN (SELECT p.target_id, sum(ST_Length(r.uncovered_m)) AS gaps FROM coverage_results r JOIN coverage_target_parts p ON p.id = r.part_id
               WHERE r.mode = 'now' AND p.class = 'road' GROUP BY 1) g ON g.target_id = b.target_id`,
      );
      expect(rows.length).toBeGreaterThan(5);
      // Stretches under the minimum gap are dropped, so the pieces may sum to less, never more
      // (a floating-point line overlay used to return a whole gap as camera_down as well).
      for (const r of rows) expect(r.spots).toBeLessThanOrEqual(r.gaps + 1e-6);
    };
    await rebuildAllResults(db.pool, s);
    await check();
    await deriveAllBlindSpots(db.pool, s);
    await check();
  });

  it('makes the daily history store-history.sql makes (amounts, cameras, assumed), so the timeline and any date do not move', async () => {
    const s = await loadCoverageSettings(db.pool);
    await rebuildAllResults(db.pool, s, { history: true });
    const snapshot = async () =>
      (
        await db.pool.query(
          `SELECT p.target_id || '/' || p.part_no AS part, h.from_day::text AS day, round(h.covered::numeric, 3)::float8 AS covered,
                  h.camera_ids::text AS cameras, h.assumed
       FROM coverage_history h JOIN coverage_target_parts p ON p.id = h.part_id ORDER BY 1, 2`,
        )
      ).rows;
    const city = await snapshot();
    expect(new Set(city.map((r) => r.day)).size).toBeGreaterThan(5);
    // Days, not month ends: a camera installed mid-month starts its row that day.
    expect(city.some((r) => Number(r.day.slice(8)) < 28)).toBe(true);
    expect(city.some((r) => r.cameras !== '{}')).toBe(true);
    await db.pool.query('TRUNCATE coverage_history');
    const ids = (await db.pool.query<{ id: number }>('SELECT id::int AS id FROM coverage_target_parts ORDER BY id')).rows.map((r) => r.id);
    await runBatches(db.pool, SQL.storeHistory, ids, (b) => [b, new Date().toISOString().slice(0, 10)]);
    expectClose(await snapshot(), city);
  });

  it('reports what it settled itself and what it cut by polygon overlay', async () => {
    const s = await loadCoverageSettings(db.pool);
    const phases: string[] = [];
    const r = await rebuildAllResults(db.pool, s, { onPhase: (p) => phases.push(p) });
    expect(r.partFailures).toEqual([]);
    expect(r.blindSpotFailures).toEqual([]);
    expect(r.stats.settled + r.stats.overlayDesign).toBe(r.stats.parts);
    expect(r.stats.sqlParts).toBe(0);
    expect(r.stats.overlayDesign).toBeGreaterThan(0);
    expect(r.stats.shards).toBe(1);
    expect(phases).toEqual(['shards', 'blindSpots']);
    expect(Object.keys(r.stats.phasesMs)).toEqual(
      expect.arrayContaining([
        'shard0.loadParts',
        'shard0.loadFootprints',
        'shard0.settlePolygons',
        'shard0.settleLines',
        'shard0.blindSpots',
      ]),
    );
  });

  it('leaves the same rows when the city is split into shards in worker threads (targets on the seams included)', async () => {
    const s = await loadCoverageSettings(db.pool);
    await rebuildAllResults(db.pool, s, { history: true, workers: 0 });
    const history = async () =>
      (
        await db.pool.query(
          "SELECT part_id || '/' || from_day || '/' || round(covered::numeric, 6) || '/' || camera_ids::text || '/' || assumed AS k FROM coverage_history ORDER BY 1",
        )
      ).rows;
    const one = { results: await results(), spots: await blindSpots(), history: await history() };
    const r = await rebuildAllResults(db.pool, s, { history: true, workers: 3 });
    expect(r.stats.shards).toBe(3);
    // Every shard had work: the cuts split the targets, not just the box.
    for (const k of [0, 1, 2]) expect(r.stats.phasesMs[`shard${k}.settleLines`]).toBeDefined();
    expect(r.stats.parts).toBe(one.results.length / 2);
    expect(await results()).toEqual(one.results);
    expect(await blindSpots()).toEqual(one.spots);
    expect(await history()).toEqual(one.history);
  });

  it("fails with the shard's reason, not a hang, when a worker cannot do its part", async () => {
    const s = await loadCoverageSettings(db.pool);
    await expect(rebuildAllResults(db.pool, s, { workers: 2, today: '2024-13-45' })).rejects.toThrow(/city pass shard failed: .*date/);
    // The next rebuild is whole again.
    const r = await rebuildAllResults(db.pool, s, { workers: 2 });
    const { rows } = await db.pool.query<{ parts: number; results: number }>(
      'SELECT (SELECT count(*)::int FROM coverage_target_parts) AS parts, (SELECT count(*)::int FROM coverage_results) AS results',
    );
    expect(r.stats.parts).toBe(rows[0]!.parts);
    expect(rows[0]!.results).toBe(2 * rows[0]!.parts);
  });

  it('judges each piece it cuts as assignReasons judges the stored piece, in this thread or in worker shards', async () => {
    const s = await loadCoverageSettings(db.pool);
    const { cameras } = await loadCameras(db.pool);
    const buildings = await loadBuildings(db.pool, s.defaultBuildingHeightM);
    const reasons = async () =>
      (
        await db.pool.query(
          `SELECT target_id::int, mode, reason, round(measure::numeric, 6)::float8 AS measure FROM coverage_blind_spots ORDER BY 1, 2, 4, 3`,
        )
      ).rows;
    const tally = async () =>
      Object.fromEntries(
        (
          await db.pool.query<{ k: string; n: number }>(
            "SELECT mode || '/' || reason AS k, count(*)::int AS n FROM coverage_blind_spots GROUP BY 1",
          )
        ).rows.map((r) => [r.k, r.n]),
      );
    await rebuildAllResults(db.pool, s, { workers: 0 });
    await assignReasons(db.pool, ['design'], null, cameras, buildings, s);
    await assignReasons(db.pool, ['now'], null, cameras, buildings, s);
    const stored = await reasons();
    expect(new Set(stored.map((r) => r.reason)).size).toBeGreaterThanOrEqual(3);
    for (const workers of [0, 2]) {
      const r = await rebuildAllResults(db.pool, s, { workers, reasons: { cameras, buildings } });
      expect(await reasons()).toEqual(stored);
      const counts = Object.fromEntries(
        Object.entries(r.reasonCounts!).flatMap(([mode, c]) =>
          Object.entries(c)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => [`${mode}/${k}`, n]),
        ),
      );
      expect(counts).toEqual(await tally());
    }
  });
});
