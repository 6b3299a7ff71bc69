// Shapes as flat coordinate arrays, read from and written to (E)WKB. A city's coverage pass
// holds a few hundred thousand footprints: one Float64Array per shape keeps that to a few
// hundred MB and lets the hot loops run over plain numbers instead of nested [x, y] arrays.
// Only what the coverage engine stores is handled: (Multi)LineString and (Multi)Polygon.

/**
 * Rings or line strings of one shape: point k is (xy[2k], xy[2k + 1]); part i spans points
 * ends[i - 1] (or 0) up to ends[i]. Polygon rings are closed (first point repeated last); the
 * polygons of a multipolygon and their holes are all just rings (even-odd inside test).
 */
export interface FlatShape {
  dim: 1 | 2;
  xy: Float64Array;
  ends: Int32Array;
  /** minX, minY, maxX, maxY */
  box: [number, number, number, number];
}

const SRID_FLAG = 0x20000000;
const TYPE_MASK = 0x0fffffff;

// Reader state at module level: closures made per call (and their name wrappers under tsx)
// cost more than the reading itself when a few hundred thousand shapes are read.
let view: DataView = new DataView(new ArrayBuffer(0));
let bytesIn: Uint8Array = new Uint8Array(0);
let start = 0;
let pos = 0;
let little = true;
let points = 0;
let runs = 0;
let xyOut: Float64Array | undefined;
let endsOut: Int32Array | undefined;
const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Coordinates and ring ends live in shared blocks of a few MB, each shape a view of its slice:
// a typed array with its own memory per shape made allocation and garbage collection the
// larger part of reading a city's shapes.
const BLOCK = 1 << 20;
let xyBlock = new Float64Array(0);
let xyBlockBytes = new Uint8Array(0);
let xyUsed = 0;
let endsBlock = new Int32Array(0);
let endsUsed = 0;

function takeXy(n: number): Float64Array {
  if (xyUsed + n > xyBlock.length) {
    xyBlock = new Float64Array(Math.max(BLOCK, n));
    xyBlockBytes = new Uint8Array(xyBlock.buffer);
    xyUsed = 0;
  }
  xyUsed += n;
  return xyBlock.subarray(xyUsed - n, xyUsed);
}

function takeEnds(n: number): Int32Array {
  if (endsUsed + n > endsBlock.length) {
    endsBlock = new Int32Array(Math.max(BLOCK / 4, n));
    endsUsed = 0;
  }
  endsUsed += n;
  return endsBlock.subarray(endsUsed - n, endsUsed);
}

function u32(): number {
  const v = view.getUint32(pos, little);
  pos += 4;
  return v;
}

function header(): number {
  little = view.getUint8(pos) === 1;
  pos += 1;
  const raw = u32();
  if ((raw & SRID_FLAG) !== 0) pos += 4;
  const type = raw & TYPE_MASK;
  if (type > 7) throw new Error(`WKB geometry type ${type} has Z or M coordinates; only 2D shapes are handled`);
  return type;
}

function run(): void {
  const n = u32();
  if (xyOut !== undefined) {
    if (little === HOST_LITTLE) xyBlockBytes.set(bytesIn.subarray(pos, pos + 16 * n), xyOut.byteOffset + 16 * points);
    else for (let i = 0; i < 2 * n; i++) xyOut[2 * points + i] = view.getFloat64(pos + 8 * i, little);
    endsOut![runs] = points + n;
  }
  pos += 16 * n;
  points += n;
  runs += 1;
}

function polygon(): void {
  const rings = u32();
  for (let i = 0; i < rings; i++) run();
}

function walk(): 1 | 2 {
  pos = start;
  points = 0;
  runs = 0;
  const type = header();
  if (type === 2) return (run(), 1);
  if (type === 3) return (polygon(), 2);
  if (type !== 5 && type !== 6) throw new Error(`WKB geometry type ${type} is not a line or polygon shape`);
  const n = u32();
  for (let i = 0; i < n; i++) {
    const inner = header();
    if (inner !== type - 3) throw new Error(`WKB multi-geometry of type ${type} holds a member of type ${inner}`);
    if (type === 5) run();
    else polygon();
  }
  return type === 5 ? 1 : 2;
}

/**
 * Reads a WKB or EWKB (Multi)LineString or (Multi)Polygon (2D; we store no Z or M) at `offset`
 * of `bytes`. Two passes: the first counts points and rings, the second copies the coordinates
 * (a straight byte copy when the byte order is the machine's). The arrays are views of shared
 * blocks (see takeXy).
 */
export function readWkb(bytes: Uint8Array, offset = 0): FlatShape {
  // Rows of one COPY chunk share its bytes: one view per chunk, not per shape.
  if (bytes !== bytesIn) {
    bytesIn = bytes;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  start = offset;
  xyOut = undefined;
  walk();
  const xy = takeXy(2 * points);
  const ends = takeEnds(runs);
  xyOut = xy;
  endsOut = ends;
  const dim = walk();
  xyOut = undefined;
  endsOut = undefined;
  return flatShape(dim, xy, ends);
}

export function flatShape(dim: 1 | 2, xy: Float64Array, ends: Int32Array): FlatShape {
  const box: FlatShape['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    if (x < box[0]) box[0] = x;
    if (y < box[1]) box[1] = y;
    if (x > box[2]) box[2] = x;
    if (y > box[3]) box[3] = y;
  }
  return { dim, xy, ends, box };
}

// The writers below fill every byte they return, so their buffers need no zeroing (allocUnsafe
// also takes small ones from Node's pool: a city pass writes a few hundred thousand).

/** A little-endian (E)WKB geometry header at `o` (with the SRID when given); returns the next offset. */
function writeHead(buf: Buffer, o: number, type: number, srid?: number): number {
  buf.writeUInt8(1, o);
  o = buf.writeUInt32LE(srid === undefined ? type : (type | SRID_FLAG) >>> 0, o + 1);
  return srid === undefined ? o : buf.writeUInt32LE(srid, o);
}

/** Line strings as EWKB: empty → LINESTRING EMPTY, one → LINESTRING, more → MULTILINESTRING. */
export function lineStringsEwkb(lines: number[][], srid: number): Buffer {
  const single = lines.length <= 1;
  // LINESTRING: order, type, SRID, count, points; MULTI: order, type, SRID, count, then
  // members without an SRID (order, type, count, points).
  const size = single ? 13 + 8 * (lines[0]?.length ?? 0) : 13 + lines.reduce((s, l) => s + 9 + 8 * l.length, 0);
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  const head = (type: number, withSrid: boolean) => (o = writeHead(buf, o, type, withSrid ? srid : undefined));
  const coords = (l: number[]) => {
    buf.writeUInt32LE(l.length / 2, o);
    o += 4;
    for (const v of l) {
      buf.writeDoubleLE(v, o);
      o += 8;
    }
  };
  if (single) {
    head(2, true);
    coords(lines[0] ?? []);
  } else {
    head(5, true);
    buf.writeUInt32LE(lines.length, o);
    o += 4;
    for (const l of lines) {
      head(2, false);
      coords(l);
    }
  }
  return buf.subarray(0, o);
}

/** POLYGON EMPTY with the SRID, as EWKB (what ST_Difference gives for a part fully seen). */
export function emptyPolygonEwkb(srid: number): Buffer {
  const buf = Buffer.allocUnsafe(13);
  buf.writeUInt32LE(0, writeHead(buf, 0, 3, srid));
  return buf;
}

/**
 * Polygons (each its closed rings, shell first) as EWKB: none → POLYGON EMPTY, one → POLYGON,
 * more → MULTIPOLYGON, the way GEOS returns an overlay's result. Full precision.
 */
export function polygonsEwkb(polygons: Float64Array[][], srid: number): Buffer {
  if (polygons.length === 0) return emptyPolygonEwkb(srid);
  const single = polygons.length === 1;
  let size = single ? 4 : 13;
  for (const rings of polygons) {
    size += 9 + 4;
    for (const r of rings) size += 4 + 8 * r.length;
  }
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  const head = (type: number, withSrid: boolean) => (o = writeHead(buf, o, type, withSrid ? srid : undefined));
  const polygon = (rings: Float64Array[], withSrid: boolean) => {
    head(3, withSrid);
    o = buf.writeUInt32LE(rings.length, o);
    for (const r of rings) {
      o = buf.writeUInt32LE(r.length / 2, o);
      for (const v of r) o = buf.writeDoubleLE(v, o);
    }
  };
  if (single) polygon(polygons[0]!, true);
  else {
    head(6, true);
    o = buf.writeUInt32LE(polygons.length, o);
    for (const rings of polygons) polygon(rings, false);
  }
  return buf.subarray(0, o);
}

/** The geometry type of (E)WKB bytes: 2 LineString, 3 Polygon, 5/6 their multis, 7 collection. */
export function wkbType(bytes: Uint8Array): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 5);
  return v.getUint32(1, v.getUint8(0) === 1) & TYPE_MASK;
}

const mm = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Polygons as WKB (no SRID), coordinates rounded to the millimetre like the WKT the incremental
 * refresh sends: a MULTIPOLYGON, or with `collection` a GEOMETRYCOLLECTION of POLYGONs (for
 * shapes that may overlap, which a multipolygon must not).
 */
export function polygonsWkb(polygons: Array<Array<Array<[number, number]>>>, collection = false): Buffer {
  let size = 9;
  for (const poly of polygons) {
    size += 9;
    for (const ring of poly) size += 4 + 16 * ring.length;
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeUInt8(1, 0);
  buf.writeUInt32LE(collection ? 7 : 6, 1);
  buf.writeUInt32LE(polygons.length, 5);
  let o = 9;
  for (const poly of polygons) {
    buf.writeUInt8(1, o);
    buf.writeUInt32LE(3, o + 1);
    buf.writeUInt32LE(poly.length, o + 5);
    o += 9;
    for (const ring of poly) {
      buf.writeUInt32LE(ring.length, o);
      o += 4;
      for (const [x, y] of ring) {
        buf.writeDoubleLE(mm(x), o);
        buf.writeDoubleLE(mm(y), o + 8);
        o += 16;
      }
    }
  }
  return buf;
}
