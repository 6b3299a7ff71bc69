// The generator works in metres on a local plane (x east, y north) around the city origin and
// converts to WGS-84 only at the end. An equirectangular frame is accurate to well under 1 % over
// the few hundred kilometres of the largest benchmark city, which is plenty for synthetic data,
// and it keeps the code pure and fast (no proj4 per vertex).

export type XY = readonly [number, number];
export type LonLat = [number, number];

/** Ankang (Shaanxi): the Han River valley around the Hanbin district. */
export const ORIGIN_LON_DEG = 109.0;
export const ORIGIN_LAT_DEG = 32.7;
/** UTM zone 49N, the metric CRS for data around 109°E. */
export const METRIC_SRID = 32649;

const METERS_PER_DEG_LAT = 110_574;
const METERS_PER_DEG_LON = 111_320 * Math.cos((ORIGIN_LAT_DEG * Math.PI) / 180);

/** 7 decimals ≈ 1 cm: enough precision, and a fixed rounding keeps output byte-identical. */
function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function toLonLat(p: XY): LonLat {
  return [round7(ORIGIN_LON_DEG + p[0] / METERS_PER_DEG_LON), round7(ORIGIN_LAT_DEG + p[1] / METERS_PER_DEG_LAT)];
}

export function toXY(lonLat: readonly [number, number]): [number, number] {
  return [(lonLat[0] - ORIGIN_LON_DEG) * METERS_PER_DEG_LON, (lonLat[1] - ORIGIN_LAT_DEG) * METERS_PER_DEG_LAT];
}

export function distanceMeters(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Compass bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: XY, b: XY): number {
  const deg = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
  return normalizeDeg(deg);
}

export function normalizeDeg(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/** Smallest absolute difference between two bearings, in degrees (0..180). */
export function angleDiffDeg(a: number, b: number): number {
  const d = Math.abs(normalizeDeg(a) - normalizeDeg(b));
  return d > 180 ? 360 - d : d;
}

/** Unit vector for a compass bearing. */
export function unitFromBearing(azimuthDeg: number): [number, number] {
  const r = (azimuthDeg * Math.PI) / 180;
  return [Math.sin(r), Math.cos(r)];
}

export function add(p: XY, v: XY, scale = 1): [number, number] {
  return [p[0] + v[0] * scale, p[1] + v[1] * scale];
}

export function polylineLengthMeters(points: readonly XY[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) sum += distanceMeters(points[i - 1] as XY, points[i] as XY);
  return sum;
}

/** The point at a distance along a polyline, with the bearing of the segment it falls on. */
export function pointAlong(points: readonly XY[], atMeters: number): { point: [number, number]; azimuthDeg: number } {
  let remaining = Math.max(0, atMeters);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as XY;
    const b = points[i] as XY;
    const len = distanceMeters(a, b);
    if (remaining <= len || i === points.length - 1) {
      const t = len === 0 ? 0 : Math.min(1, remaining / len);
      return { point: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], azimuthDeg: bearingDeg(a, b) };
    }
    remaining -= len;
  }
  const only = points[0] as XY;
  return { point: [only[0], only[1]], azimuthDeg: 0 };
}

/** Splits a polyline into pieces of at most maxMeters (target roads are counted per piece and town). */
export function splitPolyline(points: readonly XY[], maxMeters: number): XY[][] {
  const total = polylineLengthMeters(points);
  const pieces = Math.max(1, Math.ceil(total / maxMeters));
  if (pieces === 1) return [points.slice()];
  const step = total / pieces;
  const out: XY[][] = [];
  let current: XY[] = [points[0] as XY];
  let travelled = 0;
  let cut = step;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as XY;
    const b = points[i] as XY;
    const len = distanceMeters(a, b);
    while (out.length < pieces - 1 && travelled + len >= cut) {
      const t = len === 0 ? 0 : (cut - travelled) / len;
      const p: XY = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
      current.push(p);
      out.push(current);
      current = [p];
      cut += step;
    }
    if (distanceMeters(current[current.length - 1] as XY, b) > 1e-6) current.push(b);
    travelled += len;
  }
  if (current.length >= 2) out.push(current);
  return out;
}

/** Ray-casting point-in-polygon for one ring (closed or open). */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = (ring[i] as XY)[0];
    const yi = (ring[i] as XY)[1];
    const xj = (ring[j] as XY)[0];
    const yj = (ring[j] as XY)[1];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Rectangle of width × depth centred on c, rotated so its "width" side runs along azimuthDeg. */
export function orientedRect(c: XY, widthMeters: number, depthMeters: number, azimuthDeg: number): XY[] {
  const u = unitFromBearing(azimuthDeg);
  const v: XY = [u[1], -u[0]];
  const hw = widthMeters / 2;
  const hd = depthMeters / 2;
  const ring: XY[] = [
    [c[0] - u[0] * hw - v[0] * hd, c[1] - u[1] * hw - v[1] * hd],
    [c[0] + u[0] * hw - v[0] * hd, c[1] + u[1] * hw - v[1] * hd],
    [c[0] + u[0] * hw + v[0] * hd, c[1] + u[1] * hw + v[1] * hd],
    [c[0] - u[0] * hw + v[0] * hd, c[1] - u[1] * hw + v[1] * hd],
  ];
  ring.push(ring[0] as XY);
  return ring;
}

/** Signed area (positive = counter-clockwise), for orienting rings. */
export function ringAreaSquareMeters(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += ((ring[j] as XY)[0] - (ring[i] as XY)[0]) * ((ring[j] as XY)[1] + (ring[i] as XY)[1]);
  }
  return s / 2;
}
