import { beforeAll, describe, expect, it } from 'vitest';
import { polylineLengthMeters, toXY } from '../../../gis-data/generate/frame';
import { DEFAULT_LEVELS } from '../../../gis-data/generate/targets';
import { keepOffRoads } from '../../../gis-data/generate/clearance';
import type { CountyChunk } from '../../../gis-data/generate/types';
import { demoChunks } from './demo-fixture';

let chunk: CountyChunk;
beforeAll(() => {
  chunk = demoChunks()[0] as CountyChunk;
});

describe('generated demo county layers', () => {
  it('has counts per layer in the ranges the demo is specified for', () => {
    const by = (cls: string) => chunk.targets.filter((t) => t.class === cls);
    const roadKm =
      by('road').reduce(
        (s, t) => s + (t.geometry.type === 'LineString' ? polylineLengthMeters(t.geometry.coordinates.map((p) => toXY(p))) : 0),
        0,
      ) / 1000;
    expect(chunk.cameras.length).toBeGreaterThanOrEqual(1_900);
    expect(chunk.cameras.length).toBeLessThanOrEqual(2_100);
    expect(by('intersection').length).toBeGreaterThan(600);
    expect(by('intersection').length).toBeLessThan(950);
    expect(roadKm).toBeGreaterThan(190);
    expect(roadKm).toBeLessThan(300);
    expect(by('hotspot').length).toBeGreaterThanOrEqual(3);
    expect(by('hotspot').length).toBeLessThanOrEqual(15);
    for (const kind of ['school', 'hospital', 'market', 'station', 'square']) {
      expect(
        by('crowded_place').some((t) => t.kind === kind),
        kind,
      ).toBe(true);
    }
    expect(chunk.buildings.length).toBeGreaterThan(3_000);
    expect(chunk.buildings.length).toBeLessThan(20_000);
    expect(chunk.adminAreas.filter((a) => a.level === 'county')).toHaveLength(1);
    expect(chunk.adminAreas.filter((a) => a.level === 'town').length).toBeGreaterThanOrEqual(5);
  });

  it("gives every target a town and the contract's default level, so coverage can be rolled up per town", () => {
    const towns = new Set(chunk.adminAreas.filter((a) => a.level === 'town').map((a) => a.code));
    for (const t of chunk.targets) {
      expect(towns.has(t.adminCode), t.sourceRef).toBe(true);
      expect(t.requiredLevel).toBe(DEFAULT_LEVELS[t.class]);
    }
    expect(new Set(chunk.targets.map((t) => t.sourceRef)).size).toBe(chunk.targets.length);
  });

  it('draws every road class of the basemap and labels names as generated', () => {
    expect(new Set(chunk.roads.map((r) => r.class))).toEqual(
      new Set(['trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service']),
    );
    for (const a of chunk.adminAreas) expect(a.name).toContain('演示');
    for (const p of chunk.places) expect(p.name).toContain('演示');
  });

  it('marks some building heights as assumed and keeps heights positive', () => {
    expect(chunk.buildings.some((b) => b.heightAssumed)).toBe(true);
    expect(chunk.buildings.some((b) => !b.heightAssumed)).toBe(true);
    for (const b of chunk.buildings) expect(b.heightM).toBeGreaterThan(0);
  });

  it('drops a footprint that a road crosses, so no building is drawn on a street', () => {
    const square = {
      ring: [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ] as [number, number][],
    };
    const clear = {
      ring: [
        [20, 0],
        [30, 0],
        [30, 10],
        [20, 10],
        [20, 0],
      ] as [number, number][],
    };
    expect(
      keepOffRoads(
        [square, clear],
        [
          [
            [5, -5],
            [5, 15],
          ],
        ],
      ),
    ).toEqual([clear]);
    expect(
      keepOffRoads(
        [square],
        [
          [
            [2, 2],
            [3, 3],
          ],
        ],
      ),
    ).toEqual([]);
  });
});
