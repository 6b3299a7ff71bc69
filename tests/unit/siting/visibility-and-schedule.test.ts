import { describe, expect, it } from 'vitest';
import { visibilityPairs } from '../../../gis-data/siting/visibility-pairs';
import { planScheduleCsv } from '../../../api/domain/plans/export-csv';
import type { Plan } from '../../../api/domain/plans/plans';

const camera = { type: 'fixed' as const, azimuthDeg: 90, hfovDeg: 60, resolutionH: 1920, resolutionV: 1080 };
// observe (62.5 px/m) with 1920 px over 60°: about 26.6 m of slant range.
const OBSERVE = 62.5;

function seen(units: [number, number][], obstacles = [] as { id: number; ring: [number, number][]; heightM: number }[], poses = [camera]) {
  const r = visibilityPairs(
    [{ xy: [0, 0], heightM: 6, poses }],
    units.map((xy) => ({ xy, requiredPpm: OBSERVE })),
    obstacles,
  );
  return Array.from(r.pairUnit).sort((a, b) => a - b);
}

describe('what a candidate camera sees (siting demand)', () => {
  it('sees units inside its wedge within the level distance, and not behind it or too far for the detail asked', () => {
    expect(
      seen([
        [15, 0],
        [15, 6],
        [15, 12],
        [-15, 0],
        [0, 15],
        [40, 0],
      ]),
    ).toEqual([0, 1]);
  });

  it('a building taller than the camera hides the unit behind it, so occluded blind spots are not promised as covered', () => {
    const wall = {
      id: 1,
      ring: [
        [8, -3],
        [10, -3],
        [10, 3],
        [8, 3],
        [8, -3],
      ] as [number, number][],
      heightM: 12,
    };
    expect(
      seen(
        [
          [15, 0],
          [15, 8],
        ],
        [wall],
      ),
    ).toEqual([1]);
  });

  it('a building lower than the target height hides nothing', () => {
    const kerb = {
      id: 2,
      ring: [
        [8, -3],
        [10, -3],
        [10, 3],
        [8, 3],
        [8, -3],
      ] as [number, number][],
      heightM: 1,
    };
    expect(seen([[15, 0]], [kerb])).toEqual([0]);
  });

  it('numbers poses site by site, so candidates map back to their heading', () => {
    const r = visibilityPairs(
      [
        { xy: [0, 0], heightM: 6, poses: [camera, { ...camera, azimuthDeg: 270 }] },
        { xy: [100, 0], heightM: 6, poses: [camera] },
      ],
      [
        { xy: [-15, 0], requiredPpm: OBSERVE },
        { xy: [115, 0], requiredPpm: OBSERVE },
      ],
      [],
    );
    expect(r.poseCount).toBe(3);
    expect(Array.from(r.pairPose)).toEqual([1, 2]);
    expect(Array.from(r.pairUnit)).toEqual([0, 1]);
  });
});

describe('camera schedule CSV', () => {
  const plan = {
    id: 7,
    cameras: [
      {
        position: 1,
        name: '=HYPERLINK("x")',
        type: 'fixed',
        modelName: '2MP, bullet',
        lon: 109.1234567,
        lat: 32.7,
        heightM: 6,
        azimuthDeg: 90,
        tiltDeg: 16.875,
        hfovDeg: 60,
        vfovDeg: 33.75,
        resolutionH: 1920,
        resolutionV: 1080,
        unitCost: 1800,
        marginalGain: 1.23456,
        siteKey: 'road_pole:3:1',
        note: '路口 "东"',
      },
    ],
  } as unknown as Plan;

  it('opens in Excel with Chinese intact and cannot smuggle a formula into the schedule', () => {
    const csv = planScheduleCsv(plan, {
      deviceCodes: ['61092101001320000042'],
      gains: [
        {
          intersection: { unit: 'count', covered: 1, coveredTargets: 1, rate: 0.001 },
          road: { unit: 'm', covered: 35.5, coveredTargets: 0, rate: 0.0001 },
        },
      ],
    });
    expect(csv.startsWith('\uFEFFposition,device_code,status,name,type,model')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row.startsWith('1,61092101001320000042,proposed,')).toBe(true);
    // Model, cost and the engine's gains (1 intersection, 35.5 m of road) are filled.
    expect(row).toContain(',1800,1,35.5,0,0,');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"2MP, bullet"');
    expect(row).toContain('"路口 ""东"""');
    expect(row).toContain('1920x1080');
  });
});

describe('agreement with the coverage engine', () => {
  it("a candidate sees exactly the points the coverage engine's pointView says it sees, so a suggestion keeps its promise once built", async () => {
    const { pointView } = await import('../../../gis-data/footprint/point-view');
    const { mulberry32 } = await import('../../../gis-data/siting/generate');
    const rnd = mulberry32(5);
    const obstacles = Array.from({ length: 60 }, (_, id) => {
      const x = (rnd() - 0.5) * 300;
      const y = (rnd() - 0.5) * 300;
      const w = 5 + rnd() * 20;
      const h = 5 + rnd() * 15;
      return {
        id,
        heightM: 2 + rnd() * 20,
        ring: [
          [x, y],
          [x + w, y],
          [x + w, y + h],
          [x, y + h],
          [x, y],
        ] as [number, number][],
      };
    });
    const units = Array.from({ length: 400 }, () => ({
      xy: [(rnd() - 0.5) * 300, (rnd() - 0.5) * 300] as [number, number],
      requiredPpm: rnd() < 0.5 ? 25 : 62.5,
    }));
    const poses = [
      { type: 'fixed' as const, azimuthDeg: 30, hfovDeg: 60, resolutionH: 2560, resolutionV: 1440 },
      { type: 'fixed' as const, azimuthDeg: 200, hfovDeg: 32, resolutionH: 3840, resolutionV: 2160 },
      { type: 'ptz' as const, hfovDeg: 58, resolutionH: 2560, resolutionV: 1440 },
    ];
    const sites = [
      { xy: [0, 0] as [number, number], heightM: 6, poses },
      { xy: [40, -25] as [number, number], heightM: 8, poses },
    ];
    const r = visibilityPairs(sites, units, obstacles);
    const got = new Set(Array.from(r.pairPose, (p, k) => `${p}:${r.pairUnit[k]}`));
    let expected = 0;
    sites.forEach((site, s) =>
      poses.forEach((pose, p) =>
        units.forEach((u, d) => {
          const v = pointView({ ...pose, id: 1, xy: site.xy, heightM: site.heightM }, obstacles, u.xy, u.requiredPpm);
          const key = `${s * poses.length + p}:${d}`;
          if (v.status === 'seen') expected++;
          expect(got.has(key), `${key} pointView says ${v.status}`).toBe(v.status === 'seen');
        }),
      ),
    );
    expect(expected).toBeGreaterThan(20);
  });
});
