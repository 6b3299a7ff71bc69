// Roles: viewer (command center: read), engineer (cameras, targets, imports), planner (plans and
// proposed cameras), admin (users, settings; may do everything). engineer and planner are side
// by side, not ranked: each reads everything, writes only its own things.
export const ROLES = ['viewer', 'engineer', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when a user with `role` may use something open to `allowed` (admin may use anything). */
export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role) || allowed.includes('viewer');
}
