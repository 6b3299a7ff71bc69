// Declared coordinate systems of Chinese ledgers → WGS-84 (gcoord). CGCS2000 and WGS-84 differ by
// centimetres (both geocentric, ITRF-aligned), far below a ledger's survey error, so CGCS2000 is
// taken as is. GCJ-02 (高德/腾讯, "Mars") and BD-09 (百度) are obfuscations defined only inside
// China: gcoord leaves points outside China unchanged, as the offset is not applied there.
import gcoord from 'gcoord';

export const SOURCE_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export type SourceCrs = (typeof SOURCE_CRS)[number];

export function isSourceCrs(v: string): v is SourceCrs {
  return (SOURCE_CRS as readonly string[]).includes(v);
}

export function toWgs84(lon: number, lat: number, crs: SourceCrs): [number, number] {
  if (crs === 'wgs84' || crs === 'cgcs2000') return [lon, lat];
  const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  const out = gcoord.transform([lon, lat] as [number, number], from, gcoord.WGS84);
  return [out[0], out[1]];
}

/** WGS-84 → GCJ-02: what a WGS-84 point would read as on a Chinese web map. */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  const out = gcoord.transform([lon, lat] as [number, number], gcoord.WGS84, gcoord.GCJ02);
  return [out[0], out[1]];
}
