// `xueliang report`: the coverage report of the city, a county or a town, as GET
// /exports/coverage-report.{pdf,html,csv} gives it: written to files, with a summary on the
// terminal in the glossary's words. Chinese first; --lang en for English.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../api/errors';
import { buildCoverageReport } from '../../api/domain/exports/coverage-report';
import { renderReportHtml } from '../../api/domain/exports/render-report';
import { renderReportCsv } from '../../api/domain/exports/render-report-csv';
import { renderReportPdf } from '../../api/domain/exports/render-report-pdf';
import { rt } from '../../api/domain/exports/report-text';
import { formatClassMeasure, formatNumber, formatRate, term, type Lang } from '../../vocabulary/glossary';

const FORMATS = ['pdf', 'html', 'csv'] as const;

export default defineCommand({
  name: 'report',
  summary: 'the coverage report (覆盖报告) of an area as PDF, HTML or CSV, Chinese first',
  help: `Usage: xueliang report [--area CODE] [--lang zh|en] [--pdf FILE] [--html FILE] [--csv FILE]
                       [--blind-spots N] [--json]

The coverage report of an admin area (default: the top area, the city), as the API's
/exports/coverage-report.* gives it: 覆盖率 per class against 100 % (design, now, at 2020-12-31),
在线率 and 完好率 against their thresholds, 联网率 against 100 %, sub-areas, the map of blind spots per county and the
deadline chart (PDF and HTML), and the ranked blind spots.
  --area CODE       an admin area code (GB/T 2260)
  --lang zh|en      language of the files and the summary (default zh)
  --pdf FILE        write the A4 PDF (Noto Sans SC embedded)
  --html FILE       write the printable HTML (its font is served by \`xueliang serve\`)
  --csv FILE        write the CSV (UTF-8 with BOM, for Excel)
  --blind-spots N   how many ranked blind spots to list (default 50, at most 1000)
Without a file flag it prints the summary only.`,
  options: {
    area: { type: 'string' },
    lang: { type: 'string' },
    pdf: { type: 'string' },
    html: { type: 'string' },
    csv: { type: 'string' },
    'blind-spots': { type: 'string' },
  },
  async run(ctx) {
    const langFlag = stringFlag(ctx, 'lang') ?? 'zh';
    if (langFlag !== 'zh' && langFlag !== 'en') throw new UserFacingError(`--lang is zh or en, got "${langFlag}".`, 2);
    const lang: Lang = langFlag;
    const limit = numberFlag(ctx, 'blind-spots') ?? 50;
    if (!(Number.isInteger(limit) && limit >= 0 && limit <= 1000))
      throw new UserFacingError(`--blind-spots is a whole number from 0 to 1000, got ${limit}.`, 2);
    const targets = FORMATS.flatMap((f) => {
      const p = stringFlag(ctx, f);
      return p === undefined ? [] : [{ format: f, path: resolve(p) }];
    });

    const db = await openDatabase({ quiet: true });
    try {
      const report = await buildCoverageReport(db.pool, stringFlag(ctx, 'area'), {
        blindSpots: limit,
        figures: targets.some((t) => t.format !== 'csv'),
      }).catch((e: unknown) => {
        if (e instanceof ApiError) throw new UserFacingError(`--area: ${e.message}`, 1);
        throw e;
      });
      // Everything is rendered before anything is written: a failure leaves no half set of files.
      const rendered: Array<{ format: (typeof FORMATS)[number]; path: string; body: Buffer }> = [];
      for (const t of targets) {
        const body =
          t.format === 'pdf'
            ? await renderReportPdf(report, lang)
            : Buffer.from(t.format === 'html' ? renderReportHtml(report, lang) : renderReportCsv(report, lang), 'utf8');
        rendered.push({ ...t, body });
      }
      for (const r of rendered) writeFileSync(r.path, r.body);
      const written = rendered.map((r) => ({ format: r.format, path: r.path, bytes: r.body.length }));

      if (ctx.json) {
        const { figures: _figures, ...rest } = report;
        printJson({ report: rest, written });
        return;
      }
      info(`${rt(lang, 'title')}${lang === 'zh' ? '：' : ': '}${report.area.name} (${report.area.code})`);
      for (const c of report.classes) {
        const d = c.design;
        info(
          `  ${term(lang, 'targetClass', c.class)}: ${term(lang, 'measure', 'design')} ${formatRate(lang, d?.rate)}` +
            `${d === null ? '' : ` (${formatClassMeasure(lang, c.class, d.covered)} / ${formatClassMeasure(lang, c.class, d.total)})`}` +
            `, ${term(lang, 'measure', 'now')} ${formatRate(lang, c.now?.rate)}, ${rt(lang, 'atDate', { date: report.deadlineDate })} ${formatRate(lang, c.deadline?.rate)}`,
        );
      }
      const s = report.status;
      info(
        `  ${term(lang, 'measure', 'onlineRate')} ${formatRate(lang, s.onlineRateNow)} (${rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.online) })}), ` +
          `${term(lang, 'measure', 'workingRate')} ${formatRate(lang, s.workingRateNow)} (${rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.working) })}), ` +
          `${term(lang, 'measure', 'networkedRate')} ${formatRate(lang, s.networkedRateNow)} (${rt(lang, 'atLeast', { value: formatRate(lang, s.thresholds.networked) })}), ` +
          `${term(lang, 'measure', 'camerasInService')} ` +
          rt(lang, 'camerasLine', {
            cameras: formatNumber(lang, s.cameras),
            unknown: formatNumber(lang, s.unknown),
            observed: formatNumber(lang, s.observed),
            online: formatNumber(lang, s.online),
            working: formatNumber(lang, s.working),
          }),
      );
      info(`  ${rt(lang, 'rankedBlindSpots', { shown: report.blindSpots.items.length, total: report.blindSpots.total })}`);
      for (const w of written) info(`  → ${w.path} (${w.format}, ${formatNumber(lang, w.bytes)} bytes)`);
    } finally {
      await db.close();
    }
  },
});
