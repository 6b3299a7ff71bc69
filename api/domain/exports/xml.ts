// Escaping for KML and HTML output: every text value from the database goes through here.
export function escapeXml(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Control characters other than tab/newline are not allowed in XML 1.0 at all.
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}
