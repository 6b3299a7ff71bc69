// The map of blind spots of one area, drawn by the server from the stored geometry: the area's
// boundary, its main roads and the design blind spots coloured by reason, in the data's planar
// metres (xl_metric_srid, so north is up and a kilometre is a kilometre), fitted into a box in
// points with a scale bar and a legend. Pieces smaller than a dot are drawn as dots, so a blind
// intersection (a 20 m disc) is still seen on a county map.
import { term, type Lang } from '../../../vocabulary/glossary';
import { REASON_COLOURS, approxTextWidthPt, type DrawItem, type Drawing, type Pt } from './report-drawing';
import { rt } from './report-text';

export interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

export interface ReportMapData {
  code: string;
  name: string;
  /** GeoJSON geometries in planar metres. */
  boundary: Geometry | null;
  roads: Geometry[];
  blindSpots: Array<{ reason: string; geometry: Geometry }>;
}

const REASONS = ['no_camera', 'occluded', 'low_detail', 'near_blind_zone', 'camera_down'];
const ROAD_COLOUR = '#7a7a7a';
const BOUNDARY_COLOUR = '#1a1f27';
const LEGEND_PT = 8;
const DOT_PT = 2;
/** A shape smaller than this on paper is drawn as a dot. */
const MIN_SHAPE_PT = 1.5;

type Lines = { rings: number[][][]; lines: number[][][]; points: number[][] };

/** The rings (polygons), lines and points of any GeoJSON geometry. */
function flatten(g: Geometry | null, out: Lines = { rings: [], lines: [], points: [] }): Lines {
  if (g === null) return out;
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      out.points.push(c);
      break;
    case 'MultiPoint':
      out.points.push(...(c as number[][]));
      break;
    case 'LineString':
      out.lines.push(c);
      break;
    case 'MultiLineString':
      out.lines.push(...(c as number[][][]));
      break;
    case 'Polygon':
      out.rings.push(...(c as number[][][]));
      break;
    case 'MultiPolygon':
      for (const p of c as number[][][][]) out.rings.push(...p);
      break;
    case 'GeometryCollection':
      for (const sub of g.geometries ?? []) flatten(sub, out);
      break;
  }
  return out;
}

function extent(geoms: Array<Geometry | null>): [number, number, number, number] | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const see = (p: number[]) => {
    x0 = Math.min(x0, p[0]!);
    y0 = Math.min(y0, p[1]!);
    x1 = Math.max(x1, p[0]!);
    y1 = Math.max(y1, p[1]!);
  };
  for (const g of geoms) {
    const f = flatten(g);
    for (const r of [...f.rings, ...f.lines]) r.forEach(see);
    f.points.forEach(see);
  }
  return Number.isFinite(x0) ? [x0, y0, x1, y1] : null;
}

/** 1, 2 or 5 × 10^n km, about a quarter of the map's width. */
function scaleKm(widthM: number): number {
  const target = widthM / 4 / 1000;
  const p = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= target) ?? p;
}

export function blindSpotMap(m: ReportMapData, lang: Lang, widthPt: number, heightPt: number): Drawing {
  const items: DrawItem[] = [];
  const entries = [
    { label: rt(lang, 'boundary'), colour: BOUNDARY_COLOUR, kind: 'line' as const },
    { label: term(lang, 'targetClass', 'road'), colour: ROAD_COLOUR, kind: 'line' as const },
    ...REASONS.map((r) => ({ label: term(lang, 'blindSpotReason', r), colour: REASON_COLOURS[r]!, kind: 'box' as const })),
  ];
  const rowH = LEGEND_PT * 1.6;
  const rows: Array<Array<(typeof entries)[number] & { x: number }>> = [[]];
  let lx = 0;
  for (const e of entries) {
    const w = 16 + approxTextWidthPt(e.label, LEGEND_PT) + 12;
    if (lx + w > widthPt && rows.at(-1)!.length > 0) {
      rows.push([]);
      lx = 0;
    }
    rows.at(-1)!.push({ ...e, x: lx });
    lx += w;
  }
  const legendH = rows.length * rowH + 4;
  const box = { x: 0, y: 0, w: widthPt, h: heightPt - legendH };
  items.push({ kind: 'rect', x: box.x, y: box.y, w: box.w, h: box.h, fill: '#f7f7f4', stroke: '#bbbbbb' });

  const ext = extent([m.boundary, ...m.roads, ...m.blindSpots.map((b) => b.geometry)]);
  if (ext !== null) {
    const pad = 8;
    const [x0, y0, x1, y1] = ext;
    const k = Math.min((box.w - 2 * pad) / Math.max(x1 - x0, 1), (box.h - 2 * pad) / Math.max(y1 - y0, 1));
    const ox = box.x + (box.w - (x1 - x0) * k) / 2;
    const oy = box.y + (box.h - (y1 - y0) * k) / 2;
    const pt = (p: number[]): Pt => [ox + (p[0]! - x0) * k, oy + (y1 - p[1]!) * k];
    const project = (r: number[][]) => r.map(pt);

    const b = flatten(m.boundary);
    if (b.rings.length > 0)
      items.push({ kind: 'path', parts: b.rings.map(project), closed: true, fill: '#ffffff', stroke: BOUNDARY_COLOUR, lineWidthPt: 1 });
    const roadLines = m.roads.flatMap((r) => flatten(r).lines.map(project));
    if (roadLines.length > 0) items.push({ kind: 'path', parts: roadLines, closed: false, stroke: ROAD_COLOUR, lineWidthPt: 0.9 });

    for (const reason of REASONS) {
      const fill = REASON_COLOURS[reason]!;
      const rings: Pt[][] = [];
      const lines: Pt[][] = [];
      const dots: Pt[] = [];
      for (const s of m.blindSpots) {
        if (s.reason !== reason) continue;
        const f = flatten(s.geometry);
        const e = extent([s.geometry]);
        // Too small to see as a shape: a dot at its middle.
        if (e === null) continue;
        if (Math.max(e[2] - e[0], e[3] - e[1]) * k < MIN_SHAPE_PT) dots.push(pt([(e[0] + e[2]) / 2, (e[1] + e[3]) / 2]));
        else {
          rings.push(...f.rings.map(project));
          lines.push(...f.lines.map(project));
          dots.push(...f.points.map(pt));
        }
      }
      if (rings.length > 0) items.push({ kind: 'path', parts: rings, closed: true, fill, fillOpacity: 0.85 });
      if (lines.length > 0) items.push({ kind: 'path', parts: lines, closed: false, stroke: fill, lineWidthPt: DOT_PT * 1.5 });
      for (const [x, y] of dots) items.push({ kind: 'circle', x, y, rPt: DOT_PT, fill });
    }

    const km = scaleKm(x1 - x0);
    const barPt = km * 1000 * k;
    const sx = box.x + 10;
    const sy = box.y + box.h - 10;
    items.push({ kind: 'rect', x: sx - 4, y: sy - 14, w: barPt + 8, h: 18, fill: '#ffffff' });
    items.push({
      kind: 'path',
      parts: [
        [
          [sx, sy - 3],
          [sx, sy],
          [sx + barPt, sy],
          [sx + barPt, sy - 3],
        ],
      ],
      closed: false,
      stroke: '#111111',
      lineWidthPt: 1,
    });
    items.push({
      kind: 'text',
      x: sx + barPt / 2,
      y: sy - 3,
      text: rt(lang, 'scaleBar', { value: km }),
      sizePt: 7,
      colour: '#111111',
      anchor: 'middle',
      baseline: 'middle',
    });
    // North is up: the drawing is in the data's planar projection.
    items.push({
      kind: 'text',
      x: box.x + box.w - 10,
      y: box.y + 10,
      text: 'N ↑',
      sizePt: 8,
      colour: '#111111',
      anchor: 'end',
      baseline: 'middle',
    });
  }

  rows.forEach((row, r) => {
    const y = box.h + 4 + r * rowH + rowH / 2;
    for (const e of row) {
      if (e.kind === 'line')
        items.push({
          kind: 'path',
          parts: [
            [
              [e.x, y],
              [e.x + 12, y],
            ],
          ],
          closed: false,
          stroke: e.colour,
          lineWidthPt: 1.5,
        });
      else items.push({ kind: 'rect', x: e.x + 1, y: y - 4, w: 10, h: 8, fill: e.colour, stroke: '#333333' });
      items.push({
        kind: 'text',
        x: e.x + 16,
        y,
        text: e.label,
        sizePt: LEGEND_PT,
        colour: '#111111',
        anchor: 'start',
        baseline: 'middle',
      });
    }
  });
  return { widthPt, heightPt, items, title: rt(lang, 'map', { name: m.name }) };
}
