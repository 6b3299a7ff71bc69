// `xueliang thresholds`: the 在线率/完好率/联网率 thresholds per admin area. `list` shows the default and
// every area's own and effective values; `set` and `clear` change them (audited as the CLI user).
import { defineCommand, numberFlag, stringFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { ApiError } from '../../api/errors';
import { cliActor } from '../actor';
import { clearThresholds, DEFAULT_AREA, setThresholds, thresholdTable, type ThresholdInput } from '../../api/domain/status/thresholds';
import { THRESHOLD_RATES, type ThresholdRate } from '../../api/domain/status/threshold-inheritance';

const CLI_ACTOR = cliActor();
const pct = (v: number): string => `${Number((v * 100).toFixed(2))} %`;

/** --online 95 → 0.95; "inherit" → null (take the parent area's value). */
function percentFlag(ctx: Parameters<typeof numberFlag>[0], name: ThresholdRate): number | null | undefined {
  const raw = stringFlag(ctx, name);
  if (raw === undefined) return undefined;
  if (raw === 'inherit') return null;
  const v = numberFlag(ctx, name)!;
  if (v < 0 || v > 100) throw new UserFacingError(`--${name} is a percentage between 0 and 100 (or "inherit"), got ${raw}.`, 2);
  return v / 100;
}

export default defineCommand({
  name: 'thresholds',
  summary: '在线率 / 完好率 / 联网率 thresholds per admin area: list, set, clear',
  help: `Usage:
  xueliang thresholds list [--json]
  xueliang thresholds set --area CODE|default [--online PCT|inherit] [--working PCT|inherit] [--networked PCT|inherit] [--note TEXT] [--json]
  xueliang thresholds clear --area CODE|default [--json]

Thresholds are percentages on the command line (95 = 95 %) and fractions in --json and the API.
A town without its own value takes its county's, a county the city's, the city the default
("default": settings key status_thresholds, else the built-in 在线率 95 %, 完好率 98 %, 联网率 100 %).
Each rate inherits on its own: "set --area 610902 --working 97" keeps the inherited 在线率 and 联网率.
"inherit" removes one rate from an area; clear removes all (for default: back to built-in).
Every change is written to the audit log as cli:$USER.`,
  allowPositionals: true,
  options: {
    area: { type: 'string' },
    online: { type: 'string' },
    working: { type: 'string' },
    networked: { type: 'string' },
    note: { type: 'string' },
  },
  async run(ctx) {
    const sub = ctx.positionals[0] ?? 'list';
    if (!['list', 'set', 'clear'].includes(sub)) throw new UserFacingError(`Unknown subcommand "${sub}": use list, set or clear.`, 2);
    const area = stringFlag(ctx, 'area');
    if (sub !== 'list') {
      if (area === undefined)
        throw new UserFacingError(
          `thresholds ${sub} needs --area CODE (an admin area code, see \`xueliang thresholds list\`) or --area default.`,
          2,
        );
      if (area !== DEFAULT_AREA && !/^[0-9]{6,12}$/.test(area))
        throw new UserFacingError(`--area must be a 6-12 digit admin area code or "default", got "${area}".`, 2);
    }
    const input: ThresholdInput = {};
    if (sub === 'set') {
      for (const k of THRESHOLD_RATES) {
        const v = percentFlag(ctx, k);
        if (v !== undefined) input[k] = v;
      }
      if (THRESHOLD_RATES.every((k) => input[k] === undefined))
        throw new UserFacingError('thresholds set needs --online, --working and/or --networked (percent, or "inherit").', 2);
      const note = stringFlag(ctx, 'note');
      if (note !== undefined) input.note = note;
    }
    const db = await openDatabase({ poolSize: 2 });
    try {
      if (sub !== 'list') {
        try {
          const change =
            sub === 'set' ? await setThresholds(db.pool, area!, input, CLI_ACTOR) : await clearThresholds(db.pool, area!, CLI_ACTOR);
          if (ctx.json) {
            const table = await thresholdTable(db.pool);
            const effective =
              area === DEFAULT_AREA
                ? {
                    online: table.default.online,
                    working: table.default.working,
                    networked: table.default.networked,
                    onlineFrom: DEFAULT_AREA,
                    workingFrom: DEFAULT_AREA,
                    networkedFrom: DEFAULT_AREA,
                  }
                : (table.areas.find((a) => a.areaCode === area)?.effective ?? null);
            printJson({ ...change, effective });
            return;
          }
          info(`${sub === 'set' ? 'Set' : 'Cleared'} thresholds of ${area}.`);
        } catch (err) {
          if (err instanceof ApiError) throw new UserFacingError(err.message, 2);
          throw err;
        }
      }
      const table = await thresholdTable(db.pool);
      if (ctx.json && sub === 'list') {
        printJson(table);
        return;
      }
      const d = table.default;
      info(
        `default              在线率 ≥ ${pct(d.online)} (${d.onlineSource})  完好率 ≥ ${pct(d.working)} (${d.workingSource})  联网率 ≥ ${pct(d.networked)} (${d.networkedSource})`,
      );
      for (const a of table.areas) {
        const e = a.effective;
        const from = (f: string) => (f === a.areaCode ? 'own' : `from ${f}`);
        const indent = a.level === 'city' ? '' : a.level === 'county' ? '  ' : '    ';
        info(
          `${`${indent}${a.areaCode} ${a.areaName}`.padEnd(20)} 在线率 ≥ ${pct(e.online)} (${from(e.onlineFrom)})  完好率 ≥ ${pct(e.working)} (${from(e.workingFrom)})  联网率 ≥ ${pct(e.networked)} (${from(e.networkedFrom)})`,
        );
      }
      for (const u of table.unmatched) info(`${u.areaCode} (no such admin area now; kept, not applied)`);
    } finally {
      await db.close();
    }
  },
});
