// Batches poll results into one transaction per flush: poll state and lease release, the status
// rows, events + NOTIFY, daily aggregates, alarms. When the database is unreachable (a restart,
// a terminated connection) the batch stays in memory and is retried: no status change is lost.
// Poll rows are merged per camera (the latest wins), events are kept in order, daily increments
// are summed, so memory stays bounded by the fleet size plus the changes.
import type pg from 'pg';
import type { DailyIncrement } from './accounting';
import type { CameraState } from '../vocabulary/camera-health';
import type { HealthMemory } from './health';
import type { UriCache } from './probe';
import { loadSql } from '../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const COMPLETE = sql('complete-polls');
const UPSERT_STATUS = sql('upsert-camera-status');
const INSERT_EVENTS = sql('insert-status-events');
const ADD_DAILY = sql('add-daily-aggregates');
const RAISE_ALARMS = sql('raise-alarms');
const CLEAR_ALARMS = sql('clear-alarms');

export interface PollRecord {
  cameraId: number;
  deviceId: string;
  polledAt: number;
  nextDueAt: number;
  state: CameraState;
  reason: string;
  since: number;
  previousState: CameraState | null;
  changed: boolean;
  clockOffsetMs: number | null;
  latencyMs: number;
  authScheme: string | null;
  /** From GetDeviceInformation; absent or null when not read this poll. */
  manufacturer?: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  uriCache: UriCache | null;
  snapshotAt: number | null;
  memory: HealthMemory;
  daily: DailyIncrement[];
}

interface StatusEvent {
  cameraId: number;
  state: CameraState;
  previousState: CameraState | null;
  reason: string;
  at: number;
  payload: string;
}

export interface WriterStats {
  flushes: number;
  failedFlushes: number;
  statements: number;
  rowsWritten: number;
  eventsWritten: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class StatusWriter {
  private polls = new Map<number, PollRecord>();
  private events: StatusEvent[] = [];
  private daily = new Map<string, DailyIncrement>();
  private flushing: Promise<void> | undefined;
  /** Cameras of the flush under way (out of `polls`, not yet committed). */
  private flushingIds: number[] = [];
  readonly stats: WriterStats = { flushes: 0, failedFlushes: 0, statements: 0, rowsWritten: 0, eventsWritten: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { flapWindowMs: number; agentId?: string; onError?: (err: Error) => void },
  ) {}

  get pending(): number {
    return this.polls.size + this.events.length;
  }

  /**
   * Cameras whose latest poll is not in the database yet (buffered, or in the flush under way).
   * The scheduler must not claim them again: after a database outage their leases may have run
   * out, and a new poll would start from the stored, stale state and record the same change a
   * second time (found by tests/integration/fault).
   */
  bufferedCameraIds(): number[] {
    return [...this.polls.keys(), ...this.flushingIds];
  }

  add(record: PollRecord): void {
    this.polls.set(record.cameraId, record);
    if (record.changed) {
      this.events.push({
        cameraId: record.cameraId,
        state: record.state,
        previousState: record.previousState,
        reason: record.reason,
        at: record.polledAt,
        payload: JSON.stringify({
          cameraId: record.cameraId,
          deviceId: record.deviceId,
          state: record.state,
          previousState: record.previousState,
          since: iso(record.since),
          reason: record.reason,
        }),
      });
    }
    for (const inc of record.daily) this.addDaily(inc);
  }

  private addDaily(inc: DailyIncrement): void {
    {
      const key = `${inc.cameraId}|${inc.day}`;
      const cur = this.daily.get(key);
      if (cur === undefined) this.daily.set(key, { ...inc });
      else {
        cur.samples += inc.samples;
        cur.onlineSamples += inc.onlineSamples;
        cur.workingSamples += inc.workingSamples;
        cur.observedMs += inc.observedMs;
        cur.onlineMs += inc.onlineMs;
        cur.workingMs += inc.workingMs;
      }
    }
  }

  /** Writes everything buffered; on failure the data goes back into the buffer. One at a time. */
  flush(): Promise<void> {
    if (this.flushing !== undefined) return this.flushing;
    if (this.pending === 0 && this.daily.size === 0) return Promise.resolve();
    this.flushing = this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const polls = [...this.polls.values()];
    const events = this.events;
    const daily = [...this.daily.values()];
    this.flushingIds = polls.map((p) => p.cameraId);
    this.polls = new Map();
    this.events = [];
    this.daily = new Map();
    let client: pg.PoolClient | undefined;
    // A connection terminated while checked out emits 'error' on the client: without a listener
    // that would crash the agent; the failed query below already tells us.
    const swallow = (): void => undefined;
    try {
      client = await this.pool.connect();
      client.on('error', swallow);
      await client.query('BEGIN');
      let statements = 0;
      if (polls.length > 0) {
        await client.query(COMPLETE, [
          polls.map((p) => p.cameraId),
          polls.map((p) => iso(p.nextDueAt)),
          polls.map((p) => iso(p.polledAt)),
          polls.map((p) => p.clockOffsetMs),
          polls.map((p) => p.latencyMs),
          polls.map((p) => p.authScheme),
          polls.map((p) => p.model),
          polls.map((p) => p.firmware),
          polls.map((p) => p.serial),
          polls.map((p) => (p.uriCache === null ? null : JSON.stringify(p.uriCache))),
          polls.map((p) => (p.snapshotAt === null ? null : iso(p.snapshotAt))),
          polls.map((p) => JSON.stringify(p.memory)),
          this.options.agentId ?? '',
          polls.map((p) => p.manufacturer ?? null),
        ]);
        await client.query(UPSERT_STATUS, [
          polls.map((p) => p.cameraId),
          polls.map((p) => p.state),
          polls.map((p) => iso(p.since)),
          polls.map((p) => p.reason),
          polls.map((p) => iso(p.polledAt)),
        ]);
        statements += 2;
      }
      if (events.length > 0) {
        await client.query(INSERT_EVENTS, [
          events.map((e) => e.cameraId),
          events.map((e) => e.state),
          events.map((e) => e.previousState),
          events.map((e) => e.reason),
          events.map((e) => iso(e.at)),
          events.map((e) => e.payload),
        ]);
        statements += 1;
      }
      if (daily.length > 0) {
        await client.query(ADD_DAILY, [
          daily.map((d) => d.cameraId),
          daily.map((d) => d.day),
          daily.map((d) => d.samples),
          daily.map((d) => d.onlineSamples),
          daily.map((d) => d.workingSamples),
          daily.map((d) => Math.round(d.observedMs)),
          daily.map((d) => Math.round(d.onlineMs)),
          daily.map((d) => Math.round(d.workingMs)),
        ]);
        statements += 1;
      }
      if (polls.length > 0) {
        const ids = polls.map((p) => p.cameraId);
        const latest = iso(Math.max(...polls.map((p) => p.polledAt)));
        await client.query(RAISE_ALARMS, [ids, this.options.flapWindowMs, latest]);
        await client.query(CLEAR_ALARMS, [ids]);
        statements += 2;
      }
      await client.query('COMMIT');
      this.stats.flushes += 1;
      this.stats.statements += statements;
      this.stats.rowsWritten += polls.length * 2 + events.length + daily.length;
      this.stats.eventsWritten += events.length;
      client.off('error', swallow);
      client.release();
    } catch (err) {
      this.stats.failedFlushes += 1;
      if (client !== undefined) {
        await client.query('ROLLBACK').catch(() => undefined);
        // A broken connection must not go back to the pool.
        client.release(err as Error);
      }
      this.requeue(polls, events, daily);
      this.options.onError?.(err as Error);
    } finally {
      this.flushingIds = [];
    }
  }

  private requeue(polls: PollRecord[], events: StatusEvent[], daily: DailyIncrement[]): void {
    // Newer results that arrived during the failed flush win over the requeued ones.
    for (const p of polls) if (!this.polls.has(p.cameraId)) this.polls.set(p.cameraId, p);
    this.events = [...events, ...this.events];
    const newer = this.daily;
    this.daily = new Map();
    for (const d of daily) this.addDaily(d);
    for (const d of newer.values()) this.addDaily(d);
  }
}
