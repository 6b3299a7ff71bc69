import { describe, expect, it } from 'vitest';
import { LoginLimiter } from '../../../api/domain/users/login-limiter';
import { roleAllows } from '../../../api/domain/users/roles';

describe('login rate limits', () => {
  const limits = { windowMs: 60_000, perAccount: 3, perAddress: 5 };

  it('locks an account after its failures and frees it when the window has passed', () => {
    let now = 1_000_000;
    const l = new LoginLimiter(limits, () => now);
    for (let i = 0; i < 3; i += 1) l.recordFailure('Admin', '10.0.0.1');
    expect(l.retryAfterSeconds('admin', '10.0.0.2')).toBe(60); // per account, whatever the address and case
    now += 60_001;
    expect(l.retryAfterSeconds('admin', '10.0.0.2')).toBe(0);
  });

  it('limits one address trying many user names (password spraying)', () => {
    const now = 5_000_000;
    const l = new LoginLimiter(limits, () => now);
    for (let i = 0; i < 5; i += 1) l.recordFailure(`user${i}`, '10.0.0.9');
    expect(l.retryAfterSeconds('someone-else', '10.0.0.9')).toBeGreaterThan(0);
    expect(l.retryAfterSeconds('someone-else', '10.0.0.10')).toBe(0);
  });

  it("a successful login clears the account's failures", () => {
    const l = new LoginLimiter(limits, () => 1);
    l.recordFailure('bob', 'a');
    l.recordFailure('bob', 'a');
    l.recordSuccess('bob');
    l.recordFailure('bob', 'a');
    expect(l.retryAfterSeconds('bob', 'b')).toBe(0);
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
