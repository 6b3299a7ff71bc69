// The daily record behind 联网率 over time (gb_networked_daily, migration 0122): while the SIP
// server runs, every networkedRecordMs it writes whether each camera in service is networked now
// (the health vocabulary's rule, in SQL xl_camera_networked) into today's row, so each past day
// keeps its state near the day's end, as camera_status_daily keeps the ONVIF side's days. Days are
// the dataset's days (its time zone, settings time_zone), as every date rule counts them. A day the server did not run
// has no rows: its 联网率 is unknown (null), not 0.
import type pg from 'pg';
import { readTimeZone } from '../../db/dataset-time';
import { loadSql } from '../../db/sql';
import { dayIn } from '../../vocabulary/dataset-time';

const RECORD = loadSql(import.meta.url, 'sql/record-networked-day.sql');

export class NetworkedRecorder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly pool: Pick<pg.Pool, 'query'>,
    private readonly everyMs: number,
    private readonly onError: (err: Error) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    void this.tick();
  }

  /** Records today now; resolves to the rows written (new or changed). One record at a time. */
  async record(now = Date.now()): Promise<number> {
    if (this.running !== undefined) return this.running;
    this.running = (async () => {
      const res = await this.pool.query(RECORD, [dayIn(await readTimeZone(this.pool), now)]);
      return res.rowCount ?? 0;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined); // its error was reported by tick()
  }

  private async tick(): Promise<void> {
    try {
      await this.record();
    } catch (err) {
      this.onError(err as Error);
    }
  }
}
