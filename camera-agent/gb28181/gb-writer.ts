// Batches the SIP server's state into one transaction per flush, as status-writer.ts does for
// ONVIF: device rows merged per device (the latest wins), catalogs (items of one answer), and
// events in order with NOTIFY gb28181. When the database is unreachable the batch stays in memory
// and is retried; memory stays bounded by the number of devices plus the changes.
import type pg from 'pg';
import { loadSql } from '../../db/sql';
import type { CatalogItem } from './manscdp';
import { toRow, type DeviceSession } from './session';

const UPSERT_DEVICES = loadSql(import.meta.url, 'sql/upsert-devices.sql');
const UPSERT_CHANNELS = loadSql(import.meta.url, 'sql/upsert-channels.sql');
const DELETE_STALE = loadSql(import.meta.url, 'sql/delete-stale-channels.sql');
const INSERT_EVENTS = loadSql(import.meta.url, 'sql/insert-events.sql');
const UPDATE_KEEPALIVES = loadSql(import.meta.url, 'sql/update-keepalives.sql');

/** gb_devices columns (migration 0120); null inventory fields keep what is stored. */
export interface DeviceRow {
  device_id: string;
  kind: string;
  camera_id: number | null;
  transport: 'UDP' | 'TCP';
  remote_address: string;
  remote_port: number;
  contact: string;
  registered: boolean;
  registered_at: string | null;
  expires_at: string | null;
  last_keepalive_at: string | null;
  /** Last sign of life (keepalive or REGISTER): 联网 is measured from it (migration 0122). */
  last_alive_at: string | null;
  keepalive_interval_s: number;
  online: boolean;
  since: string;
  reason: string;
  device_name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  channel_count: number | null;
  catalog_state: string;
  catalog_sum_num: number | null;
  catalog_items: number | null;
  catalog_at: string | null;
  status_online: string | null;
  status_result: string | null;
  status_at: string | null;
}

export interface GbEvent {
  deviceId: string;
  channelId?: string | null;
  cameraId?: number | null;
  kind: string;
  at: string;
  detail?: Record<string, unknown>;
}

export interface CatalogBatch {
  deviceId: string;
  seenAt: string;
  /** All of SumNum arrived: items the device no longer lists are removed. */
  complete: boolean;
  items: CatalogItem[];
}

const CAMERA_TYPES = new Set(['131', '132']);
/** Device rows per upsert statement (see doFlush). */
export const DEVICE_ROWS_PER_STATEMENT = 1000;

/** A device's row, or its live session whose row is taken at the flush (see device()). */
type DeviceSource = DeviceRow | DeviceSession;
const rowOf = (d: DeviceSource): DeviceRow => ('device_id' in d ? d : toRow(d));
const keyOf = (d: DeviceSource): string => ('device_id' in d ? d.device_id : d.deviceId);

/** update-keepalives.sql's parameters: one array per column, in the sessions' order. */
function keepaliveColumns(sessions: DeviceSession[]): [string[], number[], number[], string[], string[], number[]] {
  const n = sessions.length;
  const ids = new Array<string>(n);
  const keepaliveMs = new Array<number>(n);
  const aliveMs = new Array<number>(n);
  const transports = new Array<string>(n);
  const addresses = new Array<string>(n);
  const ports = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = sessions[i]!;
    ids[i] = s.deviceId;
    keepaliveMs[i] = s.lastKeepaliveAt ?? s.lastAliveAt;
    aliveMs[i] = s.lastAliveAt;
    transports[i] = s.peer.transport;
    addresses[i] = s.peer.address;
    ports[i] = s.peer.port;
  }
  return [ids, keepaliveMs, aliveMs, transports, addresses, ports];
}

export class GbWriter {
  private devices = new Map<string, DeviceSource>();
  /** Sessions whose row changed by keepalives only since the last flush (see keepalive()). */
  private keepalives = new Map<string, DeviceSession>();
  private events: GbEvent[] = [];
  private catalogs: CatalogBatch[] = [];
  /** The batch of each catalog (device|seenAt) queued since the last flush, for merging pages. */
  private openCatalogs = new Map<string, CatalogBatch>();
  private flushing: Promise<void> | undefined;
  readonly stats = { flushes: 0, failedFlushes: 0, deviceRows: 0, keepaliveRows: 0, channelRows: 0, events: 0 };

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: { onError?: (err: Error) => void } = {},
  ) {}

  get pending(): number {
    return this.devices.size + this.keepalives.size + this.events.length + this.catalogs.length;
  }

  /** Nothing buffered and no flush in progress: everything handed over is committed (or failed). */
  get idle(): boolean {
    return this.pending === 0 && this.flushing === undefined;
  }

  /**
   * Queues a device's state. A session is kept by reference and its row is made at the flush:
   * the latest state wins either way, and a registration storm's many changes per device cost
   * one row per flush instead of a 30-field object with ISO strings per change, which outlived
   * the young generation and grew the old one (bench:gb28181 peak RSS). A session is never
   * changed after it ends (server.ts endSession), so its last state is what is written.
   */
  device(row: DeviceRow | DeviceSession): void {
    this.devices.set(keyOf(row), row);
  }

  /**
   * Queues a session whose row changed by a keepalive only (its time and source address): written
   * at the flush as six values instead of the whole 30-column row, which the SIP server built and
   * serialized for every device every minute (bench:gb28181's profile). A device queued whole in
   * the same flush is written whole, keepalive included.
   */
  keepalive(s: DeviceSession): void {
    this.keepalives.set(s.deviceId, s);
  }

  event(e: GbEvent): void {
    this.events.push(e);
  }

  /**
   * Queues catalog items. Pages of one catalog (same device and seenAt) arriving between two
   * flushes are merged into one batch, so a streamed catalog costs one statement per flush, and
   * a complete marker (no items) closes the batch it follows.
   */
  catalog(batch: CatalogBatch): void {
    const key = `${batch.deviceId}|${batch.seenAt}`;
    const open = this.openCatalogs.get(key);
    if (open !== undefined && !open.complete) {
      for (const item of batch.items) open.items.push(item);
      open.complete = batch.complete;
      return;
    }
    const own = { ...batch, items: [...batch.items] };
    this.catalogs.push(own);
    this.openCatalogs.set(key, own);
  }

  flush(): Promise<void> {
    if (this.flushing !== undefined) return this.flushing;
    if (this.pending === 0) return Promise.resolve();
    this.flushing = this.doFlush().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const devices = [...this.devices.values()];
    const kept = this.devices;
    const keepalives: DeviceSession[] = [];
    for (const [id, s] of this.keepalives) if (!kept.has(id)) keepalives.push(s);
    const events = this.events;
    const catalogs = this.catalogs;
    this.devices = new Map();
    this.keepalives = new Map();
    this.events = [];
    this.catalogs = [];
    this.openCatalogs = new Map();
    let client: pg.PoolClient | undefined;
    const swallow = (): void => undefined;
    try {
      client = await this.pool.connect();
      client.on('error', swallow);
      await client.query('BEGIN');
      // In statements of DEVICE_ROWS_PER_STATEMENT rows, in the same transaction: the end of a
      // registration storm queues every device at once, and 20,000 rows as one JSON parameter
      // (~14 MB of text, twice in memory while pg encodes it) were the SIP server's RSS peak.
      for (let i = 0; i < devices.length; i += DEVICE_ROWS_PER_STATEMENT) {
        const part = devices.slice(i, i + DEVICE_ROWS_PER_STATEMENT);
        await client.query(UPSERT_DEVICES, [`[${part.map((d) => JSON.stringify(rowOf(d))).join(',')}]`]);
      }
      if (keepalives.length > 0) await client.query(UPDATE_KEEPALIVES, keepaliveColumns(keepalives));
      if (events.length > 0) await client.query(INSERT_EVENTS, [JSON.stringify(events)]);
      let channelRows = 0;
      const channelEvents: GbEvent[] = [];
      for (const c of catalogs) {
        channelRows += c.items.length;
        channelEvents.push(...(await this.writeCatalog(client, c)));
      }
      if (channelEvents.length > 0) await client.query(INSERT_EVENTS, [JSON.stringify(channelEvents)]);
      await client.query('COMMIT');
      this.stats.flushes += 1;
      this.stats.deviceRows += devices.length;
      this.stats.keepaliveRows += keepalives.length;
      this.stats.channelRows += channelRows;
      this.stats.events += events.length + channelEvents.length;
      client.off('error', swallow);
      client.release();
    } catch (err) {
      this.stats.failedFlushes += 1;
      if (client !== undefined) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(err as Error);
      }
      // Newer device rows that arrived meanwhile win; events and catalogs keep their order.
      for (const d of devices) if (!this.devices.has(keyOf(d))) this.devices.set(keyOf(d), d);
      for (const s of keepalives) if (!this.keepalives.has(s.deviceId)) this.keepalives.set(s.deviceId, s);
      this.events = [...events, ...this.events];
      this.catalogs = [...catalogs, ...this.catalogs];
      this.options.onError?.(err as Error);
    }
  }

  private async writeCatalog(client: pg.PoolClient, c: CatalogBatch): Promise<GbEvent[]> {
    // An item listed twice in one catalog keeps its last entry (one row per code).
    const byId = new Map(c.items.map((i) => [i.deviceId, i]));
    const items = [...byId.values()].map((i) => ({
      channel_id: i.deviceId,
      name: i.name,
      manufacturer: i.manufacturer,
      model: i.model,
      owner: i.owner,
      civil_code: i.civilCode,
      parent_id: i.parentId,
      address: i.address,
      status: i.status === 'ON' || i.status === 'OFF' ? i.status : '',
      lon: i.longitude,
      lat: i.latitude,
    }));
    const events: GbEvent[] = [];
    if (items.length > 0) {
      const { rows } = await client.query<{
        channelId: string;
        cameraId: string | null;
        status: string;
        oldStatus: string | null;
        inserted: boolean;
      }>(UPSERT_CHANNELS, [c.deviceId, JSON.stringify(items), c.seenAt]);
      for (const r of rows) {
        const cameraId = r.cameraId === null ? null : Number(r.cameraId);
        const base = { deviceId: c.deviceId, channelId: r.channelId, cameraId, at: c.seenAt };
        // Unknown = a camera code (131/132) that the registry does not have: reported, not added.
        if (r.inserted && cameraId === null && CAMERA_TYPES.has(r.channelId.slice(10, 13)))
          events.push({ ...base, kind: 'unknown-channel' });
        if (!r.inserted && r.oldStatus !== r.status && r.status !== '')
          events.push({ ...base, kind: r.status === 'ON' ? 'channel-on' : 'channel-off', detail: { previous: r.oldStatus } });
      }
    }
    if (c.complete) {
      const removed = await client.query(DELETE_STALE, [c.deviceId, c.seenAt]);
      if ((removed.rowCount ?? 0) > 0)
        events.push({ deviceId: c.deviceId, kind: 'channels-removed', at: c.seenAt, detail: { count: removed.rowCount } });
    }
    return events;
  }
}
