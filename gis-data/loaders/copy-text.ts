// COPY text-format encoding (one row per line, tab-separated, \N for NULL) and EWKT for geometry.
// PostGIS parses "SRID=4326;POINT(...)" in COPY input directly, so rows need no per-row SQL.
import type { LonLat } from '../generate/frame';

export type CopyValue = string | number | boolean | null | Buffer;

function escapeText(s: string): string {
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values
    .map((v) => {
      if (v === null) return '\\N';
      if (typeof v === 'boolean') return v ? 't' : 'f';
      if (typeof v === 'number') return String(v);
      if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
      return escapeText(v);
    })
    .join('\t')}\n`;
}

const coords = (line: readonly LonLat[]): string => line.map((p) => `${p[0]} ${p[1]}`).join(',');

export function pointEwkt(p: LonLat): string {
  return `SRID=4326;POINT(${p[0]} ${p[1]})`;
}

export function lineEwkt(line: readonly LonLat[]): string {
  return `SRID=4326;LINESTRING(${coords(line)})`;
}

export function polygonEwkt(ring: readonly LonLat[]): string {
  return `SRID=4326;POLYGON((${coords(ring)}))`;
}

export function multiPolygonEwkt(ring: readonly LonLat[]): string {
  return `SRID=4326;MULTIPOLYGON(((${coords(ring)})))`;
}
