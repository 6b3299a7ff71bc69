// 在线率/完好率/联网率 thresholds per admin area: stored per area code (status_thresholds, migrations
// 0032 and 0140),
// inherited town → county → city → default. The default is the settings key `status_thresholds`
// (which the coverage report reads too) over the built-in policy figures. Changes are audited
// and announced (NOTIFY status_thresholds) in the same transaction as the write.
import type pg from 'pg';
import { inTransaction } from '../../../db/transaction';
import { recordAudit } from '../audit/record-audit';
import { BadRequestError, NotFoundError } from '../../errors';
import { loadSql } from '../../../db/sql';
import {
  defaultEffective,
  resolveThresholds,
  THRESHOLD_RATES,
  type EffectiveThresholds,
  type RateThresholds,
  type ThresholdRate,
} from './threshold-inheritance';

const AREAS = loadSql(import.meta.url, 'threshold-areas.sql');
const ROWS = loadSql(import.meta.url, 'threshold-rows.sql');
const ROW = loadSql(import.meta.url, 'threshold-row.sql');
const UPSERT = loadSql(import.meta.url, 'upsert-threshold.sql');
const DELETE = loadSql(import.meta.url, 'delete-threshold.sql');
const AREA = loadSql(import.meta.url, 'area-exists.sql');
const DEFAULTS = loadSql(import.meta.url, 'default-thresholds.sql');
const UPSERT_DEFAULTS = loadSql(import.meta.url, 'upsert-default-thresholds.sql');
const ANNOUNCE = loadSql(import.meta.url, 'announce-thresholds.sql');

type Db = Pick<pg.Pool, 'query'>;

/**
 * Policy figures: 完好率 ≥ 98 % in key public areas (发改高技〔2015〕996号); 联网率 100 % (the plan's
 * national figure: 全网共享); 在线率 95 %. The seed plan names no figure of its own, so the demo
 * county inherits these.
 */
export const BUILT_IN_THRESHOLDS: Readonly<RateThresholds> = Object.freeze({ online: 0.95, working: 0.98, networked: 1 });

/** The area code that stands for the city-wide default in the API and the CLI. */
export const DEFAULT_AREA = 'default';

export interface OwnThresholdRow {
  areaCode: string;
  online: number | null;
  working: number | null;
  networked: number | null;
  note: string;
  updatedAt: string;
  updatedBy: string;
}

export interface AreaThresholds {
  areaCode: string;
  areaName: string;
  level: 'city' | 'county' | 'town';
  parentCode: string | null;
  /** What this area sets itself (null: it inherits every rate). */
  own: OwnThresholdRow | null;
  effective: EffectiveThresholds;
}

export interface ThresholdTable {
  /** The default and where each value comes from: 'settings' (status_thresholds) or 'built-in'. */
  default: RateThresholds & Record<`${ThresholdRate}Source`, 'settings' | 'built-in'>;
  areas: AreaThresholds[];
  /** Rows for codes no admin area has (areas reloaded or renamed); kept, not applied. */
  unmatched: OwnThresholdRow[];
}

const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;

interface RawOwn {
  areaCode: string;
  online: number | null;
  working: number | null;
  networked: number | null;
  note: string;
  updatedAt: Date;
  updatedBy: string;
}
const own = (r: RawOwn): OwnThresholdRow => ({ ...r, updatedAt: r.updatedAt.toISOString() });

async function storedDefaults(db: Db): Promise<Partial<RateThresholds>> {
  const v = (await db.query<{ value: unknown }>(DEFAULTS)).rows[0]?.value;
  const o = (v !== null && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const out: Partial<RateThresholds> = {};
  for (const k of THRESHOLD_RATES) {
    const v = o[k];
    if (isRate(v)) out[k] = v;
  }
  return out;
}

export async function thresholdTable(db: Db): Promise<ThresholdTable> {
  const stored = await storedDefaults(db);
  const defaults = { ...BUILT_IN_THRESHOLDS, ...stored };
  const areas = (await db.query<{ code: string; name: string; level: AreaThresholds['level']; parentCode: string | null }>(AREAS)).rows;
  const rows = (await db.query<RawOwn>(ROWS)).rows.map(own);
  const effective = resolveThresholds(areas, rows, defaults);
  const byCode = new Map(rows.map((r) => [r.areaCode, r]));
  const known = new Set(areas.map((a) => a.code));
  return {
    default: {
      ...defaults,
      onlineSource: stored.online === undefined ? 'built-in' : 'settings',
      workingSource: stored.working === undefined ? 'built-in' : 'settings',
      networkedSource: stored.networked === undefined ? 'built-in' : 'settings',
    },
    areas: areas.map((a) => ({
      areaCode: a.code,
      areaName: a.name,
      level: a.level,
      parentCode: a.parentCode,
      own: byCode.get(a.code) ?? null,
      effective: effective.get(a.code)!,
    })),
    unmatched: rows.filter((r) => !known.has(r.areaCode)),
  };
}

/** Effective thresholds per area code, the default, and the fleet's (its single top area's, else the default). */
export async function effectiveThresholds(
  db: Db,
): Promise<{ byCode: Map<string, EffectiveThresholds>; defaults: EffectiveThresholds; fleet: EffectiveThresholds }> {
  const table = await thresholdTable(db);
  const byCode = new Map(table.areas.map((a) => [a.areaCode, a.effective]));
  const defaults = defaultEffective({ online: table.default.online, working: table.default.working, networked: table.default.networked });
  const tops = table.areas.filter((a) => a.parentCode === null);
  return { byCode, defaults, fleet: tops.length === 1 ? tops[0]!.effective : defaults };
}

export interface Actor {
  id: number | null;
  username: string;
  address?: string | null;
}

/** `undefined` keeps the current value; `null` inherits (for the default: back to built-in). */
export type ThresholdInput = Partial<Record<ThresholdRate, number | null>> & { note?: string };

export interface ThresholdChange {
  areaCode: string;
  before: Partial<RateThresholds> | OwnThresholdRow | null;
  after: Partial<RateThresholds> | OwnThresholdRow | null;
}

function checkRate(name: ThresholdRate, v: number | null | undefined): void {
  if (v === undefined || v === null) return;
  if (!isRate(v)) throw new BadRequestError(`${name} must be a fraction between 0 and 1 (0.95 = 95 %), got ${String(v)}.`, { field: name });
}

/** Sets an area's (or the default's) thresholds, audited as `set` of entity `status_thresholds`. */
export async function setThresholds(pool: pg.Pool, areaCode: string, input: ThresholdInput, actor: Actor): Promise<ThresholdChange> {
  for (const k of THRESHOLD_RATES) checkRate(k, input[k]);
  if (THRESHOLD_RATES.every((k) => input[k] === undefined))
    throw new BadRequestError('Give online, working and/or networked.', { field: 'online' });
  return inTransaction(pool, async (client) => {
    let change: ThresholdChange;
    if (areaCode === DEFAULT_AREA) {
      const before = await storedDefaults(client);
      const after: Partial<RateThresholds> = { ...before };
      for (const k of THRESHOLD_RATES) {
        const v = input[k];
        if (v === null) delete after[k];
        else if (v !== undefined) after[k] = v;
      }
      await client.query(UPSERT_DEFAULTS, [JSON.stringify(after)]);
      change = { areaCode, before, after };
    } else {
      if ((await client.query(AREA, [areaCode])).rows.length === 0)
        throw new NotFoundError(`No admin area with code ${areaCode}: see \`xueliang thresholds list\` for the codes.`, {
          field: 'areaCode',
        });
      const cur = (await client.query<RawOwn>(ROW, [areaCode])).rows.map(own)[0] ?? null;
      const next = (k: ThresholdRate) => (input[k] === undefined ? (cur?.[k] ?? null) : input[k]);
      const [online, working, networked] = [next('online'), next('working'), next('networked')];
      let after: OwnThresholdRow | null = null;
      if (online === null && working === null && networked === null) await client.query(DELETE, [areaCode]);
      else
        after = (
          await client.query<RawOwn>(UPSERT, [areaCode, online, working, input.note ?? cur?.note ?? '', actor.username, networked])
        ).rows.map(own)[0]!;
      change = { areaCode, before: cur, after };
    }
    await recordAudit(client, {
      actor,
      action: 'set',
      entity: 'status_thresholds',
      entityId: areaCode,
      before: change.before,
      after: change.after,
      address: actor.address ?? null,
    });
    // Delivered at commit to every server (api/domain/events/event-hub.ts INTERNAL_CHANNELS): the
    // command center's cached reads carry thresholds and are dropped at once, from the CLI too.
    await client.query(ANNOUNCE, [areaCode]);
    return change;
  });
}

/** Removes an area's own thresholds (it inherits again), or resets the default to built-in. */
export async function clearThresholds(pool: pg.Pool, areaCode: string, actor: Actor): Promise<ThresholdChange> {
  return setThresholds(pool, areaCode, { online: null, working: null, networked: null }, actor);
}
