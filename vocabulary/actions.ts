// Who may do what, for the actions the UI offers beside what everyone may read: the API's route
// guards and the web's buttons take the same list, so a button is shown only to roles the API
// will let through (a viewer saw "确认", clicked, and got a 403; issue 17). Admin may do anything.
// Pure: the browser imports it too.

export const ACTION_ROLES = {
  /** POST /alarms/{id}/ack */
  acknowledgeAlarm: ['engineer'],
} as const satisfies Record<string, readonly ('viewer' | 'engineer' | 'planner' | 'admin')[]>;
export type Action = keyof typeof ACTION_ROLES;

/** True when a user with this role may do the action. */
export function mayDo(role: string | null | undefined, action: Action): boolean {
  if (role === 'admin') return true;
  return (ACTION_ROLES[action] as readonly string[]).includes(role ?? '');
}
