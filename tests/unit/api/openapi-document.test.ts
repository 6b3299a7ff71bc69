// CI check: docs/openapi.json is the contract the web app and scripts are written against, and
// web/src/api/schema.d.ts is the web's types generated from it; a route changed without
// regenerating them (`npm run gen:api`) fails here.
import { describe, expect, it } from 'vitest';
import { committedApiFiles, generateApiFiles, openApiJson, schemaTypes } from '../../../scripts/gen-api';

const REGENERATE = 'npm run gen:api';
// openapi-typescript bundles the document first (~10 s on the shared 2-core machine); a slow
// generator is not a failure of the contract.
const GENERATOR_TIMEOUT_MS = 180_000;

describe('OpenAPI document and the web types generated from it', () => {
  it('docs/openapi.json matches the routes, so a route change without its contract fails CI', () => {
    const committed = committedApiFiles().openApi;
    expect(committed === openApiJson(), `docs/openapi.json is out of date; regenerate it with:\n  ${REGENERATE}`).toBe(true);
  });

  it(
    "web/src/api/schema.d.ts matches the document, so the web's types cannot lag behind the API",
    async () => {
      const generated = await generateApiFiles();
      expect(
        committedApiFiles().schema === generated.schema,
        `web/src/api/schema.d.ts is out of date; regenerate it with:\n  ${REGENERATE}`,
      ).toBe(true);
    },
    GENERATOR_TIMEOUT_MS,
  );

  it(
    'a change to the document shows up in the generated types (the staleness check can fail)',
    async () => {
      const doc = JSON.parse(openApiJson()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
      doc.components.schemas.Dataset!.properties.renamedField = { type: 'string' };
      const types = await schemaTypes(JSON.stringify(doc));
      expect(types).toMatch(/renamedField\?: string;/);
      expect(types).not.toBe(committedApiFiles().schema);
    },
    GENERATOR_TIMEOUT_MS,
  );

  it('every operation says which roles may call it, so the security suite can check them all', () => {
    const doc = JSON.parse(openApiJson()) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !Array.isArray(op['x-roles']))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});
