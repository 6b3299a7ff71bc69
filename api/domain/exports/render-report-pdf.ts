// The coverage report as a PDF that prints on A4, made by the server with pdfkit: vector text in
// the bundled Noto Sans SC (embedded, subset to the glyphs used: pdf-text.ts), the same tables as
// the HTML report, the map of blind spots of each county and the deadline chart drawn as vector
// paths from the same drawings (report-map.ts, report-chart.ts). pdfkit rather than a headless
// browser: it is pure JavaScript, so any server that runs the API makes the PDF (an isolated
// server has no Chromium), and nothing depends on fonts installed there.
import PDFDocument from 'pdfkit';
import { formatClassMeasure, formatNumber, formatRate, term, type Lang } from '../../../vocabulary/glossary';
import { TARGET_CLASSES } from '../../../coverage-engine';
import type { CoverageReport } from './coverage-report';
import { deadlineChart } from './report-chart';
import type { Drawing } from './report-drawing';
import { blindSpotMap } from './report-map';
import { rt } from './report-text';
import { drawText, fitText, registerFonts, wrapText } from './pdf-text';
import { areaLine, coveredOfTotal, reportTitle, verdict } from './render-report';

type Doc = PDFKit.PDFDocument;

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 45; // 16 mm
const BODY_PT = 9.5;
const CONTENT_W = A4[0] - 2 * MARGIN;
const BOTTOM = A4[1] - MARGIN - 14; // room for the page number

interface Column {
  label: string;
  widthPt: number;
  align?: 'start' | 'end';
}

class Layout {
  y = MARGIN;
  constructor(readonly doc: Doc) {}

  ensure(heightPt: number): void {
    if (this.y + heightPt > BOTTOM) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  /** A section heading, kept on one page with the first keepPt of what follows. */
  heading(text: string, keepPt = 40, sizePt = 13): void {
    this.ensure(sizePt * 2.6 + keepPt);
    this.y += sizePt * 0.6;
    drawText(this.doc, text, MARGIN, this.y, { sizePt });
    this.y += sizePt * 1.5;
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(MARGIN + CONTENT_W, this.y)
      .lineWidth(0.6)
      .strokeColor('#999999')
      .stroke();
    this.y += 5;
  }

  line(text: string, sizePt = BODY_PT, colour = '#444444'): void {
    this.ensure(sizePt * 1.6);
    drawText(this.doc, fitText(this.doc, text, sizePt, CONTENT_W), MARGIN, this.y, { sizePt, colour });
    this.y += sizePt * 1.6;
  }

  table(columns: Column[], rows: string[][]): void {
    const rowH = BODY_PT * 1.9;
    const lineH = BODY_PT * 1.35;
    const pad = 4;
    // Header cells wrap (a long label keeps its words); body cells are one line, cut with "…".
    const headerLines = columns.map((c) => wrapText(this.doc, c.label, BODY_PT, c.widthPt - 2 * pad));
    const headerH = Math.max(rowH, Math.max(...headerLines.map((l) => l.length)) * lineH + BODY_PT * 0.6);
    const drawRow = (cells: string[], header: boolean) => {
      const h = header ? headerH : rowH;
      let x = MARGIN;
      if (header) this.doc.rect(MARGIN, this.y, CONTENT_W, h).fillColor('#eeeeee').fill();
      columns.forEach((c, i) => {
        const end = c.align === 'end';
        const lines = header ? headerLines[i]! : [fitText(this.doc, cells[i] ?? '', BODY_PT, c.widthPt - 2 * pad)];
        const top = this.y + h / 2 - ((lines.length - 1) * lineH) / 2;
        lines.forEach((text, k) =>
          drawText(this.doc, text, end ? x + c.widthPt - pad : x + pad, top + k * lineH, {
            sizePt: BODY_PT,
            anchor: end ? 'end' : 'start',
            baseline: 'middle',
          }),
        );
        this.doc.rect(x, this.y, c.widthPt, h).lineWidth(0.5).strokeColor('#bbbbbb').stroke();
        x += c.widthPt;
      });
      this.y += h;
    };
    this.ensure(headerH + rowH * Math.min(rows.length, 3));
    drawRow(
      columns.map((c) => c.label),
      true,
    );
    for (const r of rows) {
      if (this.y + rowH > BOTTOM) {
        this.doc.addPage();
        this.y = MARGIN;
        drawRow(
          columns.map((c) => c.label),
          true,
        );
      }
      drawRow(r, false);
    }
    this.y += 4;
  }

  figure(d: Drawing): void {
    this.ensure(d.heightPt + 8);
    drawOnPdf(this.doc, d, MARGIN + (CONTENT_W - d.widthPt) / 2, this.y);
    this.y += d.heightPt + 6;
  }
}

/** Draws a report drawing with its top-left corner at (ox, oy). */
export function drawOnPdf(doc: Doc, d: Drawing, ox: number, oy: number): void {
  doc.save();
  for (const i of d.items) {
    if (i.kind === 'path') {
      for (const part of i.parts) {
        part.forEach(([x, y], k) => (k === 0 ? doc.moveTo(ox + x, oy + y) : doc.lineTo(ox + x, oy + y)));
        if (i.closed) doc.closePath();
      }
      if (i.dash !== undefined) doc.dash(i.dash[0], { space: i.dash[1] });
      else doc.undash();
      doc.lineWidth(i.lineWidthPt ?? 1).lineJoin('round');
      if (i.fill !== undefined && i.stroke !== undefined) doc.fillOpacity(i.fillOpacity ?? 1).fillAndStroke(i.fill, i.stroke, 'even-odd');
      else if (i.fill !== undefined) doc.fillOpacity(i.fillOpacity ?? 1).fill(i.fill, 'even-odd');
      else doc.stroke(i.stroke ?? '#000000');
      doc.fillOpacity(1).undash();
    } else if (i.kind === 'circle') {
      doc.circle(ox + i.x, oy + i.y, i.rPt).lineWidth(0.4);
      if (i.stroke !== undefined) doc.fillAndStroke(i.fill, i.stroke);
      else doc.fill(i.fill);
    } else if (i.kind === 'rect') {
      doc.rect(ox + i.x, oy + i.y, i.w, i.h).lineWidth(0.5);
      if (i.fill !== undefined && i.stroke !== undefined) doc.fillAndStroke(i.fill, i.stroke);
      else if (i.fill !== undefined) doc.fill(i.fill);
      else if (i.stroke !== undefined) doc.stroke(i.stroke);
    } else {
      drawText(doc, i.text, ox + i.x, oy + i.y, { sizePt: i.sizePt, colour: i.colour, anchor: i.anchor, baseline: i.baseline });
    }
  }
  doc.restore();
}

export async function renderReportPdf(r: CoverageReport, lang: Lang = 'zh'): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: lang === 'zh' ? 'zh-CN' : 'en',
    displayTitle: true,
    info: {
      Title: reportTitle(lang, r),
      Author: 'Xueliang',
      Subject: rt(lang, 'coverageByClass'),
      CreationDate: new Date(r.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  const L = new Layout(doc);
  const g = (group: Parameters<typeof term>[1], code: string) => term(lang, group, code);

  drawText(doc, reportTitle(lang, r), MARGIN, L.y, { sizePt: 17 });
  L.y += 17 * 1.6;
  L.line(areaLine(lang, r));

  L.heading(rt(lang, 'coverageByClass'));
  const rate = (v: number | null | undefined, target: number | null) => {
    const word = target === null ? '' : verdict(lang, v, target);
    return word === '' ? formatRate(lang, v) : `${formatRate(lang, v)} ${word}`;
  };
  L.table(
    [
      { label: g('column', 'class'), widthPt: 92 },
      { label: rt(lang, 'coveredOfTotal'), widthPt: 150, align: 'end' },
      { label: g('measure', 'design'), widthPt: 74, align: 'end' },
      { label: g('measure', 'now'), widthPt: 74, align: 'end' },
      { label: rt(lang, 'atDate', { date: r.deadlineDate }), widthPt: 58, align: 'end' },
      { label: rt(lang, 'assumedTargets'), widthPt: CONTENT_W - 448, align: 'end' },
    ],
    r.classes.map((c) => [
      g('targetClass', c.class),
      coveredOfTotal(lang, c),
      rate(c.design?.rate, 1),
      rate(c.now?.rate, 1),
      rate(c.deadline?.rate, null),
      c.design === null ? '—' : formatNumber(lang, c.design.assumedTargets),
    ]),
  );

  const s = r.status;
  L.heading(rt(lang, 'health'));
  L.table(
    [
      { label: '', widthPt: 110 },
      { label: rt(lang, 'nowColumn'), widthPt: 185, align: 'end' },
      {
        label: s.monthToDate === null ? rt(lang, 'thisMonth') : rt(lang, 'monthColumn', { period: s.monthToDate.period }),
        widthPt: 115,
        align: 'end',
      },
      { label: rt(lang, 'required'), widthPt: CONTENT_W - 410, align: 'end' },
    ],
    [
      [
        g('measure', 'onlineRate'),
        rate(s.onlineRateNow, s.thresholds.online),
        formatRate(lang, s.monthToDate?.onlineRate),
        rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.online) }),
      ],
      [
        g('measure', 'workingRate'),
        rate(s.workingRateNow, s.thresholds.working),
        formatRate(lang, s.monthToDate?.workingRate),
        rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.working) }),
      ],
      [
        g('measure', 'networkedRate'),
        rate(s.networkedRateNow, s.thresholds.networked),
        formatRate(lang, s.monthToDate?.networkedRate),
        rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.networked) }),
      ],
      [
        g('measure', 'camerasInService'),
        rt(lang, 'camerasLine', {
          cameras: formatNumber(lang, s.cameras),
          unknown: formatNumber(lang, s.unknown),
          observed: formatNumber(lang, s.observed),
          online: formatNumber(lang, s.online),
          working: formatNumber(lang, s.working),
        }),
        '',
        '',
      ],
    ],
  );

  if (r.subAreas.length > 0) {
    L.heading(rt(lang, 'subAreas'));
    const w = (CONTENT_W - 150) / TARGET_CLASSES.length;
    L.table(
      [
        { label: rt(lang, 'area'), widthPt: 150 },
        ...TARGET_CLASSES.map((c) => ({ label: g('targetClass', c), widthPt: w, align: 'end' as const })),
      ],
      r.subAreas.map((a) => [`${a.name} (${a.code ?? ''})`, ...TARGET_CLASSES.map((c) => formatRate(lang, a.classes[c]?.rate))]),
    );
  }

  for (const m of r.figures?.maps ?? []) {
    L.heading(rt(lang, 'map', { name: m.name }), 440);
    L.figure(blindSpotMap(m, lang, CONTENT_W, 430));
    L.line(rt(lang, 'mapNote'), 8);
  }
  if ((r.figures?.chart.length ?? 0) > 0) {
    L.heading(rt(lang, 'chart'), 250);
    L.figure(deadlineChart(r.figures!.chart, lang, CONTENT_W, 240));
    L.line(rt(lang, 'chartNote'), 8);
  }

  L.heading(rt(lang, 'rankedBlindSpots', { shown: r.blindSpots.items.length, total: r.blindSpots.total }));
  if (r.blindSpots.items.length === 0) L.line(rt(lang, 'noneRecorded'));
  else
    L.table(
      [
        { label: rt(lang, 'rank'), widthPt: 30, align: 'end' },
        { label: g('column', 'class'), widthPt: 78 },
        { label: rt(lang, 'target'), widthPt: 130 },
        { label: rt(lang, 'why'), widthPt: 72 },
        { label: rt(lang, 'size'), widthPt: 70, align: 'end' },
        { label: rt(lang, 'where'), widthPt: CONTENT_W - 380, align: 'end' },
      ],
      r.blindSpots.items.map((b, i) => [
        String(i + 1),
        g('targetClass', b.class),
        b.targetName ?? rt(lang, 'unnamedTarget', { id: b.targetId }),
        g('blindSpotReason', b.reason),
        b.unit === 'm' ? formatClassMeasure(lang, 'road', b.measure) : formatClassMeasure(lang, 'hotspot', b.measure),
        `${b.lat.toFixed(5)}, ${b.lon.toFixed(5)}`,
      ]),
    );

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    // The footer sits in the bottom margin; without this pdfkit would start a page for it.
    doc.page.margins.bottom = 0;
    const text = rt(lang, 'page', { n: p + 1 });
    drawText(doc, text, A4[0] - MARGIN, A4[1] - MARGIN + 2, { sizePt: 8, colour: '#666666', anchor: 'end' });
  }
  doc.end();
  return done;
}
