// 在线率/完好率 thresholds per admin area, resolved by inheritance: an area's own value, else its
// parent's (town → county → city), else the default. Each of the two rates inherits on its own,
// so a county may set only 完好率 and keep the city's 在线率. Pure: no database here.

/** Rates as fractions (0.98 = 98 %). */
export interface RateThresholds {
  online: number;
  working: number;
}

/** Where an effective value came from: an area code, or 'default'. */
export interface EffectiveThresholds extends RateThresholds {
  onlineFrom: string;
  workingFrom: string;
}

export interface AreaNode {
  code: string;
  parentCode: string | null;
}
export interface OwnThresholds {
  areaCode: string;
  online: number | null;
  working: number | null;
}

export const DEFAULT_FROM = 'default';

/** Effective thresholds of every area in `areas` (keyed by code). Cycles in parent links are cut. */
export function resolveThresholds(areas: AreaNode[], own: OwnThresholds[], defaults: RateThresholds): Map<string, EffectiveThresholds> {
  const parent = new Map(areas.map((a) => [a.code, a.parentCode]));
  const mine = new Map(own.map((o) => [o.areaCode, o]));
  const out = new Map<string, EffectiveThresholds>();
  for (const a of areas) {
    const e: EffectiveThresholds = {
      online: defaults.online,
      working: defaults.working,
      onlineFrom: DEFAULT_FROM,
      workingFrom: DEFAULT_FROM,
    };
    let foundOnline = false;
    let foundWorking = false;
    const seen = new Set<string>();
    for (let code: string | null | undefined = a.code; code !== null && code !== undefined && !seen.has(code); code = parent.get(code)) {
      seen.add(code);
      const o = mine.get(code);
      if (o === undefined) continue;
      if (!foundOnline && o.online !== null) {
        e.online = o.online;
        e.onlineFrom = code;
        foundOnline = true;
      }
      if (!foundWorking && o.working !== null) {
        e.working = o.working;
        e.workingFrom = code;
        foundWorking = true;
      }
      if (foundOnline && foundWorking) break;
    }
    out.set(a.code, e);
  }
  return out;
}

export function defaultEffective(defaults: RateThresholds): EffectiveThresholds {
  return { ...defaults, onlineFrom: DEFAULT_FROM, workingFrom: DEFAULT_FROM };
}
