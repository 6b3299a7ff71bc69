// The built web app (web/dist) on the same port as the API: files as they are, and index.html
// for any other GET that is not an API, tile or metrics path (client-side routing).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';

function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/tiles/') || path === '/metrics' || path === '/healthz';
}

export function serveWebApp(app: OpenAPIHono<AppEnv>, webDist: string): void {
  const index = join(webDist, 'index.html');
  app.use(
    '/assets/*',
    serveStatic({
      root: webDist,
      // Vite names assets by content hash, so they never change under the same name.
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use('*', async (c, next) => {
    if (isServerPath(c.req.path) || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    return serveStatic({ root: webDist })(c, next);
  });
  app.get('*', async (c, next) => {
    if (isServerPath(c.req.path) || !existsSync(index)) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(index, 'utf8'));
  });
}
