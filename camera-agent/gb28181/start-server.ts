// Wiring for the SIP server: registry, writer and server built once and started together (the
// CLI, the tests and the benchmark use this). The server id defaults to the dataset's top area
// code + type 200 (config.ts defaultServerId).
import type pg from 'pg';
import { networkInterfaces } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { loadSql } from '../../db/sql';
import { defaultServerId, gbConfig, type GbConfig } from './config';
import { GbWriter } from './gb-writer';
import { CameraRegistry } from './registry';
import { NetworkedRecorder } from './networked-recorder';
import { GbServer } from './server';

const TOP_AREA = loadSql(import.meta.url, 'sql/select-top-area-code.sql');

export async function datasetServerId(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ code: string }>(TOP_AREA);
  return defaultServerId(rows[0]?.code ?? null);
}

/** The address devices can answer to when we listen on every interface: the first external IPv4. */
export function advertisedHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/**
 * V8's old generation grows by up to 4× its live size between full collections when a process
 * allocates fast. The SIP server's live set is small (about 80 MB for 20,000 devices) but its
 * registration storm and catalog phase allocate fast, so the heap reached 250 MB of mostly
 * garbage and the process 430 MB (bench:gb28181). A growing factor of 1.2 keeps the peak under
 * 300 MB for more frequent full collections (measured: CPU per keepalive still under 0.2 ms).
 * For the SIP server's own process only (`xueliang sip serve`, the benchmark's server): the flag
 * is process-wide, so it is never set by startGbServer inside another program (the tests).
 */
export const SIP_SERVER_HEAP_GROWING_PERCENT = 20;

export function tuneHeapForSipServer(): void {
  setFlagsFromString(`--heap-growing-percent=${SIP_SERVER_HEAP_GROWING_PERCENT}`);
}

export interface RunningGbServer {
  server: GbServer;
  writer: GbWriter;
  registry: CameraRegistry;
  recorder: NetworkedRecorder;
  stop(): Promise<void>;
}

export async function startGbServer(
  pool: pg.Pool,
  input: Partial<GbConfig> & { host: string; port: number },
  options: { log?: (line: string) => void } = {},
): Promise<RunningGbServer> {
  const serverId = input.serverId ?? (await datasetServerId(pool));
  const registry = new CameraRegistry();
  await registry.load(pool);
  const holder: { server?: GbServer } = {};
  const writer = new GbWriter(pool, { onError: (err) => holder.server?.noteDb(err) });
  // The port is known only after listening when 0 is asked: Via/Contact are fixed up after start.
  const config = gbConfig({ ...input, serverId, advertise: input.advertise ?? `${advertisedHost(input.host)}:${input.port}` });
  const server = new GbServer(config, { registry, writer, pool, ...(options.log === undefined ? {} : { log: options.log }) });
  holder.server = server;
  await server.start();
  if (input.advertise === undefined && input.port === 0) config.advertise = `${advertisedHost(input.host)}:${server.port}`;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const recorder = new NetworkedRecorder(pool, config.networkedRecordMs, (err) =>
    log(`gb28181: could not record today's 联网 (${err.message}); retried`),
  );
  recorder.start();
  return {
    server,
    writer,
    registry,
    recorder,
    async stop() {
      await recorder.stop();
      await server.stop();
    },
  };
}
