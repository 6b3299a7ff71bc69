import { describe, expect, it } from 'vitest';
import type { MultiPolygonXY } from '../../../gis-data/footprint/types';
import { localGain, type BlindPiece } from '../../../web/src/planning/local-gain';

// A 100 m square footprint at the origin, at level "detect".
const square: MultiPolygonXY = [[[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]]];
const everywhere: BlindPiece['clip'] = [-1e9, -1e9, 1e9, 1e9];

describe('planner local gain', () => {
  it('counts road metres inside the footprint only, so a camera is credited for what it newly sees', () => {
    const road: BlindPiece = { key: 'r', targetId: '1', cls: 'road', level: 'detect', clip: everywhere, geometry: { type: 'Line', lines: [[[-100, 50], [200, 50]]] } };
    const g = localGain([road], new Map([['detect', [square]]]));
    expect(g.roadKm).toBeCloseTo(0.1, 2);
  });

  it('ignores pieces needing a level the proposed camera does not reach there', () => {
    const road: BlindPiece = { key: 'r', targetId: '1', cls: 'road', level: 'identify', clip: everywhere, geometry: { type: 'Line', lines: [[[-100, 50], [200, 50]]] } };
    expect(localGain([road], new Map([['detect', [square]]])).roadKm).toBe(0);
  });

  it('counts an intersection once even when tiles repeat it', () => {
    const p = (key: string): BlindPiece => ({ key, targetId: '7', cls: 'intersection', level: 'detect', clip: everywhere, geometry: { type: 'Point', xy: [50, 50] } });
    expect(localGain([p('a'), p('b')], new Map([['detect', [square]]])).targets).toBe(1);
  });

  it('measures the covered part of an area on a 2 m grid, and not the part outside the tile', () => {
    const area: BlindPiece = { key: 'h', targetId: '3', cls: 'hotspot', level: 'detect', clip: [0, 0, 50, 1000], geometry: { type: 'Area', polygons: [[[[0, 0], [200, 0], [200, 100], [0, 100], [0, 0]]]] } };
    const g = localGain([area], new Map([['detect', [square]]]));
    expect(g.areaM2).toBeCloseTo(50 * 100, -2);
  });
});
