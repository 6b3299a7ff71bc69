// `npm start` lands here (through scripts/bootstrap.mjs, which has already installed the npm
// packages): database, schema, data, admin user, web build, then the API server, the camera
// simulator and the camera agent as child processes. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { defineCommand, numberFlag, stringFlag } from '../command';
import { info } from '../output';
import { REPO_ROOT, stopCluster } from '../../db/cluster';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { ensureInitialAdmin } from '../../api/domain/users/initial-admin';
import { pointDemoCamerasAt } from '../../camera-agent/simulator/point-demo-cameras';

const XUELIANG = join(REPO_ROOT, 'bin', 'xueliang.mjs');

/** Runs a `xueliang` subcommand to completion, showing its output; fails with its name. */
function runStep(args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(process.execPath, [XUELIANG, ...args], { cwd: REPO_ROOT, stdio: 'inherit', env });
  if (res.status !== 0)
    throw new UserFacingError(`\`xueliang ${args.join(' ')}\` failed (exit ${res.status ?? res.signal}); see its message above.`);
}

function newestMtime(dir: string, skip: Set<string>): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path, skip) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureWebBuild(): void {
  const webDir = join(REPO_ROOT, 'web');
  const built = join(webDir, 'dist', 'index.html');
  const sourcesChanged = !existsSync(built) || newestMtime(webDir, new Set(['dist', 'node_modules'])) > statSync(built).mtimeMs;
  if (!sourcesChanged) return;
  info('• Building the web app (vite)…');
  const res = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new UserFacingError('Building the web app failed; see the error above.');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** True when nothing listens on the UDP port (the SIP server takes UDP and TCP). */
function udpPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    socket.once('error', () => done(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => done(true)));
  });
}

async function waitForUdpListener(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive() && (await udpPortFree(port))) await new Promise((r) => setTimeout(r, 250));
}

async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean, anyStatus = false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && alive()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok || anyStatus) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

interface Child {
  name: string;
  proc: ChildProcess;
}

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(process.execPath, [XUELIANG, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') stream.write(`${prefix}${line}\n`);
  };
  proc.stdout?.on('data', relay(process.stdout));
  proc.stderr?.on('data', relay(process.stderr));
  return { name, proc };
}

function stopChildren(children: Child[]): Promise<void> {
  return Promise.all(
    children.map(
      ({ proc }) =>
        new Promise<void>((done) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return done();
          const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
          proc.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          proc.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}

/** The GB/T 28181 SIP server, and for generated data its device simulator (the demo's password). */
async function startSip(children: Child[], baseEnv: NodeJS.ProcessEnv, generated: boolean): Promise<void> {
  const sipPort = Number(process.env.XUELIANG_SIP_PORT ?? 5060);
  if (!(await portFree(sipPort)) || !(await udpPortFree(sipPort)))
    throw new UserFacingError(
      `Port ${sipPort} (GB/T 28181 SIP server, UDP and TCP) is already in use. Stop the program using it, set XUELIANG_SIP_PORT, or pass --no-sip.`,
    );
  const env = { ...baseEnv };
  // The simulated devices and the server share the demo's platform password unless one is set.
  if (generated && (env.XUELIANG_SIP_PASSWORD ?? '') === '') env.XUELIANG_SIP_PASSWORD = env.XUELIANG_DEMO_SIP_PASSWORD ?? 'demo-sip-pass';
  const sip = startChild('sip', ['sip', 'serve'], env);
  children.push(sip);
  if (!generated) return;
  await waitForUdpListener(sipPort, 30_000, () => sip.proc.exitCode === null);
  children.push(startChild('gb-simulator', ['sip', 'simulate'], env));
}

export default defineCommand({
  name: 'start',
  summary: 'bring up the whole product: database, demo data, API + web, camera simulator and agent',
  help: `Usage: xueliang start [--osm FILE] [--port N] [--no-agent] [--no-sip]   (npm start -- [flags])

  --osm FILE   load a real city from an OSM XML or PBF file instead of the demo county
               (replaces what is loaded when the file differs from the loaded one)
  --port N     HTTP port (default: PORT or 8080)
  --no-agent   do not start the camera simulator and agent
  --no-sip     do not start the GB/T 28181 SIP server (port XUELIANG_SIP_PORT, default 5060)
               and its device simulator

Uses DATABASE_URL when set; otherwise creates and starts the private cluster under .data/pg.
Prints the URL and the login when everything is up; Ctrl-C stops what it started.`,
  options: { osm: { type: 'string' }, port: { type: 'string' }, 'no-agent': { type: 'boolean' }, 'no-sip': { type: 'boolean' } },
  async run(ctx) {
    const port = numberFlag(ctx, 'port') ?? (process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : 8080);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new UserFacingError(`Port "${port}" is not valid: set PORT (or --port) to a number between 1 and 65535.`);
    if (!(await portFree(port)))
      throw new UserFacingError(
        `Port ${port} is already in use. Stop the program using it, or choose another port with PORT=<n> npm start.`,
      );

    info('• Database: checking PostgreSQL + PostGIS…');
    const db = await openDatabase({ quiet: false, log: (l) => info(`• Migration: ${l}`) });
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url };
    const children: Child[] = [];
    let stopping = false;
    const shutdown = async (code: number) => {
      if (stopping) return;
      stopping = true;
      info('\n• Stopping…');
      await stopChildren(children);
      await db.close().catch(() => {});
      if (db.cluster?.startedHere === true) {
        stopCluster(db.cluster.dataDir);
        info('• Private PostgreSQL cluster stopped.');
      }
      process.exit(code);
    };
    process.on('SIGINT', () => void shutdown(0));
    process.on('SIGTERM', () => void shutdown(0));

    try {
      const osmFile = stringFlag(ctx, 'osm');
      const { rows } = await db.pool.query<{ loaded: boolean; dataset: { name?: string; source?: string } | null }>(
        "SELECT (EXISTS (SELECT 1 FROM admin_areas) OR EXISTS (SELECT 1 FROM cameras)) AS loaded, (SELECT value FROM settings WHERE key = 'dataset') AS dataset",
      );
      const state = rows[0]!;
      if (osmFile !== undefined) {
        const path = resolve(osmFile);
        if (!existsSync(path)) throw new UserFacingError(`--osm ${osmFile}: no such file.`);
        if (state.dataset?.source === 'osm' && state.dataset.name === basename(path)) info(`• Data: ${basename(path)} is already loaded.`);
        else {
          info(`• Data: importing ${path}…`);
          runStep(['import', 'osm', path, '--replace'], env);
        }
      } else if (!state.loaded) {
        info('• Data: generating the demo county (first start)…');
        runStep(['generate', '--scale', 'demo'], env);
      } else {
        info(`• Data: ${state.dataset?.name ?? 'existing data'} is loaded.`);
      }
      const coverage = await db.pool.query<{ missing: boolean }>(
        // No footprints (first start), or no results (a migration emptied them, as 0131 does).
        `SELECT EXISTS (SELECT 1 FROM cameras) AND (NOT EXISTS (SELECT 1 FROM camera_footprints)
                OR (EXISTS (SELECT 1 FROM targets) AND NOT EXISTS (SELECT 1 FROM coverage_results))) AS missing`,
      );
      if (coverage.rows[0]?.missing === true) {
        info('• Coverage: computing footprints, blind spots and the timeline (first start)…');
        runStep(['recompute'], env);
      }
      const admin = await ensureInitialAdmin(db.pool);
      ensureWebBuild();

      const dataset = (await db.pool.query<{ value: { generated?: boolean } | null }>("SELECT value FROM settings WHERE key = 'dataset'"))
        .rows[0]?.value;
      children.push(startChild('api', ['serve', '--port', String(port)], env));
      if (ctx.values['no-agent'] !== true) {
        // The simulator stands in for the demo county's cameras; a real city's cameras are real.
        if (dataset?.generated === true) {
          const simPort = Number(process.env.XUELIANG_SIM_PORT ?? 18080);
          if (!(await portFree(simPort)))
            throw new UserFacingError(
              `Port ${simPort} (camera simulator) is already in use. Stop the program using it, or set XUELIANG_SIM_PORT.`,
            );
          const moved = await pointDemoCamerasAt(db.pool, simPort);
          if (moved > 0) info(`• Camera simulator: ${moved} demo cameras now point at port ${simPort}.`);
          const sim = startChild('simulator', ['simulate', '--demo'], env);
          children.push(sim);
          // Start polling only once the simulated cameras answer, or every camera starts UNREACHABLE.
          await waitForHttp(`http://127.0.0.1:${simPort}/`, 30_000, () => sim.proc.exitCode === null, true);
        }
        children.push(startChild('agent', ['agent'], env));
      }
      if (ctx.values['no-sip'] !== true) await startSip(children, env, dataset?.generated === true);
      for (const c of children) {
        c.proc.once('exit', (code, signal) => {
          if (stopping) return;
          console.error(
            `\n✗ The ${c.name} process stopped unexpectedly (${code !== null ? `exit ${code}` : signal}); stopping everything.`,
          );
          void shutdown(1);
        });
      }
      const up = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => !stopping);
      if (!up) throw new UserFacingError(`The API did not answer on port ${port} within 60 s; see the [api] lines above.`);
      info('');
      info(`✓ Xueliang is running: http://localhost:${port}`);
      const envPassword = process.env.XUELIANG_ADMIN_PASSWORD;
      if (admin !== null && envPassword !== undefined && envPassword !== '') {
        info(`  Log in as "${admin.username}" with the password from XUELIANG_ADMIN_PASSWORD.`);
      } else if (admin !== null) {
        info(`  Log in as "${admin.username}" with the one-time password: ${admin.password}`);
        info('  (shown only now; you will be asked to change it. Set XUELIANG_ADMIN_PASSWORD to choose it.)');
      } else {
        info('  Log in with your user (reset a password with: npx xueliang user passwd <name>).');
      }
      info('  Press Ctrl-C to stop.');
    } catch (err) {
      await stopChildren(children);
      await db.close().catch(() => {});
      throw err;
    }
    await new Promise(() => {});
  },
});
