import { describe, expect, it } from 'vitest';
import { delayAfterFailures, DEFAULT_THROTTLE } from '../../../api/domain/users/login-throttle';
import { roleAllows } from '../../../api/domain/users/roles';
import { endsCredential } from '../../../api/domain/users/session-ends';

describe('login throttle delays', () => {
  const rule = { free: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('costs nothing for the free failures, then doubles from the base up to the ceiling', () => {
    expect([1, 2, 3].map((n) => delayAfterFailures(rule, n))).toEqual([0, 0, 0]);
    expect([4, 5, 6, 7, 8, 9, 10].map((n) => delayAfterFailures(rule, n))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000]);
    expect(delayAfterFailures(rule, 10_000)).toBe(60_000);
  });

  it('gives an address more free failures than one user name at one address (an office shares its address)', () => {
    expect(DEFAULT_THROTTLE.address.free).toBeGreaterThan(DEFAULT_THROTTLE.userAddress.free);
    expect(DEFAULT_THROTTLE.userAddress.maxDelayMs).toBe(15 * 60_000);
  });
});

describe('session ends', () => {
  const session = { tokenHash: 'a', userId: 7, kind: 'session' as const };
  const token = { tokenHash: 'b', userId: 7, kind: 'token' as const };

  it('a logout ends its own session only; a password change ends every session of the user, not their tokens', () => {
    expect(endsCredential({ tokenHash: 'a' }, session)).toBe(true);
    expect(endsCredential({ tokenHash: 'a' }, token)).toBe(false);
    expect(endsCredential({ userId: 7, kind: 'session' }, session)).toBe(true);
    expect(endsCredential({ userId: 7, kind: 'session' }, token)).toBe(false);
    expect(endsCredential({ userId: 8 }, session)).toBe(false);
    // Disabling the user ends everything.
    expect(endsCredential({ userId: 7 }, token)).toBe(true);
  });
});

describe('roles', () => {
  it('admin may do everything; engineer and planner do not stand in for each other', () => {
    expect(roleAllows('admin', ['engineer'])).toBe(true);
    expect(roleAllows('engineer', ['planner'])).toBe(false);
    expect(roleAllows('planner', ['engineer'])).toBe(false);
    expect(roleAllows('viewer', ['engineer'])).toBe(false);
    expect(roleAllows('viewer', ['viewer'])).toBe(true);
  });
});
