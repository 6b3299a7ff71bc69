// The scheduler: claims due cameras from the shared database with leases (several agents can
// run side by side), polls them with bounded concurrency (and a smaller bound for snapshots),
// hands the results to the health state machine and the batching status writer, and schedules
// each camera's next poll with jitter and capped backoff. stop() aborts everything in flight.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type pg from 'pg';
import { decryptSecret } from '../db/credentials';
import { dailyIncrements } from './accounting';
import type { AgentConfig } from './config';
import type { CameraState } from '../vocabulary/camera-health';
import { decide, jittered, type HealthMemory } from './health';
import { Limiter } from './limiter';
import { probeCamera, ShutdownError, type ProbeResult, type UriCache } from './probe';
import { snapshotToKeep } from './snapshot-keep';
import { SnapshotWriter } from './snapshot-writer';
import { StatusWriter } from './status-writer';
import type { AuthScheme } from './onvif/soap';
import { loadSql } from '../db/sql';

const sql = (name: string): string => loadSql(import.meta.url, `sql/${name}.sql`);
const CLAIM = sql('claim-due-cameras');
const INSERT_MISSING = sql('insert-missing-poll-state');
const DELETE_REMOVED = sql('delete-removed-poll-state');
const HEARTBEAT = sql('heartbeat-agent');
const RELEASE = sql('release-leases');

export interface ClaimedCamera {
  cameraId: number;
  deviceId: string;
  onvifUrl: string;
  onvifUser: string | null;
  passwordEnc: Buffer | null;
  dueAtMs: number;
  lastSnapshotAtMs: number | null;
  authScheme: AuthScheme | null;
  uriCache: UriCache | null;
  memory: HealthMemory;
}

export interface AgentStats {
  polls: number;
  claimed: number;
  lagMs: number[];
  stateCounts: Record<string, number>;
  /** Snapshots handed to the snapshot writer, and refused ones by why (not-jpeg, too-large). */
  snapshotsKept: number;
  snapshotsRefused: Record<string, number>;
}

export interface AgentOptions {
  agentId?: string;
  log?: (line: string) => void;
  /** How often the loop looks for due cameras. */
  tickMs?: number;
  /** How often newly registered cameras are scheduled. */
  syncMs?: number;
  /** Keep at most this many lag samples (for benchmarks). */
  lagSamples?: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export class CameraAgent {
  readonly agentId: string;
  readonly writer: StatusWriter;
  readonly snapshotWriter: SnapshotWriter;
  readonly stats: AgentStats = { polls: 0, claimed: 0, lagMs: [], stateCounts: {}, snapshotsKept: 0, snapshotsRefused: {} };
  private readonly abort = new AbortController();
  private readonly polls: Limiter;
  private readonly snapshots: Limiter;
  private readonly inFlight = new Set<Promise<void>>();
  /** Cameras this agent is polling now: never claimed twice, even after a lease ran out. */
  private readonly polling = new Set<number>();
  private loop: Promise<void> | undefined;
  private flushTimer: ReturnType<typeof setInterval> | undefined;
  private dbDown = false;
  private readonly log: (line: string) => void;

  constructor(
    private readonly pool: pg.Pool,
    readonly config: AgentConfig,
    private readonly options: AgentOptions = {},
  ) {
    this.agentId = options.agentId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.log = options.log ?? (() => undefined);
    // Every request in flight listens on the shutdown signal.
    setMaxListeners(0, this.abort.signal);
    this.polls = new Limiter(config.concurrency);
    this.snapshots = new Limiter(config.snapshotConcurrency);
    this.writer = new StatusWriter(pool, {
      flapWindowMs: config.flapWindowMs,
      agentId: this.agentId,
      onError: (err) => this.noteDb(err),
    });
    this.snapshotWriter = new SnapshotWriter(pool, { agentId: this.agentId, onError: (err) => this.noteDb(err) });
  }

  private noteDb(err: Error | undefined): void {
    if (err !== undefined && !this.dbDown) this.log(`database unavailable, buffering status changes (${err.message})`);
    if (err === undefined && this.dbDown) this.log('database reachable again');
    this.dbDown = err !== undefined;
  }

  start(): void {
    this.flushTimer = setInterval(() => {
      // Only a flush that had changes to write and wrote them all shows the database is back: an
      // empty buffer touches no database, and said "reachable again" in the middle of an outage.
      const hadPending = this.writer.pending;
      void this.writer.flush().then(() => {
        if (hadPending > 0 && this.writer.pending === 0) this.noteDb(undefined);
      });
      void this.snapshotWriter.flush();
    }, this.config.flushMs);
    this.loop = this.run();
  }

  private async syncFleet(): Promise<void> {
    await this.pool.query(INSERT_MISSING, [this.config.intervalMs]);
    await this.pool.query(DELETE_REMOVED);
    await this.pool.query(HEARTBEAT, [this.agentId, hostname(), process.pid, this.stats.polls]);
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const tickMs = this.options.tickMs ?? 200;
    const syncMs = this.options.syncMs ?? 30_000;
    let lastSync = 0;
    while (!signal.aborted) {
      try {
        if (Date.now() - lastSync >= syncMs) {
          await this.syncFleet();
          lastSync = Date.now();
        }
        // Keep the pipeline a little deeper than the concurrency so slots never sit idle.
        const room = this.config.concurrency * 2 - this.polls.inFlight - this.polls.queued;
        let claimed: ClaimedCamera[] = [];
        if (room > 0 && this.writer.pending < 20_000) {
          const res = await this.pool.query<ClaimedCamera>(CLAIM, [
            this.agentId,
            Math.min(room, 1000),
            this.config.leaseMs,
            // Neither a camera being polled nor one whose result still waits in the buffer.
            [...this.polling, ...this.writer.bufferedCameraIds()],
          ]);
          claimed = res.rows;
          this.noteDb(undefined);
        }
        for (const camera of claimed) this.launch(camera);
        if (claimed.length < Math.min(room, 1000)) await sleep(tickMs, signal);
      } catch (err) {
        this.noteDb(err as Error);
        await sleep(Math.max(tickMs, 1000), signal);
      }
    }
  }

  private launch(camera: ClaimedCamera): void {
    this.stats.claimed += 1;
    this.polling.add(camera.cameraId);
    const task = this.polls
      .run(() => this.pollOne(camera), this.abort.signal)
      .then(
        () => undefined,
        (err: unknown) => {
          if (!(err instanceof ShutdownError) && !this.abort.signal.aborted)
            this.log(`camera ${camera.deviceId}: poll failed unexpectedly (${(err as Error).name})`);
        },
      );
    this.inFlight.add(task);
    void task.finally(() => {
      this.inFlight.delete(task);
      this.polling.delete(camera.cameraId);
    });
  }

  /** Polls one claimed camera and queues the result for the writer. */
  async pollOne(camera: ClaimedCamera): Promise<ProbeResult> {
    const started = Date.now();
    if (this.stats.lagMs.length < (this.options.lagSamples ?? 200_000)) this.stats.lagMs.push(Math.max(0, started - camera.dueAtMs));
    const memory: HealthMemory = { ...camera.memory, failures: camera.memory.failures ?? 0 };
    let password = '';
    try {
      password = camera.passwordEnc === null ? '' : decryptSecret(camera.passwordEnc);
    } catch {
      // An undecryptable credential is reported as an auth failure, never logged.
      password = '';
    }
    const snapshotDue =
      camera.lastSnapshotAtMs === null
        ? Math.random() < this.config.intervalMs / Math.max(this.config.intervalMs, this.config.snapshotEveryMs) ||
          memory.pictureReason !== undefined
        : started - camera.lastSnapshotAtMs >= this.config.snapshotEveryMs || (memory.pictureReason ?? '') !== '';
    // The whole poll must end well inside the lease, or another agent could take the camera mid-poll.
    const budget = new AbortController();
    const budgetTimer = setTimeout(() => budget.abort(), Math.max(1000, this.config.leaseMs * 0.8));
    const onShutdown = (): void => budget.abort();
    this.abort.signal.addEventListener('abort', onShutdown, { once: true });
    const probe = await probeCamera(
      {
        deviceUrl: camera.onvifUrl,
        user: camera.onvifUser ?? 'admin',
        password,
        authScheme: camera.authScheme ?? undefined,
        cache: camera.uriCache ?? undefined,
        snapshotDue,
      },
      this.config,
      { signal: budget.signal, shuttingDown: () => this.abort.signal.aborted, snapshots: this.snapshots },
    ).finally(() => {
      clearTimeout(budgetTimer);
      this.abort.signal.removeEventListener('abort', onShutdown);
    });
    const previousState: CameraState | null = memory.state ?? null;
    const decision = decide(probe.observation, memory, this.config);
    const at = probe.observation.at;
    this.stats.polls += 1;
    this.stats.stateCounts[decision.state] = (this.stats.stateCounts[decision.state] ?? 0) + 1;
    this.writer.add({
      cameraId: camera.cameraId,
      deviceId: camera.deviceId,
      polledAt: at,
      nextDueAt: at + jittered(decision.nextDelayMs, this.config),
      state: decision.state,
      reason: decision.reason,
      since: decision.since,
      previousState,
      changed: decision.changed,
      clockOffsetMs: probe.clockOffsetMs ?? null,
      latencyMs: probe.latencyMs,
      authScheme: probe.authScheme ?? null,
      manufacturer: probe.device?.manufacturer ?? null,
      model: probe.device?.model ?? null,
      firmware: probe.device?.firmware ?? null,
      serial: probe.device?.serial ?? null,
      uriCache: probe.cache ?? null,
      snapshotAt: probe.observation.snapshot === undefined ? null : at,
      memory: decision.memory,
      daily: dailyIncrements(
        { cameraId: camera.cameraId, at, state: decision.state, previousState: memory.state, previousPollAt: memory.lastPollAt },
        this.config,
      ),
    });
    if (probe.snapshotBody !== undefined && probe.observation.snapshot !== undefined)
      this.keepSnapshot(camera, probe.snapshotBody, probe.observation.snapshot, at, decision.memory.pictureReason);
    if (decision.changed) this.log(`${camera.deviceId} ${previousState ?? 'UNKNOWN'} → ${decision.state} (${decision.reason})`);
    return probe;
  }

  /** Hands a checked snapshot to the snapshot writer, or logs why it is not kept (the poll counts either way). */
  private keepSnapshot(
    camera: ClaimedCamera,
    body: Buffer,
    verdict: Parameters<typeof snapshotToKeep>[1],
    at: number,
    pictureReason: string | undefined,
  ): void {
    const keep = snapshotToKeep(body, verdict, this.config.snapshotStoreMaxBytes);
    if (!keep.keep) {
      if (keep.why === 'disabled') return;
      this.stats.snapshotsRefused[keep.why] = (this.stats.snapshotsRefused[keep.why] ?? 0) + 1;
      this.log(
        `${camera.deviceId} snapshot not kept: ${keep.why === 'too-large' ? `${keep.bytes} bytes > ${this.config.snapshotStoreMaxBytes}` : 'not a complete JPEG'}`,
      );
      return;
    }
    this.stats.snapshotsKept += 1;
    const reason = pictureReason === 'black-picture' || pictureReason === 'frozen-picture' ? pictureReason : '';
    this.snapshotWriter.add({
      cameraId: camera.cameraId,
      takenAt: at,
      jpeg: body,
      width: keep.width,
      height: keep.height,
      pictureReason: reason,
    });
  }

  /** Stops the way a killed process does: no final write, leases left to expire (tests). */
  async crash(): Promise<void> {
    this.abort.abort();
    if (this.flushTimer !== undefined) clearInterval(this.flushTimer);
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Aborts polls in flight, writes what is buffered (bounded wait) and hands back leases. */
  async stop(flushTimeoutMs = 3000): Promise<void> {
    this.abort.abort();
    if (this.flushTimer !== undefined) clearInterval(this.flushTimer);
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    const deadline = Date.now() + flushTimeoutMs;
    while ((this.writer.pending > 0 || this.snapshotWriter.size > 0) && Date.now() < deadline) {
      await this.writer.flush();
      await this.snapshotWriter.flush();
      if (this.writer.pending > 0 || this.snapshotWriter.size > 0) await new Promise((r) => setTimeout(r, 200));
    }
    await this.pool.query(RELEASE, [this.agentId]).catch(() => undefined);
  }
}
