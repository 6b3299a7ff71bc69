// The stored reasons are the rule's codes: coverage_blind_spots.reason's CHECK list is
// BLIND_SPOT_REASONS (gis-data/coverage/blind-spot-reasons.ts), which the API schema, the CLI and
// the legend take too, so a new reason cannot be judged in TypeScript and refused by the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLIND_SPOT_REASONS } from '../../../gis-data/coverage/blind-spot-reasons';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('blind-spot reason codes in the database', () => {
  it('lets coverage_blind_spots hold exactly the codes the rule gives', async () => {
    const { rows } = await db.pool.query<{ def: string }>(
      `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       WHERE c.conrelid = 'coverage_blind_spots'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%reason%'`,
    );
    expect(rows).toHaveLength(1);
    const listed = [...rows[0]!.def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...BLIND_SPOT_REASONS].sort());
  });
});
