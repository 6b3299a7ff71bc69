// Reads the coverage API's figures into one shape for the UI, tolerant of the field spellings
// the coverage engine uses (rates per class, covered and total measures, units).
export interface ClassRate {
  cls: string;
  rate: number | null;
  covered: number | null;
  total: number | null;
  unit: 'count' | 'km' | 'm2';
}

type Dict = Record<string, unknown>;

const num = (v: unknown): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : null;

function unitFor(cls: string, raw: unknown): ClassRate['unit'] {
  if (raw === 'km' || raw === 'm' || cls === 'road') return 'km';
  if (raw === 'm2' || cls === 'hotspot' || cls === 'crowded_place') return 'm2';
  return 'count';
}

function fromEntry(cls: string, e: Dict): ClassRate {
  const unit = unitFor(cls, e.unit);
  let covered = num(e.covered ?? e.coveredMeasure ?? e.covered_measure ?? e.coveredCount);
  let total = num(e.total ?? e.totalMeasure ?? e.total_measure ?? e.totalCount);
  // Road lengths may come in metres.
  if (unit === 'km' && e.unit === 'm') {
    covered = covered === null ? null : covered / 1000;
    total = total === null ? null : total / 1000;
  }
  let rate = num(e.rate ?? e.ratio ?? e.coverage);
  if (rate === null && covered !== null && total !== null && total > 0) rate = covered / total;
  if (rate !== null && rate > 1.0001) rate = rate / 100;
  return { cls, rate, covered, total, unit };
}

export const CLASSES = ['intersection', 'road', 'hotspot', 'crowded_place'] as const;

/** The area a report is about: the one asked for, else the city (or the first area). */
export function topArea(resp: unknown, area?: string): Dict | undefined {
  const areas = (resp as Dict | null)?.areas;
  if (!Array.isArray(areas)) return undefined;
  const list = areas as Dict[];
  if (area !== undefined) return list.find((a) => a.code === area) ?? list[0];
  return list.find((a) => a.code === null) ?? list.find((a) => a.level === 'city') ?? list[0];
}

export function readRates(resp: unknown, area?: string): ClassRate[] {
  const r = (topArea(resp, area) ?? resp ?? {}) as Dict;
  const src = (r.classes ?? r.rates ?? r.byClass ?? r) as unknown;
  const out: ClassRate[] = [];
  if (Array.isArray(src)) {
    for (const e of src as Dict[]) out.push(fromEntry(String(e.class ?? e.cls ?? e.name), e));
  } else if (src !== null && typeof src === 'object') {
    for (const cls of CLASSES) {
      const e = (src as Dict)[cls];
      if (e !== undefined && e !== null)
        out.push(
          typeof e === 'number'
            ? { cls, rate: e > 1.0001 ? e / 100 : e, covered: null, total: null, unit: unitFor(cls, undefined) }
            : fromEntry(cls, e as Dict),
        );
    }
  }
  return out.sort((a, b) => CLASSES.indexOf(a.cls as never) - CLASSES.indexOf(b.cls as never));
}

export interface AreaRow {
  id: string;
  code?: string;
  name: string;
  level?: string;
  rates: ClassRate[];
}

/**
 * The drill-down rows: below the whole city its counties, below a county its towns (GB/T 2260
 * codes nest: a town's code starts with its county's).
 */
export function readAreas(resp: unknown, area?: string): AreaRow[] {
  const areas = (resp as Dict | null)?.areas;
  if (!Array.isArray(areas)) return [];
  const rows = (areas as Dict[]).filter(
    (a) =>
      typeof a.code === 'string' && (area === undefined ? a.level === 'county' : a.code !== area && (a.code as string).startsWith(area)),
  );
  return rows.map((a) => ({
    id: String(a.areaId ?? a.code),
    code: String(a.code),
    name: String(a.name ?? a.code),
    level: a.level === undefined ? undefined : String(a.level),
    rates: readRates(a),
  }));
}
