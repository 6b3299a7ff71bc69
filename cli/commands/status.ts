import { defineCommand, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import {
  agentsAlive,
  listCameraStates,
  localToday,
  rollups,
  statusSummary,
  type RollupLevel,
} from '../../api/domain/status/status-repository';
import { STATUS_STATES, type StatusState } from '../../vocabulary/camera-health';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)} %`);

export default defineCommand({
  name: 'status',
  summary: 'print stored camera states and the 在线率 / 完好率 roll-ups',
  help: `Usage: xueliang status [--level all|city|county|town] [--state STATE] [--json]

Prints what the agent stored: cameras per state (for the fleet and per county: the fleet is the
sum of the counties; never-polled cameras are counted on their own and in no rate), today's and
this month's 在线率 (online rate, sampled and time-weighted), 完好率 (working rate) and 联网率
(GB/T 28181 networked rate) for the fleet or per admin area, and with
--json every camera's state. --state keeps only cameras in one state.`,
  options: { level: { type: 'string' }, state: { type: 'string' } },
  async run(ctx) {
    const level = (stringFlag(ctx, 'level') ?? 'all') as RollupLevel;
    if (!['all', 'city', 'county', 'town'].includes(level))
      throw new UserFacingError(`--level must be all, city, county or town, got "${level}".`, 2);
    const state = stringFlag(ctx, 'state') as StatusState | undefined;
    if (state !== undefined && !(STATUS_STATES as readonly string[]).includes(state))
      throw new UserFacingError(`--state must be one of ${STATUS_STATES.join(', ')}.`, 2);
    const db = await openDatabase({ poolSize: 2 });
    try {
      const summary = await statusSummary(db.pool);
      const { today, monthStart } = await localToday(db.pool);
      const day = await rollups(db.pool, { level, period: 'day', from: today, to: today });
      const month = await rollups(db.pool, { level, period: 'month', from: monthStart, to: today });
      const agents = await agentsAlive(db.pool);
      if (ctx.json) {
        const cameras = (await listCameraStates(db.pool, { limit: 50_000, ...(state === undefined ? {} : { state }) })).cameras;
        printJson({ summary, today, level, rollups: { day, month }, agents, cameras });
        return;
      }
      info(
        `Cameras in service: ${summary.total}, never polled ${summary.byState.UNKNOWN}; of the ${summary.observed} polled: online ${summary.online} (${pct(summary.onlineRate)}), working ${summary.working} (${pct(summary.workingRate)})`,
      );
      for (const c of summary.counties)
        info(
          `  ${(c.areaName ?? 'in no county').padEnd(16)} now: ${c.observed} polled, ${c.unknown} never polled; 在线率 ${pct(c.onlineRate)}, 完好率 ${pct(c.workingRate)}, 联网率 ${c.networkedRate === null ? 'unknown' : pct(c.networkedRate)}`,
        );
      info(
        `联网 (GB/T 28181): ${summary.networkedRate === null ? 'unknown (no device has registered)' : `${summary.networked} of ${summary.total} (${pct(summary.networkedRate)})`}`,
      );
      info(
        `By state: ${Object.entries(summary.byState)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ')}`,
      );
      for (const [label, rows] of [
        [`Today (${today})`, day],
        [`This month (${monthStart.slice(0, 7)})`, month],
      ] as const) {
        info(`${label}:`);
        for (const r of rows) {
          const below = (rate: number | null, min: number) => (rate !== null && rate < min ? ' BELOW' : '');
          info(
            `  ${(r.areaName ?? 'fleet').padEnd(16)} 在线率 ${pct(r.onlineRateTimeWeighted)} (sampled ${pct(r.onlineRateSampled)}; ≥ ${pct(r.thresholds.online)}${below(r.onlineRateTimeWeighted, r.thresholds.online)})  完好率 ${pct(r.workingRateTimeWeighted)} (sampled ${pct(r.workingRateSampled)}; ≥ ${pct(r.thresholds.working)}${below(r.workingRateTimeWeighted, r.thresholds.working)})  联网率 ${pct(r.networkedRate)} (≥ ${pct(r.thresholds.networked)}${below(r.networkedRate, r.thresholds.networked)})  ${r.cameras} cameras`,
          );
        }
        if (rows.length === 0) info('  no polls recorded yet');
      }
      info(`Agents alive: ${agents.length === 0 ? 'none' : agents.map((a) => a.agentId).join(', ')}`);
    } finally {
      await db.close();
    }
  },
});
