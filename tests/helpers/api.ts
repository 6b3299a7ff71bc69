// Route tests call the app directly (no socket): `const t = await createTestApp(db)`, then
// `await t.app.request('/api/v1/cameras', { headers: await t.login('engineer') })`.
// login(role) creates a user of that role (once per role) and logs in through the real login
// route, returning the session cookie and CSRF token as headers; token(role) returns bearer
// headers for the same user.
// Every response that goes through `app.request` is checked against the OpenAPI document
// (tests/helpers/openapi-contract.ts): a status, media type or JSON shape the document does not
// describe fails the test that got it, so the contract the web's types come from stays true.
import { appendFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { createApp, type CreateAppOptions, type XueliangApp } from '../../api/http/app';
import type { AppEnv } from '../../api/http/env';
import type { Role } from '../../api/domain/users/roles';
import { createApiToken } from '../../api/domain/users/sessions';
import { createUser, findUserByName } from '../../api/domain/users/users';
import { openApiDocument } from '../../api/http/openapi-document';
import type { TestDatabase } from './db';
import { ContractViolation, OpenApiContract, responseFacts, type OpenApiDoc } from './openapi-contract';

export const TEST_PASSWORD = 'test-password-123';

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  xl: XueliangApp;
  /** Headers of a logged-in browser session (Cookie + X-CSRF-Token) for a user with `role`. */
  login(role: Role): Promise<Record<string, string>>;
  /** Headers with a bearer API token for a user with `role`. */
  token(role: Role): Promise<Record<string, string>>;
  /** `app.request` with a JSON body. */
  json(method: string, path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function ensureTestUser(db: TestDatabase, role: Role, username = `test-${role}`): Promise<number> {
  const existing = await findUserByName(db.pool, username);
  if (existing !== undefined) return existing.id;
  return (await createUser(db.pool, { username, password: TEST_PASSWORD, role })).id;
}

/**
 * Wraps `app.request` so each response is checked against the app's own OpenAPI document.
 * With XUELIANG_CONTRACT_LOG=<file>, each checked operation and status is appended to the file
 * (to see which documented responses the suites exercise).
 */
export function checkResponsesAgainstContract<E extends Env>(app: OpenAPIHono<E>): void {
  const checker = new OpenApiContract(openApiDocument(app) as OpenApiDoc);
  const log = process.env.XUELIANG_CONTRACT_LOG;
  const request = app.request.bind(app);
  app.request = async (input, init, ...rest) => {
    const res = await request(input, init, ...rest);
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const path = new URL(url, 'http://localhost').pathname;
    const result = checker.check(await responseFacts(method, path, res));
    if (result.kind === 'mismatch') throw new ContractViolation(result.problems);
    if (log !== undefined && log !== '' && result.kind === 'ok')
      appendFileSync(log, `${method.toUpperCase()} ${checker.templateFor(path)} ${res.status}\n`);
    return res;
  };
}

export async function createTestApp(db: TestDatabase, options: Partial<CreateAppOptions> = {}): Promise<TestApp> {
  const xl = createApp({ pool: db.pool, ...options });
  const { app } = xl;
  checkResponsesAgainstContract(app);
  const sessions = new Map<Role, Record<string, string>>();
  const tokens = new Map<Role, Record<string, string>>();
  return {
    app,
    xl,
    async login(role) {
      const cached = sessions.get(role);
      if (cached !== undefined) return cached;
      await ensureTestUser(db, role);
      const res = await app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: `test-${role}`, password: TEST_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`test login as ${role} failed: ${res.status} ${await res.text()}`);
      const cookie = /xl_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      const headers = { Cookie: cookie, 'X-CSRF-Token': csrfToken };
      sessions.set(role, headers);
      return headers;
    },
    async token(role) {
      const cached = tokens.get(role);
      if (cached !== undefined) return cached;
      const id = await ensureTestUser(db, role);
      const headers = { Authorization: `Bearer ${await createApiToken(db.pool, id, 'test')}` };
      tokens.set(role, headers);
      return headers;
    },
    json(method, path, body, headers = {}) {
      return Promise.resolve(
        app.request(path, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }),
      );
    },
    close: () => xl.close(),
  };
}
