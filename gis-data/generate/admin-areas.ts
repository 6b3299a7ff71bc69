// County and town boundaries. Towns partition their county as the Voronoi cells of the town
// centres (clipped to the county box), so "which town is this point in" is simply "which town
// centre is nearest", exact and cheap, and the town polygons tile the county with no gaps.
import { ringAreaSquareMeters, toLonLat, type XY } from './frame';
import type { Box, Settlement } from './roads';
import type { GenAdminArea } from './types';
import { DEMO_MARK, townNameEn } from './names';

/** Clips a convex ring (open) to the half-plane of points closer to a than to b. */
function clipCloser(ring: XY[], a: XY, b: XY): XY[] {
  const nx = b[0] - a[0];
  const ny = b[1] - a[1];
  const c = (nx * (a[0] + b[0]) + ny * (a[1] + b[1])) / 2;
  const side = (p: XY) => nx * p[0] + ny * p[1] - c; // < 0: closer to a
  const out: XY[] = [];
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as XY;
    const q = ring[(i + 1) % ring.length] as XY;
    const sp = side(p);
    const sq = side(q);
    if (sp <= 0) out.push(p);
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
    }
  }
  return out;
}

export function boxRing(box: Box): XY[] {
  return [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ];
}

/** Town cells in settlement order (open rings, counter-clockwise). */
export function townCells(box: Box, centers: readonly XY[]): XY[][] {
  return centers.map((c, i) => {
    let ring = boxRing(box);
    centers.forEach((other, j) => {
      if (j !== i) ring = clipCloser(ring, c, other);
    });
    return ring;
  });
}

/** Index of the nearest centre: the town a point belongs to. */
export function nearestIndex(p: XY, centers: readonly XY[]): number {
  let best = 0;
  let bestD = Infinity;
  centers.forEach((c, i) => {
    const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

export function closedLonLatRing(ring: readonly XY[]): [number, number][] {
  const ccw = ringAreaSquareMeters(ring) >= 0 ? ring : ring.slice().reverse();
  const out = ccw.map((p) => toLonLat(p));
  out.push(out[0] as [number, number]);
  return out;
}

export function townCode(countyCode: string, townIndex: number): string {
  return `${countyCode}${String(townIndex + 1).padStart(2, '0')}`;
}

export function buildCountyAreas(opts: {
  countyCode: string;
  countyName: string;
  countyNameEn: string;
  parentCode: string | null;
  box: Box;
  settlements: readonly Settlement[];
}): GenAdminArea[] {
  const areas: GenAdminArea[] = [
    {
      code: opts.countyCode,
      name: opts.countyName,
      nameEn: opts.countyNameEn,
      level: 'county',
      parentCode: opts.parentCode,
      ring: closedLonLatRing(boxRing(opts.box)),
    },
  ];
  const cells = townCells(
    opts.box,
    opts.settlements.map((s) => s.center),
  );
  opts.settlements.forEach((s, i) => {
    areas.push({
      code: townCode(opts.countyCode, i),
      name: `${s.stem}镇${DEMO_MARK}`,
      nameEn: townNameEn(s.stem),
      level: 'town',
      parentCode: opts.countyCode,
      ring: closedLonLatRing(cells[i] as XY[]),
    });
  });
  return areas;
}
