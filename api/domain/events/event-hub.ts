// Live events for the SSE route: one LISTEN connection relays `camera_status` (the agent's
// status changes, payload in docs/contracts.md), `camera_alarm` (alarms newly raised after the
// flap window) and `coverage` (changed coverage figures) to
// every subscriber. A bounded buffer of recent events serves Last-Event-ID resume; ids are
// "<epoch>-<seq>" so an id from before a restart (or too old) is recognised and answered with a
// `reset` event telling the client to reload its state instead of silently missing changes.
import pg from 'pg';

export const EVENT_CHANNELS = { camera_status: 'status', coverage: 'coverage', camera_alarm: 'alarm' } as const;
type Channel = keyof typeof EVENT_CHANNELS;
/**
 * Channels for the server's own use, given to in-process listeners only (not to SSE clients nor
 * the resume buffer): `status_thresholds` is sent by every threshold change (API or CLI), so the
 * cached command-center reads that carry thresholds are dropped at once; `coverage_inputs` (the
 * changed table's name) by triggers on what computed blind spots are made of (migration 0150), so
 * another date's cached pieces are dropped (coverage-engine/pieces-as-of-cache.ts).
 */
export const INTERNAL_CHANNELS = { status_thresholds: 'thresholds', coverage_inputs: 'inputs' } as const;
type InternalChannel = keyof typeof INTERNAL_CHANNELS;

export interface HubEvent {
  id: string;
  event: string;
  data: string;
}
export type Subscriber = (e: HubEvent) => void;

export interface EventHubOptions {
  /** Where to LISTEN: the pool's own settings (`pool.options`). */
  client: pg.ClientConfig;
  bufferSize?: number;
  /** Delay before reconnecting a lost LISTEN connection (doubles up to 30 s). */
  retryMs?: number;
}

export class EventHub {
  private readonly epoch = Date.now().toString(36);
  private seq = 0;
  private readonly buffer: HubEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  /** In-process listeners (the coverage-now updater); not counted as SSE clients. */
  private readonly listeners = new Set<Subscriber>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: EventHubOptions) {
    this.retryMs = options.retryMs ?? 1000;
  }

  /** Resolves once LISTEN is active (started by the first subscriber). */
  ready(): Promise<void> {
    this.connecting ??= this.connect();
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.options.client, application_name: 'xueliang-events' });
    client.on('notification', (msg) => {
      if (msg.channel in EVENT_CHANNELS) this.publish(EVENT_CHANNELS[msg.channel as Channel], msg.payload ?? '{}');
      else if (msg.channel in INTERNAL_CHANNELS) this.tellListeners(INTERNAL_CHANNELS[msg.channel as InternalChannel], msg.payload ?? '{}');
    });
    client.on('error', () => this.reconnectLater());
    client.on('end', () => this.reconnectLater());
    await client.connect();
    for (const channel of [...Object.keys(EVENT_CHANNELS), ...Object.keys(INTERNAL_CHANNELS)]) await client.query(`LISTEN ${channel}`);
    // Closed while connecting: this connection must not outlive the hub (it would keep the
    // process alive and hold a server slot).
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = this.options.retryMs ?? 1000;
  }

  private reconnectLater(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    this.client = undefined;
    // Changes during the gap are not relayed: tell clients to reload once we are back.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connecting = this.connect().then(
        () => this.publish('reset', JSON.stringify({ reason: 'event connection restored' })),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 30_000);
          this.reconnectLater();
        },
      );
    }, this.retryMs);
  }

  publish(event: string, data: string): void {
    this.seq += 1;
    const e: HubEvent = { id: `${this.epoch}-${this.seq}`, event, data };
    this.buffer.push(e);
    if (this.buffer.length > (this.options.bufferSize ?? 10_000)) this.buffer.shift();
    for (const s of this.subscribers) s(e);
    for (const l of this.listeners) l(e);
  }

  private tellListeners(event: string, data: string): void {
    const e: HubEvent = { id: `${this.epoch}-${this.seq}`, event, data };
    for (const l of this.listeners) l(e);
  }

  /** Listens in-process (starts LISTEN if needed); returns the function that stops it. */
  listen(fn: Subscriber): () => void {
    this.listeners.add(fn);
    void this.ready().catch(() => this.reconnectLater());
    return () => {
      this.listeners.delete(fn);
    };
  }

  /**
   * Events after `lastEventId` still in the buffer, or one `reset` event when they are not
   * (restart, or the client was away longer than the buffer reaches).
   */
  since(lastEventId: string | undefined): HubEvent[] {
    if (lastEventId === undefined || lastEventId === '') return [];
    const m = /^([0-9a-z]+)-(\d+)$/.exec(lastEventId);
    const oldest = this.buffer[0] === undefined ? this.seq + 1 : Number(this.buffer[0].id.split('-')[1]);
    if (m === null || m[1] !== this.epoch || Number(m[2]) > this.seq || Number(m[2]) + 1 < oldest) {
      return [
        {
          id: `${this.epoch}-${this.seq}`,
          event: 'reset',
          data: JSON.stringify({ reason: 'missed events are no longer available; reload the state' }),
        },
      ];
    }
    const after = Number(m[2]);
    return this.buffer.filter((e) => Number(e.id.split('-')[1]) > after);
  }

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    void this.ready().catch(() => this.reconnectLater());
    return () => {
      this.subscribers.delete(fn);
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.subscribers.clear();
    this.listeners.clear();
    const c = this.client;
    this.client = undefined;
    if (c !== undefined) await c.end().catch(() => {});
  }
}
