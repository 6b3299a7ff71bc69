// `xueliang import osm`: stream an OSM XML or PBF file, clip it to its bounds, and load the
// basemap, target layers, admin areas and OSM cameras in one transaction.
import type pg from 'pg';
import { UserFacingError } from '../../db/errors';
import { sha256OfSource, type ByteSource } from '../ledger/source';
import { readHead } from '../ledger/source';
import { OsmCollector } from './collect';
import { chooseBounds, type BoundsSource } from './choose-bounds';
import { extractFeatures } from './extract-features';
import { readOsmXml } from './read-osm-xml';
import { readOsmPbf } from './read-osm-pbf';
import type { BBox } from './osm-types';
import { CROWDED_POINT_RADIUS_M, MAIN_ROAD_CLASSES, TARGET_ROAD_CLASSES } from './classify-tags';
import { osmCamerasToRows } from './osm-camera-rows';
import { DEFAULT_OSM_ADMIN_CODE } from '../ledger/osm-device-id';
import { loadSql } from '../../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const Q = {
  countLoaded: sql('count-loaded-rows'),
  clear: sql('clear-dataset'),
  roads: sql('insert-roads'),
  buildings: sql('insert-buildings'),
  water: sql('insert-water'),
  places: sql('insert-places'),
  crowded: sql('insert-crowded-targets'),
  intersections: sql('insert-intersection-targets'),
  roadTargets: sql('insert-road-targets'),
  county: sql('insert-admin-county'),
  towns: sql('insert-admin-towns'),
  cameras: sql('insert-osm-cameras'),
  assign: sql('assign-admin-areas'),
  setting: sql('put-setting'),
  stats: sql('loaded-stats'),
  run: loadSql(import.meta.url, '../ledger/sql/insert-import-run.sql'),
};

export interface OsmImportOptions {
  replace?: boolean;
  adminCode?: string;
  bbox?: BBox;
  onProgress?: (stage: string, done: number) => void;
  /** Recorded in import_runs.created_by: cli:<OS user> for the command line. */
  createdBy?: string;
  /** Runs inside the load's transaction, before COMMIT (the audit entry). */
  onCommit?: (client: pg.PoolClient, report: OsmImportReport, written: { fileSha256: string; runId: number }) => Promise<void>;
}

export interface OsmImportReport {
  fileName: string;
  bounds: BBox;
  boundsSource: BoundsSource;
  metricSrid: number;
  counts: {
    roads: number;
    buildings: number;
    water: number;
    places: number;
    admin_areas: number;
    cameras: number;
    targets: { road: number; intersection: number; crowded_place: number };
  };
  stats: {
    mainRoadKm: number;
    targetRoadKm: number;
    intersections: number;
    buildings: number;
    buildingsHeightAssumed: number;
    cameras: number;
    camerasWithDirection: number;
  };
}

const BATCH = 1000;

async function insertBatched(client: pg.PoolClient, query: string, rows: readonly object[], extra: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await client.query(query, [JSON.stringify(rows.slice(i, i + BATCH)), ...extra]);
  }
}

export async function detectOsmKind(source: ByteSource): Promise<'xml' | 'pbf'> {
  const head = await readHead(source, 64);
  const text = head.toString('latin1');
  if (text.includes('<osm') || text.startsWith('<?xml')) return 'xml';
  // PBF: a 4-byte big-endian header length, then a BlobHeader whose type is "OSMHeader".
  if (text.includes('OSMHeader')) return 'pbf';
  throw new UserFacingError(`${source.fileName}: neither OSM XML nor OSM PBF (first bytes do not match either format)`);
}

export async function importOsm(pool: pg.Pool, source: ByteSource, options: OsmImportOptions = {}): Promise<OsmImportReport> {
  const adminCode = options.adminCode ?? DEFAULT_OSM_ADMIN_CODE;
  if (!/^\d{8}$/.test(adminCode))
    throw new UserFacingError(`--admin-code must be 8 digits (GB/T 2260 county code + 2), got "${adminCode}"`);
  const kind = await detectOsmKind(source);
  const collector = new OsmCollector((n) => options.onProgress?.('read', n));
  if (kind === 'xml') await readOsmXml(source.open(), collector, source.fileName);
  else await readOsmPbf(source.open(), collector, source.fileName);
  const { bounds, source: boundsSource } = chooseBounds(collector, options.bbox);
  const features = extractFeatures(collector);
  options.onProgress?.('extract', 1);
  const [w, s, e, n] = bounds;
  const box = [w, s, e, n];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const loaded = await client.query<{ n: string }>(Q.countLoaded);
    if (Number(loaded.rows[0]!.n) > 0) {
      if (options.replace !== true)
        throw new UserFacingError(
          'The database already holds a loaded area (roads, buildings, cameras or targets). Re-run with --replace to replace it.',
        );
      await client.query(Q.clear);
    }
    const metricSrid = (await client.query<{ srid: number }>('SELECT xl_utm_srid($1, $2) AS srid', [(w + e) / 2, (s + n) / 2])).rows[0]!
      .srid;
    // metric_srid first: nothing below needs it, but later triggers or views may.
    await client.query(Q.setting, ['metric_srid', JSON.stringify(metricSrid)]);
    await insertBatched(client, Q.roads, features.roads, box);
    options.onProgress?.('roads', features.roads.length);
    await insertBatched(client, Q.buildings, features.buildings, box);
    options.onProgress?.('buildings', features.buildings.length);
    await insertBatched(client, Q.water, features.water, box);
    await insertBatched(client, Q.places, features.places, box);
    await insertBatched(client, Q.crowded, features.crowded, [...box, CROWDED_POINT_RADIUS_M]);
    await client.query(Q.roadTargets, [TARGET_ROAD_CLASSES]);
    const inters = features.intersections.map((i) => ({
      kind: i.topClass,
      name: i.roadNames.length > 0 ? i.roadNames.join(' / ') : null,
      source_ref: `nodes/${i.nodeIds.join(',')}`.slice(0, 500),
      lon: i.lon,
      lat: i.lat,
    }));
    await insertBatched(client, Q.intersections, inters, box);
    const countyCode = adminCode.slice(0, 6);
    const county = await client.query<{ id: number }>(Q.county, [countyCode, source.fileName, ...box]);
    const towns = features.boundaries.filter((b) => b.complete && b.admin_level >= 8);
    await insertBatched(client, Q.towns, towns, [...box, county.rows[0]!.id, countyCode]);
    await insertBatched(client, Q.cameras, osmCamerasToRows(features.cameras, adminCode), box);
    await client.query(Q.assign);
    await client.query(Q.setting, [
      'dataset',
      JSON.stringify({
        name: source.fileName,
        source: 'osm',
        generated: false,
        bounds,
        attribution: '© OpenStreetMap contributors',
        seed: null,
      }),
    ]);
    const st = (await client.query(Q.stats, [MAIN_ROAD_CLASSES])).rows[0] as Record<string, number>;
    const report: OsmImportReport = {
      fileName: source.fileName,
      bounds,
      boundsSource,
      metricSrid,
      counts: {
        roads: st.roads!,
        buildings: st.buildings!,
        water: st.water!,
        places: st.places!,
        admin_areas: st.admin_areas!,
        cameras: st.cameras!,
        targets: { road: st.target_roads!, intersection: st.target_intersections!, crowded_place: st.target_crowded_places! },
      },
      stats: {
        mainRoadKm: round1(st.main_road_km!),
        targetRoadKm: round1(st.target_road_km!),
        intersections: st.target_intersections!,
        buildings: st.buildings!,
        buildingsHeightAssumed: st.buildings_height_assumed!,
        cameras: st.cameras!,
        camerasWithDirection: st.cameras_with_direction!,
      },
    };
    const fileSha256 = await sha256OfSource(source);
    const { rows: run } = await client.query<{ id: string }>(Q.run, [
      'osm',
      source.fileName,
      kind,
      false,
      true,
      JSON.stringify(report.counts),
      JSON.stringify(report),
      options.createdBy ?? null,
      fileSha256,
    ]);
    await options.onCommit?.(client, report, { fileSha256, runId: Number(run[0]!.id) });
    await client.query('COMMIT');
    return report;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
