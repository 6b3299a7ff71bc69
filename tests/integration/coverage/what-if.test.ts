// The what-if (issue 14, "one model of coverage"): before the planner's figures came from the
// siting model's demand units (91.4 % where GET /coverage said 88.8 %). Now a what-if of
// proposed cameras is computed by the coverage engine itself: "before" is exactly what
// GET /coverage returns, "after" what it returns once the cameras are really added and refreshed,
// and nothing stored changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coverageReport,
  evaluateWhatIf,
  loadCoverageSettings,
  queryRates,
  refreshCameras,
  WhatIfInputError,
  type AreaRates,
  type WhatIfCamera,
} from '../../../coverage-engine';
import { createDemoDatabase, type DemoDatabase } from '../../browser/support/demo-database';

let db: DemoDatabase;
let proposed: WhatIfCamera[];

/** A fingerprint of everything the engine stores, to show a what-if leaves it as it was. */
async function storedState(): Promise<string> {
  const { rows } = await db.pool.query<{ s: string }>(
    `SELECT concat_ws('|',
       (SELECT count(*) FROM cameras), (SELECT count(*) FROM camera_status), (SELECT count(*) FROM camera_footprints),
       (SELECT md5(string_agg(part_id || mode || covered::text || camera_ids::text, ',' ORDER BY part_id, mode)) FROM coverage_results),
       (SELECT md5(string_agg(target_id || mode || measure::text || reason, ',' ORDER BY target_id, mode, measure)) FROM coverage_blind_spots),
       (SELECT count(*) FROM coverage_history)) AS s`,
  );
  return rows[0]!.s;
}

function expectSameRates(actual: AreaRates[], expected: AreaRates[]): void {
  expect(actual.map((a) => a.code)).toEqual(expected.map((a) => a.code));
  expected.forEach((e, i) => {
    const a = actual[i]!;
    for (const [cls, c] of Object.entries(e.classes)) {
      const x = a.classes[cls as keyof typeof a.classes]!;
      expect(x.coveredTargets, `${e.code} ${cls} covered targets`).toBe(c!.coveredTargets);
      expect(x.total, `${e.code} ${cls} total`).toBeCloseTo(c!.total, 6);
      expect(x.covered, `${e.code} ${cls} covered`).toBeCloseTo(c!.covered, 1);
      expect(x.rate, `${e.code} ${cls} rate`).toBeCloseTo(c!.rate, 6);
      expect(x.redundantTargets, `${e.code} ${cls} redundant`).toBe(c!.redundantTargets);
      expect(x.assumedTargets, `${e.code} ${cls} assumed`).toBe(c!.assumedTargets);
      expect(x.meanCameras, `${e.code} ${cls} mean cameras`).toBeCloseTo(c!.meanCameras, 6);
    }
  });
}

/** Adds the proposed cameras for real (installed today; working when `working`), refreshes them, and reads the rates. */
async function buildForReal(mode: 'design' | 'now'): Promise<{ rates: AreaRates[]; undo: () => Promise<void> }> {
  const ids: number[] = [];
  for (const c of proposed) {
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO cameras (device_id, type, geom, height_m, azimuth_deg, tilt_deg, hfov_deg, vfov_deg, resolution_h, resolution_v, ptz_presets, install_date)
       VALUES (lpad((99000000000000000000 + $1)::text, 20, '0'), $2, ST_SetSRID(ST_MakePoint($3, $4), 4326), $5, $6, $7, $8, $9, $10, $11, $12::jsonb, xl_today())
       RETURNING id`,
      [
        ids.length + 1,
        c.type,
        c.lon,
        c.lat,
        c.heightM,
        c.azimuthDeg ?? null,
        c.tiltDeg ?? null,
        c.hfovDeg ?? null,
        c.vfovDeg ?? null,
        c.resolutionH ?? null,
        c.resolutionV ?? null,
        JSON.stringify(c.ptzPresets ?? []),
      ],
    );
    ids.push(Number(rows[0]!.id));
  }
  if (mode === 'now')
    await db.pool.query(
      "INSERT INTO camera_status (camera_id, state, since, last_poll_at) SELECT unnest($1::bigint[]), 'OK', now(), now()",
      [ids],
    );
  await refreshCameras(db.pool, ids);
  const rates = await queryRates(db.pool, await loadCoverageSettings(db.pool), { mode });
  return {
    rates,
    undo: async () => {
      await db.pool.query('DELETE FROM cameras WHERE id = ANY ($1)', [ids]);
      await refreshCameras(db.pool, ids);
    },
  };
}

beforeAll(async () => {
  db = await createDemoDatabase();
  // Proposed cameras where the demo has gaps: a PTZ mast, a fixed bullet with every angle given,
  // and a fisheye, each at an uncovered intersection (design blind spots, largest first).
  const { rows } = await db.pool.query<{ lon: number; lat: number }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
       SELECT ST_Transform(ST_PointOnSurface(geom_m), 4326) AS p FROM coverage_blind_spots
       WHERE mode = 'design' AND class = 'intersection' ORDER BY measure DESC, id LIMIT 3) x`,
  );
  expect(rows).toHaveLength(3);
  proposed = [
    { type: 'ptz', lon: rows[0]!.lon, lat: rows[0]!.lat, heightM: 10, hfovDeg: 58, resolutionH: 2560, resolutionV: 1440 },
    {
      type: 'fixed',
      lon: rows[1]!.lon + 0.0001,
      lat: rows[1]!.lat,
      heightM: 7,
      azimuthDeg: 270,
      tiltDeg: 18,
      hfovDeg: 82,
      vfovDeg: 48,
      resolutionH: 3840,
      resolutionV: 2160,
    },
    {
      type: 'fisheye',
      lon: rows[2]!.lon,
      lat: rows[2]!.lat,
      heightM: 6,
      hfovDeg: 360,
      vfovDeg: 180,
      tiltDeg: 90,
      resolutionH: 2880,
      resolutionV: 2880,
    },
  ];
}, 300_000);

afterAll(async () => {
  await db.drop();
});

describe('what-if: the figures GET /coverage would give once the proposed cameras are built', () => {
  it('design: before is the stored report, after equals adding the cameras for real and refreshing, and nothing stored changes', async () => {
    const stored = await storedState();
    const report = await coverageReport(db.pool, {});
    const w = await evaluateWhatIf(db.pool, proposed, { mode: 'design' });
    expect(await storedState()).toBe(stored);
    expect(w.before).toEqual(report.areas);
    expect(w.asOf).toBe(report.asOf);
    const city = w.gains.find((g) => g.areaId === null)!;
    expect(city.classes.intersection!.coveredTargets).toBeGreaterThan(0);

    const real = await buildForReal('design');
    try {
      expectSameRates(w.after, real.rates);
    } finally {
      await real.undo();
    }
  });

  it('now: the proposed cameras count as working, as a built camera that passed its check does', async () => {
    const report = await coverageReport(db.pool, { now: true });
    const w = await evaluateWhatIf(db.pool, proposed, { mode: 'now' });
    expect(w.before).toEqual(report.areas);
    const real = await buildForReal('now');
    try {
      expectSameRates(w.after, real.rates);
    } finally {
      await real.undo();
    }
  });

  it("each camera's marginal gain is its step in the order given; the steps add up to the whole gain", async () => {
    const w = await evaluateWhatIf(db.pool, proposed, { mode: 'design' });
    const city = w.gains.find((g) => g.areaId === null)!;
    expect(w.cameras.map((c) => c.index)).toEqual([0, 1, 2]);
    for (const cls of ['intersection', 'road', 'hotspot', 'crowded_place'] as const) {
      const total = city.classes[cls]!;
      const steps = w.cameras.map((c) => c.classes[cls]!);
      expect(
        steps.reduce((n, s) => n + s.coveredTargets, 0),
        cls,
      ).toBe(total.coveredTargets);
      expect(
        steps.reduce((n, s) => n + s.covered, 0),
        cls,
      ).toBeCloseTo(total.covered, 1);
      expect(total.unit).toBe(cls === 'intersection' ? 'count' : cls === 'road' ? 'm' : 'm2');
    }
    // The PTZ mast at the largest uncovered intersection covers it on its own.
    expect(w.cameras[0]!.classes.intersection!.coveredTargets).toBeGreaterThanOrEqual(1);
  });

  it('an area query answers for that area and those within it, as GET /coverage?area= does', async () => {
    const town = (await db.pool.query<{ code: string }>("SELECT code FROM admin_areas WHERE level = 'town' ORDER BY code LIMIT 1")).rows[0]!
      .code;
    const report = await coverageReport(db.pool, { area: town });
    const w = await evaluateWhatIf(db.pool, proposed, { area: town });
    expect(w.before).toEqual(report.areas);
    expect(w.after.map((a) => a.code)).toEqual(report.areas.map((a) => a.code));
  });

  it('a camera the engine cannot take is refused with its number and field, and nothing is evaluated', async () => {
    const bad = [...proposed, { ...proposed[1]!, tiltDeg: 120 }];
    const err = await evaluateWhatIf(db.pool, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhatIfInputError);
    expect(err).toMatchObject({ index: 3, field: 'tiltDeg' });
    expect((err as Error).message).toMatch(/^Camera 4: /);
  });
});
