// Real processes for fault-injection tests: `xueliang <command>` children whose output is kept
// line by line, waits on conditions (never fixed sleeps), free loopback ports, and the cluster's
// pg_ctl run as the server's OS user (as db/cluster.ts does).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { postgresBinDir } from '../../../db/system-packages';
import { REPO_ROOT } from '../../helpers/cli';

/** A free TCP port on 127.0.0.1, from the kernel (never a port someone else was given). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = await check();
    } catch {
      ok = false; // e.g. the database is still starting: keep waiting until the deadline
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export class XueliangProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), ...args], {
      env,
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let rest = '';
      stream.setEncoding('utf8').on('data', (d: string) => {
        const parts = (rest + d).split('\n');
        rest = parts.pop()!;
        this.lines.push(...parts);
      });
    }
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    let found: string | undefined;
    await waitFor(
      () => {
        found = this.lines.find((l) => pattern.test(l));
        if (found === undefined && !this.running) throw new Error(`${this.name} exited:\n${this.lines.slice(-20).join('\n')}`);
        return found !== undefined;
      },
      timeoutMs,
      `${this.name} to print ${pattern}`,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- ${this.name} output ---\n${this.lines.slice(-30).join('\n')}`);
    });
    return found!;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const done = await Promise.race([this.exited, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    if (done === null) this.child.kill('SIGKILL');
  }
}

/** pg_ctl of the cluster in `dataDir`, as the `postgres` OS user when we are root. */
export function pgCtl(major: number, args: string[]): { status: number | null; output: string } {
  const bin = join(postgresBinDir(major), 'pg_ctl');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const r = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', cwd: '/' })
    : spawnSync(bin, args, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}
