// Source records → canonical column values, remembering the header mapping each distinct set of
// headers got. A hostile GeoJSON can give every feature its own property names, so the cache and
// the list of unmapped headers are bounded: memory does not grow with the file.
import { UserFacingError } from '../../db/errors';
import { mapHeaders, type CanonicalColumn } from './columns';
import type { LedgerFormat, LedgerRecord } from './ledger-record';

const MAX_CACHED_HEADER_SETS = 256;
/** Unmapped headers listed in a report (the first ones met). */
export const MAX_UNMAPPED_LISTED = 200;

export type CanonicalValues = Partial<Record<CanonicalColumn, unknown>>;

export class RowMapper {
  /** Null prototype: source headers are keys here, and "__proto__" is a header like any other. */
  readonly usedMapping = Object.create(null) as Record<string, string>;
  readonly unmapped = new Set<string>();
  private readonly cache = new Map<string, Record<string, CanonicalColumn>>();
  private first = true;

  constructor(
    private readonly fileName: string,
    private readonly format: LedgerFormat,
    private readonly override: Record<string, string> | undefined,
  ) {}

  values(rec: LedgerRecord): CanonicalValues {
    if (rec.canonical === true) return rec.values as CanonicalValues;
    const keys = Object.keys(rec.values);
    const sig = keys.join('\u0000');
    let m = this.cache.get(sig);
    if (m === undefined) {
      m = this.mapping(keys);
      if (this.cache.size < MAX_CACHED_HEADER_SETS) this.cache.set(sig, m);
    }
    const values: CanonicalValues = {};
    for (const [h, col] of Object.entries(m)) values[col] = rec.values[h];
    return values;
  }

  private mapping(keys: string[]): Record<string, CanonicalColumn> {
    let hm;
    try {
      hm = mapHeaders(keys, this.override);
    } catch (err) {
      throw new UserFacingError(`${this.fileName}: ${(err as Error).message}`);
    }
    for (const [h, col] of Object.entries(hm.mapping)) this.usedMapping[h] = col;
    for (const u of hm.unmapped) if (this.unmapped.size < MAX_UNMAPPED_LISTED) this.unmapped.add(u);
    if (this.first && this.override !== undefined) {
      const missing = Object.keys(this.override).filter((k) => !keys.includes(k));
      // Feature formats may leave a property out of the first feature; sheets have one header row.
      if (missing.length > 0 && this.format !== 'geojson' && this.format !== 'kml') {
        throw new UserFacingError(
          `--mapping names header(s) ${missing.map((k) => `"${k}"`).join(', ')} that ${this.fileName} does not have (its headers: ${keys.join(', ')})`,
        );
      }
    }
    this.first = false;
    return hm.mapping;
  }
}

/** The first mapped column (or "provenance") whose text holds U+0000: PostgreSQL text cannot. */
export function nulField(values: CanonicalValues, provenance: Record<string, unknown> | undefined): string | undefined {
  for (const [col, v] of Object.entries(values)) if (typeof v === 'string' && v.includes('\u0000')) return col;
  return hasNul(provenance) ? 'provenance' : undefined;
}

function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v === null || typeof v !== 'object') return false;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
}
