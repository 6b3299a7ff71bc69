// A database's own catalogue (what the migrations and the repeatable files made), as plain rows
// that two databases can be compared by: routines with their bodies, views, tables with their
// columns, constraints, indexes, storage options and triggers. Objects of extensions (PostGIS)
// and the migrator's bookkeeping tables are left out.
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const PARTS = ['routines', 'views', 'tables', 'columns', 'constraints', 'indexes', 'triggers'] as const;
// One query per part, in catalogue-<part>.sql next to this file.
const QUERIES = Object.fromEntries(PARTS.map((part) => [part, loadSql(import.meta.url, `catalogue-${part}.sql`)]));

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
  const catalogue: Partial<Record<keyof Catalogue, unknown>> = {};
  for (const part of PARTS) catalogue[part] = (await db.query(QUERIES[part]!)).rows;
  return catalogue as Catalogue;
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
