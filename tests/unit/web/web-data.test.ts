import { describe, expect, it } from 'vitest';
import { localToLonLat, gridCluster } from '../../../web/src/map/tile-features';
import { stateGroup } from '../../../web/src/map/state-style';
import { readAreas, readRates } from '../../../web/src/workspaces/coverage-data';
import { apiProjection, projectFullCoverage, type TimelinePoint } from '../../../web/src/workspaces/timeline-data';

const report = {
  areas: [
    {
      areaId: null,
      code: null,
      level: 'all',
      name: 'all targets',
      classes: {
        intersection: { rate: 0.5, covered: 5, total: 10, unit: 'count' },
        road: { rate: 0.25, covered: 2500, total: 10000, unit: 'm' },
      },
    },
    {
      areaId: 1,
      code: '610921',
      level: 'county',
      name: 'A县',
      classes: { intersection: { rate: 0.4, covered: 4, total: 10, unit: 'count' } },
    },
    {
      areaId: 2,
      code: '61092101',
      level: 'town',
      name: 'B镇',
      classes: { intersection: { rate: 0.3, covered: 3, total: 10, unit: 'count' } },
    },
  ],
};

describe('coverage report reading', () => {
  it('shows the whole-network figures by default and road lengths in km', () => {
    const rates = readRates(report);
    expect(rates.find((r) => r.cls === 'intersection')!.rate).toBe(0.5);
    const road = rates.find((r) => r.cls === 'road')!;
    expect(road.unit).toBe('km');
    expect(road.total).toBe(10);
  });

  it('drills down from counties to the towns whose codes nest in the county code', () => {
    expect(readAreas(report).map((a) => a.code)).toEqual(['610921']);
    expect(readAreas(report, '610921').map((a) => a.code)).toEqual(['61092101']);
    expect(readRates(report, '610921').find((r) => r.cls === 'intersection')!.rate).toBe(0.4);
  });
});

describe('deadline projection', () => {
  const months = (rates: number[]): TimelinePoint[] =>
    rates.map((r, i) => ({ month: `2020-${String(i + 1).padStart(2, '0')}`, rates: { intersection: r } }));

  it('extends the recent monthly pace to the month 100 % is reached', () => {
    expect(projectFullCoverage(months([0.5, 0.6, 0.7, 0.8]))).toBe('2020-06');
  });

  it('says never when coverage is not growing', () => {
    expect(projectFullCoverage(months([0.5, 0.5, 0.5]))).toBeNull();
  });

  it('prefers the API projection and waits for the slowest class', () => {
    expect(
      apiProjection({
        projection: [
          { fullDate: '2027-01-01', alreadyFull: false },
          { fullDate: '2029-05-01', alreadyFull: false },
        ],
      }).date,
    ).toBe('2029-05-01');
    expect(apiProjection({ projection: [{ fullDate: null, alreadyFull: false }] })).toEqual({ date: null, known: true });
  });
});

describe('map helpers', () => {
  it('groups the three transport failures as offline, as the contract defines online', () => {
    expect(['UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR'].map(stateGroup)).toEqual(['OFFLINE', 'OFFLINE', 'OFFLINE']);
    expect(stateGroup(undefined)).toBe('UNKNOWN');
    expect(stateGroup('CLOCK_SKEW')).toBe('CLOCK_SKEW');
  });

  it('maps local tile coordinates back to the tile corners', () => {
    const box = { west: 108, north: 33, east: 109, south: 32 };
    const [lon0, lat0] = localToLonLat(box, 0, 0);
    const [lon1, lat1] = localToLonLat(box, 1, 1);
    expect(lon0).toBeCloseTo(108, 9);
    expect(lat0).toBeCloseTo(33, 9);
    expect(lon1).toBeCloseTo(109, 9);
    expect(lat1).toBeCloseTo(32, 9);
  });

  it('clusters points per grid cell with their count', () => {
    const pt = (x: number, y: number) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [x, y] },
      properties: {},
    });
    const clusters = gridCluster([pt(0.01, 0.01), pt(0.02, 0.02), pt(0.9, 0.9)], 4);
    expect(clusters.map((c) => c.count).sort()).toEqual([1, 2]);
  });
});
