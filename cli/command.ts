// The shape every `xueliang` subcommand has: a name, help text, its flags, and a run function.
// Flags are parsed with node:util parseArgs; --help and --json are added to every command.
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  json: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage lines and flag descriptions, printed by --help. */
  help: string;
  options?: OptionSpec;
  allowPositionals?: boolean;
  /** Returns the exit code (0 when omitted). */
  run(ctx: CommandContext): Promise<number | void>;
}

export function defineCommand(command: Command): Command {
  return command;
}

/** Reads a string flag, or undefined when absent. */
export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads a numeric flag, failing with the flag's name when it is not a number. */
export function numberFlag(ctx: CommandContext, name: string): number | undefined {
  const raw = stringFlag(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got "${raw}"`);
  return n;
}
