// WGS-84 ↔ the data's UTM zone, with proj4, so areas and lengths computed in the browser are
// planar metres in the same CRS as the server's xl_metric_srid() and the two reconcile.
import proj4 from 'proj4';

export type LonLat = [number, number];
export type MetricXY = [number, number];

/** EPSG code of the UTM zone holding a point (326zz north, 327zz south), as xl_utm_srid(). */
export function utmSrid(lon: number, lat: number): number {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return (lat >= 0 ? 32600 : 32700) + zone;
}

export interface Projector {
  srid: number;
  toMetric(p: LonLat): MetricXY;
  toLonLat(p: MetricXY): LonLat;
}

export function utmProjector(srid: number): Projector {
  const south = srid >= 32700;
  const zone = srid - (south ? 32700 : 32600);
  if (!(zone >= 1 && zone <= 60)) throw new Error(`EPSG:${srid} is not a WGS-84 UTM zone`);
  const conv = proj4('EPSG:4326', `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`);
  return {
    srid,
    toMetric: (p) => conv.forward(p) as MetricXY,
    toLonLat: (p) => conv.inverse(p) as LonLat,
  };
}
