// The order repeatable files are applied in comes from the names they reference (a SQL function's
// body is checked when it is created, so what it calls must exist first), with the file names
// breaking ties so every database sees the same order.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRepeatables } from '../../../db/repeatable';

const fn = (name: string, body = 'SELECT 1') => `CREATE OR REPLACE FUNCTION ${name}() RETURNS integer LANGUAGE sql AS $$ ${body} $$;\n`;
const order = (files: Record<string, string>) =>
  parseRepeatables(Object.entries(files).map(([file, sql]) => ({ file, sql }))).map((r) => r.name);

describe('parseRepeatables', () => {
  it('puts what a file references before it, whatever the names sort as', () => {
    expect(
      order({
        'a_view.sql': 'CREATE OR REPLACE VIEW a_view AS SELECT m_mid() AS x;',
        'm_mid.sql': fn('m_mid', 'SELECT z_base()'),
        'z_base.sql': fn('z_base'),
      }),
    ).toEqual(['z_base', 'm_mid', 'a_view']);
  });

  it('keeps the file-name order among files that do not reference each other', () => {
    expect(order({ 'c.sql': fn('c'), 'a.sql': fn('a'), 'b.sql': fn('b') })).toEqual(['a', 'b', 'c']);
  });

  it('does not count a name in a comment, or inside a longer identifier, as a reference', () => {
    const files = {
      'a_first.sql': `-- unlike z_last, this one is simple\n/* z_last is elsewhere */\n${fn('a_first', 'SELECT z_last_but_one()')}`,
      'z_last.sql': fn('z_last', 'SELECT 2'),
    };
    expect(parseRepeatables(Object.entries(files).map(([file, sql]) => ({ file, sql })))[0]).toMatchObject({
      name: 'a_first',
      dependsOn: [],
    });
  });

  it('records each file’s direct references and its SHA-256 checksum', () => {
    const sql = fn('m_mid', 'SELECT z_base() + z_base()');
    const [base, mid] = parseRepeatables([
      { file: 'm_mid.sql', sql },
      { file: 'z_base.sql', sql: fn('z_base') },
    ]);
    expect(base!.name).toBe('z_base');
    expect(mid).toEqual({
      name: 'm_mid',
      file: 'm_mid.sql',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
      dependsOn: ['z_base'],
    });
  });

  it('refuses a cycle, naming the files in it', () => {
    expect(() =>
      order({ 'a.sql': fn('a', 'SELECT b()'), 'b.sql': fn('b', 'SELECT c()'), 'c.sql': fn('c', 'SELECT a()'), 'd.sql': fn('d') }),
    ).toThrow(/a\.sql, b\.sql, c\.sql/);
  });

  it('refuses a file name that is not a lower-case SQL identifier', () => {
    expect(() => order({ 'R__xl_thing.sql': fn('xl_thing') })).toThrow(/R__xl_thing\.sql/);
    expect(() => order({ 'xl-thing.sql': fn('xl_thing') })).toThrow(/xl-thing\.sql/);
  });
});
