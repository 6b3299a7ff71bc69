// The OpenAPI 3.1 document, generated from the routes' zod schemas, at /api/v1/openapi.json,
// and a browsable page at /api/v1/docs built from the swagger-ui-dist files in node_modules
// (no CDN: the network is isolated). docs/openapi.json is a committed copy that a test compares.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { DOCS_PAGE_POLICY } from './content-security-policy';
import type { AppEnv } from './env';
import { EVENT_SCHEMAS } from './schemas/events';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/v1/docs';

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Xueliang API',
    version: '1',
    description:
      'Video coverage, blind spots, camera health and camera siting. Log in with POST /api/v1/auth/login ' +
      '(session cookie; send X-CSRF-Token on writes) or send Authorization: Bearer <token> from `xueliang user token`.',
  },
};

/** The document as the server serves it (also used by `docs/openapi.json` regeneration). */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>): unknown {
  const doc = app.getOpenAPI31Document(OPENAPI_INFO) as { components?: Record<string, unknown> };
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'xl_session' },
      bearer: { type: 'http', scheme: 'bearer' },
    },
  };
  return doc;
}

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Xueliang API</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css"><link rel="icon" href="${DOCS_PATH}/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/swagger-ui-standalone-preset.js"></script>
<script src="${DOCS_PATH}/init.js"></script></body></html>`;

// Swagger UI sends the session cookie itself; requestInterceptor adds the CSRF token for writes.
const INIT = `window.ui = SwaggerUIBundle({
  url: '${OPENAPI_PATH}', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout',
  requestInterceptor: function (req) {
    var t = window.sessionStorage.getItem('xl_csrf');
    if (t) req.headers['X-CSRF-Token'] = t;
    return req;
  },
  responseInterceptor: function (res) {
    if (res.body && res.body.csrfToken) window.sessionStorage.setItem('xl_csrf', res.body.csrfToken);
    return res;
  },
});`;

export function registerOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  // Payloads that no route's JSON response carries (the SSE events) join the document as named
  // components, so the web's generated types have them too.
  for (const [name, schema] of Object.entries(EVENT_SCHEMAS)) app.openAPIRegistry.register(name, schema);
  let cached: unknown;
  app.get(OPENAPI_PATH, (c) => {
    cached ??= openApiDocument(app);
    return c.json(cached);
  });
  app.get(DOCS_PATH, (c) => c.html(PAGE, 200, { 'Content-Security-Policy': DOCS_PAGE_POLICY }));
  app.get(`${DOCS_PATH}/init.js`, (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get(`${DOCS_PATH}/:file`, (c) => {
    const file = c.req.param('file');
    const type = SWAGGER_FILES[file];
    if (type === undefined) return c.notFound();
    return c.body(readFileSync(join(SWAGGER_DIR, file)), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
