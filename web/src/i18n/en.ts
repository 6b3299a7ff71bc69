import type { zh } from './zh';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zh> = {
  app: { map: 'Map', title: 'Xueliang video coverage', generatedDemo: 'Generated demo data', osmAttribution: '© OpenStreetMap contributors', logout: 'Log out', theme: { dark: 'Dark', light: 'Light', toggle: 'Switch theme' }, language: '中文', loading: 'Loading…', error: 'Error: {{message}}', close: 'Close' },
  login: { heading: 'Sign in to Xueliang', username: 'User name', password: 'Password', submit: 'Sign in', failed: 'Sign-in failed: {{message}}', busy: 'Signing in…' },
  password: { heading: 'Change your one-time password', why: 'The one-time password from the first start must be changed before you continue.', current: 'Current password', next: 'New password (at least 10 characters)', again: 'New password again', submit: 'Change password', mismatch: 'The two new passwords differ' },
  workspace: { label: 'Workspaces', coverage: 'Coverage', command: 'Command center', planning: 'Planning', deadline: 'Deadline', import: 'Import' },
  time: { asOf: 'As of', today: 'Today', deadline: '2020-12-31 deadline', slider: 'Timeline: as of {{date}}', firstInstall: 'First install {{date}}' },
  state: { OK: 'OK', DEGRADED: 'Degraded picture', CLOCK_SKEW: 'Clock skew', AUTH_FAILED: 'Auth failed', OFFLINE: 'Offline', UNREACHABLE: 'Unreachable', NO_RESPONSE: 'No response', PROTOCOL_ERROR: 'Protocol error', UNKNOWN: 'Unknown' },
  legend: { title: 'Legend', cameras: 'Camera state', blindSpots: 'Blind-spot reason', cluster: 'Cluster (count)' },
  reason: { no_camera: 'No camera', occluded: 'Occluded', low_detail: 'Too little detail', near_blind_zone: 'Near blind zone', camera_down: 'Camera down' },
  class: { intersection: 'Intersections', road: 'Roads', hotspot: 'Hotspots', crowded_place: 'Crowded places' },
  unit: { km: '{{value}} km', m2: '{{value}} m²', count: '{{value}}', percent: '{{value}}' },
  layers: { title: 'Layers', footprints: 'Footprints', targets: 'Targets', blindSpots: 'Blind spots', cameras: 'Cameras', level: 'Detail level' },
  card: { title: 'Camera', deviceId: 'Device id', type: 'Type', optics: 'Optics', installed: 'Installed', removed: 'Removed', state: 'State', since: 'since {{date}}', reason: 'Reason', availability24h: '24-hour availability', availability30d: '30-day availability', snapshot: 'Last snapshot', height: 'Height {{value}} m', azimuth: 'Azimuth {{value}}°', hfov: 'HFOV {{value}}°', resolution: 'Resolution {{h}}×{{v}}', noData: 'No data' },
  point: { title: 'Coverage at this point', none: 'No camera sees this point', density: '{{value}} px/m', level: 'level {{level}}' },
  coverage: { heading: 'Coverage', design: 'Design', now: 'Now', target: 'Target 100%', area: 'Area', allAreas: 'All areas', class: 'Class', allClasses: 'All classes', level: 'Level', defaultLevel: 'As each target requires', blindSpots: 'Ranked blind spots', flyTo: 'Fly to {{name}}', exports: 'Export', exportCameras: 'Cameras GeoJSON', exportCamerasCsv: 'Cameras CSV', exportBlindSpots: 'Blind spots GeoJSON', exportReport: 'Coverage report', covered: '{{covered}} of {{total}} covered', drillDown: 'Drill down into {{name}}', back: 'Up one level', noBlindSpots: 'No blind spots', rate: 'Rate' },
  command: { heading: 'Command center', live: 'Live', disconnected: 'Disconnected, reconnecting', counts: 'Cameras by state', onlineRate: 'Online rate', workingRate: 'Working rate', today: 'Today', month: 'This month', threshold: 'threshold {{value}}', county: 'County', alarms: 'Alarms', noAlarms: 'No alarms', ack: 'Acknowledge', acked: 'Acknowledged', lost: 'coverage lost {{value}}', wall: 'Wall mode', exitWall: 'Leave wall mode', updated: 'Updated {{time}}' },
  planning: { heading: 'Planning', add: 'Click the map to add a camera', adding: 'Click the map to place it', proposed: 'Proposed camera {{n}}', height: 'Height (m)', azimuth: 'Azimuth (°)', tilt: 'Tilt (°)', hfov: 'HFOV (°)', resolution: 'Horizontal resolution (px)', remove: 'Remove', gain: 'Coverage gain', gainTargets: '{{value}} targets newly covered', gainKm: '{{value}} km of road newly covered', gainM2: '{{value}} m² newly covered', before: 'Before', after: 'After', server: 'Server check', serverPending: 'Server computing…', local: 'Local estimate', save: 'Save plan', draft: 'Draft plan', name: 'Plan name', plans: 'Saved plans', compare: 'Compare', export: 'Export plan', suggest: 'Suggest sites', suggestUnavailable: 'Site suggestion is not available', dragHint: 'Drag a dot to move it, drag its handle to rotate' },
  deadline: { heading: '2020 deadline', atDeadline: '2020-12-31', today: 'Today', projected: 'At the recent pace, 100% is reached on {{date}}', never: 'At the recent pace, 100% is never reached', chart: 'Coverage month by month', targetLine: 'Target 100%', deadlineMark: 'Deadline' },
  imports: {
    heading: 'Import camera ledger', intro: 'Upload a file for a dry run first (nothing is written), check the report, then commit.', file: 'Ledger file', format: 'Format', formatAuto: 'Detect', crs: 'Coordinate system',
    formats: { csv: 'CSV', xlsx: 'Excel (xlsx)', geojson: 'GeoJSON', kml: 'KML', 'osm-json': 'OSM JSON (Overpass)', gb28181: 'GB/T 28181 catalog' },
    crsNames: { wgs84: 'WGS 84', cgcs2000: 'CGCS2000', gcj02: 'GCJ-02 (Mars coordinates)', bd09: 'BD-09 (Baidu)' },
    upload: 'Upload and dry run', uploading: 'Uploading…', rerun: 'Dry run again with these options', running: 'Running…', commit: 'Commit import', committing: 'Committing…',
    skipInvalid: 'Skip invalid rows (import the valid ones only)', expires: 'The upload is kept until {{time}}',
    dryRunReport: 'Dry-run report', commitReport: 'Commit result',
    summary: { clean: 'Dry run passed (format {{format}}, CRS {{crs}}): ready to commit.', withRejections: 'Some rows are rejected (format {{format}}, CRS {{crs}}): fix the file, or tick "Skip invalid rows" and commit.', committed: 'Committed (import run {{runId}}).', notCommitted: 'Nothing was written: rows were rejected and "Skip invalid rows" was not ticked.' },
    counts: { rows: 'Rows', add: 'Add', update: 'Update', reject: 'Rejected', assumed: 'Defaults assumed', skipped: 'Skipped' },
    gcjWarning: 'The coordinates look like GCJ-02: of {{sampled}} sampled points the median distance to a road is {{raw}} m as given and {{shifted}} m converted from GCJ-02. Choose GCJ-02 as the coordinate system and dry run again.',
    rejections: 'Rejected rows ({{count}})', mapping: 'Detected column mapping', noMapping: 'This format has no column mapping', unmapped: 'Columns not used: {{headers}}',
    col: { row: 'Row', deviceId: 'Device ID', reason: 'Reason', source: 'Column in the file', column: 'Ledger field' },
    reject: {
      bad_device_id: 'The device ID is invalid (expected a 20-digit GB/T 28181 code stored as text)', duplicate_device_id: 'The device ID appears more than once in the file', missing_coordinates: 'Coordinates are missing', bad_coordinates: 'The coordinates are invalid',
      swapped_lat_lon: 'Latitude and longitude look swapped', outside_area: 'The position is outside the area', azimuth_out_of_range: 'Azimuth is outside 0–360°', tilt_out_of_range: 'Tilt is outside -90°–90°',
      impossible_optics: 'Impossible optics (focal length, field of view or resolution)', bad_value: 'A field value is invalid', bad_date: 'The date is invalid', likely_gcj02_offset: 'The coordinates look GCJ-02 shifted',
    },
    error: { tooLarge: 'The file is larger than the upload limit (413)', unreadable: 'The file cannot be read (422): format, encoding or content', expired: 'The upload has expired or does not exist: upload the file again', session: 'Your session has expired: sign in again', forbidden: 'Only engineers and admins can import', invalid: 'The request is invalid', generic: 'The import failed', status: 'HTTP {{status}} · {{code}}', row: 'row {{row}}', field: 'field {{field}}' },
  },
};
