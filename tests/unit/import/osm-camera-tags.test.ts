import { describe, expect, it } from 'vitest';
import { osmCameraFields, parseOsmDirection, vfovFor16x9 } from '../../../gis-data/ledger/osm-camera-tags';
import { deriveOsmDeviceIds } from '../../../gis-data/ledger/osm-device-id';
import { parseDeviceId } from '../../../gis-data/device-id';

describe('OSM camera:direction parsing (real tags carry numbers, words, ranges and lists)', () => {
  it('reads plain degrees and normalises 360 to north', () => {
    expect(parseOsmDirection('90')?.azimuthDeg).toBe(90);
    expect(parseOsmDirection('360')?.azimuthDeg).toBe(0);
    expect(parseOsmDirection('-90')?.azimuthDeg).toBe(270);
  });
  it('reads cardinal words and abbreviations so they are not lost as unknown', () => {
    expect(parseOsmDirection('south')?.azimuthDeg).toBe(180);
    expect(parseOsmDirection('SW')?.azimuthDeg).toBe(225);
    expect(parseOsmDirection('NNE')?.azimuthDeg).toBe(22.5);
  });
  it('takes the shorter arc of a range like 190-100 as the sweep, centred', () => {
    expect(parseOsmDirection('190-100')).toEqual({ azimuthDeg: 145, spanDeg: 90 });
    expect(parseOsmDirection('350-10')).toEqual({ azimuthDeg: 0, spanDeg: 20 });
  });
  it('keeps every direction of a list like 90;160;270 with the first as the azimuth', () => {
    expect(parseOsmDirection('90;160;270')).toEqual({ azimuthDeg: 90, list: [90, 160, 270] });
    expect(parseOsmDirection('180, 270')?.list).toEqual([180, 270]);
  });
  it('returns undefined for text it cannot read instead of guessing', () => {
    expect(parseOsmDirection('towards the door')).toBeUndefined();
    expect(parseOsmDirection(undefined)).toBeUndefined();
  });
});

describe('OSM camera fields', () => {
  it('treats camera:angle as tilt, never as field of view, and marks the FOV assumed', () => {
    const f = osmCameraFields({ man_made: 'surveillance', 'camera:angle': '15', 'camera:type': 'fixed' });
    expect(f.tiltDeg).toBe(15);
    expect(f.hfovDeg).toBe(60);
    expect(f.provenance.hfov_deg).toBe('assumed');
    expect(f.provenance.tilt_deg).toBe('imported');
  });
  it('reads "15°" as a tilt and ignores angles beyond 90° (a FOV in the wrong tag)', () => {
    expect(osmCameraFields({ 'camera:angle': '15°' }).tiltDeg).toBe(15);
    expect(osmCameraFields({ 'camera:angle': '360' }).tiltDeg).toBeUndefined();
  });
  it('maps camera:type panning to ptz and uses the type default FOV', () => {
    const f = osmCameraFields({ 'camera:type': 'panning' });
    expect(f.type).toBe('ptz');
    expect(f.hfovDeg).toBe(60);
    expect(osmCameraFields({ 'camera:type': 'dome' }).hfovDeg).toBe(90);
  });
  it('uses a direction range as the field of view of a fixed camera (imported, not assumed)', () => {
    const f = osmCameraFields({ 'camera:direction': '190-100' });
    expect(f.hfovDeg).toBe(90);
    expect(f.provenance.hfov_deg).toBe('imported');
  });
  it('reads height= and marks a missing height assumed', () => {
    expect(osmCameraFields({ height: '5' }).heightM).toBe(5);
    expect(osmCameraFields({}).provenance.height_m).toBe('assumed');
  });
  it('derives a 16:9 vertical FOV (60° → 36.0°)', () => {
    expect(vfovFor16x9(60)).toBeCloseTo(36.0, 1);
  });
});

describe('device ids derived for OSM cameras', () => {
  it('are valid GB/T 28181 ids with the admin code prefix and stable across runs', () => {
    const a = deriveOsmDeviceIds([29773946, 92536357], '32010600');
    const b = deriveOsmDeviceIds([92536357, 29773946], '32010600');
    expect([...a]).toEqual([...b]);
    for (const id of a.values()) {
      expect(parseDeviceId(id).ok).toBe(true);
      expect(id.startsWith('32010600')).toBe(true);
    }
    expect(a.get(29773946)).toBe('32010600001318773946');
  });
  it('resolve serial collisions (same node id mod 1,000,000) instead of issuing one id twice', () => {
    const ids = deriveOsmDeviceIds([1_000_005, 2_000_005, 5]);
    expect(new Set(ids.values()).size).toBe(3);
  });
});
