// What a target or area geometry must be before PostGIS sees it: a GeoJSON geometry type, every
// position a pair (or triple) of finite numbers, longitude within -180..180 and latitude within
// -90..90 (WGS-84 degrees). A polygon with latitude 9999 or an "Infinity" vertex (1e999 in the
// file parses to Infinity) used to be added by the dry run. Pure: no fs, pg or DOM.

/** How deep the positions sit in `coordinates` for each type (a Point is a position). */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function positionProblem(p: unknown, n: number): string | null {
  if (!Array.isArray(p) || p.length < 2)
    return `position ${n} is ${Array.isArray(p) ? `${p.length} number(s)` : 'not a list'}: it needs a longitude and a latitude`;
  for (const [i, x] of p.entries()) {
    if (typeof x !== 'number') return `vertex ${n}: ${JSON.stringify(x)?.slice(0, 40) ?? String(x)} is not a number`;
    if (!Number.isFinite(x)) return `vertex ${n}: ${String(x)} is not a finite number (coordinate ${i + 1})`;
  }
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180) return `vertex ${n}: longitude ${lon} is outside -180..180 (WGS-84 degrees expected)`;
  if (lat! < -90 || lat! > 90) return `vertex ${n}: latitude ${lat} is outside -90..90 (WGS-84 degrees expected)`;
  return null;
}

function walk(c: unknown, depth: number, counter: { n: number }): string | null {
  if (depth === 0) {
    counter.n += 1;
    return positionProblem(c, counter.n);
  }
  if (!Array.isArray(c)) return `coordinates are not nested lists as the geometry type needs (at vertex ${counter.n + 1})`;
  for (const item of c) {
    const problem = walk(item, depth - 1, counter);
    if (problem !== null) return problem;
  }
  return null;
}

/** Why a GeoJSON geometry cannot be used as WGS-84 data, or null when it can. */
export function geometryProblem(g: unknown): string | null {
  if (g === null || typeof g !== 'object') return 'the geometry is not an object';
  const { type, coordinates, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection') {
    if (!Array.isArray(geometries)) return 'a GeometryCollection without a "geometries" list';
    for (const [i, member] of geometries.entries()) {
      const problem = geometryProblem(member);
      if (problem !== null) return `geometry ${i + 1} of the collection: ${problem}`;
    }
    return null;
  }
  const depth = typeof type === 'string' && Object.hasOwn(DEPTH, type) ? DEPTH[type] : undefined;
  if (depth === undefined) return `geometry type ${JSON.stringify(type)?.slice(0, 40) ?? 'missing'} is not a GeoJSON geometry`;
  return walk(coordinates, depth, { n: 0 });
}
