// `npm test`: the same set-up as `npm start` (PostgreSQL with PostGIS, the private cluster),
// plus Debian's Chromium for the browser tests, poppler-utils for the PDF tests and SIPp for the
// GB/T 28181 tests, then typecheck (tests included), lint with zero warnings, the web build the
// browser tests serve, and every Vitest suite.
import { spawnSync } from 'node:child_process';
import { UserFacingError } from '../db/errors';
import { ensureChromium, ensurePoppler, ensureSipp } from '../db/system-packages';
import { resolveDatabase, checkDatabase } from '../db/connect';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, stopCluster } from '../db/cluster';

let stopOnExit: (() => void) | undefined;

function step(title: string, cmd: string, args: string[], after?: () => void): void {
  console.log(`\n• ${title}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  after?.();
  if (res.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${res.status ?? res.signal}).`);
    stopOnExit?.();
    process.exit(res.status ?? 1);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** One plain closing line that any CI log reader understands. */
function printTally(file: string): void {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}

async function main(): Promise<void> {
  const extra = process.argv.slice(2);
  console.log('• Setting up: PostgreSQL + PostGIS, the private cluster, Chromium, poppler-utils, SIPp');
  const target = await resolveDatabase();
  await checkDatabase(target.url);
  // Leave the machine as we found it: stop the private cluster if this run started it.
  const cluster = target.cluster;
  if (cluster?.startedHere === true) stopOnExit = () => stopCluster(cluster.dataDir);
  process.env.XUELIANG_CHROMIUM = ensureChromium();
  process.env.XUELIANG_POPPLER_BIN = ensurePoppler();
  process.env.XUELIANG_SIPP = ensureSipp();
  if (extra.length === 0) {
    step('Typecheck (tsc, tests included)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
    step('Lint (eslint, zero warnings; Prettier formatting; the may-import rules)', 'npm', ['run', '--silent', 'lint']);
    step('Build the web app', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
  }
  const summaryFile = join(REPO_ROOT, 'test-artifacts', 'vitest-results.json');
  rmSync(summaryFile, { force: true });
  step(
    'Tests (vitest: unit, integration, browser)',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${summaryFile}`, ...extra],
    () => printTally(summaryFile),
  );
  stopOnExit?.();
}

main().catch((err: unknown) => {
  console.error(err instanceof UserFacingError ? `error: ${err.message}` : err);
  process.exit(1);
});
