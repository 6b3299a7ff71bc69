// 在线率/完好率/联网率 thresholds per admin area, resolved by inheritance: an area's own value, else
// its parent's (town → county → city), else the default. Each rate inherits on its own, so a
// county may set only 完好率 and keep the city's 在线率 and 联网率. Pure: no database here.

/** The rates that have thresholds: 在线率, 完好率, 联网率. */
export const THRESHOLD_RATES = ['online', 'working', 'networked'] as const;
export type ThresholdRate = (typeof THRESHOLD_RATES)[number];

/** Rates as fractions (0.98 = 98 %). */
export type RateThresholds = Record<ThresholdRate, number>;

/** Where an effective value came from: an area code, or 'default'. */
export interface EffectiveThresholds extends RateThresholds {
  onlineFrom: string;
  workingFrom: string;
  networkedFrom: string;
}

export interface AreaNode {
  code: string;
  parentCode: string | null;
}
export type OwnThresholds = { areaCode: string } & Record<ThresholdRate, number | null>;

export const DEFAULT_FROM = 'default';

/** Effective thresholds of every area in `areas` (keyed by code). Cycles in parent links are cut. */
export function resolveThresholds(areas: AreaNode[], own: OwnThresholds[], defaults: RateThresholds): Map<string, EffectiveThresholds> {
  const parent = new Map(areas.map((a) => [a.code, a.parentCode]));
  const mine = new Map(own.map((o) => [o.areaCode, o]));
  const out = new Map<string, EffectiveThresholds>();
  for (const a of areas) {
    const e = defaultEffective(defaults);
    const found = new Set<ThresholdRate>();
    const seen = new Set<string>();
    for (let code: string | null | undefined = a.code; code !== null && code !== undefined && !seen.has(code); code = parent.get(code)) {
      seen.add(code);
      const o = mine.get(code);
      if (o === undefined) continue;
      for (const rate of THRESHOLD_RATES) {
        const v = o[rate];
        if (found.has(rate) || v === null) continue;
        e[rate] = v;
        e[`${rate}From`] = code;
        found.add(rate);
      }
      if (found.size === THRESHOLD_RATES.length) break;
    }
    out.set(a.code, e);
  }
  return out;
}

export function defaultEffective(defaults: RateThresholds): EffectiveThresholds {
  return { ...defaults, onlineFrom: DEFAULT_FROM, workingFrom: DEFAULT_FROM, networkedFrom: DEFAULT_FROM };
}
