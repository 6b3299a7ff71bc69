// `xueliang import osm|cameras|targets|areas`: thin CLI over the importers in gis-data/. The
// domain functions take a pool and a byte source; the API calls the same functions.
import { existsSync } from 'node:fs';
import { defineCommand, numberFlag, stringFlag, type CommandContext } from '../command';
import { defaultImportLimits } from '../../api/domain/imports/import-limits';
import { cliActor } from '../actor';
import { ledgerCommitAudit, osmCommitAudit, vectorCommitAudit } from '../../api/domain/imports/import-audit';
import { info, printJson, progress } from '../output';
import { openDatabase } from '../../db/open';
import { UserFacingError } from '../../db/errors';
import { sourceFromFile } from '../../gis-data/ledger/source';
import { importOsm } from '../../gis-data/osm/import-osm';
import type { BBox } from '../../gis-data/osm/osm-types';
import { importCameraLedger } from '../../gis-data/ledger/import-ledger';
import { formatLedgerReport } from '../../gis-data/ledger/format-report';
import { isLedgerFormat } from '../../gis-data/ledger/detect-format';
import { isSourceCrs } from '../../gis-data/coords/to-wgs84';
import { importAreas, importTargets, TARGET_CLASSES, type TargetClass } from '../../gis-data/targets-import/import-targets';

function fileArg(ctx: CommandContext, what: string): string {
  const file = ctx.positionals[1];
  if (file === undefined) throw new UserFacingError(`xueliang import ${ctx.positionals[0]} needs ${what} (see --help)`);
  if (!existsSync(file)) throw new UserFacingError(`File not found: ${file}`);
  return file;
}

function bboxFlag(ctx: CommandContext): BBox | undefined {
  const raw = stringFlag(ctx, 'bbox');
  if (raw === undefined) return undefined;
  const v = raw.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || v[0]! >= v[2]! || v[1]! >= v[3]!) {
    throw new UserFacingError(`--bbox expects west,south,east,north in degrees, got "${raw}"`);
  }
  return v as BBox;
}

async function runOsm(ctx: CommandContext): Promise<number> {
  const file = fileArg(ctx, 'an OSM file (.osm or .osm.pbf)');
  const db = await openDatabase();
  try {
    const bar = progress(`reading ${file}`, 0);
    const opts = {
      replace: ctx.values.replace === true,
      onProgress: (stage: string, done: number) => {
        if (stage === 'read') process.stderr.write(`  read ${done.toLocaleString('en')} elements\n`);
        else info(`  ${stage}: ${done.toLocaleString('en')}`);
      },
      ...(stringFlag(ctx, 'admin-code') === undefined ? {} : { adminCode: stringFlag(ctx, 'admin-code')! }),
      ...(bboxFlag(ctx) === undefined ? {} : { bbox: bboxFlag(ctx)! }),
      createdBy: cliActor().username,
      onCommit: osmCommitAudit(cliActor()),
    };
    const report = await importOsm(db.pool, sourceFromFile(file), opts);
    bar.done(`${report.counts.roads} roads, ${report.counts.buildings} buildings`);
    if (ctx.json) {
      printJson(report);
    } else {
      info(
        `Loaded ${report.fileName} clipped to [${report.bounds.map((v) => v.toFixed(5)).join(', ')}] (${report.boundsSource}), metric SRID ${report.metricSrid}.`,
      );
      const c = report.counts;
      info(
        `  roads ${c.roads}, buildings ${c.buildings} (${report.stats.buildingsHeightAssumed} with assumed height), water ${c.water}, places ${c.places}, admin areas ${c.admin_areas}`,
      );
      info(
        `  targets: ${c.targets.road} road (${report.stats.targetRoadKm} km), ${c.targets.intersection} intersection, ${c.targets.crowded_place} crowded place; main roads ${report.stats.mainRoadKm} km`,
      );
      info(`  cameras ${c.cameras} (${report.stats.camerasWithDirection} with a direction)`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

function mappingFlag(ctx: CommandContext): Record<string, string> | undefined {
  const raw = stringFlag(ctx, 'mapping');
  if (raw === undefined) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    throw new UserFacingError(`--mapping must be a JSON object like '{"设备编码":"device_id"}', got ${raw}`);
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m) || Object.values(m).some((v) => typeof v !== 'string')) {
    throw new UserFacingError('--mapping must be a JSON object of header → column name strings');
  }
  return m as Record<string, string>;
}

async function runCameras(ctx: CommandContext): Promise<number> {
  const file = fileArg(ctx, 'a camera ledger file');
  const format = stringFlag(ctx, 'format');
  if (format !== undefined && !isLedgerFormat(format))
    throw new UserFacingError(`--format must be csv, xlsx, geojson, kml, osm-json or gb28181, got "${format}"`);
  const crs = stringFlag(ctx, 'crs') ?? 'wgs84';
  if (!isSourceCrs(crs)) throw new UserFacingError(`--crs must be wgs84, cgcs2000, gcj02 or bd09, got "${crs}"`);
  const mapping = mappingFlag(ctx);
  const adminCode = stringFlag(ctx, 'admin-code');
  const limits = defaultImportLimits();
  const maxRows = numberFlag(ctx, 'max-rows') ?? limits.maxRows;
  const maxRejections = numberFlag(ctx, 'max-rejections') ?? limits.maxRejections;
  const db = await openDatabase();
  try {
    const report = await importCameraLedger(db.pool, sourceFromFile(file), {
      crs,
      commit: ctx.values.commit === true,
      skipInvalid: ctx.values['skip-invalid'] === true,
      ...(format === undefined ? {} : { format }),
      ...(mapping === undefined ? {} : { mapping }),
      ...(adminCode === undefined ? {} : { adminCode }),
      maxRows,
      maxRejections,
      onProgress: (n) => process.stderr.write(`  ${n.toLocaleString('en')} rows read\n`),
      createdBy: cliActor().username,
      onCommit: ledgerCommitAudit(cliActor()),
    });
    if (ctx.json) printJson(report);
    else formatLedgerReport(report).forEach((l) => info(l));
    // Exit 1 when a commit was asked for and refused, so scripts notice.
    return ctx.values.commit === true && !report.committed ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function runTargets(ctx: CommandContext, what: 'targets' | 'areas'): Promise<number> {
  const file = fileArg(ctx, 'a GeoJSON, shapefile or zipped shapefile');
  const level = stringFlag(ctx, 'level');
  const defaults = defaultImportLimits();
  const limits = {
    maxRows: numberFlag(ctx, 'max-rows') ?? defaults.maxRows,
    maxRejections: numberFlag(ctx, 'max-rejections') ?? defaults.maxRejections,
  };
  const db = await openDatabase();
  try {
    let report;
    if (what === 'targets') {
      const cls = stringFlag(ctx, 'class');
      if (cls === undefined || !(TARGET_CLASSES as readonly string[]).includes(cls))
        throw new UserFacingError(`--class must be one of ${TARGET_CLASSES.join(', ')}`);
      report = await importTargets(db.pool, sourceFromFile(file), {
        class: cls as TargetClass,
        commit: true,
        ...limits,
        createdBy: cliActor().username,
        onCommit: vectorCommitAudit(cliActor(), 'target', { class: cls }),
        ...(level === undefined ? {} : { level }),
      });
    } else {
      if (level !== undefined && !['county', 'town', 'city'].includes(level))
        throw new UserFacingError(`--level must be county, town or city, got "${level}"`);
      report = await importAreas(db.pool, sourceFromFile(file), {
        commit: true,
        ...limits,
        createdBy: cliActor().username,
        onCommit: vectorCommitAudit(cliActor(), 'admin_area'),
        ...(level === undefined ? {} : { level: level as 'county' | 'town' | 'city' }),
      });
    }
    if (ctx.json) printJson(report);
    else {
      const c = report.counts;
      info(`${report.fileName}: ${c.features} features, ${report.added} ${what} added, ${c.repaired} repaired, ${c.rejected} rejected.`);
      for (const r of report.repaired) info(`  feature ${r.feature}: repaired: ${r.reason}`);
      for (const r of report.rejected) info(`  feature ${r.feature}: rejected: ${r.reason}`);
      if (c.repaired + c.rejected > report.repaired.length + report.rejected.length) info('  … (the first 1,000 of each are listed)');
      if (report.stopped !== null) info(`STOPPED, nothing written: ${report.stopped.message}`);
    }
    return report.counts.rejected > 0 || report.stopped !== null ? 1 : 0;
  } finally {
    await db.close();
  }
}

export default defineCommand({
  name: 'import',
  summary: 'import real data: an OSM extract, a camera ledger (一机一档), target layers or admin areas',
  help: `Usage:
  xueliang import osm <file.osm|file.osm.pbf> [--replace] [--admin-code 32010000] [--bbox w,s,e,n] [--json]
  xueliang import cameras <file> [--format csv|xlsx|geojson|kml|osm-json|gb28181] [--crs wgs84|cgcs2000|gcj02|bd09]
                          [--mapping '{"设备编码":"device_id"}'] [--admin-code 32010000] [--skip-invalid] [--commit]
                          [--max-rows 1000000] [--max-rejections 10000] [--json]
  xueliang import targets <file.geojson|file.shp|file.zip> --class intersection|road|hotspot|crowded_place [--level NAME]
                          [--max-rows N] [--max-rejections N] [--json]
  xueliang import areas <file.geojson|file.shp|file.zip> [--level county|town|city] [--max-rows N] [--max-rejections N] [--json]

osm       loads roads, buildings, water, places, admin areas, target layers and OSM cameras, clipped
          to the file's bounds (or --bbox, or the box of its stand-alone nodes). --replace is needed
          when an area is already loaded. --admin-code (8 digits) prefixes the device ids derived
          for OSM cameras and the admin area codes.
cameras   a dry run by default: prints the rows to add, update and reject with each reason.
          --commit applies it in one transaction; a file with rejected rows changes nothing
          unless --skip-invalid. The run stops (and never commits) after --max-rows rows or
          --max-rejections rejected rows (defaults XUELIANG_IMPORT_MAX_ROWS, _MAX_REJECTIONS or
          1,000,000 and 10,000). See docs/cli.md for the column names and the Chinese headers.
targets   adds target polygons/lines/points of one class; invalid geometry is repaired (reported).
areas     adds admin areas (polygons with a "code" and "name" property).`,
  allowPositionals: true,
  options: {
    replace: { type: 'boolean' },
    'admin-code': { type: 'string' },
    bbox: { type: 'string' },
    format: { type: 'string' },
    crs: { type: 'string' },
    mapping: { type: 'string' },
    'skip-invalid': { type: 'boolean' },
    commit: { type: 'boolean' },
    'max-rows': { type: 'string' },
    'max-rejections': { type: 'string' },
    class: { type: 'string' },
    level: { type: 'string' },
  },
  async run(ctx) {
    const kind = ctx.positionals[0];
    switch (kind) {
      case 'osm':
        return runOsm(ctx);
      case 'cameras':
        return runCameras(ctx);
      case 'targets':
        return runTargets(ctx, 'targets');
      case 'areas':
        return runTargets(ctx, 'areas');
      default:
        throw new UserFacingError(`xueliang import needs what to import: osm, cameras, targets or areas (got "${kind ?? ''}")`);
    }
  },
});
