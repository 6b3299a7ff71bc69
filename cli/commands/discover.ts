import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { discover, matchRegistry, WS_DISCOVERY_GROUP, type RegistryCamera } from '../../camera-agent/discovery';
import { loadSql } from '../../db/sql';

const REGISTRY = loadSql(import.meta.url, '../../camera-agent/sql/select-registry-addresses.sql');

export default defineCommand({
  name: 'discover',
  summary: 'find ONVIF devices with WS-Discovery and match them against the registry',
  help: `Usage: xueliang discover [--target HOST:PORT] [--timeout MS] [--json]

Sends a WS-Discovery Probe (NetworkVideoTransmitter) and lists the devices that answer: known
(their address is a registered onvif_url), unknown (not in the registry), and registered cameras
that did not answer. By default the probe goes to the multicast group 239.255.255.250:3702 with
TTL 1 (this machine's link only); --target sends it to one address instead, for example the
simulator: --target 127.0.0.1:18080.
  --target HOST:PORT  unicast target (default: the WS-Discovery multicast group)
  --timeout MS        how long to listen for answers (default 3000)`,
  options: { target: { type: 'string' }, timeout: { type: 'string' } },
  async run(ctx) {
    const raw = stringFlag(ctx, 'target');
    let target = WS_DISCOVERY_GROUP;
    if (raw !== undefined) {
      const m = /^([^:]+):(\d{1,5})$/.exec(raw);
      if (m === null || Number(m[2]) > 65535)
        throw new UserFacingError(`--target must be HOST:PORT (for example 127.0.0.1:18080), got "${raw}".`, 2);
      target = { address: m[1]!, port: Number(m[2]) };
    }
    const timeoutMs = numberFlag(ctx, 'timeout') ?? 3000;
    const db = await openDatabase({ poolSize: 1 });
    try {
      info(`discover: probing ${target.address}:${target.port} for ${timeoutMs} ms…`);
      const devices = await discover({ target, timeoutMs });
      const { rows } = await db.pool.query<RegistryCamera>(REGISTRY);
      const result = matchRegistry(devices, rows);
      if (ctx.json) {
        printJson({ target: `${target.address}:${target.port}`, answered: devices.length, ...result });
        return;
      }
      info(
        `${devices.length} device(s) answered: ${result.known.length} registered, ${result.unknown.length} unknown; ${result.notFound.length} registered camera(s) did not answer.`,
      );
      for (const d of result.unknown.slice(0, 50))
        info(`  unknown: ${d.xaddrs[0]} (${d.from}) ${d.scopes.filter((s) => s.includes('/name/') || s.includes('/hardware/')).join(' ')}`);
    } finally {
      await db.close();
    }
  },
});
