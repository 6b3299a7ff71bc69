// Records as an Excel workbook (.xlsx), streamed: exceljs's streaming writer commits each row to
// the zip as it is read, so a city's blind spots never sit in memory as a sheet. Numbers stay
// numbers; text cells that a spreadsheet would run as a formula are stored as plain strings by
// exceljs (a cell's value is never a formula unless given as one).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { term, type Lang } from '../../../vocabulary/glossary';
import { representativePoint, type ExportRecord } from './formats';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One sheet: a header row of `columns` (with lon, lat first) labelled from the glossary in `lang`,
 * as the CSV's, then one row per record.
 */
export async function* renderXlsx(
  columns: readonly string[],
  records: AsyncIterable<ExportRecord>,
  sheetName: string,
  lang: Lang = 'zh',
): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  const header = ['lon', 'lat', ...columns].map((c) => term(lang, 'column', c));
  // A CJK character takes about two columns of a spreadsheet's width.
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, (lang === 'zh' ? 2 : 1) * h.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  const writing = (async () => {
    try {
      for await (const r of records) {
        const [lon, lat] = representativePoint(r.geometry);
        sheet.addRow([lon, lat, ...columns.map((c) => cell(r.properties[c]))]).commit();
      }
      sheet.commit();
      await book.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  for await (const chunk of out) yield chunk as Uint8Array;
  await writing;
}

function cell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
