import { describe, expect, it } from 'vitest';
import {
  distanceForPpmM,
  fovFromSensorDeg,
  levelDistances,
  pixelsPerMeterAt,
  STANDARD_LEVELS,
  validateOptics,
  verticalFovDeg,
} from '../../../gis-data/optics';

describe('optics', () => {
  it('reproduces the brief check values (1920 px at 68°, IEC 62676-4:2025) so designs match the standard', () => {
    const d = levelDistances(1920, 68, STANDARD_LEVELS['iec-2025']).map((l) => l.distanceM);
    const expected = [71.1, 35.6, 17.8, 11.4, 5.7, 2.8, 0.9];
    d.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(0.1));
  });

  it('gives DORI 2015 distances from the same formula, so switching standards only changes thresholds', () => {
    const d = levelDistances(1920, 68, STANDARD_LEVELS['dori-2015']);
    expect(d.map((l) => l.level)).toEqual(['monitor', 'detect', 'observe', 'recognise', 'identify', 'inspect']);
    expect(d[1]!.distanceM).toBeCloseTo(1920 / (2 * 25 * Math.tan((34 * Math.PI) / 180)), 6);
  });

  it('derives the field of view from sensor width and focal length (HFOV = 2·atan(w/2f))', () => {
    expect(fovFromSensorDeg(5.6, 4)).toBeCloseTo(69.98, 2);
    expect(fovFromSensorDeg(6.4, 3.2)).toBeCloseTo(90, 6);
  });

  it('makes density and distance inverse of each other, so a level distance really has that density', () => {
    const d = distanceForPpmM(2560, 54, 62.5);
    expect(pixelsPerMeterAt(2560, 54, d)).toBeCloseTo(62.5, 9);
  });

  it('derives a vertical field of view from the pixel aspect when none is given', () => {
    const v = verticalFovDeg({ hfovDeg: 90, resolutionH: 1920, resolutionV: 1080 })!;
    expect(Math.tan((v * Math.PI) / 360)).toBeCloseTo(9 / 16, 6);
  });

  it('rejects impossible optics with the field named, so an import says which value to fix', () => {
    expect(validateOptics({ tiltDeg: 95 }).map((p) => p.field)).toEqual(['tilt_deg']);
    expect(validateOptics({ hfovDeg: 0 }).map((p) => p.field)).toEqual(['hfov_deg']);
    expect(validateOptics({ type: 'fixed', hfovDeg: 360 }).map((p) => p.field)).toEqual(['hfov_deg']);
    expect(validateOptics({ type: 'ptz', hfovDeg: 360 })).toEqual([]);
    expect(validateOptics({ heightM: -1 }).map((p) => p.field)).toEqual(['height_m']);
    expect(validateOptics({ resolutionH: 0 }).map((p) => p.field)).toEqual(['resolution_h']);
  });
});
