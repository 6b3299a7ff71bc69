// The planner's live preview gain, now the shared pure code in gis-data/coverage (the browser
// and the server's reconciliation test use the same module).
import { describe, expect, it } from 'vitest';
import type { MultiPolygonXY } from '../../../gis-data/footprint/types';
import { blindGain, type BlindPiece } from '../../../gis-data/coverage';

// A 100 m square footprint at the origin, at level "detect".
const square: MultiPolygonXY = [
  [
    [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ],
  ],
];
const everywhere: BlindPiece['clip'] = [-Infinity, -Infinity, Infinity, Infinity];

describe('planner preview gain (gis-data/coverage/blind-gain)', () => {
  it('counts road metres inside the footprint only, so a camera is credited for what it newly sees', () => {
    const road: BlindPiece = {
      key: 'r',
      targetId: '1',
      cls: 'road',
      level: 'detect',
      clip: everywhere,
      geometry: {
        type: 'Line',
        lines: [
          [
            [-100, 50],
            [200, 50],
          ],
        ],
      },
    };
    const g = blindGain([road], new Map([['detect', [square]]]));
    expect(g.roadKm).toBeCloseTo(0.1, 9);
    expect(g.byClass.road).toBeCloseTo(0.1, 9);
  });

  it('ignores pieces needing a level the proposed camera does not reach there', () => {
    const road: BlindPiece = {
      key: 'r',
      targetId: '1',
      cls: 'road',
      level: 'identify',
      clip: everywhere,
      geometry: {
        type: 'Line',
        lines: [
          [
            [-100, 50],
            [200, 50],
          ],
        ],
      },
    };
    expect(blindGain([road], new Map([['detect', [square]]])).roadKm).toBe(0);
  });

  it('counts an intersection once even when tiles repeat it', () => {
    const p = (key: string): BlindPiece => ({
      key,
      targetId: '7',
      cls: 'intersection',
      level: 'detect',
      clip: everywhere,
      geometry: { type: 'Point', xy: [50, 50] },
    });
    expect(blindGain([p('a'), p('b')], new Map([['detect', [square]]])).targets).toBe(1);
  });

  it("measures the exact covered area, and not the part outside the piece's tile", () => {
    const area: BlindPiece = {
      key: 'h',
      targetId: '3',
      cls: 'hotspot',
      level: 'detect',
      clip: [0, 0, 50, 1000],
      geometry: {
        type: 'Area',
        polygons: [
          [
            [
              [0, 0],
              [200, 0],
              [200, 100],
              [0, 100],
              [0, 0],
            ],
          ],
        ],
      },
    };
    const g = blindGain([area], new Map([['detect', [square]]]));
    expect(g.areaM2).toBeCloseTo(50 * 100, 6);
  });

  it('does not count twice where two proposed cameras overlap, since a metre is covered once', () => {
    const shifted: MultiPolygonXY = [
      [
        [
          [50, 0],
          [150, 0],
          [150, 100],
          [50, 100],
          [50, 0],
        ],
      ],
    ];
    const road: BlindPiece = {
      key: 'r',
      targetId: '1',
      cls: 'road',
      level: 'detect',
      clip: everywhere,
      geometry: {
        type: 'Line',
        lines: [
          [
            [-100, 50],
            [300, 50],
          ],
        ],
      },
    };
    expect(blindGain([road], new Map([['detect', [square, shifted]]])).roadKm).toBeCloseTo(0.15, 9);
  });
});
