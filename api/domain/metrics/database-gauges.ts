// Metrics that live in the database, read at scrape time: cameras by state (UNKNOWN = never
// polled) and, once the camera agent's tables exist, each agent's poll counter and heartbeat age.
import type pg from 'pg';
import { tableExists } from '../schema-checks';
import { loadSql } from '../../../db/sql';
import { STATUS_STATES } from '../../../vocabulary/camera-health';

const BY_STATE = loadSql(import.meta.url, 'cameras-by-state.sql');
const AGENT_POLLS = loadSql(import.meta.url, 'agent-polls.sql');

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export async function databaseGauges(pool: pg.Pool): Promise<string> {
  const out: string[] = [];
  const { rows } = await pool.query<{ state: string; n: number }>(BY_STATE);
  const counts = new Map(rows.map((r) => [r.state, r.n]));
  out.push('# HELP xueliang_cameras Cameras in service by health state (UNKNOWN: never polled).');
  out.push('# TYPE xueliang_cameras gauge');
  for (const state of STATUS_STATES) out.push(`xueliang_cameras{state="${state}"} ${counts.get(state) ?? 0}`);
  if (await tableExists(pool, 'camera_agents')) {
    const { rows: agents } = await pool.query<{ agent_id: string; polls: number; heartbeat_age_s: number }>(AGENT_POLLS);
    out.push('# HELP xueliang_agent_polls_total ONVIF polls done by each camera agent (rate() gives the poll rate).');
    out.push('# TYPE xueliang_agent_polls_total counter');
    for (const a of agents) out.push(`xueliang_agent_polls_total{agent="${esc(a.agent_id)}"} ${a.polls}`);
    out.push('# HELP xueliang_agent_heartbeat_age_seconds Seconds since each camera agent last reported.');
    out.push('# TYPE xueliang_agent_heartbeat_age_seconds gauge');
    for (const a of agents) out.push(`xueliang_agent_heartbeat_age_seconds{agent="${esc(a.agent_id)}"} ${Math.round(a.heartbeat_age_s)}`);
  }
  return `${out.join('\n')}\n`;
}
