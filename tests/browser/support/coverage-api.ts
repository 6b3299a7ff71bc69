// Reads a class's rate out of GET /api/v1/coverage independently of the web app's parser, so
// the browser test compares the page with what the API says.
export function apiClassRate(json: unknown, cls: string): number | null {
  let r = json as Record<string, unknown>;
  // GET /coverage: { areas: [{ code, level, classes: { <class>: { rate, ... } } }] }, the city first.
  if (Array.isArray(r.areas)) {
    const areas = r.areas as Array<Record<string, unknown>>;
    r = areas.find((a) => a.code === null) ?? areas.find((a) => a.level === 'city') ?? areas[0] ?? {};
  }
  const list = (r.classes ?? r.rates ?? r.byClass) as unknown;
  let entry: Record<string, unknown> | undefined;
  if (Array.isArray(list)) entry = (list as Array<Record<string, unknown>>).find((e) => e.class === cls || e.className === cls);
  else if (list !== null && typeof list === 'object') entry = (list as Record<string, Record<string, unknown>>)[cls];
  const v = entry?.rate ?? entry?.ratio;
  return typeof v === 'number' ? v : null;
}
