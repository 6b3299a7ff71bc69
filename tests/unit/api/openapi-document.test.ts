// CI check: docs/openapi.json is the contract the web app and scripts are written against; a
// route changed without regenerating it fails here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../db/cluster';
import { createApp } from '../../../api/http/app';
import { openApiDocument } from '../../../api/http/openapi-document';

const FILE = join(REPO_ROOT, 'docs', 'openapi.json');
const REGENERATE = 'XUELIANG_UPDATE_OPENAPI=1 npx vitest run tests/unit/api/openapi-document.test.ts';

function generated(): string {
  // Building the app does not touch the database; the pool is never connected.
  const pool = new pg.Pool({ connectionString: 'postgres://unused@127.0.0.1:1/unused' });
  const { app } = createApp({ pool });
  return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
}

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the routes, so a route change without its contract fails CI', () => {
    const doc = generated();
    if (process.env.XUELIANG_UPDATE_OPENAPI === '1') writeFileSync(FILE, doc);
    const committed = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '(missing)';
    expect(committed === doc, `docs/openapi.json is out of date; regenerate it with:\n  ${REGENERATE}`).toBe(true);
  });

  it('every operation says which roles may call it, so the security suite can check them all', () => {
    const doc = JSON.parse(generated()) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Array.isArray(op['x-roles']))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
