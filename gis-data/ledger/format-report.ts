// A ledger import report as lines for a person at a terminal (the CLI prints them; the API
// returns the JSON report instead). Passwords never reach a report, so none can be printed.
import type { LedgerImportReport } from './import-ledger';

export function formatLedgerReport(r: LedgerImportReport, maxListed = 50): string[] {
  const c = r.counts;
  const lines = [
    `${r.fileName} (${r.format}, declared ${r.crs}): ${c.rows} rows read${c.skipped > 0 ? `, ${c.skipped} non-camera items skipped` : ''}`,
    `  to add ${c.add}, to update ${c.update}, unchanged ${c.unchanged}, rejected ${c.reject}, accepted with assumed fields ${c.assumed}`,
  ];
  const mapped = Object.entries(r.mapping).map(([h, col]) => (h === col ? col : `${h}→${col}`));
  if (mapped.length > 0) lines.push(`  columns: ${mapped.join(', ')}`);
  if (r.unmappedHeaders.length > 0) lines.push(`  ignored columns: ${r.unmappedHeaders.join(', ')} (map them with --mapping)`);
  if (r.gcjOffset.checked) {
    lines.push(
      `  GCJ-02 check: median ${r.gcjOffset.medianRawM} m to the nearest road as given, ${r.gcjOffset.medianShiftedM} m if GCJ-02 → ${r.gcjOffset.likely ? 'LIKELY GCJ-02' : 'no offset detected'}`,
    );
  }
  if (r.stopped !== null) lines.push(`  STOPPED: ${r.stopped.message}`);
  if (r.rejections.length > 0) {
    const byCode = new Map<string, number>();
    for (const x of r.rejections) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
    const of = r.rejections.length < c.reject ? ` (the first ${r.rejections.length})` : '';
    lines.push(`  rejections by reason${of}: ${[...byCode].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const x of r.rejections.slice(0, maxListed))
      lines.push(
        `  row ${x.row}${x.deviceId === null ? '' : ` (${x.deviceId})`}: ${x.code}${x.field === null ? '' : ` [${x.field}]`}: ${x.message}`,
      );
    if (c.reject > maxListed) lines.push(`  … and ${c.reject - maxListed} more (use --json for all)`);
  }
  for (const x of r.changes.slice(0, maxListed))
    lines.push(
      `  row ${x.row} (${x.deviceId}): ${x.fields.map((f) => (f.field === 'onvif_password' || f.field === 'gb_password' ? `${f.field} changed` : `${f.field} ${show(f.before)} → ${show(f.after)}`)).join('; ')}`,
    );
  if (c.update > maxListed) lines.push(`  … and ${c.update - maxListed} more updates (use --json for the first 1,000)`);
  if (r.committed)
    lines.push(`Committed: ${c.add} added, ${c.update} updated${c.reject > 0 ? `, ${c.reject} rejected rows skipped` : ''}.`);
  else if (!r.dryRun && r.stopped !== null) lines.push('Nothing changed: the run stopped before the end of the file.');
  else if (!r.dryRun)
    lines.push('Nothing changed: the file has rejected rows. Fix them, or pass --skip-invalid to import the valid rows only.');
  else lines.push('Dry run: nothing changed. Re-run with --commit to apply.');
  return lines;
}

const show = (v: unknown): string => (v === null || v === undefined ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v));
