// The month-end history of parts (coverage_history) made in the city pass, by the rule of
// store-history.sql: a row at each month end when a camera reaching the part was installed or
// removed (from the start for cameras without an install date), holding the part's covered
// amount with the cameras in service then; at the last such month, if it is not after today,
// today's design result. The pass knows which cameras reach each part and how (a road's
// intervals, a polygon's within/partly), so most rows need no geometry: only a polygon partly
// seen by every camera in service that month goes to GEOS (xl_part_coverage at that date).
// store-history.sql states the same rule in SQL; a test holds the two to the same rows.
import type pg from 'pg';
import { copyText } from '../db/copy-text';
import { runBatches, type BatchFailure, type BatchOptions } from '../db/run-batches';
import { SQL } from './sql';

export interface Dated {
  /** YYYY-MM-DD or null (installed from the start / never removed). */
  install: string | null;
  removal: string | null;
}

const START = '1900-01-01';

/** The last day of the date's month (xl_month_end). */
export function monthEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

export function inServiceAt(c: Dated, date: string): boolean {
  return (c.install === null || c.install <= date) && (c.removal === null || c.removal > date);
}

/** The month ends at which the cameras' service changes, ascending. */
export function eventMonths(cameras: Dated[]): string[] {
  const set = new Set<string>();
  for (const c of cameras) {
    set.add(monthEnd(c.install ?? START));
    if (c.removal !== null) set.add(monthEnd(c.removal));
  }
  return [...set].sort();
}

/** A part's covered amount with the cameras flagged in service; 'overlay' when GEOS must say (the city pass's overlay failed). */
export type CoveredWith = (inService: boolean[]) => number | 'overlay';

/** History rows that need the database: today's design result, or GEOS at a month end. */
export interface HistoryLeftovers {
  fromDesign: { parts: number[]; months: string[] };
  overlay: { parts: number[]; months: string[] };
}

export class HistoryRows {
  private readonly lines: string[] = [];
  private readonly left: HistoryLeftovers = { fromDesign: { parts: [], months: [] }, overlay: { parts: [], months: [] } };

  constructor(private readonly today: string) {}

  /**
   * One part: `cameras` reach it (any service state), `designCovered` is today's design result
   * when known here (undefined when GEOS makes it).
   */
  add(partId: number, cameras: Dated[], designCovered: number | undefined, coveredWith: CoveredWith): void {
    if (cameras.length === 0) return;
    const months = eventMonths(cameras);
    const todayMask = cameras.map((c) => inServiceAt(c, this.today));
    for (const m of months) {
      // The same cameras in service as today (always so at a last event month not after today,
      // which is where store-history.sql takes the design result): today's design result.
      const mask = cameras.map((c) => inServiceAt(c, m));
      const covered = mask.every((v, k) => v === todayMask[k]) ? designCovered : coveredWith(mask);
      if (covered === undefined) {
        this.left.fromDesign.parts.push(partId);
        this.left.fromDesign.months.push(m);
      } else if (covered === 'overlay') {
        this.left.overlay.parts.push(partId);
        this.left.overlay.months.push(m);
      } else this.lines.push(`${partId}\t${m}\t${covered}\n`);
    }
  }

  /** Writes the rows made here (coverage_history emptied before) on one session. */
  async copy(client: pg.ClientBase): Promise<void> {
    await copyText(client, 'COPY coverage_history (part_id, from_month, covered) FROM STDIN', this.lines);
  }

  /** The rows left to the database (after the design results are stored). */
  leftovers(): HistoryLeftovers {
    return this.left;
  }
}

/** Stores the rows HistoryRows left to the database; returns the parts GEOS failed on. */
export async function storeHistoryLeftovers(pool: pg.Pool, all: HistoryLeftovers[], o: BatchOptions): Promise<BatchFailure[]> {
  const fromDesign = { parts: all.flatMap((l) => l.fromDesign.parts), months: all.flatMap((l) => l.fromDesign.months) };
  if (fromDesign.parts.length > 0) await pool.query(SQL.historyFromDesign, [fromDesign.parts, fromDesign.months]);
  const parts = all.flatMap((l) => l.overlay.parts);
  const months = all.flatMap((l) => l.overlay.months);
  const index = parts.map((_, i) => i);
  const failures = await runBatches(pool, SQL.historyAt, index, (b) => [b.map((i) => parts[i]), b.map((i) => months[i])], {
    ...o,
    batchSize: 500,
  });
  return failures.map((f) => ({ id: parts[f.id]!, message: f.message }));
}
