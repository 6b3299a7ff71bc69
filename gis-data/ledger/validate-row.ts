// One ledger row → a camera ready to stage, or the reason it is rejected. Pure: the caller
// supplies the loaded area. Missing survey fields are not rejections: the row is accepted with
// a documented default and the field is marked "assumed" in provenance (and in the report).
import { parseDeviceId } from '../device-id';
import { validateOptics } from '../optics/validate-optics';
import { toWgs84, type SourceCrs } from '../coords/to-wgs84';
import type { BBox } from '../osm/osm-types';
import type { CanonicalColumn } from './columns';
import { vfovFor16x9 } from './osm-camera-tags';
import { parseResourceClass, type ResourceClass } from '../../vocabulary/resource-classes';
import { asText, dateProblem, isEmpty, parseCameraType, parseDate, parseNumber, parseResolution } from './parse-values';

export type RejectCode =
  | 'bad_device_id'
  | 'duplicate_device_id'
  | 'missing_coordinates'
  | 'bad_coordinates'
  | 'swapped_lat_lon'
  | 'outside_area'
  | 'azimuth_out_of_range'
  | 'tilt_out_of_range'
  | 'impossible_optics'
  | 'bad_value'
  | 'bad_date'
  | 'likely_gcj02_offset';

export interface Rejection {
  code: RejectCode;
  field: string | null;
  message: string;
}

/** Defaults for missing survey fields, all marked assumed. */
export const LEDGER_DEFAULTS = {
  type: 'fixed',
  heightM: 6,
  resolutionH: 1920,
  resolutionV: 1080,
  hfovDegByType: { fixed: 60, dome: 90, ptz: 60, fisheye: 180, thermal: 25 } as Record<string, number>,
};

/** A loaded-area box is widened by this margin before a point counts as outside (a ledger's edge cameras). */
export const AREA_MARGIN_DEG = 0.01;

export interface StagedCamera {
  device_id: string;
  name: string;
  type: string;
  lon: number;
  lat: number;
  height_m: number;
  azimuth_deg: number | null;
  tilt_deg: number | null;
  hfov_deg: number;
  vfov_deg: number;
  resolution_h: number;
  resolution_v: number;
  install_date: string | null;
  removal_date: string | null;
  owner_unit: string | null;
  /** 1 一类, 2 二类, 3 三类; null: not recorded. */
  resource_class: ResourceClass | null;
  onvif_url: string | null;
  onvif_user: string | null;
  onvif_password: string | null;
  gb_password: string | null;
  ptz_presets: unknown[];
  provenance: Record<string, unknown>;
}

export interface RowContext {
  crs: SourceCrs;
  area: BBox | null;
}
export interface RowInput {
  values: Partial<Record<CanonicalColumn, unknown>>;
  position?: [number, number];
  geometryProblem?: string;
  provenance?: Record<string, unknown>;
  ptzPresets?: unknown[];
}
export type RowResult = { ok: true; camera: StagedCamera; assumed: string[] } | ({ ok: false } & Rejection);

const reject = (code: RejectCode, field: string | null, message: string): RowResult => ({ ok: false, code, field, message });

function inBox(lon: number, lat: number, b: BBox, margin: number): boolean {
  return lon >= b[0] - margin && lon <= b[2] + margin && lat >= b[1] - margin && lat <= b[3] + margin;
}

function checkPosition(
  lonRaw: unknown,
  latRaw: unknown,
  position: [number, number] | undefined,
  ctx: RowContext,
): RowResult | [number, number] {
  let lon = parseNumber(lonRaw);
  let lat = parseNumber(latRaw);
  if (lon === undefined && lat === undefined && position !== undefined) [lon, lat] = position;
  if (lon === undefined || lat === undefined)
    return reject('missing_coordinates', lon === undefined ? 'lon' : 'lat', 'longitude/latitude missing');
  if (lon === null || lat === null)
    return reject(
      'bad_coordinates',
      lon === null ? 'lon' : 'lat',
      `coordinate "${String(lon === null ? lonRaw : latRaw)}" is not a number`,
    );
  if (lon === 0 && lat === 0) return reject('missing_coordinates', 'lon', 'coordinates are 0,0 (a platform placeholder, not a position)');
  const valid = (x: number, y: number): boolean => Math.abs(x) <= 180 && Math.abs(y) <= 90;
  if (!valid(lon, lat)) {
    if (valid(lat, lon))
      return reject('swapped_lat_lon', 'lon', `latitude ${lat} and longitude ${lon} look swapped (latitude cannot exceed 90°)`);
    return reject('bad_coordinates', 'lon', `coordinates ${lon}, ${lat} are out of range`);
  }
  const [x, y] = toWgs84(lon, lat, ctx.crs);
  if (ctx.area !== null && !inBox(x, y, ctx.area, AREA_MARGIN_DEG)) {
    const [sx, sy] = toWgs84(lat, lon, ctx.crs);
    if (valid(lat, lon) && inBox(sx, sy, ctx.area, AREA_MARGIN_DEG)) {
      return reject('swapped_lat_lon', 'lon', `longitude ${lon}, latitude ${lat} fall outside the loaded area but inside it when swapped`);
    }
    return reject(
      'outside_area',
      'lon',
      `position ${x.toFixed(6)}, ${y.toFixed(6)} is outside the loaded area [${ctx.area.map((v) => v.toFixed(4)).join(', ')}]`,
    );
  }
  return [x, y];
}

export function validateRow(input: RowInput, ctx: RowContext): RowResult {
  const v = input.values;
  const assumed: string[] = [];
  const provenance: Record<string, unknown> = { ...(input.provenance ?? {}) };
  const mark = (field: string, how: 'surveyed' | 'assumed'): void => {
    if (provenance[field] === undefined) provenance[field] = how;
    if (how === 'assumed' && !assumed.includes(field)) assumed.push(field);
  };
  // Device id: a number here means a spreadsheet already rounded it (20 digits > 2^53).
  if (typeof v.device_id === 'number')
    return reject(
      'bad_device_id',
      'device_id',
      `device id ${v.device_id} was stored as a number and has lost digits; format the column as text`,
    );
  const id = parseDeviceId(asText(v.device_id) ?? '');
  if (!id.ok) return reject('bad_device_id', 'device_id', id.reason);
  if (input.geometryProblem !== undefined && isEmpty(v.lon)) return reject('bad_coordinates', 'geometry', input.geometryProblem);
  const pos = checkPosition(v.lon, v.lat, input.position, ctx);
  if (!Array.isArray(pos)) return pos;

  const type = parseCameraType(v.type);
  if (type === null)
    return reject(
      'bad_value',
      'type',
      `camera type "${String(v.type)}" is not one of fixed/dome/ptz/fisheye/thermal (枪机/半球/球机/鱼眼/热成像)`,
    );
  const camType = type ?? LEDGER_DEFAULTS.type;
  mark('type', type === undefined ? 'assumed' : 'surveyed');

  const num = (col: CanonicalColumn): number | null | undefined => parseNumber(v[col]);
  const height = num('height_m');
  if (height === null || (height !== undefined && !(height >= 0 && height < 500)))
    return reject('bad_value', 'height_m', `mounting height "${String(v.height_m)}" must be a number of metres in [0, 500)`);
  mark('height_m', height === undefined ? 'assumed' : 'surveyed');

  let azimuth = num('azimuth_deg');
  if (azimuth === null) return reject('bad_value', 'azimuth_deg', `azimuth "${String(v.azimuth_deg)}" is not a number`);
  if (azimuth !== undefined) {
    if (azimuth === 360) azimuth = 0;
    if (!(azimuth >= 0 && azimuth < 360)) return reject('azimuth_out_of_range', 'azimuth_deg', `azimuth ${azimuth}° is outside [0°, 360°)`);
  }
  // A PTZ camera without an azimuth is normal (it turns); any other is unknown and assumed.
  mark('azimuth_deg', azimuth === undefined && camType !== 'ptz' ? 'assumed' : 'surveyed');

  const tilt = num('tilt_deg');
  if (tilt === null) return reject('bad_value', 'tilt_deg', `tilt "${String(v.tilt_deg)}" is not a number`);
  if (tilt !== undefined && !(tilt >= -90 && tilt <= 90))
    return reject('tilt_out_of_range', 'tilt_deg', `tilt ${tilt}° is outside [-90°, 90°]`);
  mark('tilt_deg', tilt === undefined ? 'assumed' : 'surveyed');

  const res = parseResolution(v.resolution);
  if (res === null) return reject('bad_value', 'resolution', `resolution "${String(v.resolution)}" is not like 1920*1080`);
  const resH = num('resolution_h') ?? res?.[0];
  const resV = num('resolution_v') ?? res?.[1];
  if (resH === null || resV === null) return reject('bad_value', 'resolution_h', 'resolution is not a number of pixels');
  mark('resolution_h', resH === undefined ? 'assumed' : 'surveyed');
  mark('resolution_v', resV === undefined ? 'assumed' : 'surveyed');

  const hfovIn = num('hfov_deg');
  const vfovIn = num('vfov_deg');
  if (hfovIn === null || vfovIn === null)
    return reject('bad_value', hfovIn === null ? 'hfov_deg' : 'vfov_deg', 'field of view is not a number');
  const hfov = hfovIn ?? LEDGER_DEFAULTS.hfovDegByType[camType]!;
  const h = resH ?? LEDGER_DEFAULTS.resolutionH;
  const vres = resV ?? LEDGER_DEFAULTS.resolutionV;
  const vfov = vfovIn ?? (camType === 'fisheye' ? 180 : Math.round(((vfovFor16x9(hfov) * (vres / h)) / (9 / 16)) * 10) / 10);
  mark('hfov_deg', hfovIn === undefined ? 'assumed' : 'surveyed');
  mark('vfov_deg', vfovIn === undefined ? 'assumed' : 'surveyed');
  const optics = validateOptics({ type: camType, heightM: height, tiltDeg: tilt, hfovDeg: hfov, vfovDeg: vfov, resolutionH: h });
  if (optics.length > 0) return reject('impossible_optics', optics[0]!.field, optics[0]!.message);
  if (camType !== 'fisheye' && hfov > 180 && camType !== 'ptz')
    return reject('impossible_optics', 'hfov_deg', `a ${camType} camera cannot see ${hfov}° horizontally (above 180° needs a fisheye)`);
  if (!Number.isInteger(vres) || vres <= 0)
    return reject('impossible_optics', 'resolution_v', `vertical resolution ${vres} px must be a positive integer`);

  const install = parseDate(v.install_date);
  const removal = parseDate(v.removal_date);
  if (install === null) return reject('bad_date', 'install_date', `install date ${dateProblem(v.install_date)}`);
  if (removal === null) return reject('bad_date', 'removal_date', `removal date ${dateProblem(v.removal_date)}`);
  if (install !== undefined && removal !== undefined && removal < install)
    return reject('bad_date', 'removal_date', `removed ${removal} before it was installed ${install}`);

  const resourceClass = parseResourceClass(v.resource_class);
  if (resourceClass === null)
    return reject(
      'bad_value',
      'resource_class',
      `resource class "${String(v.resource_class)}" is not 一类, 二类 or 三类 (also 1/2/3, I/II/III, "class 2")`,
    );

  const url = asText(v.onvif_url);
  if (url !== undefined && !/^https?:\/\/[^\s]+$/i.test(url))
    return reject('bad_value', 'onvif_url', 'ONVIF address must be an http:// or https:// URL');

  // The report lists every field resting on an assumption, including those a format marked (OSM).
  for (const [k, how] of Object.entries(provenance)) if (how === 'assumed' && !assumed.includes(k)) assumed.push(k);
  return {
    ok: true,
    assumed,
    camera: {
      device_id: id.parts.deviceId,
      name: asText(v.name) ?? id.parts.deviceId,
      type: camType,
      lon: pos[0],
      lat: pos[1],
      height_m: height ?? LEDGER_DEFAULTS.heightM,
      azimuth_deg: azimuth ?? null,
      tilt_deg: tilt ?? null,
      hfov_deg: hfov,
      vfov_deg: vfov,
      resolution_h: h,
      resolution_v: vres,
      install_date: install ?? null,
      removal_date: removal ?? null,
      owner_unit: asText(v.owner_unit) ?? null,
      resource_class: resourceClass ?? null,
      onvif_url: url ?? null,
      onvif_user: asText(v.onvif_user) ?? null,
      onvif_password: asText(v.onvif_password) ?? null,
      gb_password: asText(v.gb_password) ?? null,
      ptz_presets: input.ptzPresets ?? [],
      provenance,
    },
  };
}
