// Planar polygons to WKT for COPY. Millimetres are plenty (footprints are metres across) and
// keep the text short.
import type { MultiPolygonXY } from '../gis-data/footprint';

function ringText(ring: Array<[number, number]>): string {
  let s = '(';
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    s += (i === 0 ? '' : ',') + p[0].toFixed(3) + ' ' + p[1].toFixed(3);
  }
  return s + ')';
}

export function multiPolygonWkt(mp: MultiPolygonXY): string {
  return 'MULTIPOLYGON(' + mp.map((poly) => '(' + poly.map(ringText).join(',') + ')').join(',') + ')';
}

/** A collection, because shadows may overlap (a multipolygon of them would be invalid). */
export function polygonCollectionWkt(mp: MultiPolygonXY): string {
  return 'GEOMETRYCOLLECTION(' + mp.map((poly) => 'POLYGON(' + poly.map(ringText).join(',') + ')').join(',') + ')';
}
