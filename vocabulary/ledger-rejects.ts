// Why a ledger row is rejected: the importer's codes (gis-data/ledger/validate-row.ts has their
// type), named once for the API's schema (api/http/schemas/imports.ts, which checks the two agree
// at build time) and the web's import panel, which gives each a message in zh and en.
export const REJECT_CODES = [
  'bad_device_id',
  'duplicate_device_id',
  'missing_coordinates',
  'bad_coordinates',
  'swapped_lat_lon',
  'outside_area',
  'azimuth_out_of_range',
  'tilt_out_of_range',
  'impossible_optics',
  'bad_value',
  'bad_date',
  'likely_gcj02_offset',
] as const;

export type LedgerRejectCode = (typeof REJECT_CODES)[number];
