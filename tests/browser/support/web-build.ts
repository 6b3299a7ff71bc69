// Builds web/dist once when it is missing or older than any source file, so browser tests
// always drive the current code (the suite runs one browser file at a time).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// A private build for tests (git-ignored): `npm start` and other test runs rebuild web/dist
// (emptying it), which would pull assets from under a page being tested.
export const webDist = join(repoRoot, 'test-artifacts', 'web-dist');

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export async function ensureWebBuilt(): Promise<void> {
  const index = join(webDist, 'index.html');
  // The web app imports shared pure code from gis-data/ and vocabulary/, so they count as sources too.
  const sources = Math.max(
    newestMtimeMs(join(repoRoot, 'web', 'src')),
    statSync(join(repoRoot, 'web', 'index.html')).mtimeMs,
    newestMtimeMs(join(repoRoot, 'gis-data', 'footprint')),
    newestMtimeMs(join(repoRoot, 'gis-data', 'optics')),
    newestMtimeMs(join(repoRoot, 'gis-data', 'coverage')),
    newestMtimeMs(join(repoRoot, 'vocabulary')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  // The production bundle, as `npm start` serves it: vitest sets NODE_ENV=test, and Vite then
  // builds React's development runtime (jsxDEV, extra checks), which the tests and bench:web
  // would measure and drive instead of what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(repoRoot, 'web', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: webDist, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
