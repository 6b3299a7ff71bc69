// OSM man_made=surveillance tags → camera fields. OSM has no field-of-view tag, so FOV comes from
// a documented default per camera:type and is marked assumed; camera:angle is the vertical tilt
// (degrees below horizontal, the sign the footprint code uses), not the field of view.
import type { Tags } from '../osm/osm-types';

/** Default horizontal FOV per OSM camera:type, marked assumed: a typical 4 mm fixed bullet, a wide dome, a PTZ at its wide end. */
export const DEFAULT_HFOV_BY_TYPE: Record<'fixed' | 'dome' | 'ptz', number> = { fixed: 60, dome: 90, ptz: 60 };
/** Mounting height when OSM has no height= tag (a pole or wall mount), assumed. */
export const DEFAULT_OSM_CAMERA_HEIGHT_M = 4;

const CARDINALS: Record<string, number> = {
  N: 0,
  NNE: 22.5,
  NE: 45,
  ENE: 67.5,
  E: 90,
  ESE: 112.5,
  SE: 135,
  SSE: 157.5,
  S: 180,
  SSW: 202.5,
  SW: 225,
  WSW: 247.5,
  W: 270,
  WNW: 292.5,
  NW: 315,
  NNW: 337.5,
};
const WORDS: Record<string, string> = {
  north: 'N',
  northeast: 'NE',
  'north-east': 'NE',
  east: 'E',
  southeast: 'SE',
  'south-east': 'SE',
  south: 'S',
  southwest: 'SW',
  'south-west': 'SW',
  west: 'W',
  northwest: 'NW',
  'north-west': 'NW',
};

function norm(deg: number): number {
  const d = ((deg % 360) + 360) % 360;
  return d === 360 ? 0 : d;
}

function oneDirection(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(s)) return norm(Number(s));
  const key = WORDS[s.toLowerCase()] ?? s.toUpperCase();
  return CARDINALS[key];
}

export interface ParsedDirection {
  /** Main viewing direction, degrees clockwise from north. */
  azimuthDeg: number;
  /** Sweep width when the tag gave a range (e.g. 190-100). */
  spanDeg?: number;
  /** All directions when the tag listed several (e.g. 90;160;270). */
  list?: number[];
}

/**
 * Parses camera:direction (or direction): "90", "south", "SW", "190-100" (a range: the shorter
 * arc between its ends, since mappers write either end first; the azimuth is its middle) and
 * "90;160;270" or "180, 270" (several heads or presets: the first is the azimuth). Undefined when unparsable.
 */
export function parseOsmDirection(raw: string | undefined): ParsedDirection | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s.includes(';') || s.includes(',')) {
    const list = s.split(/[;,]/).map(oneDirection);
    if (list.length === 0 || list.some((d) => d === undefined)) return undefined;
    const dirs = list as number[];
    return { azimuthDeg: dirs[0]!, list: dirs };
  }
  const range = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(s);
  if (range !== null) {
    const a = norm(Number(range[1]));
    const b = norm(Number(range[2]));
    const cw = norm(b - a); // clockwise sweep from a to b
    const [from, span] = cw <= 180 ? [a, cw] : [b, 360 - cw];
    return { azimuthDeg: norm(from + span / 2), spanDeg: span };
  }
  const d = oneDirection(s);
  return d === undefined ? undefined : { azimuthDeg: d };
}

export type OsmCameraType = 'fixed' | 'dome' | 'ptz';

export function osmCameraType(tags: Tags): OsmCameraType {
  const t = (tags['camera:type'] ?? '').toLowerCase();
  if (t === 'dome') return 'dome';
  if (t === 'panning' || t === 'ptz') return 'ptz';
  return 'fixed';
}

/** Vertical FOV of a 16:9 image for a horizontal FOV. */
export function vfovFor16x9(hfovDeg: number): number {
  const h = (Math.min(hfovDeg, 179) * Math.PI) / 360;
  return Math.round(((2 * Math.atan((Math.tan(h) * 9) / 16) * 180) / Math.PI) * 10) / 10;
}

export interface OsmCameraFields {
  type: OsmCameraType;
  heightM: number;
  azimuthDeg: number | undefined;
  tiltDeg: number | undefined;
  hfovDeg: number;
  vfovDeg: number;
  ptzPresets: { azimuthDeg: number; hfovDeg?: number }[];
  provenance: Record<string, 'imported' | 'assumed'>;
  /** Tags kept verbatim for the record (direction text, mount, zone, operator). */
  osmTags: Record<string, string>;
}

export function osmCameraFields(tags: Tags): OsmCameraFields {
  const type = osmCameraType(tags);
  const provenance: Record<string, 'imported' | 'assumed'> = { type: tags['camera:type'] === undefined ? 'assumed' : 'imported' };
  const h = Number((tags.height ?? '').replace(/\s*m$/i, ''));
  const heightM = tags.height !== undefined && Number.isFinite(h) && h >= 0 && h < 500 ? h : DEFAULT_OSM_CAMERA_HEIGHT_M;
  provenance.height_m = heightM === DEFAULT_OSM_CAMERA_HEIGHT_M && tags.height === undefined ? 'assumed' : 'imported';
  const dir = parseOsmDirection(tags['camera:direction'] ?? tags.direction);
  let hfovDeg = DEFAULT_HFOV_BY_TYPE[type];
  provenance.hfov_deg = 'assumed';
  if (dir?.spanDeg !== undefined && dir.spanDeg > 0 && type !== 'ptz') {
    hfovDeg = dir.spanDeg;
    provenance.hfov_deg = 'imported';
  }
  if (dir !== undefined) provenance.azimuth_deg = 'imported';
  // "15°" appears in real data; 120/180/360 also do: a field of view in the wrong tag, ignored.
  const angle = Number((tags['camera:angle'] ?? '').trim().replace(/\s*(°|deg)$/i, ''));
  const tiltDeg =
    tags['camera:angle'] !== undefined && tags['camera:angle'].trim() !== '' && Number.isFinite(angle) && Math.abs(angle) <= 90
      ? angle
      : undefined;
  if (tiltDeg !== undefined) provenance.tilt_deg = 'imported';
  provenance.vfov_deg = 'assumed';
  const ptzPresets = dir?.list !== undefined ? dir.list.map((azimuthDeg) => ({ azimuthDeg, hfovDeg })) : [];
  const osmTags: Record<string, string> = {};
  for (const k of [
    'camera:direction',
    'direction',
    'camera:angle',
    'camera:mount',
    'camera:type',
    'surveillance',
    'surveillance:zone',
    'surveillance:type',
    'operator',
    'height',
  ]) {
    if (tags[k] !== undefined) osmTags[k] = tags[k];
  }
  return { type, heightM, azimuthDeg: dir?.azimuthDeg, tiltDeg, hfovDeg, vfovDeg: vfovFor16x9(hfovDeg), ptzPresets, provenance, osmTags };
}
