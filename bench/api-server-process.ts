// bench:api — the server under test in its own process, started as `npm start` starts it
// (`xueliang serve`, the real entry, with the bench database's DATABASE_URL on a free loopback
// port). Before this the server ran inside the bench process, so autocannon's own work shared the
// server's event loop and its CPU time was counted as the server's latency.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../db/cluster';

export interface ServerProcess {
  base: string;
  pid: number;
  /** SIGTERM, then waits for the exit (a --cpu-prof profile is written on the way out). */
  stop(): Promise<void>;
}

/** What `serve` prints on stderr once the coverage scene is loaded (cli/commands/serve.ts). */
const WARMED = /coverage cache (warmed|not warmed)/;

export async function startServerProcess(databaseUrl: string, options: { nodeFlags?: string[] } = {}): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1' };
  delete env.PORT;
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), join(REPO_ROOT, 'bin', 'xueliang.mjs'), 'serve', '--port', '0', '--json'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const port = await listening(child, exited);
    // The server loads the coverage scene in the background after listening; measuring during
    // that load would charge it to the first target.
    await warmed(child, exited);
    return {
      base: `http://127.0.0.1:${port}`,
      pid: child.pid!,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    throw err;
  }
}

function listening(child: ChildProcess, exited: Promise<number | null>): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      try {
        const { port } = JSON.parse(out) as { port: number };
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(port);
      } catch {
        // the JSON is not complete yet
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`xueliang serve exited (${code}) before listening; its output: ${out}`)));
  });
}

function warmed(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('xueliang serve did not finish loading the coverage scene within 5 minutes')), 300_000);
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      // The server's log stays visible (errors during the runs matter to the figures).
      process.stderr.write(text.replace(/^(?=.)/gm, '  [server] '));
      seen += text;
      if (WARMED.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`xueliang serve exited (${code}) while loading the coverage scene`));
    });
  });
}
