import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeviceId } from '../../../gis-data/device-id';
import { angleDiffDeg, bearingDeg, pointInRing, toXY } from '../../../gis-data/generate/frame';
import type { CountyChunk, GenCamera } from '../../../gis-data/generate/types';
import { demoChunks } from './demo-fixture';

let chunk: CountyChunk;
let cams: GenCamera[];
beforeAll(() => {
  chunk = demoChunks()[0] as CountyChunk;
  cams = chunk.cameras;
});

describe('generated cameras', () => {
  it('have valid, unique GB/T 28181 ids whose admin code is the town they stand in', () => {
    const ids = new Set<string>();
    const towns = new Map(chunk.adminAreas.filter((a) => a.level === 'town').map((a) => [a.code, a]));
    for (const c of cams) {
      const parsed = parseDeviceId(c.deviceId);
      expect(parsed.ok, c.deviceId).toBe(true);
      if (parsed.ok) expect(parsed.parts.adminCode).toBe(c.adminCode);
      ids.add(c.deviceId);
      const town = towns.get(c.adminCode);
      expect(town, c.adminCode).toBeDefined();
      expect(pointInRing(c.point, town?.ring ?? []), `${c.deviceId} outside its town`).toBe(true);
    }
    expect(ids.size).toBe(cams.length);
  });

  it('stand inside the county and on land, never in the river', () => {
    const county = chunk.adminAreas.find((a) => a.level === 'county');
    const river = chunk.water[0];
    expect(county).toBeDefined();
    expect(river).toBeDefined();
    const inWater = cams.filter((c) => pointInRing(c.point, river?.ring ?? []));
    const outside = cams.filter((c) => !pointInRing(c.point, county?.ring ?? []));
    expect(inWater.map((c) => c.deviceId)).toEqual([]);
    expect(outside.map((c) => c.deviceId)).toEqual([]);
  });

  it('at intersections face the junction they were placed for, so the junction is in their view', () => {
    const atJunctions = cams.filter((c) => c.watches.class === 'intersection' && c.type !== 'fisheye');
    expect(atJunctions.length).toBeGreaterThan(500);
    for (const c of atJunctions) {
      const toJunction = bearingDeg(toXY(c.point), toXY(c.watches.point));
      expect(angleDiffDeg(c.azimuthDeg, toJunction), c.deviceId).toBeLessThanOrEqual(c.hfovDeg / 2);
    }
  });

  it('were installed 2016-2023 with the build-out peaking before the 2020 deadline', () => {
    for (const c of cams) {
      expect(c.installDate >= '2016-01-01' && c.installDate <= '2023-12-31', c.installDate).toBe(true);
      if (c.removalDate !== null) expect(c.removalDate > c.installDate).toBe(true);
    }
    const by2018 = cams.filter((c) => c.installDate <= '2018-12-31').length;
    const by2020 = cams.filter((c) => c.installDate <= '2020-12-31').length;
    expect(by2020).toBeGreaterThan(by2018);
    expect(by2020).toBeLessThan(cams.length); // some arrive after the deadline
    const removed = cams.filter((c) => c.removalDate !== null).length;
    expect(removed).toBeGreaterThan(0);
    expect(removed).toBeLessThan(cams.length * 0.05);
  });

  it('leave a few intersections uncovered, so the gap finder has something real to find', () => {
    const ix = chunk.targets.filter((t) => t.class === 'intersection');
    const covered2020 = new Set(
      cams.filter((c) => c.watches.class === 'intersection' && c.installDate <= '2020-12-31').map((c) => c.watches.sourceRef),
    );
    const share = covered2020.size / ix.length;
    expect(share).toBeGreaterThan(0.6);
    expect(share).toBeLessThan(0.97);
  });

  it('have realistic optics: listed resolutions, hfov 30-100° (fisheye 360°), vfov from the 16:9 aspect, heights and tilts installers use', () => {
    const resolutions = new Set(cams.map((c) => `${c.resolutionH}x${c.resolutionV}`));
    expect([...resolutions].sort()).toEqual(['1920x1080', '2560x1440', '3840x2160']);
    for (const c of cams) {
      expect(c.heightM).toBeGreaterThanOrEqual(3.5);
      expect(c.heightM).toBeLessThanOrEqual(12);
      if (c.type === 'fisheye') {
        expect([c.hfovDeg, c.vfovDeg, c.tiltDeg]).toEqual([360, 180, 90]);
        continue;
      }
      expect(c.hfovDeg).toBeGreaterThanOrEqual(30);
      expect(c.hfovDeg).toBeLessThanOrEqual(100);
      const expectedV = (2 * Math.atan(Math.tan((c.hfovDeg * Math.PI) / 360) * (9 / 16)) * 180) / Math.PI;
      expect(Math.abs(c.vfovDeg - expectedV)).toBeLessThan(0.2);
      expect(c.tiltDeg).toBeGreaterThanOrEqual(5);
      expect(c.tiltDeg).toBeLessThanOrEqual(35);
      const hfovFromLens = (2 * Math.atan(c.sensorWidthMm / (2 * c.focalLengthMm)) * 180) / Math.PI;
      expect(Math.abs(hfovFromLens - c.hfovDeg)).toBeLessThan(0.5);
    }
  });

  it('mix all five types in plausible shares, with PTZ both with and without presets', () => {
    const share = (t: string) => cams.filter((c) => c.type === t).length / cams.length;
    expect(share('fixed')).toBeGreaterThan(0.4);
    for (const t of ['dome', 'ptz', 'fisheye', 'thermal']) {
      expect(share(t), t).toBeGreaterThan(0.01);
      expect(share(t), t).toBeLessThan(0.3);
    }
    const ptz = cams.filter((c) => c.type === 'ptz');
    expect(ptz.some((c) => c.ptzPresets.length > 0)).toBe(true);
    expect(ptz.some((c) => c.ptzPresets.length === 0)).toBe(true);
  });

  it('mark about 10 % as having assumed survey fields, so figures resting on them can say so', () => {
    const assumed = cams.filter((c) => Object.values(c.provenance).includes('assumed')).length / cams.length;
    expect(assumed).toBeGreaterThan(0.05);
    expect(assumed).toBeLessThan(0.16);
  });

  it('carry Chinese names that say they are demo data', () => {
    for (const c of cams) expect(c.name).toMatch(/^演示·.*[\u4e00-\u9fff]/);
  });
});

describe('generated resource classes', () => {
  it('are mostly 一类 (police), some 二类 (other bureaus) and 三类 (merchants), matching the owner', () => {
    const by = (k: number) => cams.filter((c) => c.resourceClass === k);
    expect(by(1).length / cams.length).toBeGreaterThan(0.6);
    expect(by(2).length).toBeGreaterThan(0);
    expect(by(3).length).toBeGreaterThan(0);
    expect(by(1).length + by(2).length + by(3).length).toBe(cams.length);
    for (const c of by(1)) expect(c.ownerUnit, c.deviceId).toMatch(/公安|派出所|警/);
    for (const c of by(2)) expect(c.ownerUnit, c.deviceId).not.toMatch(/公安|派出所|警/);
    for (const c of by(3)) {
      expect(c.ownerUnit, c.deviceId).toMatch(/商户联合会$/);
      expect(c.watches.class).toBe('hotspot');
    }
    // One hotspot, one owner: its cameras share the class.
    const classOf = new Map<string, Set<number>>();
    for (const c of cams.filter((x) => x.watches.class === 'hotspot'))
      classOf.set(c.watches.sourceRef, (classOf.get(c.watches.sourceRef) ?? new Set()).add(c.resourceClass));
    for (const [ref, set] of classOf) expect(set.size, ref).toBe(1);
  });
});
