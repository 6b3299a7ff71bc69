// Login rate limits: failed attempts are counted per account and per client address in a
// sliding window; past the limit, further attempts are refused (429) until the window has moved
// on, whether or not the password is right (so guessing cannot continue). In memory: one API
// process serves a city, and a restart resetting the counters is acceptable.

export interface LoginLimits {
  windowMs: number;
  /** Failed attempts for one user name within the window. */
  perAccount: number;
  /** Failed attempts from one address within the window (any user names). */
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 30 };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, address: string): number {
    const checks: [string, number][] = [
      [`u:${username.toLowerCase()}`, this.limits.perAccount],
      [`a:${address}`, this.limits.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of checks) {
      const list = this.recent(key);
      if (list.length >= limit) wait = Math.max(wait, list[list.length - limit]! + this.limits.windowMs - this.now());
    }
    return Math.ceil(Math.max(0, wait) / 1000);
  }

  recordFailure(username: string, address: string): void {
    const t = this.now();
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) this.failures.set(key, [...this.recent(key), t]);
    if (this.failures.size > 100_000) this.failures.clear(); // a flood of random names must not grow memory without bound
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}
