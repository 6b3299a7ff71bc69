// Schema in numbered migrations, behaviour in repeatable files: a function, aggregate, procedure
// or view is defined once, in migrations/repeatable/<its name>.sql, never in a numbered migration
// (where every change would restate its whole body). This test is the rule's guard.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations, MIGRATIONS_DIR } from '../../../db/migrate';
import { loadRepeatables, REPEATABLE_DIR } from '../../../db/repeatable';

const DEFINES =
  /\b(CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|AGGREGATE|PROCEDURE|VIEW|MATERIALIZED\s+VIEW)|ALTER\s+(FUNCTION|AGGREGATE|PROCEDURE|VIEW|ROUTINE))\b/i;
const withoutComments = (sql: string) => sql.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--.*$/gm, '');

describe('migration files', () => {
  it('no numbered migration defines or alters a function, aggregate, procedure or view', () => {
    const offenders = loadMigrations()
      .filter((m) => DEFINES.test(withoutComments(m.sql)))
      .map((m) => m.name);
    expect(offenders, 'move these definitions to migrations/repeatable/<name>.sql (docs/contracts.md, "Functions and views")').toEqual([]);
  });

  it('every repeatable file creates or replaces the object it is named after', () => {
    for (const r of loadRepeatables()) {
      const text = withoutComments(readFileSync(join(REPEATABLE_DIR, r.file), 'utf8'));
      expect(text, r.file).toMatch(
        new RegExp(`CREATE\\s+OR\\s+REPLACE\\s+(FUNCTION|AGGREGATE|PROCEDURE|VIEW)\\s+${r.name}\\s*[(\\s]`, 'i'),
      );
    }
    expect(REPEATABLE_DIR).toBe(join(MIGRATIONS_DIR, 'repeatable'));
  });
});
