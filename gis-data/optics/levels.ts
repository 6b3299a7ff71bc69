// Detail levels of the two editions of IEC 62676-4, in pixels per metre at the target. Names are
// unique across both standards (docs/contracts.md), so a level name alone fixes its density.
export type StandardId = 'dori-2015' | 'iec-2025';

export interface DetailLevel {
  name: string;
  ppm: number;
  standard: StandardId | 'custom';
}

export const STANDARD_LEVELS: Record<StandardId, DetailLevel[]> = {
  'dori-2015': [
    { name: 'monitor', ppm: 12.5, standard: 'dori-2015' },
    { name: 'detect', ppm: 25, standard: 'dori-2015' },
    { name: 'observe', ppm: 62.5, standard: 'dori-2015' },
    { name: 'recognise', ppm: 125, standard: 'dori-2015' },
    { name: 'identify', ppm: 250, standard: 'dori-2015' },
    { name: 'inspect', ppm: 1000, standard: 'dori-2015' },
  ],
  'iec-2025': [
    { name: 'overview', ppm: 20, standard: 'iec-2025' },
    { name: 'outline', ppm: 40, standard: 'iec-2025' },
    { name: 'discern', ppm: 80, standard: 'iec-2025' },
    { name: 'perceive', ppm: 125, standard: 'iec-2025' },
    { name: 'characterise', ppm: 250, standard: 'iec-2025' },
    { name: 'validate', ppm: 500, standard: 'iec-2025' },
    { name: 'scrutinise', ppm: 1500, standard: 'iec-2025' },
  ],
};

/** Accepts the ids and the years users type (`2015`, `2025`, `dori`, `oodpcvs`). */
export function parseStandard(raw: string): StandardId | undefined {
  const s = raw.trim().toLowerCase();
  if (s === 'dori-2015' || s === '2015' || s === 'dori') return 'dori-2015';
  if (s === 'iec-2025' || s === '2025' || s === 'oodpcvs') return 'iec-2025';
  return undefined;
}

/** Every level of both standards plus any custom thresholds (custom names win). */
export function allLevels(custom: DetailLevel[] = []): DetailLevel[] {
  const byName = new Map<string, DetailLevel>();
  for (const l of [...STANDARD_LEVELS['dori-2015'], ...STANDARD_LEVELS['iec-2025'], ...custom]) byName.set(l.name, l);
  return [...byName.values()];
}

export function findLevel(name: string, custom: DetailLevel[] = []): DetailLevel | undefined {
  return allLevels(custom).find((l) => l.name === name);
}
