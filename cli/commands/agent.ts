import { defineCommand, numberFlag, stringFlag } from '../command';
import { info } from '../output';
import { openDatabase } from '../../db/open';
import { CameraAgent } from '../../camera-agent/agent';
import type { AgentConfig } from '../../camera-agent/config';
import { loadAgentConfig } from '../../camera-agent/config-store';
import { percentile, throttledLog } from '../../camera-agent/log-throttle';

export default defineCommand({
  name: 'agent',
  summary: 'run the camera health poller (ONVIF) until stopped',
  help: `Usage: xueliang agent [--interval S] [--concurrency N] [--snapshot-concurrency N] [--agent-id ID]

Polls every registered camera with an onvif_url, about once per interval (jittered; down cameras
back off up to 5 min, AUTH_FAILED ones wait 30 min), and stores state, events, daily 在线率/完好率
aggregates and alarms. Several agents can share one database: each claims due cameras with a
lease. Thresholds: settings row 'agent_config' over the defaults in camera-agent/config.ts.
Stops promptly on SIGINT/SIGTERM, writing what it has buffered.
  --interval S              seconds between two polls of a camera (default 60)
  --concurrency N           polls in flight (default 200)
  --snapshot-concurrency N  snapshot downloads in flight (default 16)
  --agent-id ID             lease owner name (default host-pid-random)`,
  options: {
    interval: { type: 'string' },
    concurrency: { type: 'string' },
    'snapshot-concurrency': { type: 'string' },
    'agent-id': { type: 'string' },
  },
  async run(ctx) {
    const overrides: Partial<AgentConfig> = {};
    const interval = numberFlag(ctx, 'interval');
    if (interval !== undefined) overrides.intervalMs = interval * 1000;
    const concurrency = numberFlag(ctx, 'concurrency');
    if (concurrency !== undefined) overrides.concurrency = Math.max(1, Math.floor(concurrency));
    const snaps = numberFlag(ctx, 'snapshot-concurrency');
    if (snaps !== undefined) overrides.snapshotConcurrency = Math.max(1, Math.floor(snaps));
    const db = await openDatabase({ poolSize: 4 });
    const config = await loadAgentConfig(db.pool, overrides);
    const logger = throttledLog((l) => info(`agent: ${l}`));
    const agentId = stringFlag(ctx, 'agent-id');
    const agent = new CameraAgent(db.pool, config, { ...(agentId === undefined ? {} : { agentId }), log: logger.log });
    agent.start();
    info(`agent: ${agent.agentId} polling every ${config.intervalMs / 1000} s, ${config.concurrency} in flight`);
    let lastPolls = 0;
    const summary = setInterval(() => {
      const polls = agent.stats.polls - lastPolls;
      lastPolls = agent.stats.polls;
      const lag = agent.stats.lagMs.splice(0);
      const states = Object.entries(agent.stats.stateCounts)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
      info(
        `agent: ${polls} polls in the last minute (lag p99 ${(percentile(lag, 99) / 1000).toFixed(1)} s)${states === '' ? '' : `; ${states}`}`,
      );
      agent.stats.stateCounts = {};
    }, 60_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(summary);
    logger.stop();
    await agent.stop();
    await db.close();
    info('agent: stopped');
  },
});
