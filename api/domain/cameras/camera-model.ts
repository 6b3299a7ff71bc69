// The camera as the API shows it, and the editable fields. No password ever: only whether one
// is stored (`hasPassword`); credentials inside an ONVIF/RTSP URL are redacted.

export const CAMERA_TYPES = ['fixed', 'dome', 'ptz', 'fisheye', 'thermal'] as const;
export type CameraType = (typeof CAMERA_TYPES)[number];

export interface PtzPreset {
  azimuthDeg: number;
  tiltDeg?: number;
  hfovDeg?: number;
}

/** Every field a create takes and an update may change (undefined = unchanged on update). */
export interface CameraFields {
  name: string;
  type: CameraType;
  lon: number;
  lat: number;
  heightM: number;
  azimuthDeg: number | null;
  tiltDeg: number | null;
  resolutionH: number | null;
  resolutionV: number | null;
  hfovDeg: number | null;
  vfovDeg: number | null;
  sensorWidthMm: number | null;
  focalLengthMm: number | null;
  ptzPresets: PtzPreset[];
  installDate: string | null;
  removalDate: string | null;
  ownerUnit: string | null;
  /** Resource class by owner: 1 一类 (public security), 2 二类, 3 三类; null: not recorded. */
  resourceClass: number | null;
  onvifUrl: string | null;
  onvifUser: string | null;
  provenance: Record<string, string>;
  source: string;
}

/**
 * A JSON Merge Patch (RFC 7396) of the editable fields: an absent field keeps its value, a value
 * (null included) replaces it; provenance, an object, merges key by key and null removes a key.
 */
export type CameraPatch = Partial<Omit<CameraFields, 'provenance'>> & { provenance?: Record<string, string | null> };

/** Fields that do not change what a camera sees: a patch of only these needs no coverage refresh. */
const NOT_COVERAGE: ReadonlySet<keyof CameraFields> = new Set(['name', 'ownerUnit', 'onvifUrl', 'onvifUser', 'source']);

export function mergeCameraPatch(current: CameraFields, patch: CameraPatch): CameraFields {
  const merged: CameraFields = { ...current, provenance: { ...current.provenance } };
  for (const [key, value] of Object.entries(patch) as [keyof CameraFields, unknown][]) {
    if (value === undefined) continue;
    if (key === 'provenance') {
      for (const [k, v] of Object.entries(value as Record<string, string | null>)) {
        if (v === null) delete merged.provenance[k];
        else merged.provenance[k] = v;
      }
    } else (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Whether the change between two versions of a camera's fields can change its coverage. */
export function changesCoverage(before: CameraFields, after: CameraFields): boolean {
  return (Object.keys(after) as (keyof CameraFields)[]).some(
    (k) => !NOT_COVERAGE.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

export interface CameraStatus {
  state: string;
  since: string | null;
  reason: string;
  lastPollAt: string | null;
  online: boolean | null;
  working: boolean | null;
}

export interface Camera extends CameraFields {
  id: number;
  deviceId: string;
  hasPassword: boolean;
  adminArea: { id: number; code: string; name: string } | null;
  status: CameraStatus;
  createdAt: string;
  updatedAt: string;
}

export interface CameraRow {
  id: number;
  device_id: string;
  name: string;
  type: CameraType;
  lon: number;
  lat: number;
  height_m: number;
  azimuth_deg: number | null;
  tilt_deg: number | null;
  resolution_h: number | null;
  resolution_v: number | null;
  hfov_deg: number | null;
  vfov_deg: number | null;
  sensor_width_mm: number | null;
  focal_length_mm: number | null;
  ptz_presets: PtzPreset[];
  install_date: string | null;
  removal_date: string | null;
  owner_unit: string | null;
  resource_class: number | null;
  onvif_url: string | null;
  onvif_user: string | null;
  has_password: boolean;
  provenance: Record<string, string>;
  source: string;
  admin_area_id: number | null;
  admin_area_code: string | null;
  admin_area_name: string | null;
  created_at: Date;
  updated_at: Date;
  state: string | null;
  since: Date | null;
  reason: string | null;
  last_poll_at: Date | null;
  online: boolean | null;
  working: boolean | null;
}

/** Removes user:password@ from a URL (RTSP and ONVIF URLs sometimes carry them). */
export function redactUrlCredentials(url: string | null): string | null {
  if (url === null) return null;
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

export function toCamera(r: CameraRow): Camera {
  return {
    id: r.id,
    deviceId: r.device_id,
    ...rowFields(r),
    onvifUrl: redactUrlCredentials(r.onvif_url),
    hasPassword: r.has_password,
    adminArea: r.admin_area_id === null ? null : { id: r.admin_area_id, code: r.admin_area_code ?? '', name: r.admin_area_name ?? '' },
    status: {
      state: r.state ?? 'UNKNOWN',
      since: r.since?.toISOString() ?? null,
      reason: r.reason ?? '',
      lastPollAt: r.last_poll_at?.toISOString() ?? null,
      online: r.online,
      working: r.working,
    },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The stored row's editable fields, unredacted (for merging a patch). */
export function rowFields(r: CameraRow): CameraFields {
  return {
    name: r.name,
    type: r.type,
    lon: r.lon,
    lat: r.lat,
    heightM: r.height_m,
    azimuthDeg: r.azimuth_deg,
    tiltDeg: r.tilt_deg,
    resolutionH: r.resolution_h,
    resolutionV: r.resolution_v,
    hfovDeg: r.hfov_deg,
    vfovDeg: r.vfov_deg,
    sensorWidthMm: r.sensor_width_mm,
    focalLengthMm: r.focal_length_mm,
    ptzPresets: r.ptz_presets,
    installDate: r.install_date,
    removalDate: r.removal_date,
    ownerUnit: r.owner_unit,
    resourceClass: r.resource_class,
    onvifUrl: r.onvif_url,
    onvifUser: r.onvif_user,
    provenance: r.provenance,
    source: r.source,
  };
}

export function fieldValues(f: CameraFields): unknown[] {
  return [
    f.name,
    f.type,
    f.lon,
    f.lat,
    f.heightM,
    f.azimuthDeg,
    f.tiltDeg,
    f.resolutionH,
    f.resolutionV,
    f.hfovDeg,
    f.vfovDeg,
    f.sensorWidthMm,
    f.focalLengthMm,
    JSON.stringify(f.ptzPresets),
    f.installDate,
    f.removalDate,
    f.ownerUnit,
    f.onvifUrl,
  ];
}
