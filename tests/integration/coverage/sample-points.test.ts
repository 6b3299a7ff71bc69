// The city pass judges the pieces it cuts at sample points computed in TypeScript; a refresh
// judges stored pieces at xl_blind_spot_samples (PostGIS). Both must pick the same points: the
// interior point of an area to the bit, a point along a gap to 1e-9 m (PostGIS measures segments
// with the C library's hypot; ours rounds the same way except, rarely, in the last bit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { recomputeCoverage } from '../../../coverage-engine';
import { readWkb } from '../../../gis-data/coverage/flat-shape';
import { hypot, LINE_SAMPLE_FRACTIONS, lineInterpolatePoint, pointOnSurface } from '../../../gis-data/coverage/sample-points';
import { loadScene, makeScene, ORIGIN, SCENE_SRID } from './synthetic-scene';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(5, 4));
  await recomputeCoverage(db.pool, { history: false });
});
afterAll(async () => db.drop());

describe('sample points', () => {
  it('puts the point inside an area exactly where ST_PointOnSurface does (holes, many shapes)', async () => {
    const [ox, oy] = ORIGIN;
    // Pieces of the scene, plus polygons with holes and concave outlines of our own.
    const { rows } = await db.pool.query<{ g: Buffer; x: number; y: number }>(
      `WITH shapes AS (
         SELECT geom_m AS g FROM coverage_blind_spots WHERE ST_Dimension(geom_m) = 2 AND ST_NumGeometries(geom_m) = 1
         UNION ALL
         SELECT ST_Difference(ST_Buffer(ST_SetSRID(ST_MakePoint($1 + i * 37.3, $2 + i * 11.1), $3), 15 + i % 7, 8),
                              ST_Buffer(ST_SetSRID(ST_MakePoint($1 + i * 37.3 + (i % 5) - 2, $2 + i * 11.1 + 1.5), $3), 4 + i % 3, 4))
         FROM generate_series(1, 60) i
       )
       SELECT ST_AsBinary(g) AS g, ST_X(ST_PointOnSurface(g)) AS x, ST_Y(ST_PointOnSurface(g)) AS y FROM shapes`,
      [ox, oy, SCENE_SRID],
    );
    expect(rows.length).toBeGreaterThan(80);
    let holes = 0;
    for (const r of rows) {
      const shape = readWkb(r.g);
      const rings: Float64Array[] = [];
      let start = 0;
      for (const end of shape.ends) {
        rings.push(shape.xy.subarray(2 * start, 2 * end));
        start = end;
      }
      if (rings.length > 1) holes++;
      expect(pointOnSurface([rings])).toEqual([r.x, r.y]);
    }
    expect(holes).toBeGreaterThan(10);
  });

  it('puts the points along a gap where ST_LineInterpolatePoint does (0.15, 0.5, 0.85)', async () => {
    const { rows } = await db.pool.query<{ g: Buffer; xs: number[]; ys: number[] }>(
      `SELECT ST_AsBinary(b.geom_m) AS g, array_agg(ST_X(s.p) ORDER BY s.k) AS xs, array_agg(ST_Y(s.p) ORDER BY s.k) AS ys
       FROM coverage_blind_spots b CROSS JOIN LATERAL xl_blind_spot_samples(b.geom_m) WITH ORDINALITY AS s (p, k)
       WHERE ST_Dimension(b.geom_m) = 1 GROUP BY b.id, b.geom_m`,
    );
    expect(rows.length).toBeGreaterThan(20);
    let worst = 0;
    let exact = 0;
    for (const r of rows) {
      const line = readWkb(r.g);
      const xy = line.xy.subarray(0, 2 * line.ends[0]!);
      LINE_SAMPLE_FRACTIONS.forEach((f, k) => {
        const [x, y] = lineInterpolatePoint(xy, f);
        const d = Math.hypot(x - r.xs[k]!, y - r.ys[k]!);
        if (d === 0) exact++;
        worst = Math.max(worst, d);
      });
    }
    expect(worst).toBeLessThan(1e-9);
    expect(exact).toBeGreaterThan(0.99 * 3 * rows.length);
  });

  it('measures a segment to the nearest double, as the C library does', () => {
    expect(hypot(3, 4)).toBe(5);
    expect(hypot(-5, 12)).toBe(13);
    // Within one unit in the last place of the plain formula, for metre-sized segments.
    for (const [x, y] of [
      [0.1, 0.2],
      [74.7975264562, 6.549201854],
      [1234.5678, -0.001],
    ] as const) {
      const plain = Math.sqrt(x * x + y * y);
      expect(Math.abs(hypot(x, y) - plain)).toBeLessThanOrEqual(Number.EPSILON * plain);
    }
  });
});
