// Golden footprints: each input in tests/fixtures/footprint/in is one edge case (a camera and the
// buildings around it, parameters in properties); the output is a coloured FeatureCollection a
// reviewer opens in any map viewer. UPDATE_GOLDEN=1 rewrites the outputs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { utmProjector } from '../../../gis-data/coverage/projection';
import { cameraFootprints, type CameraForFootprint, type Obstacle, type XY } from '../../../gis-data/footprint';

const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'footprint');
const update = process.env.UPDATE_GOLDEN === '1';
const P = utmProjector(32649);
const COLOURS: Record<string, string> = { detect: '#9ecae1', observe: '#3182bd', recognise: '#08519c' };

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function run(input: { features: Feature[] }): unknown {
  const camF = input.features.find((f) => f.properties.role === 'camera')!;
  const p = camF.properties as Record<string, unknown> & { levels: Array<{ level: string; ppm: number }> };
  const camera: CameraForFootprint = {
    id: 1,
    type: p.type as CameraForFootprint['type'],
    xy: P.toMetric(camF.geometry.coordinates as [number, number]),
    heightM: p.heightM as number,
    azimuthDeg: p.azimuthDeg as number,
    tiltDeg: p.tiltDeg as number,
    hfovDeg: p.hfovDeg as number,
    resolutionH: p.resolutionH as number,
    ptzPresets: (p.ptzPresets as CameraForFootprint['ptzPresets']) ?? [],
  };
  const obstacles: Obstacle[] = input.features
    .filter((f) => f.properties.role === 'building')
    .map((f, i) => ({
      id: i + 1,
      heightM: (f.properties.heightM as number | null) ?? 10,
      ring: (f.geometry.coordinates as Array<Array<[number, number]>>)[0]!.map((c) => P.toMetric(c) as XY),
    }));
  const fps = cameraFootprints(camera, obstacles, p.levels, { arcStepDeg: 3 });
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  const out: Feature[] = fps.map((fp) => ({
    type: 'Feature',
    properties: {
      level: fp.level,
      ppm: fp.ppm,
      nearM: Math.round(fp.nearM * 100) / 100,
      rangeM: Math.round(fp.rangeM * 100) / 100,
      areaM2: Math.round(fp.areaM2 * 10) / 10,
      fill: COLOURS[fp.level] ?? '#888',
      'fill-opacity': 0.4,
    },
    geometry: {
      type: 'MultiPolygon',
      coordinates: fp.polygon.map((poly) => poly.map((ring) => ring.map((xy) => P.toLonLat(xy).map(round)))),
    },
  }));
  return {
    type: 'FeatureCollection',
    features: [
      ...out,
      ...input.features.map((f) => ({
        ...f,
        properties: { ...f.properties, fill: f.properties.role === 'building' ? '#d62728' : undefined },
      })),
    ],
  };
}

describe('golden footprints', () => {
  const names = readdirSync(join(dir, 'in')).filter((n) => n.endsWith('.geojson'));
  it('has one fixture per edge case, including the occlusion and blind-zone ones', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of names) {
    it(`matches the reviewed map for ${name.replace('.geojson', '')}`, () => {
      const result = JSON.parse(JSON.stringify(run(JSON.parse(readFileSync(join(dir, 'in', name), 'utf8')))));
      const outFile = join(dir, 'out', name);
      if (update || !existsSync(outFile)) writeFileSync(outFile, JSON.stringify(result) + '\n');
      expect(result).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
    });
  }
  it('keeps the edge cases meaningful: zero range is empty, a wall-mounted camera sees only outwards', () => {
    const zero = JSON.parse(readFileSync(join(dir, 'out', 'fov-zero-range.geojson'), 'utf8')) as { features: Feature[] };
    expect(
      zero.features.filter((f) => f.properties.level !== undefined).every((f) => (f.geometry.coordinates as unknown[]).length === 0),
    ).toBe(true);
    const wall = JSON.parse(readFileSync(join(dir, 'out', 'camera-on-own-wall.geojson'), 'utf8')) as { features: Feature[] };
    const open = JSON.parse(readFileSync(join(dir, 'out', 'fov-90-open.geojson'), 'utf8')) as { features: Feature[] };
    expect(wall.features[0]!.properties.areaM2 as number).toBeGreaterThan(0);
    expect(open.features[0]!.properties.areaM2 as number).toBeGreaterThan(0);
  });
});
