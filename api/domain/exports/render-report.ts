// The coverage report as printable HTML: Chinese first (English with lang=en), every term from the
// glossary, A4 when printed, no scripts and nothing external. Its text is set in the bundled Noto
// Sans SC, served by our own server (api/domain/fonts), so Chinese renders on a machine without a
// CJK font. The map of blind spots and the deadline chart are inline SVG, the same drawings the
// PDF has (report-map.ts, report-chart.ts).
import { formatClassMeasure, formatNumber, formatRate, term, type Lang } from '../../../vocabulary/glossary';
import { TARGET_CLASSES } from '../../../coverage-engine';
import { fontFaceCss, FONT_FAMILY } from '../fonts/noto-sans-sc';
import type { CoverageReport, ReportClassRow } from './coverage-report';
import { deadlineChart } from './report-chart';
import { blindSpotMap } from './report-map';
import { drawingToSvg } from './report-svg';
import { rt } from './report-text';
import { escapeXml as h } from './xml';

/** "达标" / "未达标" against a target, nothing when the figure is unknown. */
export function verdict(lang: Lang, value: number | null | undefined, target: number): string {
  if (value === null || value === undefined) return '';
  return term(lang, 'measure', value >= target ? 'met' : 'notMet');
}

/** Covered / total of a class in its display unit ("117 / 132 个", "41.23 / 52.87 公里"). */
export function coveredOfTotal(lang: Lang, c: ReportClassRow): string {
  const d = c.design;
  if (d === null) return '—';
  const total = formatClassMeasure(lang, c.class, d.total);
  const covered = formatClassMeasure(lang, c.class, d.covered);
  // The unit once, after the total: strip it from the covered figure.
  const number = covered.split(' ')[0];
  return `${number} / ${total}`;
}

export function formatGeneratedAt(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "视频监控覆盖报告：汉滨区" / "Video coverage report: Hanbin". */
export function reportTitle(lang: Lang, r: CoverageReport): string {
  return `${rt(lang, 'title')}${lang === 'zh' ? '：' : ': '}${r.area.name}`;
}

export function areaLine(lang: Lang, r: CoverageReport): string {
  const level = term(lang, 'adminLevel', r.area.level);
  const parent = r.area.parentName === null ? '' : ` · ${r.area.parentName}`;
  return `${level} ${r.area.code}${parent} · ${rt(lang, 'generated', { time: formatGeneratedAt(r.generatedAt) })} · ${rt(lang, 'targetAll')}`;
}

function rateCell(lang: Lang, v: number | null | undefined, target: number | null): string {
  const word = target === null ? '' : verdict(lang, v, target);
  return `<td class="n">${formatRate(lang, v)}${word === '' ? '' : ` <span class="v">${h(word)}</span>`}</td>`;
}

export function renderReportHtml(r: CoverageReport, lang: Lang = 'zh'): string {
  const t = (k: Parameters<typeof rt>[1], v?: Record<string, string | number>) => h(rt(lang, k, v));
  const g = (group: Parameters<typeof term>[1], code: string) => h(term(lang, group, code));
  const classRows = r.classes
    .map(
      (c) =>
        `<tr><th scope="row">${g('targetClass', c.class)}</th><td class="n">${h(coveredOfTotal(lang, c))}</td>` +
        `${rateCell(lang, c.design?.rate, 1)}${rateCell(lang, c.now?.rate, 1)}${rateCell(lang, c.deadline?.rate, null)}` +
        `<td class="n">${c.design === null ? '—' : formatNumber(lang, c.design.assumedTargets)}</td></tr>`,
    )
    .join('');
  const s = r.status;
  const sub = r.subAreas
    .map(
      (a) =>
        `<tr><th scope="row">${h(a.name)} (${h(a.code)})</th>${TARGET_CLASSES.map((k) => `<td class="n">${formatRate(lang, a.classes[k]?.rate)}</td>`).join('')}</tr>`,
    )
    .join('');
  const spots = r.blindSpots.items
    .map(
      (b, i) =>
        `<tr><td class="n">${i + 1}</td><td>${g('targetClass', b.class)}</td><td>${h(b.targetName ?? rt(lang, 'unnamedTarget', { id: b.targetId }))}</td>` +
        `<td>${g('blindSpotReason', b.reason)}</td><td class="n">${h(b.unit === 'm' ? formatClassMeasure(lang, 'road', b.measure) : formatClassMeasure(lang, 'hotspot', b.measure))}</td>` +
        `<td>${h(b.areaName ?? '')}</td><td class="n">${b.lat.toFixed(5)}, ${b.lon.toFixed(5)}</td></tr>`,
    )
    .join('');
  const figures =
    r.figures === undefined
      ? ''
      : [
          ...r.figures.maps.map(
            (m) =>
              `<section class="figure"><h2>${t('map', { name: m.name })}</h2>${drawingToSvg(blindSpotMap(m, lang, 480, 440), `report-map-${m.code}`)}<p class="meta">${t('mapNote')}</p></section>`,
          ),
          r.figures.chart.length === 0
            ? ''
            : `<section class="figure"><h2>${t('chart')}</h2>${drawingToSvg(deadlineChart(r.figures.chart, lang, 480, 230), 'report-chart')}<p class="meta">${t('chartNote')}</p></section>`,
        ].join('\n');
  const monthHead = s.monthToDate === null ? rt(lang, 'thisMonth') : rt(lang, 'monthColumn', { period: s.monthToDate.period });
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${t('title')} ${h(r.area.name)}</title>
<style>
${fontFaceCss()}
  @page { size: A4; margin: 16mm; }
  body { font-family: '${FONT_FAMILY}', sans-serif; font-size: 10.5pt; color: #111; background: #fff; margin: 0 auto; max-width: 180mm; padding: 8mm 0; }
  h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; font-weight: normal; }
  thead th { background: #eee; font-weight: bold; } td.n { text-align: right; white-space: nowrap; } .meta { color: #444; }
  .v { font-size: 9pt; } tr, .figure { page-break-inside: avoid; } svg { display: block; max-width: 100%; height: auto; }
</style></head><body>
<h1>${h(reportTitle(lang, r))}</h1>
<p class="meta">${h(areaLine(lang, r))}</p>
<h2>${t('coverageByClass')}</h2>
<table data-testid="report-classes"><thead><tr><th scope="col">${g('column', 'class')}</th><th scope="col">${t('coveredOfTotal')}</th><th scope="col">${g('measure', 'design')}</th><th scope="col">${g('measure', 'now')}</th><th scope="col">${t('atDate', { date: r.deadlineDate })}</th><th scope="col">${t('assumedTargets')}</th></tr></thead><tbody>${classRows}</tbody></table>
<h2>${t('health')}</h2>
<table><thead><tr><th scope="col"></th><th scope="col">${t('nowColumn')}</th><th scope="col">${h(monthHead)}</th><th scope="col">${t('required')}</th></tr></thead><tbody>
<tr><th scope="row">${g('measure', 'onlineRate')}</th>${rateCell(lang, s.onlineRateNow, s.thresholds.online)}<td class="n">${formatRate(lang, s.monthToDate?.onlineRate)}</td><td class="n">${t('atLeast', { value: formatRate(lang, s.thresholds.online) })}</td></tr>
<tr><th scope="row">${g('measure', 'workingRate')}</th>${rateCell(lang, s.workingRateNow, s.thresholds.working)}<td class="n">${formatRate(lang, s.monthToDate?.workingRate)}</td><td class="n">${t('atLeast', { value: formatRate(lang, s.thresholds.working) })}</td></tr>
<tr><th scope="row">${g('measure', 'networkedRate')}</th>${rateCell(lang, s.networkedRateNow, s.thresholds.networked)}<td class="n">${formatRate(lang, s.monthToDate?.networkedRate)}</td><td class="n">${t('atLeast', { value: formatRate(lang, s.thresholds.networked) })}</td></tr>
<tr><th scope="row">${g('measure', 'camerasInService')}</th><td class="n">${t('camerasLine', { cameras: formatNumber(lang, s.cameras), unknown: formatNumber(lang, s.unknown), observed: formatNumber(lang, s.observed), online: formatNumber(lang, s.online), working: formatNumber(lang, s.working) })}</td><td></td><td></td></tr></tbody></table>
${sub === '' ? '' : `<h2>${t('subAreas')}</h2><table><thead><tr><th scope="col">${t('area')}</th>${TARGET_CLASSES.map((k) => `<th scope="col">${g('targetClass', k)}</th>`).join('')}</tr></thead><tbody>${sub}</tbody></table>`}
${figures}
<h2>${t('rankedBlindSpots', { shown: r.blindSpots.items.length, total: r.blindSpots.total })}</h2>
${
  spots === ''
    ? `<p>${t('noneRecorded')}</p>`
    : `<table><thead><tr><th scope="col">${t('rank')}</th><th scope="col">${g('column', 'class')}</th><th scope="col">${t('target')}</th><th scope="col">${t('why')}</th><th scope="col">${t('size')}</th><th scope="col">${t('area')}</th><th scope="col">${t('where')}</th></tr></thead><tbody>${spots}</tbody></table>`
}
</body></html>
`;
}
