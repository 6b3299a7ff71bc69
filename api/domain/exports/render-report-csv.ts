// The coverage report as CSV (UTF-8 with BOM, CRLF: opens in Excel): one line per figure. The
// header row and the description column are in the report's language (glossary terms); the
// item and figure columns keep their stable codes, for scripts.
import { term, type Lang } from '../../../vocabulary/glossary';
import { csvLine, UTF8_BOM } from './csv';
import type { CoverageReport } from './coverage-report';

export const REPORT_CSV_COLUMNS = ['section', 'area_code', 'area_name', 'description', 'item', 'figure', 'value', 'target'] as const;

export function renderReportCsv(r: CoverageReport, lang: Lang = 'zh'): string {
  const lines = [UTF8_BOM + csvLine(REPORT_CSV_COLUMNS.map((c) => term(lang, 'column', c)))];
  const a = [r.area.code, r.area.name];
  const cls = (c: string) => term(lang, 'targetClass', c);
  const m = (k: string) => term(lang, 'measure', k);
  for (const c of r.classes) {
    for (const [k, v, label] of [
      ['design', c.design, m('design')],
      ['now', c.now, m('now')],
      [`deadline_${r.deadlineDate}`, c.deadline, `${m('coverageRate')} ${r.deadlineDate}`],
    ] as const) {
      lines.push(csvLine(['coverage', ...a, `${cls(c.class)} · ${label}`, c.class, `rate_${k}`, v?.rate ?? null, 1]));
    }
    lines.push(
      csvLine([
        'coverage',
        ...a,
        `${cls(c.class)} · ${m('design')} (${c.unit ?? ''})`,
        c.class,
        `covered_${c.unit ?? ''}`,
        c.design?.covered ?? null,
        c.design?.total ?? null,
      ]),
    );
  }
  const s = r.status;
  const month = s.monthToDate?.period ?? 'month';
  lines.push(csvLine(['status', ...a, m('onlineRate'), 'online_rate', 'now', s.onlineRateNow, s.thresholds.online]));
  lines.push(csvLine(['status', ...a, m('workingRate'), 'working_rate', 'now', s.workingRateNow, s.thresholds.working]));
  lines.push(
    csvLine(['status', ...a, `${m('onlineRate')} ${month}`, 'online_rate', month, s.monthToDate?.onlineRate ?? null, s.thresholds.online]),
  );
  lines.push(
    csvLine([
      'status',
      ...a,
      `${m('workingRate')} ${month}`,
      'working_rate',
      month,
      s.monthToDate?.workingRate ?? null,
      s.thresholds.working,
    ]),
  );
  lines.push(csvLine(['status', ...a, m('networkedRate'), 'networked_rate', 'now', s.networkedRateNow, s.thresholds.networked]));
  lines.push(
    csvLine([
      'status',
      ...a,
      `${m('networkedRate')} ${month}`,
      'networked_rate',
      month,
      s.monthToDate?.networkedRate ?? null,
      s.thresholds.networked,
    ]),
  );
  lines.push(csvLine(['status', ...a, m('camerasInService'), 'cameras', 'now', s.cameras, null]));
  lines.push(csvLine(['status', ...a, m('camerasPolled'), 'cameras', 'polled', s.observed, null]));
  lines.push(csvLine(['status', ...a, m('camerasNeverPolled'), 'cameras', 'never_polled', s.unknown, null]));
  for (const sub of r.subAreas)
    for (const [c, v] of Object.entries(sub.classes))
      lines.push(csvLine(['sub_area', sub.code, sub.name, `${cls(c)} · ${m('design')}`, c, 'rate_design', v?.rate ?? null, 1]));
  r.blindSpots.items.forEach((b, i) =>
    lines.push(
      csvLine([
        'blind_spot',
        b.areaCode,
        b.areaName,
        `${i + 1}. ${cls(b.class)} ${b.targetName ?? b.targetId} · ${term(lang, 'blindSpotReason', b.reason)}`,
        `${i + 1}. ${b.class} ${b.targetName ?? b.targetId}`,
        `${b.reason} (${b.unit})`,
        b.measure,
        null,
      ]),
    ),
  );
  return lines.join('');
}
