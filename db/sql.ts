// SQL lives in .sql files next to the code that runs it (one query per file, named by intent),
// read once at module load. Values always go through bound parameters ($1, $2, ...).
import { readFileSync } from 'node:fs';

/** Reads `name` relative to the calling module: `const FIND = loadSql(import.meta.url, 'find-user.sql')`. */
export function loadSql(moduleUrl: string, name: string): string {
  return readFileSync(new URL(name, moduleUrl), 'utf8');
}
