// The month-end history (timeline, 2020 deadline) must agree with evaluating that date directly,
// and the projection must follow the last twelve months' pace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { coverageReport, deadlineGaps, loadCoverageSettings, queryTimeline, recomputeCoverage } from '../../../coverage-engine';
import { project } from '../../../coverage-engine/timeline';
import { loadScene, makeScene } from './synthetic-scene';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadScene(db.pool, makeScene(13, 3));
  await recomputeCoverage(db.pool);
});
afterAll(async () => db.drop());

describe('timeline', () => {
  it('gives the same 2020-12-31 rates from the history as an as-of evaluation of that date', async () => {
    const tl = await queryTimeline(db.pool, await loadCoverageSettings(db.pool));
    const direct = await coverageReport(db.pool, { asOf: '2020-12-31' });
    const all = direct.areas.find((a) => a.areaId === null)!;
    for (const [cls, r] of Object.entries(all.classes)) expect(tl.deadline.classes[cls as 'road']!.rate, cls).toBeCloseTo(r!.rate!, 9);
    expect(Object.values(all.classes).some((r) => r!.rate! > 0)).toBe(true);
  });

  it("never decreases while cameras are only added, and ends at today's design coverage", async () => {
    await db.pool.query('UPDATE cameras SET removal_date = NULL');
    await recomputeCoverage(db.pool);
    const tl = await queryTimeline(db.pool, await loadCoverageSettings(db.pool));
    const city = tl.series.find((x) => x.areaId === null)!;
    const road = city.points.map((p) => p.classes.road!.rate);
    for (let i = 1; i < road.length; i++) expect(road[i]!).toBeGreaterThanOrEqual(road[i - 1]! - 1e-12);
    const today = await coverageReport(db.pool, {});
    const roadToday = today.areas.find((a) => a.areaId === null)!.classes.road!;
    expect(road[road.length - 1]!).toBeCloseTo(roadToday.rate!, 9);
    // With cameras only added, today's gaps lie inside the deadline's: closed = then − now.
    const gaps = (await deadlineGaps(db.pool)).road!;
    expect(gaps.closedSince + gaps.stillOpen).toBeCloseTo(gaps.uncoveredThen, 1);
    expect(gaps.stillOpen).toBeCloseTo(roadToday.total - roadToday.covered!, 0);
  });

  it("projects 100 % from the last twelve months' pace, and none when nothing was gained", () => {
    const pts = Array.from({ length: 13 }, (_, i) => ({
      month: `2025-${i}`,
      classes: {
        road: {
          targets: 1,
          coveredTargets: 0,
          unit: 'm' as const,
          total: 100,
          covered: 50 + i,
          rate: 0.5 + i / 100,
          assumedTargets: 0,
          redundantTargets: 0,
          meanCameras: 0,
        },
      },
    }));
    const [p] = project(pts, '2026-01-01');
    expect(p!.pacePerMonth).toBeCloseTo(0.01, 9);
    expect(p!.fullDate).toBe('2029-03-03'); // 62 % now, 38 months at 1 point a month: 1,157 days
    const flat = project(
      pts.map((x) => ({ ...x, classes: { road: { ...x.classes.road, rate: 0.5 } } })),
      '2026-01-01',
    );
    expect(flat[0]!.fullDate).toBeNull();
  });
});
