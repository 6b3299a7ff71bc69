// Login throttling (issue 15 item 3). Failures are counted per key, in the database (every API
// process sees the same counts, a restart forgets nothing):
//   user_address  one user name from one client address: a guesser at one address never holds
//                 the user back at another, where nobody failed;
//   address       one address, any user name (password spraying);
//   device        one user name from a browser holding that user's device cookie (OWASP "device
//                 cookies"), counted instead of the two above, so a crowd behind one proxy address
//                 cannot hold back a user whose browser has logged in before;
//   password      wrong current passwords given to POST /auth/password by one user.
// Past a few free failures each further failure holds the key back for a growing delay (doubling
// up to a ceiling); an attempt while held back is refused without checking the password.
// An attempt is counted *before* its password is checked (a right password refunds it), so a
// burst of parallel guesses cannot all pass the check before the first failure is written.
import type pg from 'pg';
import { loadSql } from '../../../db/sql';
import { inTransaction } from '../../../db/transaction';

const ENSURE = loadSql(import.meta.url, 'throttle-ensure.sql');
const LOCK = loadSql(import.meta.url, 'throttle-lock.sql');
const UPDATE = loadSql(import.meta.url, 'throttle-update.sql');
const DELETE = loadSql(import.meta.url, 'throttle-delete.sql');
const FORGET = loadSql(import.meta.url, 'throttle-forget.sql');
const LIST = loadSql(import.meta.url, 'throttle-list.sql');
const CLEAR = loadSql(import.meta.url, 'throttle-clear.sql');

export type ThrottleScope = 'user_address' | 'address' | 'device' | 'password';

export interface ThrottleRule {
  /** Failures that cost nothing (typos). */
  free: number;
  /** Delay after the first failure past the free ones; each further failure doubles it. */
  baseDelayMs: number;
  /** Ceiling of the delay. */
  maxDelayMs: number;
}

export interface ThrottlePolicy {
  userAddress: ThrottleRule;
  address: ThrottleRule;
  device: ThrottleRule;
  password: ThrottleRule;
  /** A key whose last failure is older than this starts again from zero. */
  forgetAfterMs: number;
}

const FIFTEEN_MINUTES = 15 * 60_000;

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  userAddress: { free: 3, baseDelayMs: 1000, maxDelayMs: FIFTEEN_MINUTES },
  // An office behind one NAT address shares this one: more free failures, same ceiling.
  address: { free: 20, baseDelayMs: 1000, maxDelayMs: FIFTEEN_MINUTES },
  device: { free: 5, baseDelayMs: 1000, maxDelayMs: FIFTEEN_MINUTES },
  password: { free: 3, baseDelayMs: 2000, maxDelayMs: FIFTEEN_MINUTES },
  forgetAfterMs: 3600_000,
};

export interface ThrottleKey {
  scope: ThrottleScope;
  /** Lower-cased user name; '' for the address scope. */
  username: string;
  /** Client address; the device cookie's hash for the device scope; '' for the password scope. */
  address: string;
}

/** A key counted by `attempt`: its failures including this attempt, and the delay that started. */
export interface CountedKey extends ThrottleKey {
  failures: number;
  delayMs: number;
}

export type AttemptResult =
  { allowed: true; counted: CountedKey[] } | { allowed: false; retryAfterSeconds: number; key: ThrottleKey; failures: number };

export interface ThrottleEntry {
  scope: ThrottleScope;
  username: string | null;
  address: string | null;
  /** First 12 hex digits of the device cookie's hash (device scope only). */
  device: string | null;
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
  /** While held back: until when; else null. */
  blockedUntil: string | null;
  retryAfterSeconds: number;
}

/** The delay (ms) a key is held back after its `failures`-th failure. */
export function delayAfterFailures(rule: ThrottleRule, failures: number): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(failures - rule.free - 1, 40));
}

export function mergePolicy(partial: Partial<ThrottlePolicy> = {}): ThrottlePolicy {
  return { ...DEFAULT_THROTTLE, ...partial };
}

interface LockedRow {
  failures: number;
  first_failure_at: Date | null;
  last_failure_at: Date | null;
  blocked_until: Date | null;
  now: Date;
}

const keyArgs = (k: ThrottleKey) => [k.scope, k.username, k.address];

export class LoginThrottle {
  readonly policy: ThrottlePolicy;
  private lastForget = 0;

  constructor(
    private readonly pool: pg.Pool,
    policy: Partial<ThrottlePolicy> = {},
  ) {
    this.policy = mergePolicy(policy);
  }

  rule(scope: ThrottleScope): ThrottleRule {
    return scope === 'user_address'
      ? this.policy.userAddress
      : scope === 'address'
        ? this.policy.address
        : scope === 'device'
          ? this.policy.device
          : this.policy.password;
  }

  private async lock(client: pg.PoolClient, key: ThrottleKey): Promise<LockedRow> {
    await client.query(ENSURE, keyArgs(key));
    const { rows } = await client.query<LockedRow>(LOCK, keyArgs(key));
    const row = rows[0]!;
    // A key whose last failure is old enough is forgotten: it starts again from zero.
    if (row.last_failure_at !== null && row.now.getTime() - row.last_failure_at.getTime() > this.policy.forgetAfterMs) {
      return { ...row, failures: 0, first_failure_at: null, blocked_until: null };
    }
    return row;
  }

  /**
   * Counts one attempt against every key (all or none, in one transaction): refused when any key
   * is held back, otherwise each key's failures go up as if the password were wrong.
   */
  async attempt(keys: ThrottleKey[]): Promise<AttemptResult> {
    await this.forgetOld();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const counted: CountedKey[] = [];
      for (const key of keys) {
        const row = await this.lock(client, key);
        const now = row.now.getTime();
        if (row.blocked_until !== null && row.blocked_until.getTime() > now) {
          // Held back: nothing is counted, not even the keys before this one.
          await client.query('ROLLBACK');
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((row.blocked_until.getTime() - now) / 1000)),
            key,
            failures: row.failures,
          };
        }
        const failures = row.failures + 1;
        const delayMs = delayAfterFailures(this.rule(key.scope), failures);
        await client.query(UPDATE, [
          ...keyArgs(key),
          failures,
          row.first_failure_at ?? row.now,
          row.now,
          delayMs > 0 ? new Date(now + delayMs) : null,
        ]);
        counted.push({ ...key, failures, delayMs });
      }
      await client.query('COMMIT');
      return { allowed: true, counted };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * The password was right: the user's own keys start again from zero; an address keeps its
   * other failures (a sprayer who guessed one password is still a sprayer), less this attempt.
   */
  async succeeded(counted: CountedKey[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const key of counted) {
        if (key.scope !== 'address') {
          await client.query(DELETE, keyArgs(key));
          continue;
        }
        const row = await this.lock(client, key);
        const failures = Math.max(0, row.failures - 1);
        const delayMs = delayAfterFailures(this.rule(key.scope), failures);
        const until =
          delayMs === 0 || row.last_failure_at === null
            ? null
            : new Date(Math.min(row.blocked_until?.getTime() ?? Infinity, row.last_failure_at.getTime() + delayMs));
        if (failures === 0) await client.query(DELETE, keyArgs(key));
        else await client.query(UPDATE, [...keyArgs(key), failures, row.first_failure_at, row.last_failure_at, until]);
      }
    });
  }

  /** Admin view: every key with failures that still count. */
  async list(): Promise<ThrottleEntry[]> {
    return listThrottle(this.pool, this.policy.forgetAfterMs);
  }

  private async forgetOld(): Promise<void> {
    // At most once a minute per process: the table stays small without a timer.
    const now = Date.now();
    if (now - this.lastForget < 60_000) return;
    this.lastForget = now;
    await this.pool.query(FORGET, [this.policy.forgetAfterMs]);
  }
}

interface ListRow {
  scope: ThrottleScope;
  username: string;
  address: string;
  failures: number;
  first_failure_at: Date;
  last_failure_at: Date;
  blocked_until: Date | null;
  retry_after_seconds: number;
}

export async function listThrottle(db: Pick<pg.Pool, 'query'>, forgetAfterMs = DEFAULT_THROTTLE.forgetAfterMs): Promise<ThrottleEntry[]> {
  const { rows } = await db.query<ListRow>(LIST, [forgetAfterMs]);
  return rows.map((r) => ({
    scope: r.scope,
    username: r.scope === 'address' ? null : r.username,
    address: r.scope === 'address' || r.scope === 'user_address' ? r.address : null,
    device: r.scope === 'device' ? r.address.slice(0, 12) : null,
    failures: r.failures,
    firstFailureAt: r.first_failure_at.toISOString(),
    lastFailureAt: r.last_failure_at.toISOString(),
    blockedUntil: r.blocked_until === null ? null : r.blocked_until.toISOString(),
    retryAfterSeconds: r.blocked_until === null ? 0 : r.retry_after_seconds,
  }));
}

/**
 * Unlocks a user name (all its keys: addresses, devices, password checks) and/or an address
 * (the address key and every user name tried from it). Returns the keys removed.
 */
export async function clearThrottle(
  db: Pick<pg.Pool, 'query'>,
  target: { username?: string | undefined; address?: string | undefined },
): Promise<{ scope: ThrottleScope; username: string; address: string; failures: number }[]> {
  const username = target.username === undefined ? null : target.username.toLowerCase();
  const address = target.address ?? null;
  if (username === null && address === null) return [];
  const { rows } = await db.query<{ scope: ThrottleScope; username: string; address: string; failures: number }>(CLEAR, [
    username,
    address,
  ]);
  return rows;
}
