// The coverage map is drawn by MapLibre style layers (web/src/map/coverage-layers.ts): their
// expressions are checked here with MapLibre's own style validator and evaluator, and the
// browser-side clusters (camera-clusters.ts) against the counts and the health vocabulary.
import { createExpression, validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { clusterCameras, standsOn } from '../../../web/src/map/camera-clusters';
import {
  CAMERA_ICON_LAYER,
  CLUSTER_SOURCE,
  COVERAGE_SOURCES,
  CAMERA_POINTS_SOURCE,
  CLUSTER_BELOW_ZOOM,
  cameraIconExpression,
  cameraPointsSource,
  coverageLayerSpecs,
  vectorSource,
  type CoverageLayerProps,
  type CoverageSourceKey,
} from '../../../web/src/map/coverage-layers';
import { STATE_COLOURS, cssColour } from '../../../web/src/map/state-style';

const props = (p: Partial<CoverageLayerProps> = {}): CoverageLayerProps => ({
  asOf: null,
  now: false,
  level: null,
  showFootprints: true,
  showTargets: true,
  showBlindSpots: true,
  showCameras: true,
  statusOverrides: new Map(),
  statusVersion: 0,
  ...p,
});

function iconOf(overrides: ReadonlyMap<string, string>, properties: Record<string, unknown>): unknown {
  const parsed = createExpression(cameraIconExpression(overrides), {
    type: 'resolvedImage',
    'property-type': 'data-driven',
    expression: { interpolated: false, parameters: ['zoom', 'feature'] },
  } as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const v = parsed.value.evaluate({ zoom: 15 }, { type: 'Point', properties } as never);
  return typeof v === 'object' && v !== null && 'name' in v ? (v as { name: string }).name : v;
}

describe('coverage map style', () => {
  it('is a valid MapLibre style, with the status stream overrides in it', () => {
    const p = props({ asOf: '2020-12-31', now: true, statusOverrides: new Map([['61092103001320000016', 'UNREACHABLE']]) });
    const sources: StyleSpecification['sources'] = {
      [CLUSTER_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [CAMERA_POINTS_SOURCE]: cameraPointsSource(p),
    };
    for (const key of Object.keys(COVERAGE_SOURCES) as CoverageSourceKey[]) sources[COVERAGE_SOURCES[key].id] = vectorSource(key, p);
    const style: StyleSpecification = {
      version: 8,
      glyphs: 'http://127.0.0.1/api/v1/glyphs/{fontstack}/{range}.pbf',
      sources,
      layers: coverageLayerSpecs(p),
    };
    expect(validateStyleMin(style)).toEqual([]);
    expect(coverageLayerSpecs(p).map((l) => l.id)).toContain(CAMERA_ICON_LAYER);
  });

  it('asks for the tiles of the date and mode shown', () => {
    const p = props({ asOf: '2020-12-31', now: true, level: 'detect' });
    expect(vectorSource('blind-spots', p).tiles![0]).toMatch(
      /^xl-blind:\/\/.*\/tiles\/blind-spots\/\{z\}\/\{x\}\/\{y\}\.mvt\?asOf=2020-12-31&now=1&level=detect$/,
    );
    expect(vectorSource('cameras', p).tiles![0]).toMatch(/\/tiles\/cameras\/\{z\}\/\{x\}\/\{y\}\.mvt\?asOf=2020-12-31$/);
    expect(vectorSource('cameras', p).maxzoom).toBe(14);
    // The clusters' cameras: on another date those of every date, the same tiles for each date.
    expect(cameraPointsSource(p).tiles![0]).toMatch(/\/tiles\/cameras\/\{z\}\/\{x\}\/\{y\}\.mvt\?allDates=1$/);
    expect(cameraPointsSource({ asOf: '2016-05-01' }).tiles).toEqual(cameraPointsSource(p).tiles);
    expect(cameraPointsSource({ asOf: null }).tiles![0]).toMatch(/\/tiles\/cameras\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
    expect(cameraPointsSource(p).maxzoom).toBeLessThan(CLUSTER_BELOW_ZOOM);
    const hidden = coverageLayerSpecs(p).find((l) => l.id === 'xl-camera-tiles') as { source?: string; maxzoom?: number };
    expect(hidden).toMatchObject({ source: CAMERA_POINTS_SOURCE, maxzoom: CLUSTER_BELOW_ZOOM });
  });

  it("picks the cameras standing on a date by the camera tiles' rule (installed by then or undated, not yet removed)", () => {
    const day = '2020-12-31';
    expect(standsOn({}, day)).toBe(true);
    expect(standsOn({ installDate: '2020-12-31' }, day)).toBe(true);
    expect(standsOn({ installDate: '2021-01-01' }, day)).toBe(false);
    expect(standsOn({ installDate: '2015-01-01', removalDate: '2020-12-31' }, day)).toBe(false);
    expect(standsOn({ installDate: '2015-01-01', removalDate: '2021-01-01' }, day)).toBe(true);
    expect(standsOn({ removalDate: '2019-01-01' }, day)).toBe(false);
  });

  it("draws each camera with its state group's icon, and the stream's newer state over the tile's", () => {
    const none = new Map<string, string>();
    expect(iconOf(none, { device_id: 'a', state: 'OK' })).toBe('OK');
    // Agent states map to the vocabulary's groups: unreachable and no response are both 离线.
    expect(iconOf(none, { device_id: 'a', state: 'UNREACHABLE' })).toBe('OFFLINE');
    expect(iconOf(none, { device_id: 'a', state: 'NO_RESPONSE' })).toBe('OFFLINE');
    expect(iconOf(none, { device_id: 'a', state: 'something new' })).toBe('UNKNOWN');
    const moved = new Map([
      ['a', 'UNREACHABLE'],
      ['b', 'OK'],
    ]);
    expect(iconOf(moved, { device_id: 'a', state: 'OK' })).toBe('OFFLINE');
    expect(iconOf(moved, { device_id: 'b', state: 'AUTH_FAILED' })).toBe('OK');
    expect(iconOf(moved, { device_id: 'c', state: 'AUTH_FAILED' })).toBe('AUTH_FAILED');
  });
});

describe('camera clusters', () => {
  const cams = [
    { deviceId: 'a', state: 'OK', lngLat: [109.1, 32.75] as [number, number] },
    { deviceId: 'b', state: 'OK', lngLat: [109.1001, 32.7501] as [number, number] },
    { deviceId: 'c', state: 'OK', lngLat: [109.3, 32.9] as [number, number] },
  ];

  it('counts every camera once, in cells of a sixth of a tile', () => {
    const fc = clusterCameras(cams, 12, new Map());
    expect(fc.features.map((f) => f.properties.count).sort()).toEqual([1, 2]);
    // At zoom 2 one cell holds them all, at their mean position.
    const one = clusterCameras(cams, 2, new Map()).features;
    expect(one).toHaveLength(1);
    expect(one[0]!.properties.count).toBe(3);
    expect(one[0]!.geometry.coordinates[0]).toBeCloseTo((109.1 + 109.1001 + 109.3) / 3, 9);
  });

  it("rings a cluster in its worst member's colour, the stream's state first", () => {
    const fc = clusterCameras(cams, 12, new Map([['b', 'UNREACHABLE']]));
    const pair = fc.features.find((f) => f.properties.count === 2)!;
    expect(pair.properties.worst).toBe('OFFLINE');
    expect(pair.properties.stroke).toBe(cssColour(STATE_COLOURS.OFFLINE));
    expect(fc.features.find((f) => f.properties.count === 1)!.properties.worst).toBe('OK');
  });
});
