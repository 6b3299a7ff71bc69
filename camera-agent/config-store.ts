// The effective agent configuration: DEFAULT_AGENT_CONFIG overlaid with the settings row
// `agent_config` (a JSON object with any AgentConfig keys), then with command-line overrides.
// The time zone is the dataset's (settings key time_zone), not the agent's own: its days are
// the days of every other part.
import type pg from 'pg';
import { readTimeZone } from '../db/dataset-time';
import { agentConfig, DEFAULT_AGENT_CONFIG, type AgentConfig } from './config';

export async function loadAgentConfig(db: Pick<pg.Pool, 'query'>, overrides: Partial<AgentConfig> = {}): Promise<AgentConfig> {
  const { rows } = await db.query<{ value: unknown }>("SELECT value FROM settings WHERE key = 'agent_config'");
  const stored = rows[0]?.value;
  const fromSettings: Partial<AgentConfig> = {};
  if (typeof stored === 'object' && stored !== null) {
    for (const [k, v] of Object.entries(stored)) {
      if (
        k !== 'timeZone' &&
        k in DEFAULT_AGENT_CONFIG &&
        typeof v === typeof (DEFAULT_AGENT_CONFIG as unknown as Record<string, unknown>)[k]
      ) {
        (fromSettings as Record<string, unknown>)[k] = v;
      }
    }
  }
  return agentConfig({ ...fromSettings, timeZone: await readTimeZone(db), ...overrides });
}
