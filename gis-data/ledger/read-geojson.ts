// GeoJSON ledgers: a FeatureCollection of Point features, ledger columns in properties.
// Read whole (JSON has no record boundary a stream could cut at); capped at MAX_WHOLE_FILE_BYTES.
import type { ByteSource } from './source';
import { readAllLimited } from './source';
import { decodeJsonBuffer } from './text-encoding';
import { MAX_WHOLE_FILE_BYTES, type LedgerReadResult, type LedgerRecord } from './ledger-record';

interface Feature {
  type?: string;
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

export function featuresToRecords(features: readonly Feature[]): LedgerRecord[] {
  return features.map((f, i) => {
    const rec: LedgerRecord = { row: i + 1, values: { ...(f.properties ?? {}) } };
    const g = f.geometry;
    if (g === null || g === undefined) return rec;
    const c = g.coordinates;
    if (g.type === 'Point' && Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number')
      rec.position = [c[0], c[1]];
    else rec.geometryProblem = `geometry is ${String(g.type)}, a camera needs a Point`;
    return rec;
  });
}

export function parseGeoJsonFeatures(text: string, fileName: string): Feature[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${fileName}: not valid JSON (${(err as Error).message})`);
  }
  const d = doc as { type?: string; features?: unknown };
  if (d.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as Feature[];
  if (d.type === 'Feature') return [d as Feature];
  throw new Error(`${fileName}: expected a GeoJSON FeatureCollection`);
}

export function readGeoJsonLedger(source: ByteSource): LedgerReadResult {
  async function* records(): AsyncGenerator<LedgerRecord> {
    const text = decodeJsonBuffer(await readAllLimited(source, MAX_WHOLE_FILE_BYTES), source.fileName);
    yield* featuresToRecords(parseGeoJsonFeatures(text, source.fileName));
  }
  return { records: records(), skipped: () => 0 };
}
