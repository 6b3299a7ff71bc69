// Readable snapshot of the demo county for seed 1: counts per layer and a few sample features with
// floats rounded. It changes only when the generator's output changes; review the diff, then
// regenerate with UPDATE_GOLDEN=1 npx vitest run tests/unit/generate/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCity } from '../../../gis-data/generate/city';

const FILE = new URL('./golden/demo-seed-1.summary.json', import.meta.url);

function summary(): unknown {
  const city = generateCity('demo', 1);
  const chunk = [...city.counties()][0];
  if (chunk === undefined) throw new Error('no county generated');
  const count = <T>(items: T[], key: (t: T) => string) => {
    const out: Record<string, number> = {};
    for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const r = (v: number) => Math.round(v * 1e5) / 1e5;
  return {
    settings: city.settings,
    layers: {
      adminAreas: chunk.adminAreas.length,
      roads: chunk.roads.length,
      buildings: chunk.buildings.length,
      water: chunk.water.length,
      places: chunk.places.length,
      targets: chunk.targets.length,
      cameras: chunk.cameras.length,
    },
    roadsByClass: count(chunk.roads, (x) => x.class),
    targetsByClass: count(chunk.targets, (x) => x.class),
    crowdedByKind: count(
      chunk.targets.filter((t) => t.class === 'crowded_place'),
      (x) => x.kind ?? '',
    ),
    camerasByType: count(chunk.cameras, (x) => x.type),
    camerasByInstallYear: count(chunk.cameras, (x) => x.installDate.slice(0, 4)),
    camerasByResourceClass: count(chunk.cameras, (x) => String(x.resourceClass)),
    towns: chunk.adminAreas.filter((a) => a.level === 'town').map((a) => `${a.code} ${a.name}`),
    sampleCameras: chunk.cameras
      .filter((_, i) => i % 500 === 0)
      .map((c) => ({
        deviceId: c.deviceId,
        name: c.name,
        type: c.type,
        point: c.point.map(r),
        azimuthDeg: c.azimuthDeg,
        tiltDeg: c.tiltDeg,
        hfovDeg: c.hfovDeg,
        resolution: `${c.resolutionH}x${c.resolutionV}`,
        installDate: c.installDate,
        watches: c.watches.sourceRef,
      })),
  };
}

describe('demo county golden summary', () => {
  it('matches the reviewed snapshot, so any change to the generated demo is a visible diff', () => {
    const actual = summary();
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(FILE)) writeFileSync(FILE, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
  });
});
