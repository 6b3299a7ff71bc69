/**
 * An error whose message is written for the person at the terminal: the CLI prints it without a
 * stack trace and exits non-zero. Use it for every failure a user can act on (a busy port, a
 * missing package, a malformed file), saying what was wrong, where, and what to do.
 */
export class UserFacingError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserFacingError';
    this.exitCode = exitCode;
  }
}
