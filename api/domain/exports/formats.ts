// Turns a stream of feature-like records into GeoJSON, KML or CSV text chunks, so exports of a
// whole city are written as they are read and never built in memory. Column codes stay the
// property names of GeoJSON and the KML Data names (for scripts); people read the glossary's
// labels: the CSV header row and the KML displayName, in the export's language.
import { term, type Lang } from '../../../vocabulary/glossary';
import { csvLine, UTF8_BOM } from './csv';
import { escapeXml } from './xml';

export const EXPORT_FORMATS = ['geojson', 'kml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportRecord {
  /** GeoJSON geometry (WGS-84). */
  geometry: unknown;
  properties: Record<string, unknown>;
  /** Name shown in KML. */
  name: string;
}

export async function* renderExport(
  format: ExportFormat,
  columns: readonly string[],
  records: AsyncIterable<ExportRecord>,
  title: string,
  lang: Lang = 'zh',
): AsyncGenerator<string> {
  if (format === 'geojson') {
    yield '{"type":"FeatureCollection","features":[\n';
    let first = true;
    for await (const r of records) {
      yield `${first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', geometry: r.geometry, properties: r.properties })}`;
      first = false;
    }
    yield '\n]}\n';
  } else if (format === 'csv') {
    yield UTF8_BOM + csvLine(['lon', 'lat', ...columns].map((c) => term(lang, 'column', c)));
    for await (const r of records) {
      const [lon, lat] = representativePoint(r.geometry);
      yield csvLine([lon, lat, ...columns.map((c) => r.properties[c])]);
    }
  } else {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${escapeXml(title)}</name>\n`;
    for await (const r of records) {
      const data = columns
        .map(
          (c) =>
            `<Data name="${escapeXml(c)}"><displayName>${escapeXml(term(lang, 'column', c))}</displayName><value>${escapeXml(r.properties[c])}</value></Data>`,
        )
        .join('');
      yield `<Placemark><name>${escapeXml(r.name)}</name><ExtendedData>${data}</ExtendedData>${kmlGeometry(r.geometry)}</Placemark>\n`;
    }
    yield '</Document></kml>\n';
  }
}

type Geo = { type: string; coordinates?: unknown; geometries?: Geo[] };

/** The first coordinate of a geometry: the position a CSV or sheet row gives. */
export function representativePoint(geometry: unknown): [number | null, number | null] {
  let c: unknown = (geometry as Geo | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? [c[0], c[1] as number] : [null, null];
}

const coords = (ring: number[][]) => ring.map((p) => `${p[0]},${p[1]}`).join(' ');

function kmlGeometry(geometry: unknown): string {
  const g = geometry as Geo | null;
  if (g === null || g === undefined) return '';
  const c = g.coordinates as never;
  switch (g.type) {
    case 'Point':
      return `<Point><coordinates>${(c as number[])[0]},${(c as number[])[1]}</coordinates></Point>`;
    case 'LineString':
      return `<LineString><coordinates>${coords(c)}</coordinates></LineString>`;
    case 'Polygon':
      return polygon(c);
    case 'MultiPoint':
    case 'MultiLineString':
    case 'MultiPolygon':
      return `<MultiGeometry>${(c as unknown[]).map((part) => kmlGeometry({ type: g.type.slice(5), coordinates: part })).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${(g.geometries ?? []).map(kmlGeometry).join('')}</MultiGeometry>`;
    default:
      return '';
  }
}

function polygon(rings: number[][][]): string {
  const [outer, ...holes] = rings;
  return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(outer ?? [])}</coordinates></LinearRing></outerBoundaryIs>${holes
    .map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`)
    .join('')}</Polygon>`;
}
