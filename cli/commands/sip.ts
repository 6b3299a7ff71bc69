// `xueliang sip serve|simulate|devices`: the GB/T 28181 SIP server, its device simulator, and
// what the server has seen.
import { defineCommand, numberFlag, stringFlag, type CommandContext } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { isGbId } from '../../camera-agent/gb28181/config';
import { throttledLog } from '../../camera-agent/log-throttle';
import { gbReport } from '../../camera-agent/gb28181/report';
import { datasetServerId, startGbServer, tuneHeapForSipServer } from '../../camera-agent/gb28181/start-server';
import { simCamerasFromDb } from '../../camera-agent/gb28181/simulator/cameras-from-db';
import { demoFleet } from '../../camera-agent/gb28181/simulator/demo-fleet';
import { GbSimulator } from '../../camera-agent/gb28181/simulator/fleet';

function sipPort(ctx: CommandContext): number {
  const port = numberFlag(ctx, 'port') ?? Number(process.env.XUELIANG_SIP_PORT ?? 5060);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserFacingError(`SIP port "${port}" is not valid: set XUELIANG_SIP_PORT (or --port) to 1-65535.`);
  return port;
}

function envServerId(): string | undefined {
  const id = process.env.XUELIANG_SIP_ID;
  if (id === undefined || id === '') return undefined;
  if (!isGbId(id))
    throw new UserFacingError(`XUELIANG_SIP_ID "${id}" must be 20 digits (area code 8, industry 2, type 200, network 1, serial 6).`);
  return id;
}

const waitForSignal = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

async function serve(ctx: CommandContext): Promise<void> {
  const port = sipPort(ctx);
  const host = stringFlag(ctx, 'host') ?? (process.env.XUELIANG_SIP_HOST || '127.0.0.1');
  const password = process.env.XUELIANG_SIP_PASSWORD;
  const keepalive = numberFlag(ctx, 'keepalive');
  // This process is the SIP server alone (npm start runs it as its own child).
  tuneHeapForSipServer();
  const db = await openDatabase({ poolSize: 4 });
  const logger = throttledLog((l) => info(`sip: ${l}`));
  let gb;
  try {
    gb = await startGbServer(
      db.pool,
      {
        host,
        port,
        defaultPassword: password === undefined || password === '' ? null : password,
        ...(envServerId() === undefined ? {} : { serverId: envServerId()! }),
        ...(keepalive === undefined ? {} : { keepaliveIntervalMs: keepalive * 1000 }),
      },
      { log: logger.log },
    );
  } catch (err) {
    await db.close();
    if ((err as { code?: string }).code === 'EADDRINUSE')
      throw new UserFacingError(
        `SIP port ${port} (UDP or TCP) on ${host} is already in use: stop the other server or set XUELIANG_SIP_PORT.`,
      );
    throw err;
  }
  const c = gb.server.config;
  if (ctx.json)
    printJson({ host, port: gb.server.port, serverId: c.serverId, domain: c.domain, defaultPassword: c.defaultPassword !== null });
  else
    info(
      `sip: GB/T 28181 server ${c.serverId} (domain ${c.domain}) on ${host}:${gb.server.port} UDP+TCP; ${gb.registry.size} cameras in the registry; ` +
        `platform password ${c.defaultPassword === null ? 'not set (per-camera passwords only)' : 'set'}`,
    );
  const summary = setInterval(() => {
    const s = gb.server.stats;
    const online = [...gb.server.sessions.values()].filter((x) => x.online).length;
    info(
      `sip: ${gb.server.sessions.size} registered, ${online} online; ${s.keepalives} keepalives, ${s.authFailed} refused logins, ${s.offline} went offline`,
    );
  }, 60_000);
  await waitForSignal();
  clearInterval(summary);
  logger.stop();
  await gb.stop();
  await db.close();
  info('sip: stopped');
}

async function simulate(ctx: CommandContext): Promise<void> {
  const port = sipPort(ctx);
  const password = process.env.XUELIANG_SIP_PASSWORD ?? process.env.XUELIANG_DEMO_SIP_PASSWORD ?? 'demo-sip-pass';
  const keepalive = numberFlag(ctx, 'keepalive') ?? 60;
  const db = await openDatabase({ poolSize: 2 });
  const serverId = envServerId() ?? (await datasetServerId(db.pool));
  const cameras = await simCamerasFromDb(db.pool);
  await db.close();
  const specs = demoFleet(cameras, { password, keepaliveIntervalMs: keepalive * 1000 });
  const sim = new GbSimulator({ server: { address: stringFlag(ctx, 'server') ?? '127.0.0.1', port }, serverId, udpSockets: 8 });
  const devices = await sim.add(specs);
  const statuses = await sim.registerAll(devices, 500);
  const summary = [...statuses.entries()].map(([s, n]) => `${s === 0 ? 'no answer' : s} ×${n}`).join(', ');
  if (ctx.json)
    printJson({
      server: `${stringFlag(ctx, 'server') ?? '127.0.0.1'}:${port}`,
      serverId,
      devices: devices.length,
      registered: statuses.get(200) ?? 0,
    });
  else info(`sip-simulate: ${devices.length} GB/T 28181 devices (one lower platform) for ${serverId} at port ${port}: ${summary}`);
  // Devices that got no answer (the server was still starting) try again, as real ones do.
  const retry = setInterval(() => {
    const waiting = devices.filter((d) => d.state === 'registering' || d.state === 'idle');
    if (waiting.length > 0) void sim.registerAll(waiting, 500);
  }, 15_000);
  await waitForSignal();
  clearInterval(retry);
  await sim.close(true);
}

async function devices(ctx: CommandContext): Promise<void> {
  const db = await openDatabase({ poolSize: 2 });
  try {
    const report = await gbReport(db.pool);
    if (ctx.json) return printJson(report);
    const c = report.counts;
    info(
      `${c.devices} device(s) seen, ${c.registered} registered, ${c.online} online; unknown camera codes: ${c.unknownDevices} device(s), ${c.unknownChannels} channel(s)`,
    );
    for (const d of report.devices.slice(0, 50))
      info(
        `${d.deviceId} ${d.kind.padEnd(8)} ${(d.online ? 'online' : d.registered ? 'offline' : 'gone').padEnd(8)} ${d.reason.padEnd(16)} catalog ${d.catalogState} ${d.catalogItems ?? 0}/${d.catalogSumNum ?? '-'}  ${d.manufacturer ?? ''} ${d.model ?? ''} ${d.firmware ?? ''}`,
      );
    if (report.devices.length > 50) info(`… ${report.devices.length - 50} more (use --json)`);
    for (const u of report.unknown.slice(0, 20))
      info(`unknown ${u.deviceId} (${u.via === 'device' ? 'registered itself' : `listed by ${u.reportedBy}`}) ${u.name ?? ''}`);
  } finally {
    await db.close();
  }
}

export default defineCommand({
  name: 'sip',
  summary: 'GB/T 28181 networking: the SIP server, its device simulator, the devices seen',
  help: `Usage: xueliang sip serve [--port N] [--host H] [--keepalive S] [--json]
       xueliang sip simulate [--port N] [--server HOST] [--keepalive S] [--json]
       xueliang sip devices [--json]

  serve     the GB/T 28181 SIP server (UDP and TCP): REGISTER with digest, keepalives (offline
            after 3 missed), Catalog / DeviceInfo / DeviceStatus queries; state in gb_devices,
            gb_channels, gb_events (NOTIFY gb28181). Port XUELIANG_SIP_PORT (default 5060), host
            XUELIANG_SIP_HOST (default 127.0.0.1; 0.0.0.0 for every interface), id XUELIANG_SIP_ID (default: the dataset's area
            code + 00 200 0 000001; the domain is its first 10 digits), platform-wide password
            XUELIANG_SIP_PASSWORD (per-camera passwords come from the ledger's gb_password).
  simulate  the demo county's GB/T 28181 devices: two towns' cameras register themselves, three
            towns' cameras are channels of one lower platform, with faults (wrong password,
            missed keepalives, a catalog never answered). Password XUELIANG_SIP_PASSWORD, else
            XUELIANG_DEMO_SIP_PASSWORD, else 'demo-sip-pass'.
  devices   devices seen, their state and catalogs, and camera codes the registry lacks.
  --keepalive S   keepalive interval in seconds (default 60)`,
  allowPositionals: true,
  options: { port: { type: 'string' }, host: { type: 'string' }, server: { type: 'string' }, keepalive: { type: 'string' } },
  async run(ctx) {
    const action = ctx.positionals[0];
    if (action === 'serve') return serve(ctx);
    if (action === 'simulate') return simulate(ctx);
    if (action === 'devices') return devices(ctx);
    throw new UserFacingError(`sip needs an action: serve, simulate or devices (got "${action ?? ''}").`, 2);
  },
});
