// `npm start` runs the simulator on XUELIANG_SIM_PORT; the demo cameras were generated with the
// default port in their ONVIF address. Point them at the port the simulator really uses, or the
// simulator would serve no camera and the agent would find every one unreachable.
import { readFileSync } from 'node:fs';
import type pg from 'pg';

const SQL = readFileSync(new URL('../sql/point-demo-cameras-at-simulator.sql', import.meta.url), 'utf8');

/** Rewrites loopback simulator addresses to `port`; returns how many cameras moved. */
export async function pointDemoCamerasAt(db: Pick<pg.Pool, 'query'>, port: number): Promise<number> {
  const { rows } = await db.query<{ moved: number }>(SQL, [port]);
  return rows[0]?.moved ?? 0;
}
