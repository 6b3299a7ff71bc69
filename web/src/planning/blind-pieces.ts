// Turns blind-spot tile features (local tile coordinates) into planar pieces for the shared
// preview gain (gis-data/coverage/blind-gain.ts).
import type { Feature, Geometry, Position } from 'geojson';
import type { XY } from '../../../gis-data/footprint/types';
import { localToLonLat, type TileBox } from '../map/tile-features';
import type { BlindPiece } from '../../../gis-data/coverage/blind-gain';
import type { Projector } from './projection';

// The 'blind_spots' tile layer carries target_id, class, reason and measure (docs/contracts.md,
// "Vector tiles"), not the target's required level: the preview judges a piece at its class's
// contract default (docs/contracts.md "Detail levels"), as the server does for a target without one.
const DEFAULT_LEVEL: Record<string, string> = { intersection: 'observe', road: 'detect', hotspot: 'observe', crowded_place: 'recognise' };

export function blindPiecesFromTile(
  tileKey: string,
  features: Array<Feature<Geometry, Record<string, unknown>>>,
  box: TileBox,
  proj: Projector,
): BlindPiece[] {
  const xy = (p: Position): XY => proj.toXY(localToLonLat(box, p[0]!, p[1]!));
  const [x0, y0] = proj.toXY([box.west, box.south]);
  const [x1, y1] = proj.toXY([box.east, box.north]);
  const clip: BlindPiece['clip'] = [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
  const out: BlindPiece[] = [];
  features.forEach((f, i) => {
    const p = f.properties ?? {};
    const cls = String(p.class ?? '');
    const level = DEFAULT_LEVEL[cls] ?? 'observe';
    const targetId = p.target_id === undefined ? `${tileKey}:${i}` : String(p.target_id);
    const key = `${tileKey}:${i}`;
    const g = f.geometry;
    if (g.type === 'Point') out.push({ key, targetId, cls, level, clip, geometry: { type: 'Point', xy: xy(g.coordinates) } });
    else if (g.type === 'MultiPoint') out.push({ key, targetId, cls, level, clip, geometry: { type: 'Point', xy: xy(g.coordinates[0]!) } });
    else if (g.type === 'LineString')
      out.push({ key, targetId, cls, level, clip, geometry: { type: 'Line', lines: [g.coordinates.map(xy)] } });
    else if (g.type === 'MultiLineString')
      out.push({ key, targetId, cls, level, clip, geometry: { type: 'Line', lines: g.coordinates.map((l) => l.map(xy)) } });
    else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const polygons = polys.map((poly) => poly.map((ring) => ring.map(xy)));
      if (cls === 'intersection') {
        // An intersection is one target: its piece counts when its centre is seen.
        const ring = polygons[0]![0]!;
        const c: XY = [ring.reduce((s, q) => s + q[0], 0) / ring.length, ring.reduce((s, q) => s + q[1], 0) / ring.length];
        out.push({ key, targetId, cls, level, clip: [-Infinity, -Infinity, Infinity, Infinity], geometry: { type: 'Point', xy: c } });
      } else out.push({ key, targetId, cls, level, clip, geometry: { type: 'Area', polygons } });
    }
  });
  return out;
}
