// The registry cameras the GB/T 28181 simulator plays.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import type { RegistryCameraForSim } from './demo-fleet';

const SELECT_SIM_CAMERAS = loadSql(import.meta.url, '../sql/select-sim-cameras.sql');

export async function simCamerasFromDb(pool: pg.Pool): Promise<RegistryCameraForSim[]> {
  return (await pool.query<RegistryCameraForSim>(SELECT_SIM_CAMERAS)).rows;
}
