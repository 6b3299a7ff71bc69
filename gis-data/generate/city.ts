// The whole generated dataset for a scale: counties side by side in rows (each row shares one
// river), a city area above them for M and L, and the settings rows. Counties are produced
// lazily one at a time, so the loader can stream L without holding it in memory.
import { closedLonLatRing } from './admin-areas';
import { toLonLat, METRIC_SRID, type XY } from './frame';
import { Prng } from './prng';
import { makeRiver, type River } from './river';
import { generateCounty } from './county';
import { cityName } from './names';
import { scalePlan, type Scale } from './scales';
import type { CountyChunk, GenAdminArea } from './types';
import type { Box } from './roads';

/** Ankang's prefecture code; the demo county uses Hanyin's real code 610921 with a demo name. */
export const CITY_CODE = '610900';
const FIRST_COUNTY = 21;

export interface DatasetSetting {
  name: string;
  source: 'generated';
  generated: true;
  bounds: [number, number, number, number];
  attribution: null;
  seed: number;
  scale: Scale;
}

export interface GeneratedCity {
  scale: Scale;
  seed: number;
  countyCount: number;
  /** The city area (M and L only). */
  cityArea: GenAdminArea | null;
  settings: { metric_srid: number; dataset: DatasetSetting; standard: string };
  /** Yields one county at a time. */
  counties(): Generator<CountyChunk>;
}

export function countyCode(index: number): string {
  const n = FIRST_COUNTY + index;
  if (n > 99) throw new Error(`at most ${99 - FIRST_COUNTY + 1} generated counties fit under one prefecture code`);
  return `6109${String(n).padStart(2, '0')}`;
}

export function generateCity(scale: Scale, seed: number): GeneratedCity {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer 0..4294967295, got ${seed}`);
  const plan = scalePlan(scale);
  const root = new Prng(seed);
  const rows = Math.ceil(plan.counties / plan.columns);
  const w = plan.county.widthMeters;
  const h = plan.county.heightMeters;
  const totalW = plan.columns * w;
  const totalH = rows * h;
  const boxOf = (i: number): Box => {
    const col = i % plan.columns;
    const row = Math.floor(i / plan.columns);
    const x0 = -totalW / 2 + col * w;
    const y0 = totalH / 2 - (row + 1) * h;
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  };
  const rivers: River[] = [];
  for (let r = 0; r < rows; r++) rivers.push(makeRiver(root.fork(`river/${r}`), totalH / 2 - (r + 0.5) * h));
  const sw = toLonLat([-totalW / 2, -totalH / 2]);
  const ne = toLonLat([totalW / 2, totalH / 2]);
  const bounds: [number, number, number, number] = [sw[0], sw[1], ne[0], ne[1]];
  const multi = plan.counties > 1;
  const city = cityName();
  const cityRing: XY[] = [
    [-totalW / 2, -totalH / 2],
    [totalW / 2, -totalH / 2],
    [totalW / 2, totalH / 2],
    [-totalW / 2, totalH / 2],
  ];
  return {
    scale,
    seed,
    countyCount: plan.counties,
    cityArea: multi
      ? { code: CITY_CODE, name: city.zh, nameEn: city.en, level: 'city', parentCode: null, ring: closedLonLatRing(cityRing) }
      : null,
    settings: {
      metric_srid: METRIC_SRID,
      dataset: {
        name: multi ? `${city.zh} ${scale}` : scale === 'demo' ? '安康演示县（生成的演示数据）' : `安康演示县 ${scale}（生成）`,
        source: 'generated',
        generated: true,
        bounds,
        attribution: null,
        seed,
        scale,
      },
      standard: 'dori-2015',
    },
    *counties() {
      for (let i = 0; i < plan.counties; i++) {
        yield generateCounty(root, {
          index: i,
          code: countyCode(i),
          parentCode: multi ? CITY_CODE : null,
          box: boxOf(i),
          river: rivers[Math.floor(i / plan.columns)] as River,
          plan: plan.county,
        });
      }
    },
  };
}
