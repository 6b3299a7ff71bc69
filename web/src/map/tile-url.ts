// Builds the /tiles/{layer}/{z}/{x}/{y}.mvt URL templates with the as-of, now and level query
// parameters from docs/contracts.md "## HTTP". Absolute, because loaders resolve relative to
// where they run.
export interface TileQuery {
  asOf?: string | null;
  now?: boolean;
  level?: string | null;
}

export function tileUrl(layer: string, q: TileQuery = {}): string {
  const params = new URLSearchParams();
  if (q.asOf) params.set('asOf', q.asOf);
  if (q.now === true) params.set('now', '1');
  if (q.level) params.set('level', q.level);
  const s = params.toString();
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${s === '' ? '' : `?${s}`}`;
}
