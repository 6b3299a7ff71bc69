// Camera placement: crowded places and hotspots first (camera-areas.ts), then junctions in order
// of importance (camera-junctions.ts), then the rest of the budget along the target roads as
// back-to-back pairs of long-lens bullets on one pole, spaced evenly so their `detect` footprints
// chain. Junctions and places left out on purpose are the gaps the product has to find.
import { demoResourceClass } from './resource-class';
import { add, bearingDeg, distanceMeters, pointAlong, polylineLengthMeters, toLonLat, unitFromBearing, type XY } from './frame';
import type { Prng } from './prng';
import type { CountyLayout } from './roads';
import type { CrowdedPlace } from './places';
import type { HotspotSite, IntersectionSite, RoadPiece } from './targets';
import { cardinalZh } from './names';
import { drawHeight, drawInstallDate, drawOptics, drawProvenance, drawRemovalDate, lensOptics, tiltFor } from './camera-optics';
import { makeDeviceId } from '../device-id';
import type { GenCamera } from './types';
import type { Candidate, Site } from './camera-candidate';
import { junctionCandidates } from './camera-junctions';
import { hotspotCandidates, placeCandidates } from './camera-areas';

export interface CameraContext {
  layout: CountyLayout;
  countyShortName: string;
  townCodeOf: (i: number) => string;
  townOf: (p: XY) => number;
  stemOf: (i: number) => string;
  budget: number;
  /** True inside a building footprint (no pole goes there). */
  inBuilding: (p: XY) => boolean;
}

/** Share of junctions deliberately left without cameras (the gaps), major and minor. */
const JUNCTION_GAPS = { major: 0.06, minor: 0.1 };
/** Share of the budget kept for road poles when junctions alone could use it all (benchmarks). */
const ROAD_RESERVE = 0.12;

function onLand(ctx: CameraContext, p: XY): boolean {
  const { box, river } = ctx.layout;
  return p[0] > box.x0 + 5 && p[0] < box.x1 - 5 && p[1] > box.y0 + 5 && p[1] < box.y1 - 5 && !river.contains(p, 8) && !ctx.inBuilding(p);
}

function nearAny(points: XY[], radiusM: number): (p: XY) => boolean {
  const grid = new Map<string, XY[]>();
  const cell = (x: number, y: number) => `${Math.floor(x / 200)},${Math.floor(y / 200)}`;
  for (const n of points) {
    const key = cell(n[0], n[1]);
    const list = grid.get(key);
    if (list === undefined) grid.set(key, [n]);
    else list.push(n);
  }
  return (p: XY) => {
    const cx = Math.floor(p[0] / 200);
    const cy = Math.floor(p[1] / 200);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        for (const n of grid.get(`${cx + dx},${cy + dy}`) ?? []) if (distanceMeters(p, n) < radiusM) return true;
      }
    return false;
  };
}

function roadCandidates(ctx: CameraContext, roads: RoadPiece[], junctions: XY[], budget: number, rng: Prng): Candidate[] {
  const out: Candidate[] = [];
  const poles = Math.ceil(budget / 2);
  if (poles <= 0) return out;
  // Junction cameras already see ~100 m down every arm at `detect`; poles go to the open stretches.
  const nearJunction = nearAny(junctions, 120);
  // Every valid roadside spot (25 m apart), then an even pick among them: exact count, even spread.
  const spots: { rd: RoadPiece; d: number; len: number }[] = [];
  for (const rd of roads) {
    const len = polylineLengthMeters(rd.points);
    for (let d = 10; d < len; d += 25) {
      const at = pointAlong(rd.points, d);
      if (nearJunction(at.point) || ctx.layout.river.contains(at.point, 20)) continue;
      spots.push({ rd, d, len });
    }
  }
  if (spots.length === 0) return out;
  const siteOf = new Map<string, Site>();
  const owner = `${ctx.countyShortName}公安局交通警察大队`;
  const step = spots.length / poles;
  // A spot whose verge is unusable (water, a house) passes its pole on to the next spot.
  let carry = 0;
  for (let i = 0; i < poles + carry && out.length < budget; i++) {
    const at0 = Math.floor((Math.min(i, poles - 1) + 0.5) * step) + Math.max(0, i - poles + 1);
    if (at0 >= spots.length) break;
    const { rd, d, len } = spots[at0] as { rd: RoadPiece; d: number; len: number };
    let site = siteOf.get(rd.ref);
    if (site === undefined) {
      site = { installDate: drawInstallDate(rng), ownerUnit: owner };
      siteOf.set(rd.ref, site);
    }
    const at = pointAlong(rd.points, d);
    const offset = (rng.chance(0.5) ? 1 : -1) * rng.range(6, 8);
    let p = add(at.point, unitFromBearing(at.azimuthDeg + 90), offset);
    if (!onLand(ctx, p)) p = add(at.point, unitFromBearing(at.azimuthDeg + 90), -offset);
    if (!onLand(ctx, p)) {
      carry += 1;
      continue;
    }
    const km = Math.floor(d / 1000);
    const name = `${rd.name}K${km}+${String(Math.round(d % 1000)).padStart(3, '0')}`;
    const thermal = rng.chance(0.1); // bi-spectrum units on the unlit valley stretches
    const resolution = rng.chance(0.8) ? 2 : 1;
    // One camera each way, aimed at the road 200 m out (along the curve, or past the piece's end).
    for (const dir of out.length + 1 < budget ? [1, -1] : [1]) {
      const ahead = d + dir * 200;
      const aim =
        ahead >= 0 && ahead <= len
          ? pointAlong(rd.points, ahead).point
          : add(at.point, unitFromBearing(at.azimuthDeg + (dir > 0 ? 0 : 180)), 200);
      out.push({
        p,
        aim,
        placement: 'road',
        name,
        site,
        watches: { class: 'road-segment', sourceRef: rd.ref, point: aim },
        lens: thermal
          ? { type: 'thermal', resolution: 0, hfovDeg: rng.range(30, 34), heightM: rng.range(7, 8), tiltDeg: 5 }
          : { type: 'fixed', resolution, hfovDeg: rng.range(30, 33), heightM: rng.range(7, 8), tiltDeg: rng.range(5, 6) },
      });
    }
  }
  return out;
}

export function placeCameras(
  ctx: CameraContext,
  sites: { intersections: IntersectionSite[]; roads: RoadPiece[]; hotspots: HotspotSite[]; places: CrowdedPlace[]; placeRefs: string[] },
  rng: Prng,
): GenCamera[] {
  const land = (p: XY) => onLand(ctx, p);
  // One stream per pass, so tuning one kind of site never reshuffles the others.
  const cands: Candidate[] = [
    ...placeCandidates(sites.places, sites.placeRefs, ctx.countyShortName, land, rng.fork('places')),
    ...hotspotCandidates(sites.hotspots, (h) => `${ctx.stemOf(h.townIndex)}派出所`, land, rng.fork('hotspots')),
  ];
  const junctionBudget = Math.max(0, Math.floor(ctx.budget * (1 - ROAD_RESERVE)) - cands.length);
  cands.push(
    ...junctionCandidates(
      sites.intersections,
      junctionBudget,
      JUNCTION_GAPS,
      `${ctx.countyShortName}公安局交通警察大队`,
      land,
      rng.fork('junctions'),
    ),
  );
  cands.push(
    ...roadCandidates(
      ctx,
      sites.roads,
      sites.intersections.map((ix) => ix.junction.p),
      Math.max(0, ctx.budget - cands.length),
      rng.fork('roads'),
    ),
  );
  const chosen = cands.filter((c) => land(c.p)).slice(0, ctx.budget);
  const serials = new Map<string, number>();
  return chosen.map((c) => toCamera(c, ctx, serials, rng));
}

function toCamera(c: Candidate, ctx: CameraContext, serials: Map<string, number>, rng: Prng): GenCamera {
  const azimuthDeg = (Math.round(bearingDeg(c.p, c.aim) * 10) / 10) % 360;
  const optics = c.lens === undefined ? drawOptics(rng, c.placement, azimuthDeg) : lensOptics(rng, c.lens, azimuthDeg);
  const heightM = c.lens === undefined ? drawHeight(rng, c.placement, optics.type) : Math.round(c.lens.heightM * 10) / 10;
  const tiltDeg =
    optics.type === 'fisheye'
      ? 90
      : c.lens?.tiltDeg !== undefined
        ? Math.round(c.lens.tiltDeg * 10) / 10
        : tiltFor(heightM, distanceMeters(c.p, c.aim));
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
    ...demoResourceClass(c.site.ownerUnit, c.watches),
    provenance: drawProvenance(rng),
    adminCode,
    watches: { class: c.watches.class, sourceRef: c.watches.sourceRef, point: toLonLat(c.watches.point) },
  };
}
