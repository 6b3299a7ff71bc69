// Camera placement. Crowded places and hotspots are equipped first (gates and interiors), then
// junctions in order of importance (2-4 cameras on the major ones, each across the junction
// facing one approach so it sees the junction and the traffic coming in), then the rest goes
// along the target roads at even spacing. When the budget runs out the remaining junctions stay
// uncovered: those are the gaps the product has to find.
import { add, angleDiffDeg, bearingDeg, distanceMeters, pointAlong, pointInRing, polylineLengthMeters, toLonLat, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import type { CountyLayout } from './roads';
import type { CrowdedPlace } from './places';
import type { HotspotSite, IntersectionSite, RoadPiece } from './targets';
import { stripMark } from './targets';
import { cardinalZh } from './names';
import { drawHeight, drawInstallDate, drawOptics, drawProvenance, drawRemovalDate, tiltFor, type Placement } from './camera-optics';
import { makeDeviceId } from '../device-id';
import type { GenCamera, TargetClass } from './types';

export interface CameraContext {
  layout: CountyLayout;
  countyShortName: string;
  townCodeOf: (i: number) => string;
  townOf: (p: XY) => number;
  stemOf: (i: number) => string;
  budget: number;
}

interface Site { installDate: string; ownerUnit: string }

interface Candidate {
  p: XY;
  aim: XY;
  placement: Placement;
  name: string;
  site: Site;
  watches: { class: TargetClass | 'road-segment'; sourceRef: string; point: XY };
}

const OWNER_BY_KIND: Record<string, string> = {
  school: '教育局', hospital: '卫生健康局', market: '市场监督管理局', station: '公安局铁路警务区', square: '公安局巡特警大队',
};

function onLand(ctx: CameraContext, p: XY): boolean {
  const { box, river } = ctx.layout;
  return p[0] > box.x0 + 5 && p[0] < box.x1 - 5 && p[1] > box.y0 + 5 && p[1] < box.y1 - 5 && !river.contains(p, 8);
}

/** Cameras a junction gets: on trunk and primary roads 2-4, on secondary 1-2, minor ones 1. */
function junctionCameraCount(ix: IntersectionSite, rng: Prng): number {
  const arms = ix.junction.arms.length;
  if (ix.rank >= 5) return arms >= 4 ? rng.int(2, 4) : rng.int(1, 3);
  if (ix.rank === 4) return rng.chance(0.85) ? 1 : 2;
  return 1;
}

export function placeCameras(ctx: CameraContext, sites: { intersections: IntersectionSite[]; roads: RoadPiece[]; hotspots: HotspotSite[]; places: CrowdedPlace[]; placeRefs: string[] }, rng: Prng): GenCamera[] {
  const cands: Candidate[] = [];
  const county = ctx.countyShortName;

  // Crowded places: a camera at each gate looking in, one outside looking at the gate, interiors.
  sites.places.forEach((pl, i) => {
    const ref = sites.placeRefs[i] as string;
    const site: Site = { installDate: drawInstallDate(rng), ownerUnit: `${county}${OWNER_BY_KIND[pl.kind] ?? '公安局'}` };
    const base = stripMark(pl.name);
    for (const gate of pl.entrances) {
      const side = unitFromBearing(gate.inwardDeg + 90);
      const inP = add(gate.point, side, rng.range(4, 8));
      cands.push({ p: inP, aim: add(gate.point, unitFromBearing(gate.inwardDeg), 25), placement: 'entrance', name: `${base}大门内`, site, watches: { class: 'crowded_place', sourceRef: ref, point: pl.center } });
      if (rng.chance(0.6)) {
        const outP = add(add(gate.point, unitFromBearing(gate.inwardDeg + 180), 1), side, -rng.range(4, 8)); // on the gate pillar, looking out
        cands.push({ p: outP, aim: add(gate.point, unitFromBearing(gate.inwardDeg + 180), 15), placement: 'entrance', name: `${base}大门外`, site, watches: { class: 'crowded_place', sourceRef: ref, point: gate.point } });
      }
    }
    const interiors = pl.kind === 'square' || pl.kind === 'station' || pl.kind === 'market' ? rng.int(1, 3) : rng.int(0, 1);
    for (let k = 0; k < interiors; k++) {
      // A mast in the open part of the compound, not inside one of its buildings.
      let p: XY | undefined;
      for (let attempt = 0; attempt < 8 && p === undefined; attempt++) {
        const q = add(pl.center, unitFromBearing(rng.range(0, 360)), rng.range(5, 40));
        if (!pl.buildings.some((b) => pointInRing(q, b.ring))) p = q;
      }
      if (p === undefined) continue;
      cands.push({ p, aim: add(pl.center, unitFromBearing(bearingDeg(p, pl.center)), 20), placement: 'interior', name: `${base}内部${k + 1}`, site, watches: { class: 'crowded_place', sourceRef: ref, point: pl.center } });
    }
  });

  // Hotspots: about one camera per hotspot, inside it, looking across its centre.
  for (const hs of sites.hotspots) {
    if (!rng.chance(0.8)) continue;
    const p = add(hs.center, unitFromBearing(rng.range(0, 360)), rng.range(20, 50));
    cands.push({
      p, aim: add(hs.center, unitFromBearing(bearingDeg(p, hs.center)), 20), placement: 'hotspot', name: stripMark(hs.name),
      site: { installDate: drawInstallDate(rng), ownerUnit: `${ctx.stemOf(hs.townIndex)}派出所` }, watches: { class: 'hotspot', sourceRef: hs.ref, point: hs.center },
    });
  }

  // Junctions by importance; a few important ones are skipped anyway (funding, disputes, works).
  const remaining = Math.max(0, ctx.budget - cands.length);
  const junctionBudget = Math.floor(remaining * 0.85);
  const order = sites.intersections.map((ix) => ({ ix, key: ix.rank + rng.range(0, 2.5) })).sort((a, b) => b.key - a.key);
  let spent = 0;
  for (const { ix } of order) {
    if (spent >= junctionBudget) break;
    if (rng.chance(0.06)) continue;
    const n = junctionCameraCount(ix, rng);
    const site: Site = { installDate: drawInstallDate(rng), ownerUnit: `${county}公安局交通警察大队` };
    const c = ix.junction.p;
    for (const arm of rng.shuffle(ix.junction.arms.slice()).slice(0, n)) {
      const back = unitFromBearing(arm.azimuthDeg + 180);
      // Across the junction on the opposite arm's verge; at a T with no opposite arm, on the far
      // verge of the through road instead (further back would be inside the block's buildings).
      const opposite = ix.junction.arms.some((a) => angleDiffDeg(a.azimuthDeg, arm.azimuthDeg + 180) < 30);
      const [backM, sideM, aimM] = opposite ? [rng.range(18, 28), rng.range(6, 10), rng.range(10, 20)] : [rng.range(8, 10), rng.range(2, 4), rng.range(8, 15)];
      let placed = false;
      for (const side of rng.chance(0.5) ? [1, -1] : [-1, 1]) {
        const p = add(add(c, back, backM), unitFromBearing(arm.azimuthDeg + 90), side * sideM);
        if (!onLand(ctx, p)) continue;
        cands.push({ p, aim: add(c, unitFromBearing(arm.azimuthDeg), aimM), placement: 'intersection', name: `${ix.name}`, site, watches: { class: 'intersection', sourceRef: ix.ref, point: c } });
        placed = true;
        break;
      }
      if (placed) spent += 1;
    }
  }

  // Roads: the rest of the budget at even spacing, away from junctions and off bridges.
  const roadBudget = Math.max(0, ctx.budget - cands.length);
  const totalLen = sites.roads.reduce((sum, r) => sum + polylineLengthMeters(r.points), 0);
  const nodes = sites.intersections.map((ix) => ix.junction.p);
  const grid = new Map<string, XY[]>();
  const cell = (p: XY) => `${Math.floor(p[0] / 200)},${Math.floor(p[1] / 200)}`;
  for (const n of nodes) {
    const key = cell(n);
    const list = grid.get(key);
    if (list === undefined) grid.set(key, [n]); else list.push(n);
  }
  const nearJunction = (p: XY): boolean => {
    const cx = Math.floor(p[0] / 200);
    const cy = Math.floor(p[1] / 200);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const n of grid.get(`${cx + dx},${cy + dy}`) ?? []) if (distanceMeters(p, n) < 60) return true;
    }
    return false;
  };
  if (roadBudget > 0 && totalLen > 0) {
    // Every valid roadside spot (20 m apart), then an even pick among them: exact count, even spread.
    const spots: { rd: RoadPiece; d: number }[] = [];
    for (const rd of sites.roads) {
      const len = polylineLengthMeters(rd.points);
      for (let d = 10; d < len; d += 20) {
        const at = pointAlong(rd.points, d);
        if (nearJunction(at.point) || ctx.layout.river.contains(at.point, 20)) continue;
        spots.push({ rd, d });
      }
    }
    const siteOf = new Map<string, Site>();
    const step = spots.length / roadBudget;
    for (let i = 0; i < roadBudget && spots.length > 0; i++) {
      const spot = spots[Math.min(spots.length - 1, Math.floor((i + rng.range(0.3, 0.7)) * step))] as { rd: RoadPiece; d: number };
      const { rd, d } = spot;
      let site = siteOf.get(rd.ref);
      if (site === undefined) {
        site = { installDate: drawInstallDate(rng), ownerUnit: `${county}公安局交通警察大队` };
        siteOf.set(rd.ref, site);
      }
      const at = pointAlong(rd.points, d);
      const heading = rng.chance(0.5) ? at.azimuthDeg : at.azimuthDeg + 180;
      const offset = (rng.chance(0.5) ? 1 : -1) * rng.range(7, 11);
      let p = add(at.point, unitFromBearing(at.azimuthDeg + 90), offset);
      if (!onLand(ctx, p)) p = add(at.point, unitFromBearing(at.azimuthDeg + 90), -offset);
      if (!onLand(ctx, p)) continue;
      const aim = add(at.point, unitFromBearing(heading), rng.range(30, 60));
      const km = Math.floor(d / 1000);
      cands.push({ p, aim, placement: 'road', name: `${rd.name}K${km}+${String(Math.round(d % 1000)).padStart(3, '0')}`, site, watches: { class: 'road-segment', sourceRef: rd.ref, point: aim } });
    }
  }

  // Trim to the budget without biasing toward any road: drop random road cameras first.
  let chosen = cands.filter((c) => onLand(ctx, c.p));
  if (chosen.length > ctx.budget) {
    const roadIdx = chosen.map((c, i) => (c.placement === 'road' ? i : -1)).filter((i) => i >= 0);
    const drop = new Set(rng.shuffle(roadIdx).slice(0, chosen.length - ctx.budget));
    chosen = chosen.filter((_, i) => !drop.has(i)).slice(0, ctx.budget);
  }
  const serials = new Map<string, number>();
  return chosen.map((c) => toCamera(c, ctx, serials, rng));
}

function toCamera(c: Candidate, ctx: CameraContext, serials: Map<string, number>, rng: Prng): GenCamera {
  const azimuthDeg = Math.round(bearingDeg(c.p, c.aim) * 10) / 10 % 360;
  const optics = drawOptics(rng, c.placement, azimuthDeg);
  const heightM = drawHeight(rng, c.placement, optics.type);
  const tiltDeg = optics.type === 'fisheye' ? 90 : tiltFor(heightM, distanceMeters(c.p, c.aim));
  const adminCode = ctx.townCodeOf(ctx.townOf(c.p));
  const serial = (serials.get(adminCode) ?? 0) + 1;
  serials.set(adminCode, serial);
  const installDate = c.site.installDate;
  return {
    deviceId: makeDeviceId({ adminCode, serial, typeCode: installDate < '2017-01-01' && rng.chance(0.3) ? '131' : '132' }),
    name: `演示·${c.name}-${cardinalZh(azimuthDeg)}向`,
    type: optics.type,
    point: toLonLat(c.p),
    heightM,
    azimuthDeg,
    tiltDeg,
    resolutionH: optics.resolutionH,
    resolutionV: optics.resolutionV,
    hfovDeg: optics.hfovDeg,
    vfovDeg: optics.vfovDeg,
    sensorWidthMm: optics.sensorWidthMm,
    focalLengthMm: optics.focalLengthMm,
    ptzPresets: optics.ptzPresets,
    installDate,
    removalDate: drawRemovalDate(rng, installDate),
    ownerUnit: c.site.ownerUnit,
    provenance: drawProvenance(rng),
    adminCode,
    watches: { class: c.watches.class, sourceRef: c.watches.sourceRef, point: toLonLat(c.watches.point) },
  };
}
