// GeoJSON ledgers: a FeatureCollection of Point features, ledger columns in properties. The
// features stream one at a time (json-array-stream.ts), so the file is never held whole; a file
// that is a single Feature (small) is read whole.
import type { ByteSource } from './source';
import { readAllLimited } from './source';
import { decodeJsonBuffer } from './text-encoding';
import { MAX_ELEMENT_CHARS, streamJsonArray } from './json-array-stream';
import type { LedgerReadResult, LedgerRecord } from './ledger-record';

export interface GeoJsonFeature {
  type?: string;
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Property values as a ledger cell can hold them: an object or array becomes its JSON text (a
 * cell the row's checks then refuse with the field), since String() of a parsed {"toString":1}
 * throws and would fail the whole file.
 */
function plainValues(props: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    const value = v !== null && typeof v === 'object' ? JSON.stringify(v) : (v as unknown);
    // defineProperty: a property named __proto__ stays an ordinary column.
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** One feature → a ledger record (row = 1-based feature index). */
export function featureToRecord(f: unknown, row: number): LedgerRecord {
  if (f === null || typeof f !== 'object' || Array.isArray(f)) {
    return { row, values: {}, geometryProblem: 'the feature is not a GeoJSON object' };
  }
  const feature = f as GeoJsonFeature;
  const props = feature.properties;
  const rec: LedgerRecord = { row, values: props !== null && typeof props === 'object' && !Array.isArray(props) ? plainValues(props) : {} };
  const g = feature.geometry;
  if (g === null || g === undefined) return rec;
  const c = g.coordinates;
  if (g.type === 'Point' && Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number')
    rec.position = [c[0], c[1]];
  else rec.geometryProblem = `geometry is ${String(g.type)}, a camera needs a Point`;
  return rec;
}

export function featuresToRecords(features: readonly GeoJsonFeature[]): LedgerRecord[] {
  return features.map((f, i) => featureToRecord(f, i + 1));
}

/** The features of a GeoJSON source, streamed; a lone Feature is read whole. */
export async function* streamGeoJsonFeatures(source: ByteSource): AsyncGenerator<unknown> {
  const doc = streamJsonArray(source, 'features');
  yield* doc.elements;
  if (doc.found()) return;
  if (doc.rootStrings.get('type') === 'Feature') {
    const text = decodeJsonBuffer(await readAllLimited(source, MAX_ELEMENT_CHARS), source.fileName);
    yield JSON.parse(text) as unknown;
    return;
  }
  throw new Error(`${source.fileName}: expected a GeoJSON FeatureCollection (an object with a "features" array)`);
}

export function readGeoJsonLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    let row = 0;
    for await (const f of streamGeoJsonFeatures(source)) yield featureToRecord(f, (row += 1));
  }
  return { records: records(), skipped: () => 0 };
}
