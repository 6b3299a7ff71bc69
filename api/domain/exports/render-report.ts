// The coverage report as printable HTML (A4, prints to PDF from the browser; no scripts, no
// external resources) and as CSV (one line per figure, Excel-friendly).
import type { BlindSpotReason } from '../../../gis-data/coverage/blind-spot-reasons';
import { csvLine, UTF8_BOM } from './csv';
import type { CoverageReport, ReportClassRow } from './coverage-report';
import { escapeXml as h } from './xml';

const CLASS_NAMES: Record<string, string> = {
  intersection: '道路交叉口 Intersections',
  road: '主要道路 Main roads',
  hotspot: '案件高发区域 Hotspots',
  crowded_place: '人员密集场所 Crowded places',
};
const REASONS: Record<BlindSpotReason, string> = {
  no_camera: '无摄像机 no camera',
  occluded: '遮挡 occluded',
  low_detail: '清晰度不足 too little detail',
  near_blind_zone: '近端盲区 near blind zone',
  camera_down: '设备故障 camera down',
};

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
const verdict = (v: number | null | undefined, target: number) => (v === null || v === undefined ? '' : v >= target ? '✓' : '✗');

function measure(c: ReportClassRow['design']): string {
  if (c === null) return '—';
  if (c.unit === 'count') return `${c.covered} / ${c.total}`;
  if (c.unit === 'm') return `${(c.covered / 1000).toFixed(2)} / ${(c.total / 1000).toFixed(2)} km`;
  return `${(c.covered / 10_000).toFixed(2)} / ${(c.total / 10_000).toFixed(2)} ha`;
}

export function renderReportHtml(r: CoverageReport): string {
  const classRows = r.classes
    .map(
      (c) => `<tr><td>${h(CLASS_NAMES[c.class] ?? c.class)}</td><td>${h(measure(c.design))}</td>
    <td class="n">${pct(c.design?.rate)} ${verdict(c.design?.rate, 1)}</td><td class="n">${pct(c.now?.rate)} ${verdict(c.now?.rate, 1)}</td>
    <td class="n">${pct(c.deadline?.rate)}</td><td class="n">${c.design?.assumedTargets ?? '—'}</td></tr>`,
    )
    .join('');
  const s = r.status;
  const sub = r.subAreas
    .map(
      (a) =>
        `<tr><td>${h(a.name)} (${h(a.code)})</td>${['intersection', 'road', 'hotspot', 'crowded_place']
          .map((k) => `<td class="n">${pct(a.classes[k as keyof typeof a.classes]?.rate)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const spots = r.blindSpots.items
    .map(
      (b, i) => `<tr><td class="n">${i + 1}</td><td>${h(CLASS_NAMES[b.class] ?? b.class)}</td><td>${h(b.targetName ?? b.targetId)}</td>
    <td>${h(REASONS[b.reason as BlindSpotReason] ?? b.reason)}</td><td class="n">${h(b.measure)} ${b.unit === 'm' ? 'm' : 'm²'}</td><td>${h(b.areaName ?? '')}</td><td class="n">${b.lat.toFixed(5)}, ${b.lon.toFixed(5)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>视频监控覆盖报告 ${h(r.area.name)}</title>
<style>
  @page { size: A4; margin: 16mm; }
  body { font-family: "Noto Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 3pt 5pt; text-align: left; }
  th { background: #eee; } td.n { text-align: right; white-space: nowrap; } .meta { color: #555; }
  tr { page-break-inside: avoid; }
</style></head><body>
<h1>视频监控覆盖报告 · Video coverage report: ${h(r.area.name)}</h1>
<p class="meta">${h(r.area.level)} ${h(r.area.code)}${r.area.parentName === null ? '' : ` · ${h(r.area.parentName)}`} · generated ${h(r.generatedAt)} · target 覆盖率 100 %</p>
<h2>覆盖率 Coverage by class</h2>
<table><tr><th>Class</th><th>Covered / total (design)</th><th>Design 设计</th><th>Now 当前</th><th>At ${h(r.deadlineDate)}</th><th>Covered on assumed values</th></tr>${classRows}</table>
<h2>在线率 / 完好率 Camera health</h2>
<table><tr><th></th><th>Now 当前</th><th>${h(s.monthToDate?.period ?? 'This month')} (time-weighted)</th><th>Threshold 要求</th></tr>
<tr><td>在线率 On-line rate</td><td class="n">${pct(s.onlineRateNow)} ${verdict(s.onlineRateNow, s.thresholds.online)}</td><td class="n">${pct(s.monthToDate?.onlineRate)}</td><td class="n">≥ ${pct(s.thresholds.online)}</td></tr>
<tr><td>完好率 Working rate</td><td class="n">${pct(s.workingRateNow)} ${verdict(s.workingRateNow, s.thresholds.working)}</td><td class="n">${pct(s.monthToDate?.workingRate)}</td><td class="n">≥ ${pct(s.thresholds.working)}</td></tr>
<tr><td>Cameras in service</td><td class="n">${s.cameras} (never polled ${s.unknown}; of the ${s.observed} polled: online ${s.online}, working ${s.working})</td><td></td><td></td></tr></table>
${sub === '' ? '' : `<h2>Sub-areas (design coverage)</h2><table><tr><th>Area</th><th>Intersections</th><th>Roads</th><th>Hotspots</th><th>Crowded places</th></tr>${sub}</table>`}
<h2>盲区 Ranked blind spots (${r.blindSpots.items.length} of ${r.blindSpots.total})</h2>
${spots === '' ? '<p>None recorded.</p>' : `<table><tr><th>#</th><th>Class</th><th>Target</th><th>Why</th><th>Size</th><th>Area</th><th>Lat, lon</th></tr>${spots}</table>`}
</body></html>
`;
}

export function renderReportCsv(r: CoverageReport): string {
  const lines = [UTF8_BOM + csvLine(['section', 'area_code', 'area_name', 'item', 'measure', 'value', 'target'])];
  const a = [r.area.code, r.area.name];
  for (const c of r.classes) {
    for (const [k, v] of [
      ['design', c.design],
      ['now', c.now],
      [`deadline_${r.deadlineDate}`, c.deadline],
    ] as const) {
      lines.push(csvLine(['coverage', ...a, c.class, `rate_${k}`, v?.rate ?? null, 1]));
    }
    lines.push(csvLine(['coverage', ...a, c.class, `covered_${c.unit ?? ''}`, c.design?.covered ?? null, c.design?.total ?? null]));
  }
  const s = r.status;
  lines.push(csvLine(['status', ...a, 'online_rate', 'now', s.onlineRateNow, s.thresholds.online]));
  lines.push(csvLine(['status', ...a, 'working_rate', 'now', s.workingRateNow, s.thresholds.working]));
  lines.push(
    csvLine(['status', ...a, 'online_rate', s.monthToDate?.period ?? 'month', s.monthToDate?.onlineRate ?? null, s.thresholds.online]),
  );
  lines.push(
    csvLine(['status', ...a, 'working_rate', s.monthToDate?.period ?? 'month', s.monthToDate?.workingRate ?? null, s.thresholds.working]),
  );
  lines.push(csvLine(['status', ...a, 'cameras', 'now', s.cameras, null]));
  for (const sub of r.subAreas)
    for (const [cls, v] of Object.entries(sub.classes))
      lines.push(csvLine(['sub_area', sub.code, sub.name, cls, 'rate_design', v?.rate ?? null, 1]));
  r.blindSpots.items.forEach((b, i) =>
    lines.push(
      csvLine([
        'blind_spot',
        b.areaCode,
        b.areaName,
        `${i + 1}. ${b.class} ${b.targetName ?? b.targetId}`,
        `${b.reason} (${b.unit})`,
        b.measure,
        null,
      ]),
    ),
  );
  return lines.join('');
}
