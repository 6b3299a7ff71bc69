// `xueliang <command>`: dispatches to the subcommands listed in cli/commands/index.ts.
import { parseArgs } from 'node:util';
import { UserFacingError } from '../db/errors';
import { commands } from './commands/index';
import type { Command } from './command';
import { setJsonMode } from './output';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Xueliang (雪亮): video coverage and camera health for a city's public video network.",
    '',
    'Usage: xueliang <command> [options]     (xueliang <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command uses DATABASE_URL when set, else the private cluster under .data/pg (started on demand).',
  ].join('\n');
}

async function runCommand(command: Command, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...command.options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
    allowPositionals: command.allowPositionals ?? false,
    strict: true,
  });
  if (values.help === true) {
    console.log(`xueliang ${command.name}: ${command.summary}\n\n${command.help}`);
    return 0;
  }
  const json = values.json === true;
  setJsonMode(json);
  const code = await command.run({ values, positionals, json });
  return code ?? 0;
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  return runCommand(command, rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UserFacingError) {
      console.error(`error: ${err.message}`);
      process.exitCode = err.exitCode;
    } else if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`error: ${err.message} (see xueliang ${process.argv[2]} --help)`);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);
