// Intersections from the road graph (pure). A node is a junction when at least three arms of
// at least two distinct roads meet there: a way passing through a node gives it two arms, a way
// ending there one. That takes in crossings (two roads passing through: 4 arms) and T junctions
// (3 arms), and leaves out a road that merely continues under a new way id (2 arms) and a loop
// that touches itself. The junction nodes of one real intersection (dual carriageways, turn
// lanes, roundabouts) are merged when they lie within MERGE_RADIUS_M of each other
// (single-linkage), and the merged point is their centroid.

export const MERGE_RADIUS_M = 20;

export interface GraphWay {
  id: number;
  cls: string;
  name: string | undefined;
  refs: ArrayLike<number>;
}

export interface Intersection {
  lon: number;
  lat: number;
  /** Junction nodes merged into this one. */
  nodeIds: number[];
  /** Distinct road names meeting there, sorted. */
  roadNames: string[];
  /** Highest class among the ways meeting (motorway > trunk > … > living_street). */
  topClass: string;
  arms: number;
}

const CLASS_RANK = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'motorway_link',
  'trunk_link',
  'primary_link',
  'secondary_link',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
];

function rank(cls: string): number {
  const i = CLASS_RANK.indexOf(cls);
  return i < 0 ? CLASS_RANK.length : i;
}

interface NodeInfo {
  arms: number;
  ways: Set<number>;
  names: Set<string>;
  topClass: string;
}

export function findIntersections(
  ways: readonly GraphWay[],
  coordOf: (nodeId: number) => [number, number] | undefined,
  mergeRadiusM = MERGE_RADIUS_M,
): Intersection[] {
  const info = new Map<number, NodeInfo>();
  for (const w of ways) {
    const n = w.refs.length;
    if (n < 2) continue;
    const closed = w.refs[0] === w.refs[n - 1];
    for (let i = 0; i < n; i++) {
      if (closed && i === n - 1) continue; // the closing node is the first one again
      const id = w.refs[i]!;
      const arms = closed || (i > 0 && i < n - 1) ? 2 : 1;
      let ni = info.get(id);
      if (ni === undefined) {
        ni = { arms: 0, ways: new Set(), names: new Set(), topClass: w.cls };
        info.set(id, ni);
      }
      ni.arms += arms;
      ni.ways.add(w.id);
      if (w.name !== undefined && w.name !== '') ni.names.add(w.name);
      if (rank(w.cls) < rank(ni.topClass)) ni.topClass = w.cls;
    }
  }
  const junctions: { id: number; lon: number; lat: number; ni: NodeInfo }[] = [];
  for (const [id, ni] of info) {
    if (ni.arms < 3 || ni.ways.size < 2) continue;
    const c = coordOf(id);
    if (c !== undefined) junctions.push({ id, lon: c[0], lat: c[1], ni });
  }
  return mergeJunctions(junctions, mergeRadiusM);
}

function mergeJunctions(js: { id: number; lon: number; lat: number; ni: NodeInfo }[], radiusM: number): Intersection[] {
  if (js.length === 0) return [];
  // Local equirectangular metres: exact enough at 20 m, and keeps this module free of proj.
  const lat0 = js.reduce((s, j) => s + j.lat, 0) / js.length;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const mPerDegLat = 110_574;
  const xy = js.map((j) => [j.lon * mPerDegLon, j.lat * mPerDegLat] as const);
  const cell = (v: number): number => Math.floor(v / radiusM);
  const grid = new Map<string, number[]>();
  xy.forEach(([x, y], i) => {
    const k = `${cell(x)}:${cell(y)}`;
    const list = grid.get(k);
    if (list === undefined) grid.set(k, [i]);
    else list.push(i);
  });
  const parent = js.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  xy.forEach(([x, y], i) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(`${cell(x) + dx}:${cell(y) + dy}`) ?? []) {
          if (j <= i) continue;
          const [x2, y2] = xy[j]!;
          if (Math.hypot(x - x2, y - y2) <= radiusM) parent[find(i)] = find(j);
        }
      }
    }
  });
  const groups = new Map<number, number[]>();
  js.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [i]);
    else g.push(i);
  });
  const out: Intersection[] = [];
  for (const members of groups.values()) {
    const names = new Set<string>();
    let topClass = js[members[0]!]!.ni.topClass;
    let arms = 0;
    for (const m of members) {
      const ni = js[m]!.ni;
      ni.names.forEach((n) => names.add(n));
      if (rank(ni.topClass) < rank(topClass)) topClass = ni.topClass;
      arms = Math.max(arms, ni.arms);
    }
    out.push({
      lon: members.reduce((s, m) => s + js[m]!.lon, 0) / members.length,
      lat: members.reduce((s, m) => s + js[m]!.lat, 0) / members.length,
      nodeIds: members.map((m) => js[m]!.id).sort((a, b) => a - b),
      roadNames: [...names].sort(),
      topClass,
      arms,
    });
  }
  // Deterministic order: west to east, then south to north.
  return out.sort((a, b) => a.lon - b.lon || a.lat - b.lat);
}
