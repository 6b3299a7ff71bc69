// The coverage API's figures (Schemas['CoverageReport'], generated from the server's schema) as
// rows for the UI: rates per class in a fixed order, road lengths in km for display. Rates are
// fractions 0–1 as the API sends them; the rate bar formats them. Pure.
import type { Schemas } from '../api/client';

type CoverageReport = Schemas['CoverageReport'];
type AreaRates = Schemas['CoverageAreaRates'];

/**
 * One class's figures as the panels show them. rate and covered are null where they are unknown:
 * coverage now of a date before the first camera status record (the report's statusFrom).
 */
export interface ClassRate {
  cls: Schemas['TargetClass'];
  rate: number | null;
  covered: number | null;
  total: number;
  /** Display unit: road metres are shown in km. */
  unit: 'count' | 'km' | 'm2';
}

export const CLASSES = ['intersection', 'road', 'hotspot', 'crowded_place'] as const satisfies readonly Schemas['TargetClass'][];

function shown(cls: Schemas['TargetClass'], r: Schemas['CoverageClassRate'] | Schemas['CoverageReportClassRate']): ClassRate {
  if (r.unit === 'm')
    return { cls, rate: r.rate, covered: r.covered === null ? null : r.covered / 1000, total: r.total / 1000, unit: 'km' };
  return { cls, rate: r.rate, covered: r.covered, total: r.total, unit: r.unit };
}

/** The classes an area has targets of, in the panels' order. */
export function classRates(classes: Schemas['CoverageClasses'] | Schemas['CoverageReportClasses']): ClassRate[] {
  return CLASSES.flatMap((cls) => {
    const r = classes[cls];
    return r === undefined ? [] : [shown(cls, r)];
  });
}

/** The area a report is about: the one asked for, else all targets (the whole dataset). */
export function topArea(report: CoverageReport, area?: string): AreaRates | undefined {
  if (area !== undefined) return report.areas.find((a) => a.code === area);
  return report.areas.find((a) => a.level === 'all');
}

export function readRates(report: CoverageReport, area?: string): ClassRate[] {
  const a = topArea(report, area);
  return a === undefined ? [] : classRates(a.classes);
}

export interface AreaRow {
  code: string;
  name: string;
  level: AreaRates['level'];
  rates: ClassRate[];
}

/**
 * The drill-down rows: below the whole dataset its counties, below a county its towns (GB/T 2260
 * codes nest: a town's code starts with its county's).
 */
export function readAreas(report: CoverageReport, area?: string): AreaRow[] {
  return report.areas
    .filter((a): a is AreaRates & { code: string } =>
      a.code === null ? false : area === undefined ? a.level === 'county' : a.code !== area && a.code.startsWith(area),
    )
    .map((a) => ({ code: a.code, name: a.name, level: a.level, rates: classRates(a.classes) }));
}
