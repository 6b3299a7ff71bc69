import { describe, expect, it } from 'vitest';
import { visibilityPairs } from '../../../gis-data/siting/visibility-pairs';
import { planScheduleCsv } from '../../../api/domain/plans/export-csv';
import type { Plan } from '../../../api/domain/plans/plans';

const camera = { type: 'fixed' as const, azimuthDeg: 90, hfovDeg: 60, resolutionH: 1920, resolutionV: 1080 };
// observe (62.5 px/m) with 1920 px over 60°: about 26.6 m of slant range.
const OBSERVE = 62.5;

function seen(units: [number, number][], obstacles = [] as { id: number; ring: [number, number][]; heightM: number }[], poses = [camera]) {
  const r = visibilityPairs([{ xy: [0, 0], heightM: 6, poses }], units.map((xy) => ({ xy, requiredPpm: OBSERVE })), obstacles);
  return Array.from(r.pairUnit).sort((a, b) => a - b);
}

describe('what a candidate camera sees (siting demand)', () => {
  it('sees units inside its wedge within the level distance, and not behind it or too far for the detail asked', () => {
    expect(seen([[15, 0], [15, 6], [15, 12], [-15, 0], [0, 15], [40, 0]])).toEqual([0, 1]);
  });

  it('a building taller than the camera hides the unit behind it, so occluded blind spots are not promised as covered', () => {
    const wall = { id: 1, ring: [[8, -3], [10, -3], [10, 3], [8, 3], [8, -3]] as [number, number][], heightM: 12 };
    expect(seen([[15, 0], [15, 8]], [wall])).toEqual([1]);
  });

  it('a building lower than the target height hides nothing', () => {
    const kerb = { id: 2, ring: [[8, -3], [10, -3], [10, 3], [8, 3], [8, -3]] as [number, number][], heightM: 1 };
    expect(seen([[15, 0]], [kerb])).toEqual([0]);
  });

  it('numbers poses site by site, so candidates map back to their heading', () => {
    const r = visibilityPairs(
      [{ xy: [0, 0], heightM: 6, poses: [camera, { ...camera, azimuthDeg: 270 }] }, { xy: [100, 0], heightM: 6, poses: [camera] }],
      [{ xy: [-15, 0], requiredPpm: OBSERVE }, { xy: [115, 0], requiredPpm: OBSERVE }], [],
    );
    expect(r.poseCount).toBe(3);
    expect(Array.from(r.pairPose)).toEqual([1, 2]);
    expect(Array.from(r.pairUnit)).toEqual([0, 1]);
  });
});

describe('camera schedule CSV', () => {
  const plan = {
    id: 7, cameras: [{
      position: 1, name: '=HYPERLINK("x")', type: 'fixed', modelName: '2MP, bullet', lon: 109.1234567, lat: 32.7, heightM: 6, azimuthDeg: 90,
      tiltDeg: null, hfovDeg: 60, resolutionH: 1920, resolutionV: 1080, unitCost: 1800, marginalGain: 1.23456, siteKey: 'road_pole:3:1', note: '路口 "东"',
    }],
  } as unknown as Plan;

  it('opens in Excel with Chinese intact and cannot smuggle a formula into the schedule', () => {
    const csv = planScheduleCsv(plan);
    expect(csv.startsWith('\uFEFFposition,name,type,model')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"2MP, bullet"');
    expect(row).toContain('"路口 ""东"""');
    expect(row).toContain('1920x1080');
  });
});
