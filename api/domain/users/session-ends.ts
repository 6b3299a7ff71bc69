// Signals that sessions or API tokens ended in this process (logout, password change, revoke,
// user disabled), so live streams opened with them close at once instead of delivering events
// to a credential that no longer exists. Streams also re-check their credential now and then
// (api/http/routes/events.ts), which catches what happens in another process: the CLI, a second
// API process, an expiry.

export interface SessionEnd {
  /** SHA-256 of the session token or API token that ended. */
  tokenHash?: string;
  /** Every credential of this user (of `kind` when given) ended. */
  userId?: number;
  kind?: 'session' | 'token';
}

type Listener = (e: SessionEnd) => void;
const listeners = new Set<Listener>();

export function onSessionEnd(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function announceSessionEnd(e: SessionEnd): void {
  for (const listener of [...listeners]) listener(e);
}

/** Whether a stream opened with this credential must close on `e`. */
export function endsCredential(e: SessionEnd, credential: { tokenHash: string; userId: number; kind: 'session' | 'token' }): boolean {
  if (e.tokenHash !== undefined && e.tokenHash === credential.tokenHash) return true;
  return e.userId === credential.userId && (e.kind === undefined || e.kind === credential.kind);
}
