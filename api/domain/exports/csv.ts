// CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese), CRLF lines, and text cells
// that a spreadsheet would run as a formula (= + - @, tab, CR at the start) neutralised with a
// leading apostrophe (OWASP "CSV injection"). Numbers are written as numbers.

export const UTF8_BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
