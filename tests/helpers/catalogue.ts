// A database's own catalogue (what the migrations and the repeatable files made), as plain rows
// that two databases can be compared by: routines with their bodies, views, tables with their
// columns, constraints, indexes, storage options and triggers. Objects of extensions (PostGIS)
// and the migrator's bookkeeping tables are left out.
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const ROUTINES = loadSql(import.meta.url, 'catalogue-routines.sql');
const VIEWS = loadSql(import.meta.url, 'catalogue-views.sql');
const TABLES = loadSql(import.meta.url, 'catalogue-tables.sql');
const COLUMNS = loadSql(import.meta.url, 'catalogue-columns.sql');
const CONSTRAINTS = loadSql(import.meta.url, 'catalogue-constraints.sql');
const INDEXES = loadSql(import.meta.url, 'catalogue-indexes.sql');
const TRIGGERS = loadSql(import.meta.url, 'catalogue-triggers.sql');

export interface RoutineRow {
  identity: string;
  kind: string;
  /** Everything but the body: arguments, result, language, volatility, strictness, settings… */
  header: string;
  /** The body as stored (prosrc). */
  body: string;
  /** Aggregates: transition function, state type, initial value, final function. */
  aggregate: string | null;
}

export interface Catalogue {
  routines: RoutineRow[];
  views: Array<{ name: string; definition: string }>;
  tables: Array<{ name: string; kind: string; persistence: string; options: string[] | null }>;
  columns: Array<{ tbl: string; col: string; def: string }>;
  constraints: Array<{ tbl: string; name: string; def: string }>;
  indexes: Array<{ name: string; def: string }>;
  triggers: Array<{ name: string; def: string }>;
}

export async function readCatalogue(db: Pick<pg.Pool, 'query'>): Promise<Catalogue> {
  const rows = async <T extends pg.QueryResultRow>(sql: string) => (await db.query<T>(sql)).rows;
  return {
    routines: await rows<RoutineRow>(ROUTINES),
    views: await rows(VIEWS),
    tables: await rows(TABLES),
    columns: await rows(COLUMNS),
    constraints: await rows(CONSTRAINTS),
    indexes: await rows(INDEXES),
    triggers: await rows(TRIGGERS),
  };
}

/**
 * A routine body without its SQL comments and blank lines: what it does, not how it is
 * explained. Comments inside bodies may be reworded; every other character must stay.
 */
export function bodyWithoutComments(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/--.*$/, '').trimEnd())
    .filter((line) => line !== '')
    .join('\n');
}
