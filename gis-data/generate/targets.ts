// Policy target layers from the layout: intersections (junction nodes of the intersection road
// classes), target roads (trunk/primary/secondary edges cut into pieces of at most 1 km so
// covered length can be counted per town), high-crime hotspots and crowded places.
import { add, splitPolyline, toLonLat, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import { classRank, type Junction } from './road-network';
import type { CountyLayout } from './roads';
import type { CrowdedPlace } from './places';
import { DEMO_MARK } from './names';
import { TARGET_ROAD_CLASSES, type GenTarget, type RoadClass } from './types';
import { closedLonLatRing } from './admin-areas';

/** Default required levels per class (docs/contracts.md "Detail levels"). */
export const DEFAULT_LEVELS = { intersection: 'observe', road: 'detect', hotspot: 'observe', crowded_place: 'recognise' } as const;

export interface IntersectionSite {
  ref: string;
  junction: Junction;
  name: string;
  townIndex: number;
  rank: number;
}
export interface RoadPiece {
  ref: string;
  points: XY[];
  cls: RoadClass;
  name: string;
  townIndex: number;
}
export interface HotspotSite {
  ref: string;
  ring: XY[];
  center: XY;
  townIndex: number;
  name: string;
  arms: { azimuthDeg: number; lengthM: number }[];
}

export const stripMark = (name: string | null): string => (name ?? '').replace(DEMO_MARK, '');

export function intersectionSites(layout: CountyLayout, countyCode: string, townOf: (p: XY) => number): IntersectionSite[] {
  const { box } = layout;
  return layout.net
    .junctions()
    .filter((j) => j.p[0] > box.x0 + 1 && j.p[0] < box.x1 - 1 && j.p[1] > box.y0 + 1 && j.p[1] < box.y1 - 1)
    .map((junction, n) => {
      const names = [...new Set(junction.arms.map((a) => stripMark(a.name)).filter((s) => s !== ''))];
      const name = names.length >= 2 ? `${names[0]}与${names[1]}交叉口` : `${names[0] ?? '无名路'}路口`;
      const rank = Math.max(...junction.arms.map((a) => classRank(a.cls)));
      return { ref: `${countyCode}/ix/${n + 1}`, junction, name, townIndex: townOf(junction.p), rank };
    });
}

export function roadPieces(layout: CountyLayout, countyCode: string, townOf: (p: XY) => number): RoadPiece[] {
  const out: RoadPiece[] = [];
  for (const e of layout.net.edges) {
    if (!TARGET_ROAD_CLASSES.includes(e.cls)) continue;
    for (const piece of splitPolyline(e.points, 1_000)) {
      const mid = piece[Math.floor(piece.length / 2)] as XY;
      const a = piece[0] as XY;
      const b = piece[piece.length - 1] as XY;
      const at: XY = piece.length === 2 ? [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] : mid;
      out.push({ ref: `${countyCode}/rd/${out.length + 1}`, points: piece, cls: e.cls, name: stripMark(e.name), townIndex: townOf(at) });
    }
  }
  return out;
}

/** Half-width of a hotspot's street corridor: the carriageway and pavements, short of the building line. */
const CORRIDOR_HALF_WIDTH_M = 9;

/**
 * High-crime hotspots are the street corridors around busy junctions (the 治安复杂路段 police
 * mark on their maps): each arm's street space out to 60-130 m, joined at the junction. Buildings
 * stand back 10 m from the centreline, so the polygon is open ground a camera can see.
 */
export function hotspotSites(
  layout: CountyLayout,
  count: number,
  anchors: IntersectionSite[],
  countyCode: string,
  stemOf: (i: number) => string,
  rng: Prng,
): HotspotSite[] {
  const out: HotspotSite[] = [];
  const usable = anchors.filter((ix) => {
    const az = ix.junction.arms.map((a) => a.azimuthDeg).sort((a, b) => a - b);
    return az.every((a, i) => (i + 1 < az.length ? (az[i + 1] as number) : (az[0] as number) + 360) - a <= 180);
  });
  for (const ix of rng.shuffle(usable.slice())) {
    if (out.length >= count) break;
    const arms = ix.junction.arms
      .map((a) => ({ azimuthDeg: a.azimuthDeg, lengthM: rng.range(60, 130) }))
      .sort((a, b) => a.azimuthDeg - b.azimuthDeg);
    const c = ix.junction.p;
    const ring: XY[] = [];
    arms.forEach((arm, i) => {
      const next = arms[(i + 1) % arms.length] as { azimuthDeg: number };
      const gap = (next.azimuthDeg - arm.azimuthDeg + 360) % 360 || 360;
      const end = add(c, unitFromBearing(arm.azimuthDeg), arm.lengthM);
      ring.push(
        add(end, unitFromBearing(arm.azimuthDeg - 90), CORRIDOR_HALF_WIDTH_M),
        add(end, unitFromBearing(arm.azimuthDeg + 90), CORRIDOR_HALF_WIDTH_M),
      );
      ring.push(add(c, unitFromBearing(arm.azimuthDeg + gap / 2), CORRIDOR_HALF_WIDTH_M / Math.sin(((gap / 2) * Math.PI) / 180)));
    });
    if (ring.some((p) => layout.river.contains(p, 5))) continue;
    // Bearings grow clockwise, so the ring runs clockwise; closedLonLatRing orients it.
    const townIndex = ix.townIndex;
    out.push({
      ref: `${countyCode}/hs/${out.length + 1}`,
      ring,
      center: c,
      townIndex,
      arms,
      name: `${stemOf(townIndex)}治安重点区域${out.length + 1}${DEMO_MARK}`,
    });
  }
  return out;
}

export function buildTargets(opts: {
  intersections: IntersectionSite[];
  roads: RoadPiece[];
  hotspots: HotspotSite[];
  places: CrowdedPlace[];
  placeRefs: string[];
  townCodeOf: (i: number) => string;
  townOf: (p: XY) => number;
}): GenTarget[] {
  const targets: GenTarget[] = [];
  for (const ix of opts.intersections) {
    targets.push({
      class: 'intersection',
      kind: ix.junction.arms.length >= 4 ? 'crossroads' : 't-junction',
      name: `${ix.name}${DEMO_MARK}`,
      requiredLevel: DEFAULT_LEVELS.intersection,
      priority: ix.rank >= 5 ? 2 : 1,
      sourceRef: ix.ref,
      adminCode: opts.townCodeOf(ix.townIndex),
      geometry: { type: 'Point', coordinates: toLonLat(ix.junction.p) },
    });
  }
  for (const rd of opts.roads) {
    targets.push({
      class: 'road',
      kind: rd.cls,
      name: `${rd.name}${DEMO_MARK}`,
      requiredLevel: DEFAULT_LEVELS.road,
      priority: rd.cls === 'trunk' ? 2 : 1,
      sourceRef: rd.ref,
      adminCode: opts.townCodeOf(rd.townIndex),
      geometry: { type: 'LineString', coordinates: rd.points.map((p) => toLonLat(p)) },
    });
  }
  for (const hs of opts.hotspots) {
    targets.push({
      class: 'hotspot',
      kind: 'high_crime',
      name: hs.name,
      requiredLevel: DEFAULT_LEVELS.hotspot,
      priority: 2,
      sourceRef: hs.ref,
      adminCode: opts.townCodeOf(hs.townIndex),
      geometry: { type: 'Polygon', coordinates: [closedLonLatRing(hs.ring)] },
    });
  }
  opts.places.forEach((pl, i) => {
    targets.push({
      class: 'crowded_place',
      kind: pl.kind,
      name: pl.name,
      requiredLevel: DEFAULT_LEVELS.crowded_place,
      priority: pl.kind === 'school' || pl.kind === 'hospital' ? 2 : 1,
      sourceRef: opts.placeRefs[i] as string,
      adminCode: opts.townCodeOf(opts.townOf(pl.center)),
      geometry: { type: 'Polygon', coordinates: [closedLonLatRing(pl.forecourt.slice(0, -1))] },
    });
  });
  return targets;
}
