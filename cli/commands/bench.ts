import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand } from '../command';
import { REPO_ROOT } from '../../db/cluster';
import { UserFacingError } from '../../db/errors';

const SUITES = ['coverage', 'agent', 'api', 'siting', 'web', 'gb28181'] as const;

/** Each benchmark is a module bench/<suite>.ts whose default export takes the remaining argv. */
type BenchMain = (argv: string[]) => Promise<void>;

export default defineCommand({
  name: 'bench',
  summary: 'run a benchmark: coverage, agent, api, siting, web, gb28181, or all (npm run bench:<suite>)',
  help: `Usage: xueliang bench <coverage|agent|api|siting|web|gb28181|all> [suite options]

Each suite prints its sizes, timings and ratios, and writes a JSON report to bench-results/.
  coverage  --scale S|M|L   coverage engine phases against the per-target local union
            [--status demo|none]  camera states: the demo county's mix (default) or none
  agent     --cameras N     ONVIF polling of simulated cameras (cycle time, lag, memory)
  api       --scale S|M     autocannon against a camera tile, the coverage summary and the
            command center's reads, the server in its own process
            [--duration S] [--connections N] [--profile] [--only WORDS]  (WORDS: comma-separated
            parts of the paths to measure, e.g. status,alarms) [--identity]  (no gzip)
  siting    [--quick]       site suggestion: greedy, local search and the HiGHS bound
  web       --scale demo|M  the engineer's journey in headless Chromium: login → map drawn,
                            a date on the slider, GET /coverage?asOf= p50, 20 suggested sites
            [--runs N] [--dates N] [--regenerate] [--as-of-only]  (GET /coverage?asOf= alone, no browser)
  gb28181   [--devices N] [--channels N] [--interval S] [--port N]  GB/T 28181 SIP server:
            registrations, keepalives, offline detection, a lower platform's catalog
            [--steady S] [--silence N] [--rate N] [--profile] [--server-node-flags=FLAGS]
            (FLAGS: Node/V8 flags for the server process alone, for memory experiments)
The figures measured on the reference machine are in README.md, section "Performance".`,
  allowPositionals: true,
  options: {
    scale: { type: 'string' },
    cameras: { type: 'string' },
    quick: { type: 'boolean' },
    'time-limit': { type: 'string' },
    agents: { type: 'string' },
    duration: { type: 'string' },
    concurrency: { type: 'string' },
    connections: { type: 'string' },
    moves: { type: 'string' },
    regenerate: { type: 'boolean' },
    runs: { type: 'string' },
    dates: { type: 'string' },
    status: { type: 'string' },
    devices: { type: 'string' },
    channels: { type: 'string' },
    interval: { type: 'string' },
    steady: { type: 'string' },
    silence: { type: 'string' },
    port: { type: 'string' },
    profile: { type: 'boolean' },
    rate: { type: 'string' },
    'server-node-flags': { type: 'string' },
    only: { type: 'string' },
    identity: { type: 'boolean' },
    'as-of-only': { type: 'boolean' },
  },
  async run(ctx) {
    const [suite = 'all'] = ctx.positionals;
    const names = suite === 'all' ? [...SUITES] : [suite];
    // Pass the flags through unchanged so each suite parses its own.
    const argv = process.argv.slice(process.argv.indexOf(suite) + 1).filter((a) => a !== suite);
    for (const name of names) {
      if (!(SUITES as readonly string[]).includes(name))
        throw new UserFacingError(`Unknown benchmark "${name}": use ${SUITES.join(', ')} or all.`);
      const file = join(REPO_ROOT, 'bench', `${name}.ts`);
      if (!existsSync(file)) throw new UserFacingError(`The ${name} benchmark (bench/${name}.ts) does not exist yet.`);
      const mod = (await import(file)) as { default: BenchMain };
      await mod.default(argv);
    }
  },
});
