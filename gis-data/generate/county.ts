// One county from its plan: layout, admin areas, buildings, crowded places, targets, cameras.
// Each step draws from its own forked random stream (see prng.ts), so the output is a pure
// function of (seed, county index, plan).
import { toLonLat, type XY } from './frame';
import type { Prng } from './prng';
import { layoutCounty, type Box } from './roads';
import type { River } from './river';
import { buildCountyAreas, nearestIndex, townCode, closedLonLatRing } from './admin-areas';
import { fillBlock, villageHouses, type BuildingXY } from './buildings';
import { buildCrowdedPlaces } from './places';
import { buildTargets, hotspotSites, intersectionSites, roadPieces } from './targets';
import { placeCameras } from './cameras';
import { insideAnyFootprint, keepOffRoads } from './clearance';
import { countyName, DEMO_MARK, townNameEn } from './names';
import type { CountyPlan } from './scales';
import type { CountyChunk, GenBuilding, GenPlace, GenRoad } from './types';

export interface CountySpec {
  index: number;
  code: string;
  parentCode: string | null;
  box: Box;
  river: River;
  plan: CountyPlan;
}

function toGenBuilding(b: BuildingXY): GenBuilding {
  return { name: b.name, kind: b.kind, heightM: b.heightM, heightAssumed: b.heightAssumed, ring: closedLonLatRing(b.ring.slice(0, -1)) };
}

export function generateCounty(root: Prng, spec: CountySpec): CountyChunk {
  const rng = root.fork(`county/${spec.index}`);
  const layout = layoutCounty(rng.fork('roads'), spec.plan, spec.box, spec.river, spec.index);
  const centers = layout.settlements.map((s) => s.center);
  const townOf = (p: XY) => nearestIndex(p, centers);
  const townCodeOf = (i: number) => townCode(spec.code, i);
  const stemOf = (i: number) => layout.settlements[i]?.stem ?? '';
  const names = countyName(spec.index);
  const adminAreas = buildCountyAreas({
    countyCode: spec.code,
    countyName: names.zh,
    countyNameEn: names.en,
    parentCode: spec.parentCode,
    box: spec.box,
    settlements: layout.settlements,
  });

  const seatScale = spec.plan.seatCols / 22;
  const crowded = buildCrowdedPlaces(layout.blocks, layout.settlements, rng.fork('places'), seatScale, names.short);
  const bRng = rng.fork('buildings');
  const footprints: BuildingXY[] = [];
  layout.blocks.forEach((block, i) => {
    // One stream per block, so a change in one block's plots never reshuffles the others.
    if (!crowded.used.has(block)) footprints.push(...fillBlock(block, bRng.fork(`block/${i}`)));
  });
  for (const pl of crowded.places) footprints.push(...pl.buildings);
  for (const v of layout.villages) footprints.push(...villageHouses(v, bRng));
  const roadLines = [...layout.net.edges.map((e) => e.points), ...layout.net.lanes.map((l) => l.points)];
  const kept = keepOffRoads(footprints, roadLines);
  const buildings: GenBuilding[] = kept.map(toGenBuilding);
  const inBuilding = insideAnyFootprint(kept);

  const intersections = intersectionSites(layout, spec.code, townOf);
  const roads = roadPieces(layout, spec.code, townOf);
  // Hotspots sit on the busy junctions of the seat and the towns.
  const anchors = intersections.filter((ix) => layout.settlements[ix.townIndex] !== undefined && ix.rank >= 4);
  const hotspots = hotspotSites(layout, spec.plan.hotspots, anchors, spec.code, stemOf, rng.fork('hotspots'));
  const placeRefs = crowded.places.map((_, i) => `${spec.code}/cp/${i + 1}`);
  const targets = buildTargets({ intersections, roads, hotspots, places: crowded.places, placeRefs, townCodeOf, townOf });
  const cameras = placeCameras(
    { layout, countyShortName: names.short, townCodeOf, townOf, stemOf, budget: spec.plan.cameras, inBuilding },
    { intersections, roads, hotspots, places: crowded.places, placeRefs },
    rng.fork('cameras'),
  );

  const genRoads: GenRoad[] = [
    ...layout.net.edges.map((e) => ({ name: e.name, class: e.cls, line: e.points.map((p) => toLonLat(p)) })),
    ...layout.net.lanes.map((l) => ({ name: l.name, class: l.cls, line: l.points.map((p) => toLonLat(p)) })),
  ];
  const places: GenPlace[] = [
    { name: names.zh, nameEn: names.en, kind: 'county', point: toLonLat(centers[0] as XY) },
    ...layout.settlements
      .slice(1)
      .map((s) => ({ name: `${s.stem}镇${DEMO_MARK}`, nameEn: townNameEn(s.stem), kind: 'town' as const, point: toLonLat(s.center) })),
    ...layout.villages.map((v) => ({
      name: `${v.name}${DEMO_MARK}`,
      nameEn: 'village (generated demo)',
      kind: 'village' as const,
      point: toLonLat(v.center),
    })),
  ];
  const water = [
    { name: `汉江${DEMO_MARK}`, kind: 'river' as const, ring: spec.river.ring(spec.box.x0, spec.box.x1, 100).map((p) => toLonLat(p)) },
  ];
  return { countyCode: spec.code, adminAreas, roads: genRoads, buildings, water, places, targets, cameras };
}
