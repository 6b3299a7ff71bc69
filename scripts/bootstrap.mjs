// Entry point of `npm start` and `npm test`. Dependency-free on purpose: it runs before
// node_modules exists, checks Node, installs the npm packages when they are missing or stale,
// then hands over to the TypeScript code (cli/main.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  console.error(`Xueliang needs Node.js 20.11 or newer; this is ${process.version}.`);
  console.error('Install Node.js 20 LTS (Debian: the nodejs package from NodeSource, or nvm) and run the command again.');
  process.exit(1);
}

function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.xueliang-deps');
  const hash = createHash('sha256')
    .update(readFileSync(join(root, 'package.json')))
    .update(existsSync(lock) ? readFileSync(lock) : '')
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('• Installing npm packages (package.json or package-lock.json changed)…');
  const args = existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const res = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`npm ${args[0]} failed (exit ${res.status}). Fix the error above and run the command again.`);
    process.exit(res.status ?? 1);
  }
  writeFileSync(stamp, hash);
}

const [command = 'start', ...rest] = process.argv.slice(2);
ensureDependencies();
const target = command === 'test' ? ['--import', 'tsx', 'scripts/run-tests.ts', ...rest] : ['bin/xueliang.mjs', command, ...rest];
const child = spawn(process.execPath, target, { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; the child shuts down what it
// started and exits, and this process follows it. SIGTERM from a supervisor is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
