// Repeatable files: every SQL function, aggregate, procedure and view is defined once, in
// migrations/repeatable/<its name>.sql (CREATE OR REPLACE ...), and re-applied by `migrate`
// whenever the file's checksum changes, as Flyway's R__ migrations are. Numbered migrations keep
// the schema (tables, columns, indexes, data moves) only.
//
// The order comes from the files themselves: a file that names another file's object (outside
// comments) is applied after it, because a SQL function's body is checked when it is created and
// a view needs what it selects from; files that do not reference each other go in name order.
// This module reads and orders the files; apply-repeatables.ts applies them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cluster';
import { UserFacingError } from './errors';

export const REPEATABLE_DIR = join(REPO_ROOT, 'migrations', 'repeatable');
const NAME = /^[a-z_][a-z0-9_]*$/;

export interface Repeatable {
  /** The function or view the file defines, and the file's name without `.sql`. */
  name: string;
  file: string;
  sql: string;
  checksum: string;
  /** The other repeatable objects this file references, which are applied before it. */
  dependsOn: string[];
}

/** The files of `dir` in the order they are applied; none when the folder does not exist. */
export function loadRepeatables(dir = REPEATABLE_DIR): Repeatable[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql'));
  return parseRepeatables(files.map((file) => ({ file, sql: readFileSync(join(dir, file), 'utf8') })));
}

export function parseRepeatables(entries: Array<{ file: string; sql: string }>): Repeatable[] {
  const files = [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const names = files.map(({ file }) => {
    const name = file.replace(/\.sql$/, '');
    if (!file.endsWith('.sql') || !NAME.test(name))
      throw new UserFacingError(
        `Repeatable file ${file} is not named after the function or view it defines (<name>.sql: lower-case letters, digits and _).`,
      );
    return name;
  });
  const parsed: Repeatable[] = files.map(({ file, sql }, i) => {
    const code = withoutComments(sql);
    const name = names[i]!;
    const dependsOn = names.filter((other) => other !== name && new RegExp(`(?<![\\w$])${other}(?![\\w$])`, 'i').test(code));
    return { name, file, sql, checksum: createHash('sha256').update(sql).digest('hex'), dependsOn };
  });
  return inDependencyOrder(parsed);
}

function withoutComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--.*$/gm, '');
}

// Kahn's algorithm, always taking the first ready file by name, so the order is the same everywhere.
function inDependencyOrder(files: Repeatable[]): Repeatable[] {
  const done = new Set<string>();
  const ordered: Repeatable[] = [];
  let left = files;
  while (left.length > 0) {
    const next = left.find((f) => f.dependsOn.every((d) => done.has(d)));
    if (next === undefined) throw cycleError(left);
    ordered.push(next);
    done.add(next.name);
    left = left.filter((f) => f !== next);
  }
  return ordered;
}

// What is left is one or more cycles plus files that merely depend on them: peel those off.
function cycleError(left: Repeatable[]): UserFacingError {
  let cycle = left;
  for (;;) {
    const needed = cycle.filter((f) => cycle.some((g) => g.dependsOn.includes(f.name)));
    if (needed.length === cycle.length) break;
    cycle = needed;
  }
  return new UserFacingError(
    `Repeatable files reference each other in a cycle: ${cycle.map((f) => f.file).join(', ')}. ` +
      'Each file is applied after the files whose names it mentions (outside comments); break the cycle.',
  );
}
