// Coverage of a few hundred targets in the browser, for the planner's live preview: the same
// footprints as the server (gis-data/footprint), the same target shapes (a 64-sided disc per
// point, as ST_Buffer(…, 16)), and areas and lengths in planar metres of the same UTM zone, so
// the preview's figures reconcile with the server's. Not for a whole city (see the notes).
import { intersection, union } from 'polyclip-ts';
import { cameraFootprints, multiPolygonAreaM2, type CameraForFootprint, type MultiPolygonXY, type Obstacle, type XY } from '../footprint';
import { lengthInsideM } from './line-in-polygons';
import { utmProjector, type LonLat } from './projection';

export type LocalCamera = Omit<CameraForFootprint, 'xy'> & { lonLat: LonLat };
export interface LocalBuilding {
  id: number;
  ring: LonLat[];
  heightM: number;
  heightAssumed?: boolean;
}
export interface LocalTarget {
  id: number;
  class: 'intersection' | 'road' | 'hotspot' | 'crowded_place';
  requiredLevel: string;
  requiredPpm: number;
  geometry:
    { type: 'Point'; coordinates: LonLat } | { type: 'LineString'; coordinates: LonLat[] } | { type: 'Polygon'; coordinates: LonLat[][] };
}

export interface LocalOptions {
  srid: number;
  intersectionRadiusM?: number;
  coveredShare?: number;
  targetHeightM?: number;
  arcStepDeg?: number;
}

export interface LocalTargetResult {
  id: number;
  class: LocalTarget['class'];
  /** Metres (roads) or square metres. */
  measure: number;
  covered: number;
  isCovered: boolean;
}

function disc(c: XY, r: number): MultiPolygonXY {
  const ring: XY[] = [];
  for (let i = 0; i <= 64; i++) {
    const t = (i % 64) * ((2 * Math.PI) / 64);
    ring.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
  }
  return [[ring]];
}

function bboxOfPoints(pts: XY[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of pts) {
    b[0] = Math.min(b[0], p[0]);
    b[1] = Math.min(b[1], p[1]);
    b[2] = Math.max(b[2], p[0]);
    b[3] = Math.max(b[3], p[1]);
  }
  return b;
}

function bbox(shape: MultiPolygonXY | XY[]): [number, number, number, number] {
  const first = shape[0];
  const isLine = first !== undefined && typeof (first as XY)[0] === 'number';
  return bboxOfPoints(isLine ? (shape as XY[]) : (shape as MultiPolygonXY).flatMap((poly) => poly.flat()));
}

const overlaps = (a: number[], b: number[]) => a[0]! <= b[2]! && a[2]! >= b[0]! && a[1]! <= b[3]! && a[3]! >= b[1]!;

export function evaluateTargetsLocally(
  cameras: LocalCamera[],
  buildings: LocalBuilding[],
  targets: LocalTarget[],
  o: LocalOptions,
): LocalTargetResult[] {
  const P = utmProjector(o.srid);
  const radius = o.intersectionRadiusM ?? 20;
  const share = o.coveredShare ?? 0.9;
  const obstacles: Obstacle[] = buildings.map((b) => ({
    id: b.id,
    heightM: b.heightM,
    heightAssumed: b.heightAssumed,
    ring: b.ring.map((p) => P.toMetric(p)),
  }));
  const levels = [...new Map(targets.map((t) => [t.requiredLevel, { level: t.requiredLevel, ppm: t.requiredPpm }])).values()];
  const footprints = new Map<string, Array<{ poly: MultiPolygonXY; box: number[] }>>();
  for (const cam of cameras) {
    const xy = P.toMetric(cam.lonLat);
    const near = obstacles.filter((ob) => ob.ring.some(([x, y]) => Math.hypot(x - xy[0], y - xy[1]) < 600));
    for (const fp of cameraFootprints({ ...cam, xy }, near, levels, { targetHeightM: o.targetHeightM, arcStepDeg: o.arcStepDeg ?? 3 })) {
      if (fp.polygon.length === 0) continue;
      const list = footprints.get(fp.level) ?? [];
      list.push({ poly: fp.polygon, box: bbox(fp.polygon) });
      footprints.set(fp.level, list);
    }
  }
  return targets.map((t) => {
    const g = t.geometry;
    const shape: MultiPolygonXY | XY[] =
      g.type === 'Point'
        ? disc(P.toMetric(g.coordinates), radius)
        : g.type === 'LineString'
          ? g.coordinates.map((p) => P.toMetric(p))
          : [g.coordinates.map((r) => r.map((p) => P.toMetric(p)))];
    const box = bbox(shape);
    const hits = (footprints.get(t.requiredLevel) ?? []).filter((f) => overlaps(f.box, box)).map((f) => f.poly);
    const seen: MultiPolygonXY =
      hits.length === 0 ? [] : hits.length === 1 ? hits[0]! : (union(hits[0]!, ...hits.slice(1)) as MultiPolygonXY);
    let measure: number;
    let covered: number;
    if (g.type === 'LineString') {
      const line = shape as XY[];
      measure = line.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - line[i]![0], p[1] - line[i]![1]), 0);
      covered = seen.length === 0 ? 0 : lengthInsideM(line, seen);
    } else {
      const area = shape as MultiPolygonXY;
      measure = multiPolygonAreaM2(area);
      covered = seen.length === 0 ? 0 : multiPolygonAreaM2(intersection(area, seen) as MultiPolygonXY);
    }
    const isCovered = measure > 0 && covered >= (t.class === 'intersection' ? share : 0.999) * measure;
    return { id: t.id, class: t.class, measure, covered, isCovered };
  });
}
