// A coverage report as buildCoverageReport returns it, with figures chosen so every unit and
// reason shows: for rendering tests that need no database.
import type { CoverageReport } from '../../api/domain/exports/coverage-report';
import type { ClassRate } from '../../coverage-engine/rates';

const rate = (unit: ClassRate['unit'], covered: number, total: number, targets: number): ClassRate => ({
  targets,
  coveredTargets: Math.round((targets * covered) / total),
  unit,
  total,
  covered,
  rate: covered / total,
  assumedTargets: 2,
  redundantTargets: 1,
  meanCameras: 1.4,
});

export function sampleReport(): CoverageReport {
  const design = {
    intersection: rate('count', 117, 132, 132),
    road: rate('m', 41_234.5, 52_871.2, 60),
    hotspot: rate('m2', 1_204_567.8, 1_688_402.3, 40),
    crowded_place: rate('m2', 301_222.1, 342_785.9, 55),
  };
  const now = {
    intersection: rate('count', 109, 132, 132),
    road: rate('m', 39_001, 52_871.2, 60),
    hotspot: rate('m2', 1_100_000, 1_688_402.3, 40),
    crowded_place: rate('m2', 290_000, 342_785.9, 55),
  };
  const deadline = {
    intersection: rate('count', 80, 120, 120),
    road: rate('m', 30_000, 50_000, 58),
    hotspot: rate('m2', 900_000, 1_600_000, 38),
    crowded_place: rate('m2', 250_000, 340_000, 50),
  };
  const classes = (['intersection', 'road', 'hotspot', 'crowded_place'] as const).map((cls) => ({
    class: cls,
    unit: design[cls].unit,
    target: 1 as const,
    design: design[cls],
    now: now[cls],
    deadline: deadline[cls],
  }));
  const reasons = ['no_camera', 'occluded', 'low_detail', 'near_blind_zone', 'camera_down'] as const;
  return {
    generatedAt: '2026-11-30T08:00:00.000Z',
    area: { code: '610902', name: '汉滨区（演示）', level: 'county', parentCode: '610900', parentName: '安康市（演示）' },
    deadlineDate: '2020-12-31',
    classes,
    status: {
      cameras: 1968,
      observed: 1968,
      unknown: 0,
      online: 1901,
      working: 1843,
      onlineRateNow: 1901 / 1968,
      workingRateNow: 1843 / 1968,
      networked: 1812,
      networkedRateNow: 1812 / 1968,
      monthToDate: { period: '2026-11', onlineRate: 0.9712, workingRate: 0.9401, networkedRate: 0.9187 },
      thresholds: { online: 0.95, working: 0.98, networked: 1 },
    },
    subAreas: [{ code: '610902001', name: '老城街道（演示）', classes: design }],
    blindSpots: {
      total: 1020,
      items: reasons.map((reason, i) => ({
        id: i + 1,
        targetId: 100 + i,
        targetName: i % 2 === 0 ? `兴安路与巴山路交叉口 ${i}` : null,
        class: i === 1 ? 'road' : i === 2 ? 'hotspot' : 'intersection',
        reason,
        measure: i === 1 ? 153.25 : 812.5,
        unit: i === 1 ? ('m' as const) : ('m2' as const),
        priority: 1,
        // The rank: priority × measure, a metre of road weighing like 10 m².
        score: i === 1 ? 1532.5 : 812.5,
        level: 'observe',
        samplesM: [],
        areaCode: '610902',
        areaName: '汉滨区（演示）',
        lon: 109.02 + i / 100,
        lat: 32.68,
        geometry: null,
      })),
    },
  };
}
