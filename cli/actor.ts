// Who the audit log names for a command-line action: `cli:<OS user>`. The OS user comes from
// the process's uid (os.userInfo), not from $USER, which supervisors, cron and systemd often
// leave unset (every CLI action used to be recorded as `cli:unknown`). Under sudo the invoking
// user is added, since the uid is then root's.
import { userInfo } from 'node:os';

export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers): the number is still an answer.
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    return process.env.USER ?? process.env.LOGNAME ?? (uid === undefined ? 'unknown' : `uid ${uid}`);
  }
}

export function cliActorName(): string {
  const user = osUserName();
  const sudo = process.env.SUDO_USER;
  return sudo !== undefined && sudo !== '' && sudo !== user ? `cli:${user} (sudo from ${sudo})` : `cli:${user}`;
}

export function cliActor(): { id: null; username: string } {
  return { id: null, username: cliActorName() };
}
