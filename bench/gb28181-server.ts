// The SIP server process of the GB/T 28181 benchmark (bench/gb28181.ts), started without the CLI
// so its memory and CPU are the server's own: node --import tsx bench/gb28181-server.ts <port> <intervalMs>.
// Prints `STATS <json>` every second.
import { createPool } from '../db/connect';
import { startGbServer, tuneHeapForSipServer } from '../camera-agent/gb28181/start-server';

// As `xueliang sip serve` does (start-server.ts explains why and what it was measured to do).
tuneHeapForSipServer();
const port = Number(process.argv[2]);
const intervalMs = Number(process.argv[3]);
const pool = createPool(process.env.DATABASE_URL!, 4);
const gb = await startGbServer(pool, {
  host: '127.0.0.1',
  port,
  serverId: '34010000002000000001',
  defaultPassword: 'bench-pass',
  keepaliveIntervalMs: intervalMs,
});
const timer = setInterval(() => {
  let online = 0;
  for (const s of gb.server.sessions.values()) if (s.online) online += 1;
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const mb = (n: number): number => Math.round(n / 1048576);
  process.stdout.write(
    `STATS ${JSON.stringify({
      at: Date.now(),
      rssMb: mb(mem.rss),
      // Where the RSS goes: V8's heap (used of reserved), and memory outside it (Buffers).
      heapUsedMb: mb(mem.heapUsed),
      heapTotalMb: mb(mem.heapTotal),
      externalMb: mb(mem.external),
      arrayBuffersMb: mb(mem.arrayBuffers),
      cpuMs: (cpu.user + cpu.system) / 1000,
      cpuUserMs: cpu.user / 1000,
      sessions: gb.server.sessions.size,
      online,
      server: gb.server.stats,
      queries: gb.server.queries.stats,
      pendingCatalogs: gb.server.queries.pendingCatalogs,
      writer: gb.writer.stats,
      writerPending: gb.writer.pending,
      writerIdle: gb.writer.idle,
      transport: gb.server.transport.stats,
    })}\n`,
  );
}, 1000);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
clearInterval(timer);
await gb.stop();
await pool.end();
