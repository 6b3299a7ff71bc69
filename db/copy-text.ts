// Feeds COPY … FROM STDIN (text format) from lines produced one by one, in chunks of a few MB
// with back-pressure, so a city's worth of rows never sits in one string.
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const CHUNK_CHARS = 4_000_000;

export interface CopyTextWriter {
  add(line: string): Promise<void> | undefined;
  end(): Promise<void>;
}

/**
 * A `COPY … FROM STDIN` stream (text or binary) and the promise of its end; `send` writes a
 * chunk and returns a promise only when the caller must wait for the socket to drain.
 */
export function copyInStream(
  client: pg.ClientBase,
  statement: string,
): { send: (chunk: string | Buffer) => Promise<void> | undefined; end: (last?: Buffer) => Promise<void> } {
  const stream = client.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  return {
    send: (chunk) => (stream.write(chunk) ? undefined : new Promise((resolve) => stream.once('drain', resolve))),
    end: async (last) => {
      if (last === undefined) stream.end();
      else stream.end(last);
      await done;
    },
  };
}

/** A COPY in progress; add() returns a promise only when the caller must wait for the socket. */
export function copyTextWriter(client: pg.ClientBase, statement: string): CopyTextWriter {
  const stream = copyInStream(client, statement);
  let buffer: string[] = [];
  let size = 0;
  const flush = (): Promise<void> | undefined => {
    if (buffer.length === 0) return undefined;
    const text = buffer.join('');
    buffer = [];
    size = 0;
    return stream.send(text);
  };
  return {
    add(line) {
      buffer.push(line);
      size += line.length;
      return size > CHUNK_CHARS ? flush() : undefined;
    },
    async end() {
      await flush();
      await stream.end();
    },
  };
}

export async function copyText(client: pg.ClientBase, statement: string, lines: Iterable<string>): Promise<void> {
  const w = copyTextWriter(client, statement);
  for (const line of lines) {
    const wait = w.add(line);
    if (wait !== undefined) await wait;
  }
  await w.end();
}
