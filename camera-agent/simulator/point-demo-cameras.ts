// `npm start` runs the simulator on XUELIANG_SIM_PORT; the demo cameras were generated with the
// default port in their ONVIF address. Point them at the port the simulator really uses, or the
// simulator would serve no camera and the agent would find every one unreachable.
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const SQL = loadSql(import.meta.url, '../sql/point-demo-cameras-at-simulator.sql');

/** Rewrites loopback simulator addresses to `port`; returns how many cameras moved. */
export async function pointDemoCamerasAt(db: Pick<pg.Pool, 'query'>, port: number): Promise<number> {
  const { rows } = await db.query<{ moved: number }>(SQL, [port]);
  return rows[0]?.moved ?? 0;
}
