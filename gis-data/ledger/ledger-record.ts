// One record of a camera ledger as a reader hands it over, before mapping and validation.
export interface LedgerRecord {
  /** Row as a person finds it: the sheet/CSV line, or the 1-based feature/element index. */
  row: number;
  /** Values keyed by the source's own header or property names. */
  values: Record<string, unknown>;
  /** [lon, lat] from the geometry (GeoJSON, KML), in the declared CRS. */
  position?: [number, number];
  /** Set when the geometry is present but is not a point. */
  geometryProblem?: string;
  /** Formats that already speak canonical columns (OSM, GB/T 28181) skip header mapping. */
  canonical?: boolean;
  /** Extra facts to keep (OSM tags, derived-id note), merged into provenance. */
  provenance?: Record<string, unknown>;
  ptzPresets?: unknown[];
}

export type LedgerFormat = 'csv' | 'xlsx' | 'geojson' | 'kml' | 'osm-json' | 'gb28181';
export const LEDGER_FORMATS: readonly LedgerFormat[] = ['csv', 'xlsx', 'geojson', 'kml', 'osm-json', 'gb28181'];

/** What a reader returns: the records, and how many source items were not cameras (skipped). */
export interface LedgerReadResult {
  records: AsyncIterable<LedgerRecord>;
  skipped(): number;
}

/** Largest file read whole (JSON, KML, GB/T 28181 XML, a non-file xlsx); CSV and xlsx on disk stream. */
export const MAX_WHOLE_FILE_BYTES = 200 * 1024 * 1024;
