import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../../web/src/api/client';
import { localToLonLat, tileBox } from '../../../web/src/map/tile-features';
import { stateGroup } from '../../../web/src/map/state-style';
import { readAreas, readRates } from '../../../web/src/workspaces/coverage-data';
import { apiProjection, projectFullCoverage, readTimeline, type TimelinePoint } from '../../../web/src/workspaces/timeline-data';

// Fixtures typed by the generated API types: a field the API renames breaks this file at compile time.
type ClassRate = Schemas['CoverageClassRate'];
const rate = (r: number, covered: number, total: number, unit: ClassRate['unit']): ClassRate => ({
  targets: 10,
  coveredTargets: 5,
  unit,
  total,
  covered,
  rate: r,
  assumedTargets: 0,
  redundantTargets: 0,
  meanCameras: 1,
});

const report: Schemas['CoverageReport'] = {
  mode: 'design',
  asOf: '2026-01-02',
  statusFrom: '2019-03-01',
  level: null,
  occlusion: true,
  source: 'stored',
  computedAt: '2026-01-02T03:04:05.000Z',
  settings: { standard: 'dori-2015', intersectionRadiusM: 15, coveredShare: 0.9, minGapM: 5, minSliverM2: 1, targetHeightM: 1.6 },
  resourceClasses: null,
  areas: [
    {
      areaId: null,
      code: null,
      level: 'all',
      name: 'all targets',
      classes: { intersection: rate(0.5, 5, 10, 'count'), road: rate(0.25, 2500, 10000, 'm') },
    },
    { areaId: 1, code: '610921', level: 'county', name: 'A县', classes: { intersection: rate(0.4, 4, 10, 'count') } },
    { areaId: 2, code: '61092101', level: 'town', name: 'B镇', classes: { intersection: rate(0.3, 3, 10, 'count') } },
  ],
  assumed: { targets: 0, note: '' },
  issues: { total: 0, byKind: {} },
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

  it('takes rates as the fractions the API documents, never rescaling by size', () => {
    const full: Schemas['CoverageReport'] = {
      ...report,
      areas: [{ ...report.areas[0]!, classes: { intersection: rate(1, 10, 10, 'count') } }],
    };
    expect(readRates(full)[0]!.rate).toBe(1);
  });
});

describe('deadline projection', () => {
  const months = (rates: number[]): TimelinePoint[] =>
    rates.map((r, i) => ({ month: `2020-${String(i + 1).padStart(2, '0')}`, rates: { intersection: r } }));
  const projection = (fullDate: string | null): Schemas['CoverageTimeline']['projection'][number] => ({
    class: 'intersection',
    rateNow: 0.5,
    rateYearAgo: 0.4,
    pacePerMonth: 0.01,
    fullDate,
    alreadyFull: false,
  });

  it('extends the recent monthly pace to the month 100 % is reached', () => {
    expect(projectFullCoverage(months([0.5, 0.6, 0.7, 0.8]))).toBe('2020-06');
  });

  it('says never when coverage is not growing', () => {
    expect(projectFullCoverage(months([0.5, 0.5, 0.5]))).toBeNull();
  });

  it('prefers the API projection and waits for the slowest class', () => {
    expect(apiProjection({ projection: [projection('2027-01-01'), projection('2029-05-01')] }).date).toBe('2029-05-01');
    expect(apiProjection({ projection: [projection(null)] })).toEqual({ date: null, known: true });
  });

  it("reads the whole dataset's series month by month", () => {
    const classes = { intersection: rate(0.5, 5, 10, 'count') };
    const timeline: Schemas['CoverageTimeline'] = {
      firstMonth: '2020-01-31',
      series: [
        { areaId: 1, code: '610921', name: 'A县', points: [{ month: '2020-01-31', classes: { intersection: rate(0.1, 1, 10, 'count') } }] },
        { areaId: null, code: null, name: 'all targets', points: [{ month: '2020-01-31', classes }] },
      ],
      deadline: { date: '2020-12-31', classes },
      projection: [],
    };
    expect(readTimeline(timeline)).toEqual([{ month: '2020-01', rates: { intersection: 0.5 } }]);
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

  it('gives a tile its box: z0 is the whole Web Mercator world, z1 tile 1/0 its north-east quarter', () => {
    const world = tileBox(0, 0, 0);
    expect(world.west).toBe(-180);
    expect(world.east).toBe(180);
    expect(world.north).toBeCloseTo(85.0511287798, 9);
    expect(world.south).toBeCloseTo(-85.0511287798, 9);
    expect(tileBox(1, 0, 1)).toMatchObject({ west: 0, east: 180, south: 0 });
  });
});
