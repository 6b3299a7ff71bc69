// The daily history of parts (coverage_history) made in the city pass, by the rule of
// store-history.sql: a row on each day a camera reaching the part was installed or removed
// (from the start for cameras without an install date), holding the part's covered amount with
// the cameras in service that day, which of them see it and whether one of them rests on an
// assumed value; at the last such day, if it is not after today, today's design result. A date's
// figures are each part's latest row on or before it (rates-as-of.sql), so any day of the time
// slider is answered without evaluating a part. The pass knows which cameras reach each part and
// how (a road's intervals, a polygon's within/partly), so most rows need no geometry: only a
// polygon partly seen by every camera in service that day goes to GEOS (xl_part_coverage at that
// date). store-history.sql states the same rule in SQL; a test holds the two to the same rows.
import type pg from 'pg';
import { copyText } from '../db/copy-text';
import { runBatches, type BatchFailure, type BatchOptions } from '../db/run-batches';
import { SQL } from './sql';

export interface Dated {
  /** YYYY-MM-DD or null (installed from the start / never removed). */
  install: string | null;
  removal: string | null;
}

/** A camera reaching a part: its service dates, id and whether its footprint rests on assumed values. */
export interface DatedCamera extends Dated {
  cameraId: number;
  assumed: boolean;
}

const START = '1900-01-01';

export function inServiceAt(c: Dated, date: string): boolean {
  return (c.install === null || c.install <= date) && (c.removal === null || c.removal > date);
}

/** The days on which the cameras' service changes, ascending. */
export function eventDays(cameras: Dated[]): string[] {
  const set = new Set<string>();
  for (const c of cameras) {
    set.add(c.install ?? START);
    if (c.removal !== null) set.add(c.removal);
  }
  return [...set].sort();
}

/** A part's covered amount with the cameras flagged in service; 'overlay' when GEOS must say (the city pass's overlay failed). */
export type CoveredWith = (inService: boolean[]) => number | 'overlay';

/** History rows that need the database: today's design result, or GEOS on a day. */
export interface HistoryLeftovers {
  fromDesign: { parts: number[]; days: string[] };
  overlay: { parts: number[]; days: string[] };
}

export class HistoryRows {
  private readonly lines: string[] = [];
  private readonly left: HistoryLeftovers = { fromDesign: { parts: [], days: [] }, overlay: { parts: [], days: [] } };

  constructor(private readonly today: string) {}

  /**
   * One part: `cameras` reach it (any service state), `designCovered` is today's design result
   * when known here (undefined when GEOS makes it).
   */
  add(partId: number, cameras: DatedCamera[], designCovered: number | undefined, coveredWith: CoveredWith): void {
    if (cameras.length === 0) return;
    const days = eventDays(cameras);
    const todayMask = cameras.map((c) => inServiceAt(c, this.today));
    for (const d of days) {
      // The same cameras in service as today (always so at a last event day not after today,
      // which is where store-history.sql takes the design result): today's design result.
      const mask = cameras.map((c) => inServiceAt(c, d));
      const covered = mask.every((v, k) => v === todayMask[k]) ? designCovered : coveredWith(mask);
      if (covered === undefined) {
        this.left.fromDesign.parts.push(partId);
        this.left.fromDesign.days.push(d);
      } else if (covered === 'overlay') {
        this.left.overlay.parts.push(partId);
        this.left.overlay.days.push(d);
      } else {
        // As xl_part_coverage says them: the in-service cameras that touch the part, by id.
        const seen = cameras.filter((_, k) => mask[k]).sort((a, b) => a.cameraId - b.cameraId);
        const ids = `{${seen.map((c) => c.cameraId).join(',')}}`;
        this.lines.push(`${partId}\t${d}\t${covered}\t${ids}\t${seen.some((c) => c.assumed) ? 't' : 'f'}\n`);
      }
    }
  }

  /** Writes the rows made here (coverage_history emptied before) on one session. */
  async copy(client: pg.ClientBase): Promise<void> {
    await copyText(client, 'COPY coverage_history (part_id, from_day, covered, camera_ids, assumed) FROM STDIN', this.lines);
  }

  /** The rows left to the database (after the design results are stored). */
  leftovers(): HistoryLeftovers {
    return this.left;
  }
}

/** Stores the rows HistoryRows left to the database; returns the parts GEOS failed on. */
export async function storeHistoryLeftovers(pool: pg.Pool, all: HistoryLeftovers[], o: BatchOptions): Promise<BatchFailure[]> {
  const fromDesign = { parts: all.flatMap((l) => l.fromDesign.parts), days: all.flatMap((l) => l.fromDesign.days) };
  if (fromDesign.parts.length > 0) await pool.query(SQL.historyFromDesign, [fromDesign.parts, fromDesign.days]);
  const parts = all.flatMap((l) => l.overlay.parts);
  const days = all.flatMap((l) => l.overlay.days);
  const index = parts.map((_, i) => i);
  const failures = await runBatches(pool, SQL.historyAt, index, (b) => [b.map((i) => parts[i]), b.map((i) => days[i])], {
    ...o,
    batchSize: 500,
  });
  return failures.map((f) => ({ id: parts[f.id]!, message: f.message }));
}
