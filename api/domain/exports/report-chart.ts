// The deadline chart of the report: design coverage month by month per class, the 100 % target
// (dashed) and the 2020-12-31 deadline (vertical), laid out in points. The legend sits in its own
// band under the axis labels, so it cannot cover the axis (issue 17 found the web chart's legend
// overlapping its axis).
import { term, type Lang } from '../../../vocabulary/glossary';
import type { TargetClass } from '../../../coverage-engine';
import { approxTextWidthPt, CLASS_COLOURS, type DrawItem, type Drawing, type Pt } from './report-drawing';
import { rt } from './report-text';

export interface ChartPoint {
  /** "YYYY-MM" (or a month-end date; the first 7 characters count). */
  month: string;
  rates: Partial<Record<TargetClass, number | null>>;
}

const CLASSES: TargetClass[] = ['intersection', 'road', 'hotspot', 'crowded_place'];
const DEADLINE_MONTH = '2020-12';
const TARGET_COLOUR = '#d55e00';
const AXIS = '#444444';
const GRID = '#d9d9d9';
const LABEL_PT = 7.5;
const LEGEND_PT = 8;

export function deadlineChart(points: ChartPoint[], lang: Lang, widthPt: number, heightPt: number): Drawing {
  const items: DrawItem[] = [];
  const months = points.map((p) => p.month.slice(0, 7));

  // Legend first: its rows decide how much height the plot keeps.
  const entries: Array<{ label: string; colour: string; dash?: [number, number] }> = [
    ...CLASSES.map((c) => ({ label: term(lang, 'targetClass', c), colour: CLASS_COLOURS[c]! })),
    { label: `${term(lang, 'measure', 'target')} 100%`, colour: TARGET_COLOUR, dash: [3, 2] as [number, number] },
    { label: rt(lang, 'deadlineMark'), colour: TARGET_COLOUR },
  ];
  const legendRowH = LEGEND_PT * 1.6;
  const left = 34;
  const right = 10;
  const rows: Array<Array<{ label: string; colour: string; dash?: [number, number]; x: number }>> = [[]];
  let x = left;
  for (const e of entries) {
    const w = 16 + approxTextWidthPt(e.label, LEGEND_PT) + 12;
    if (x + w > widthPt - right && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = left;
    }
    rows.at(-1)!.push({ ...e, x });
    x += w;
  }
  const legendH = rows.length * legendRowH;
  const plot = { x0: left, y0: 6, x1: widthPt - right, y1: heightPt - legendH - LABEL_PT * 1.4 - 10 };

  const yOf = (rate: number) => plot.y1 - (plot.y1 - plot.y0) * Math.max(0, Math.min(1, rate));
  const xOf = (i: number) => (months.length <= 1 ? plot.x0 : plot.x0 + ((plot.x1 - plot.x0) * i) / (months.length - 1));

  for (let pct = 0; pct <= 100; pct += 20) {
    const y = yOf(pct / 100);
    items.push({
      kind: 'path',
      parts: [
        [
          [plot.x0, y],
          [plot.x1, y],
        ],
      ],
      closed: false,
      stroke: GRID,
      lineWidthPt: 0.5,
    });
    items.push({ kind: 'text', x: plot.x0 - 4, y, text: `${pct}%`, sizePt: LABEL_PT, colour: AXIS, anchor: 'end', baseline: 'middle' });
  }
  items.push({
    kind: 'path',
    parts: [
      [
        [plot.x0, plot.y0],
        [plot.x0, plot.y1],
        [plot.x1, plot.y1],
      ],
    ],
    closed: false,
    stroke: AXIS,
    lineWidthPt: 0.8,
  });

  // Month labels: every January over two years and more, else every third month.
  const span = months.length;
  months.forEach((m, i) => {
    const show = span > 24 ? m.endsWith('-01') : Number(m.slice(5, 7)) % 3 === 1;
    if (!show) return;
    const lx = xOf(i);
    items.push({
      kind: 'path',
      parts: [
        [
          [lx, plot.y1],
          [lx, plot.y1 + 3],
        ],
      ],
      closed: false,
      stroke: AXIS,
      lineWidthPt: 0.6,
    });
    items.push({
      kind: 'text',
      x: lx,
      y: plot.y1 + 4,
      text: span > 24 ? m.slice(0, 4) : m,
      sizePt: LABEL_PT,
      colour: AXIS,
      anchor: 'middle',
      baseline: 'top',
    });
  });

  // The 100 % target and the deadline.
  items.push({
    kind: 'path',
    parts: [
      [
        [plot.x0, yOf(1)],
        [plot.x1, yOf(1)],
      ],
    ],
    closed: false,
    stroke: TARGET_COLOUR,
    lineWidthPt: 1,
    dash: [3, 2],
  });
  const di = months.indexOf(DEADLINE_MONTH);
  if (di >= 0)
    items.push({
      kind: 'path',
      parts: [
        [
          [xOf(di), plot.y0],
          [xOf(di), plot.y1],
        ],
      ],
      closed: false,
      stroke: TARGET_COLOUR,
      lineWidthPt: 1,
    });

  for (const c of CLASSES) {
    const parts: Pt[][] = [];
    let run: Pt[] = [];
    points.forEach((p, i) => {
      const v = p.rates[c];
      if (v === null || v === undefined || !Number.isFinite(v)) {
        if (run.length > 0) parts.push(run);
        run = [];
      } else run.push([xOf(i), yOf(v)]);
    });
    if (run.length > 0) parts.push(run);
    const drawn = parts.filter((r) => r.length > 1);
    if (drawn.length > 0) items.push({ kind: 'path', parts: drawn, closed: false, stroke: CLASS_COLOURS[c]!, lineWidthPt: 1.4 });
  }

  rows.forEach((row, r) => {
    const y = heightPt - legendH + r * legendRowH + legendRowH / 2;
    for (const e of row) {
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
        lineWidthPt: 2,
        ...(e.dash ? { dash: e.dash } : {}),
      });
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

  return { widthPt, heightPt, items, title: rt(lang, 'chart') };
}
