// Builds the /tiles/{layer}/{z}/{x}/{y}.mvt URL templates with the as-of, now and level query
// parameters, typed by the API document (schema.d.ts). Absolute, because loaders resolve
// relative to where they run; deck.gl fills in {z}/{x}/{y} itself, so this is a template, not a
// call through the typed client.
import type { paths } from '../api/schema';

type TileParams = paths['/tiles/{layer}/{z}/{x}/{y}.mvt']['get']['parameters'];
export type TileLayer = TileParams['path']['layer'];

export interface TileQuery {
  asOf?: string | null;
  now?: boolean;
  level?: string | null;
  /** Cameras of every date with their install and removal dates (the map filters them by date). */
  allDates?: boolean;
}

export function tileUrl(layer: TileLayer, q: TileQuery = {}): string {
  const query: NonNullable<TileParams['query']> = {};
  if (q.asOf) query.asOf = q.asOf;
  if (q.now === true) query.now = '1';
  if (q.level) query.level = q.level;
  if (q.allDates === true) query.allDates = '1';
  const s = new URLSearchParams(query).toString();
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${s === '' ? '' : `?${s}`}`;
}
