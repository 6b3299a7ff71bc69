// Terminal output: human lines go to stderr when --json is on so stdout stays machine-readable.
// Progress for long work (imports, generation, recomputes) redraws one line on a TTY and prints
// every tenth when piped, so CI logs stay short.

let jsonMode = false;

export function setJsonMode(on: boolean): void {
  jsonMode = on;
}

/** A line for the person watching; never mixed into --json output. */
export function info(line: string): void {
  if (jsonMode) process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export interface Progress {
  tick(done: number): void;
  done(summary?: string): void;
}

export function progress(label: string, total: number): Progress {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  const started = Date.now();
  return {
    tick(done: number) {
      const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
      if (tty) {
        process.stderr.write(`\r  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${pct} %)`);
      } else if (Math.floor(pct / 10) > lastDecile) {
        lastDecile = Math.floor(pct / 10);
        process.stderr.write(`  ${label}: ${pct} %\n`);
      }
    },
    done(summary?: string) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(`  ${label}: done in ${secs} s${summary === undefined ? '' : ` (${summary})`}\n`);
    },
  };
}
