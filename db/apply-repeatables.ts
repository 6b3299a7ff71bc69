// Applies repeatable files (repeatable.ts) inside the caller's transaction and the migrate lock.
// A file whose checksum differs from the one recorded in schema_repeatables (or that has none)
// is run as it is: CREATE OR REPLACE keeps the object, so the views that use a function, the
// triggers that call it and the sessions that cache it are undisturbed.
//
// Where CREATE OR REPLACE cannot do the change, the old definition goes first:
// - a different result type or parameter names (PostgreSQL refuses the replace): the object is
//   dropped and the file run again;
// - different parameter types (the replace made a second overload): the overload the file did
//   not redefine is dropped.
// Repeatable views and routines that depend on a dropped object are dropped before it and made
// again from their own files; anything else that depends on it (a column default, a CHECK, a
// trigger, an index) stops the migration with PostgreSQL's list of dependents, and the caller
// rolls everything back. A recorded file that no longer exists has its object dropped the same way.
import type pg from 'pg';
import { UserFacingError } from './errors';
import type { Repeatable } from './repeatable';
import { loadSql } from './sql';

const OBJECTS_NAMED = loadSql(import.meta.url, 'queries/objects-named.sql');
const DEPENDENTS = loadSql(import.meta.url, 'queries/dependents.sql');
const SELECT_RECORDED = loadSql(import.meta.url, 'queries/select-repeatables.sql');
const RECORD = loadSql(import.meta.url, 'queries/record-repeatable.sql');
const FORGET = loadSql(import.meta.url, 'queries/forget-repeatable.sql');
const MISSING = loadSql(import.meta.url, 'queries/missing-objects.sql');

// invalid_function_definition (result type, parameter names or defaults), invalid_table_definition
// (a view's columns), wrong_object_type (a function that became an aggregate, or the reverse).
const CANNOT_REPLACE = new Set(['42P13', '42P16', '42809']);

interface DbObject {
  kind: 'routine' | 'view';
  oid: number;
  identity: string;
  version: string;
  drop: string;
}

export interface RepeatableResult {
  /** Files applied in this run, in the order they were applied. */
  applied: string[];
  /** Objects dropped because their file was deleted. */
  dropped: string[];
  /** Files that were already current. */
  unchanged: number;
}

type PgError = Error & { code?: string; detail?: string };
const pgMessage = (err: unknown) => {
  const e = err as PgError;
  return e.detail === undefined ? e.message : `${e.message} (${e.detail})`;
};

export class RepeatableRun {
  private readonly byName: Map<string, Repeatable>;
  private readonly applied: string[] = [];
  private readonly dropped: string[] = [];
  /** Dropped as dependents of something else: made again whatever their checksum. */
  private readonly remake = new Set<string>();

  private constructor(
    private readonly client: pg.Client,
    private readonly files: Repeatable[],
    private readonly recorded: Map<string, string>,
    private readonly log: (line: string) => void,
  ) {
    this.byName = new Map(files.map((f) => [f.name, f]));
  }

  static async start(client: pg.Client, files: Repeatable[], log: (line: string) => void): Promise<RepeatableRun> {
    const { rows } = await client.query<{ name: string; checksum: string }>(SELECT_RECORDED);
    return new RepeatableRun(client, files, new Map(rows.map((r) => [r.name, r.checksum])), log);
  }

  /**
   * Applies the files that are not current, in order: all of them, or only `names` and what they
   * reference (a numbered migration's `requires`). Not current: the text changed since it was
   * recorded, or the object is gone (a numbered migration dropped it).
   */
  async apply(names?: string[]): Promise<void> {
    const scope = names === undefined ? null : this.withReferences(names);
    const inScope = this.files.filter((f) => scope === null || scope.has(f.name)).map((f) => f.name);
    const { rows } = await this.client.query<{ name: string }>(MISSING, [inScope]);
    for (const { name } of rows) this.recorded.delete(name);
    for (const f of this.files) {
      if (scope !== null && !scope.has(f.name) && !this.remake.has(f.name)) continue;
      if (this.recorded.get(f.name) === f.checksum && !this.remake.has(f.name)) continue;
      await this.applyFile(f);
    }
    // A dependent is made again after what it depends on, which comes before it in the order; one
    // that PostgreSQL knows of but the file does not name (no reference found) is made here.
    for (const name of [...this.remake]) await this.applyFile(this.byName.get(name)!);
  }

  /** Drops the objects of recorded files that no longer exist, and forgets them. */
  async dropRemoved(): Promise<void> {
    for (const name of [...this.recorded.keys()].sort()) {
      if (this.byName.has(name)) continue;
      this.log(`dropping ${name} (its repeatable file was deleted)`);
      await this.dropWithDependents(await this.objectsNamed(name), `${name} (its file was deleted)`);
      await this.client.query(FORGET, [name]);
      this.recorded.delete(name);
      this.dropped.push(name);
    }
    await this.apply([]);
  }

  result(): RepeatableResult {
    const applied = [...new Set(this.applied)];
    return { applied, dropped: this.dropped, unchanged: this.files.length - applied.length };
  }

  private withReferences(names: string[]): Set<string> {
    const scope = new Set<string>();
    const add = (name: string) => {
      if (scope.has(name)) return;
      scope.add(name);
      for (const d of this.byName.get(name)?.dependsOn ?? []) add(d);
    };
    names.forEach(add);
    return scope;
  }

  private async applyFile(f: Repeatable): Promise<void> {
    this.log(`applying repeatable/${f.file}`);
    const before = await this.objectsNamed(f.name);
    await this.client.query('SAVEPOINT xl_repeatable');
    try {
      await this.client.query(f.sql);
    } catch (err) {
      await this.client.query('ROLLBACK TO SAVEPOINT xl_repeatable');
      if (!CANNOT_REPLACE.has((err as PgError).code ?? '')) throw fileError(f, err);
      // Replacing is not possible: drop the old definition (and repeatable dependents), run again.
      await this.dropWithDependents(before, f.file);
      try {
        await this.client.query(f.sql);
      } catch (again) {
        throw fileError(f, again);
      }
    }
    await this.client.query('RELEASE SAVEPOINT xl_repeatable');
    const after = await this.objectsNamed(f.name);
    if (after.length === 0)
      throw new UserFacingError(
        `migrations/repeatable/${f.file} must create or replace a function or view named ${f.name}, and it did not. A repeatable file is named after what it defines.`,
      );
    // Routines of that name the file did not rewrite are overloads with the old parameters.
    const stale = before.filter((b) => b.kind === 'routine' && after.some((a) => a.oid === b.oid && a.version === b.version));
    if (stale.length > 0) await this.dropWithDependents(stale, f.file);
    await this.client.query(RECORD, [f.name, f.checksum]);
    this.recorded.set(f.name, f.checksum);
    this.remake.delete(f.name);
    this.applied.push(f.file);
  }

  private async dropWithDependents(objects: DbObject[], why: string): Promise<void> {
    if (objects.length === 0) return;
    const oids = (kind: DbObject['kind']) => objects.filter((o) => o.kind === kind).map((o) => o.oid);
    const { rows } = await this.client.query<{ name: string }>(DEPENDENTS, [oids('routine'), oids('view')]);
    for (const { name } of rows) {
      // Not one of ours: the DROP below fails and PostgreSQL names it.
      if (!this.byName.has(name)) continue;
      await this.dropWithDependents(await this.objectsNamed(name), why);
      this.remake.add(name);
    }
    for (const o of objects) {
      this.log(`dropping ${o.identity}`);
      try {
        await this.client.query(o.drop);
      } catch (err) {
        throw new UserFacingError(
          `Applying ${why} needs ${o.identity} dropped (its parameters, result or columns changed), but other objects depend on it: ${pgMessage(err)}. ` +
            'Drop those in a numbered migration first, and add them back in a later one that says "-- requires: <name>".',
        );
      }
    }
  }

  private async objectsNamed(name: string): Promise<DbObject[]> {
    return (await this.client.query<DbObject>(OBJECTS_NAMED, [name])).rows;
  }
}

function fileError(f: Repeatable, err: unknown): UserFacingError {
  return new UserFacingError(`Repeatable file migrations/repeatable/${f.file} failed: ${pgMessage(err)}`);
}
