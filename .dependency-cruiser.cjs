// The "may import" table of ARCHITECTURE.md as rules, checked by `npm run lint` (depcruise).
// A rule names what a folder may NOT import; the table is the positive reading of the same.
// tests/unit/lint/dependency-rules.test.ts runs these rules on small fixture trees to show that
// each forbidden import fails.

/** gis-data's pure modules: geometry, optics, siting solvers, the generator, device ids (no fs, pg, DOM). */
const GIS_PURE = '^gis-data/(optics|footprint|coverage|siting|coords|generate)/|^gis-data/(device-id|calendar-date)\\.ts$';
/** Our own top-level parts (anything else is node_modules or Node itself). */
const OURS = '^(api|camera-agent|coverage-engine|gis-data|db|cli|bench|web|vocabulary|tests|migrations|scripts)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles: a cycle means two modules are one module, or one of them holds what both need. ' +
        'An `import type` is erased by the compiler, so a loop closed only by one is no cycle at run time.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'vocabulary-is-pure',
      severity: 'error',
      comment:
        'vocabulary/ holds pure shared definitions (no fs, pg or DOM); it may import only itself. A type-only import (erased by every build) may name a closed set whose owner is elsewhere (the glossary labels the target classes and blind-spot reasons).',
      from: { path: '^vocabulary/' },
      to: { pathNot: '^vocabulary/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'gis-data-pure-has-no-io',
      severity: 'error',
      comment: "gis-data's geometry modules run in the browser too: no fs, pg, database or other part.",
      from: { path: GIS_PURE },
      to: {
        path: ['^(node:)?(fs|fs/promises|child_process|net|http|https)$', '^node_modules/(pg|pg-copy-streams|pg-pool)/', OURS],
        pathNot: [GIS_PURE, '^vocabulary/'],
      },
    },
    {
      name: 'gis-data-imports-db-only',
      severity: 'error',
      comment: 'gis-data importers and loaders may use db/ (and vocabulary/); no other part.',
      from: { path: '^gis-data/' },
      to: { path: OURS, pathNot: ['^gis-data/', '^db/', '^vocabulary/'] },
    },
    {
      name: 'camera-agent-imports-db-only',
      severity: 'error',
      comment: 'The camera agent decides camera health alone; it may use db/ and vocabulary/.',
      from: { path: '^camera-agent/' },
      to: { path: OURS, pathNot: ['^camera-agent/', '^db/', '^vocabulary/'] },
    },
    {
      name: 'coverage-engine-imports-gis-data-and-db',
      severity: 'error',
      comment: 'The coverage engine is its own part: gis-data/, db/ and vocabulary/ only.',
      from: { path: '^coverage-engine/' },
      to: { path: OURS, pathNot: ['^coverage-engine/', '^gis-data/', '^db/', '^vocabulary/'] },
    },
    {
      name: 'coverage-engine-through-its-interface',
      severity: 'error',
      comment: 'Everything outside the engine (API, CLI, benchmarks) uses coverage-engine/index.ts, its public interface.',
      from: { pathNot: ['^coverage-engine/', '^tests/'] },
      to: { path: '^coverage-engine/', pathNot: '^coverage-engine/index\\.ts$' },
    },
    {
      name: 'api-domain-layers',
      severity: 'error',
      comment: 'Domain services use the engine, gis-data and db/; never the HTTP layer, the agent or the CLI.',
      from: { path: '^api/domain/' },
      to: { path: OURS, pathNot: ['^api/domain/', '^api/errors\\.ts$', '^coverage-engine/', '^gis-data/', '^db/', '^vocabulary/'] },
    },
    {
      name: 'api-domain-never-imports-hono',
      severity: 'error',
      comment: 'HTTP behaviour lives at the edge (api/http); domain code is plain functions.',
      from: { path: '^(api/domain|coverage-engine|gis-data|camera-agent|db|vocabulary)/' },
      to: { path: '^node_modules/(hono|@hono)/' },
    },
    {
      name: 'api-http-uses-the-domain',
      severity: 'error',
      comment: "Routes are thin: they call api/domain (and the engine's interface); no SQL, agent or importer code.",
      from: { path: '^api/http/' },
      to: {
        path: OURS,
        pathNot: [
          '^api/http/',
          '^api/domain/',
          '^api/errors\\.ts$',
          '^coverage-engine/index\\.ts$',
          GIS_PURE,
          '^vocabulary/',
          '^db/errors\\.ts$',
        ],
      },
    },
    {
      name: 'api-server-uses-http',
      severity: 'error',
      from: { path: '^api/(server|errors)\\.ts$' },
      to: { path: OURS, pathNot: ['^api/', '^db/'] },
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'db/ (which database, the cluster, migrations, credentials) uses no other part but vocabulary/.',
      from: { path: '^db/' },
      to: { path: OURS, pathNot: ['^db/', '^vocabulary/'] },
    },
    {
      name: 'web-imports-pure-code-only',
      severity: 'error',
      comment: 'The browser app may use gis-data pure modules and vocabulary/; anything else only as types (erased by the build).',
      from: { path: '^web/' },
      to: { path: OURS, pathNot: ['^web/', GIS_PURE, '^vocabulary/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-tests-cli-or-bench',
      severity: 'error',
      comment: 'Tests, the CLI and the benchmarks sit on top: no part imports them (the CLI runs the benchmarks).',
      from: { path: '^(api|camera-agent|coverage-engine|gis-data|db|web|vocabulary)/' },
      to: { path: '^(tests|cli|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web/dist|\\.data|test-artifacts|bench-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    skipAnalysisNotInRules: true,
  },
};
