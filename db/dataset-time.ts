// The dataset's time zone as stored (settings key `time_zone`), and its day: the one "today"
// that every part reads (vocabulary/dataset-time.ts holds the rule; SQL has xl_today(),
// migration 0085). Changing the zone moves "today" for the engine, the agent's daily aggregates
// and the status side together; stored coverage follows at the next refresh or recompute.
import type pg from 'pg';
import { dayIn, DEFAULT_TIME_ZONE, isTimeZone } from '../vocabulary/dataset-time';
import { UserFacingError } from './errors';
import { loadSql } from './sql';

const READ = loadSql(import.meta.url, 'read-time-zone.sql');
const WRITE = loadSql(import.meta.url, 'write-time-zone.sql');
const KNOWN = loadSql(import.meta.url, 'time-zone-known.sql');

type Db = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** The stored zone, or the default (Asia/Shanghai) when none is set or the stored one is unknown here. */
export async function readTimeZone(db: Db): Promise<string> {
  const { rows } = await db.query<{ value: unknown }>(READ);
  const v = rows[0]?.value;
  return typeof v === 'string' && isTimeZone(v) ? v : DEFAULT_TIME_ZONE;
}

/** Today (YYYY-MM-DD) in the dataset's time zone; `atMs` for another instant. */
export async function datasetToday(db: Db, atMs: number = Date.now()): Promise<string> {
  return dayIn(await readTimeZone(db), atMs);
}

/** Sets the dataset's zone after checking that both Node (ICU) and PostgreSQL know the name. */
export async function setTimeZone(db: Db, timeZone: string): Promise<string> {
  const known = isTimeZone(timeZone) && (await db.query(KNOWN, [timeZone])).rowCount === 1;
  if (!known)
    throw new UserFacingError(`"${timeZone}" is not an IANA time-zone name that both Node and PostgreSQL know (e.g. Asia/Shanghai, UTC).`);
  await db.query(WRITE, [timeZone]);
  return timeZone;
}
