// The "may import" table of ARCHITECTURE.md is enforced by dependency-cruiser in `npm run lint`
// (.dependency-cruiser.cjs). A rule that never fires is only prose again, so each forbidden
// import is tried here on a small tree shaped like the repository: it must be reported, by the
// rule that names it, and the allowed imports beside it must not be.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[] };

const FILES: Record<string, string> = {
  'db/sql.ts': 'export const loadSql = 1;\n',
  'vocabulary/states.ts': 'export const STATES = 1;\n',
  'vocabulary/impure.ts': "import { loadSql } from '../db/sql';\nexport const x = loadSql;\n",
  'camera-agent/accounting.ts': 'export const localDay = 1;\n',
  'camera-agent/uses-vocabulary.ts': "import { STATES } from '../vocabulary/states';\nexport const y = STATES;\n",
  'coverage-engine/refresh.ts': 'export const refreshCameras = 1;\n',
  'coverage-engine/index.ts': "export { refreshCameras } from './refresh';\n",
  'coverage-engine/reaches-api.ts': "import { z } from '../api/domain/status/repository';\nexport const w = z;\n",
  'api/domain/status/repository.ts': "import { localDay } from '../../../camera-agent/accounting';\nexport const z = localDay;\n",
  'api/domain/plans/plans.ts':
    "import { refreshCameras } from '../../../coverage-engine';\nimport { STATES } from '../../../vocabulary/states';\nexport const p = [refreshCameras, STATES];\n",
  'api/domain/plans/uses-hono.ts': "import { Hono } from 'hono';\nexport const h = Hono;\n",
  'api/domain/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'api/domain/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  'bench/coverage.ts': "import { refreshCameras } from '../coverage-engine/refresh';\nexport const r = refreshCameras;\n",
  'cli/commands/recompute.ts': "import { refreshCameras } from '../../coverage-engine';\nexport const r = refreshCameras;\n",
  'gis-data/footprint/reads-files.ts': "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n",
  'web/src/uses-db.ts': "import { loadSql } from '../../db/sql';\nexport const q = loadSql;\n",
  'web/src/types-only.ts': "import type { localDay } from '../../camera-agent/accounting';\nexport type T = typeof localDay;\n",
};

let root: string;
let result: ICruiseResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'xl-depcruise-'));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'), 'dir');
  const out = await cruise(['api', 'bench', 'camera-agent', 'cli', 'coverage-engine', 'db', 'gis-data', 'vocabulary', 'web'], {
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    baseDir: root,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    preserveSymlinks: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    outputType: 'json',
  });
  result = (typeof out.output === 'string' ? JSON.parse(out.output) : out.output) as ICruiseResult;
}, 60_000);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** "from → to" of every violation of a rule. */
const violations = (rule: string) =>
  result.summary.violations.filter((v) => v.rule.name === rule).map((v) => (v.cycle === undefined ? `${v.from} → ${v.to}` : v.from));

describe('the "may import" rules of ARCHITECTURE.md fail the forbidden imports', () => {
  it('vocabulary/ may import only itself (everyone may import it)', () => {
    expect(violations('vocabulary-is-pure')).toEqual(['vocabulary/impure.ts → db/sql.ts']);
  });

  it('api/domain may not import the camera agent (the status-repository violation)', () => {
    expect(violations('api-domain-layers')).toEqual(['api/domain/status/repository.ts → camera-agent/accounting.ts']);
  });

  it('domain code never imports Hono', () => {
    expect(violations('api-domain-never-imports-hono')).toHaveLength(1);
    expect(violations('api-domain-never-imports-hono')[0]).toMatch(/^api\/domain\/plans\/uses-hono\.ts → node_modules\/hono\//);
  });

  it('outside the engine, only coverage-engine/index.ts may be imported (the CLI does, the bench reaching inside fails)', () => {
    expect(violations('coverage-engine-through-its-interface')).toEqual(['bench/coverage.ts → coverage-engine/refresh.ts']);
  });

  it('the engine imports no API code', () => {
    expect(violations('coverage-engine-imports-gis-data-and-db')).toEqual([
      'coverage-engine/reaches-api.ts → api/domain/status/repository.ts',
    ]);
  });

  it('an import cycle fails', () => {
    expect(violations('no-circular').length).toBeGreaterThan(0);
    expect(violations('no-circular').every((from) => ['api/domain/a.ts', 'api/domain/b.ts'].includes(from))).toBe(true);
  });

  it("gis-data's pure modules read no files", () => {
    expect(violations('gis-data-pure-has-no-io')).toEqual(['gis-data/footprint/reads-files.ts → fs']);
  });

  it('the web imports server code only as types', () => {
    expect(violations('web-imports-pure-code-only')).toEqual(['web/src/uses-db.ts → db/sql.ts']);
  });

  it('nothing else is reported: the allowed imports beside them pass', () => {
    const reported = new Set(result.summary.violations.map((v) => v.rule.name));
    expect([...reported].sort()).toEqual(
      [
        'api-domain-layers',
        'api-domain-never-imports-hono',
        'coverage-engine-imports-gis-data-and-db',
        'coverage-engine-through-its-interface',
        'gis-data-pure-has-no-io',
        'no-circular',
        'vocabulary-is-pure',
        'web-imports-pure-code-only',
      ].sort(),
    );
  });
});
