// The GB/T 28181 SIP server: devices, NVRs and lower-level platforms REGISTER (digest, Date for
// time sync), keep alive with MESSAGE/Keepalive, and are asked for their Catalog, DeviceInfo and
// DeviceStatus (queries.ts). State lives in memory for registered devices only and goes to
// PostGIS through the buffered writer; unauthenticated peers cost a stateless nonce and nothing
// else. A sweep every second expires registrations and marks devices offline after
// keepaliveMissed × interval without a sign of life.
import type pg from 'pg';
import { loadSql } from '../../db/sql';
import { deviceKind, gbDate, isGbId, type GbConfig } from './config';
import type { GbWriter } from './gb-writer';
import { ManscdpError, parseManscdp, type Manscdp, type ManscdpResponse } from './manscdp';
import { QueryRunner } from './queries';
import type { CameraRegistry } from './registry';
import { ownString, sweepVerdict, type DeviceSession } from './session';
import { challengeHeader, credentialsFrom, NonceIssuer, parseDigest, verifyDigest } from './sip/digest';
import {
  headerValue,
  parseNameAddr,
  parseParams,
  responseTo,
  serialize,
  type SipHeaders,
  type SipRequest,
  type SipResponse,
} from './sip/message';
import { ClientTransactions, newTag, ResponseCache } from './sip/transactions';
import { SipTransport, type Peer } from './sip/transport';

const SELECT_LIVE = loadSql(import.meta.url, 'sql/select-live-devices.sql');

export interface GbServerStats {
  registers: number;
  challenges: number;
  authFailed: number;
  registrations: number;
  unregistered: number;
  expired: number;
  keepalives: number;
  refused: number;
  offline: number;
  parseRefused: number;
  messages: number;
}

export interface GbServerDeps {
  registry: CameraRegistry;
  writer: GbWriter;
  pool?: pg.Pool;
  log?: (line: string) => void;
  now?: () => number;
}

export class GbServer {
  readonly sessions = new Map<string, DeviceSession>();
  readonly transport: SipTransport;
  readonly transactions: ClientTransactions;
  readonly queries: QueryRunner;
  readonly stats: GbServerStats = {
    registers: 0,
    challenges: 0,
    authFailed: 0,
    registrations: 0,
    unregistered: 0,
    expired: 0,
    keepalives: 0,
    refused: 0,
    offline: 0,
    parseRefused: 0,
    messages: 0,
  };
  private readonly responses = new ResponseCache();
  private readonly nonces: NonceIssuer;
  /** deviceId → when its last auth-failed event was written (bounded, oldest dropped). */
  private readonly authFailures = new Map<string, number>();
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private dbDown = false;
  /** Sessions kept alive since the last flush: their keepalive time is written once per flush (GbWriter.keepalive). */
  private readonly dirty = new Set<DeviceSession>();

  constructor(
    readonly config: GbConfig,
    private readonly deps: GbServerDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => undefined);
    this.nonces = new NonceIssuer(config.nonceLifetimeMs, undefined, this.now);
    this.transport = new SipTransport({
      host: config.host,
      port: config.port,
      limits: config.limits,
      onMessage: (msg, peer) => (msg.kind === 'response' ? void this.transactions.onResponse(msg) : this.onRequest(msg, peer)),
      onRefused: () => {
        this.stats.parseRefused += 1;
      },
    });
    this.transactions = new ClientTransactions(this.transport, { timeoutMs: config.transactionTimeoutMs });
    this.queries = new QueryRunner(this, deps.writer, this.now);
  }

  get pool(): pg.Pool | undefined {
    return this.deps.pool;
  }

  get port(): number {
    return this.transport.port;
  }

  async start(): Promise<void> {
    if (this.deps.pool !== undefined) await this.restore(this.deps.pool);
    await this.transport.listen();
    this.timers.push(setInterval(() => this.sweep(), 1000));
    this.timers.push(setInterval(() => void this.flush(), this.config.flushMs));
    if (this.deps.pool !== undefined) {
      const pool = this.deps.pool;
      this.timers.push(
        setInterval(() => {
          void this.deps.registry.load(pool).then(
            (changed) => {
              if (changed) this.rematch();
            },
            (err: Error) => this.noteDb(err),
          );
        }, this.config.registryRefreshMs),
      );
    }
  }

  private async flush(): Promise<void> {
    this.handOverDirty();
    await this.deps.writer.flush();
    if (this.deps.writer.pending === 0 && this.dbDown) {
      this.dbDown = false;
      this.log('database reachable again');
    }
  }

  private handOverDirty(): void {
    for (const s of this.dirty) this.deps.writer.keepalive(s);
    this.dirty.clear();
  }

  noteDb(err: Error): void {
    if (!this.dbDown) this.log(`database unavailable, buffering GB/T 28181 state (${err.message})`);
    this.dbDown = true;
  }

  /** Sessions of devices still registered in the database (a restart must not flap them). */
  private async restore(pool: pg.Pool): Promise<void> {
    const { rows } = await pool.query<Record<string, unknown>>(SELECT_LIVE);
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    for (const r of rows) {
      const registeredAt = num(r.registeredAt) ?? this.now();
      const lastKeepaliveAt = num(r.lastKeepaliveAt);
      const catalogAt = num(r.catalogAt);
      this.sessions.set(String(r.deviceId), {
        deviceId: String(r.deviceId),
        kind: deviceKind(String(r.deviceId)),
        cameraId: this.deps.registry.cameraId(String(r.deviceId)),
        peer: { transport: r.transport === 'TCP' ? 'TCP' : 'UDP', address: String(r.remoteAddress), port: Number(r.remotePort) },
        contact: String(r.contact),
        registered: true,
        registeredAt,
        expiresAt: num(r.expiresAt)!,
        lastKeepaliveAt,
        lastAliveAt: num(r.lastAliveAt) ?? Math.max(registeredAt, lastKeepaliveAt ?? 0),
        intervalMs: Number(r.keepaliveIntervalS) * 1000,
        online: r.online === true,
        since: num(r.since) ?? registeredAt,
        reason: String(r.reason),
        info: {
          deviceName: (r.deviceName as string | null) ?? null,
          manufacturer: (r.manufacturer as string | null) ?? null,
          model: (r.model as string | null) ?? null,
          firmware: (r.firmware as string | null) ?? null,
          serial: (r.serial as string | null) ?? null,
          channels: num(r.channelCount),
        },
        catalogState: r.catalogState === 'pending' ? 'none' : (r.catalogState as DeviceSession['catalogState']),
        catalogSumNum: num(r.catalogSumNum),
        catalogItems: num(r.catalogItems),
        catalogAt,
        status: { online: null, result: null, at: null },
        nextQueryAt: catalogAt === null ? 0 : catalogAt + this.config.refreshMs,
        querying: false,
      });
    }
    if (rows.length > 0) this.log(`restored ${rows.length} registered device(s)`);
  }

  private rematch(): void {
    for (const s of this.sessions.values()) {
      const id = this.deps.registry.cameraId(s.deviceId);
      if (id !== s.cameraId) {
        s.cameraId = id;
        this.deps.writer.device(s);
      }
    }
  }

  private onRequest(req: SipRequest, peer: Peer): void {
    if (req.method === 'ACK') return;
    const key = ResponseCache.keyOf(req);
    const cached = this.responses.get(key, this.now());
    if (cached !== undefined) {
      // A retransmission: same answer, no second processing.
      this.transport.send(peer, cached);
      return;
    }
    let after: (() => void) | undefined;
    let res: SipResponse;
    if (req.method === 'REGISTER') res = this.onRegister(req, peer);
    else if (req.method === 'MESSAGE') ({ res, after } = this.onMessage(req, peer));
    else if (req.method === 'OPTIONS') res = responseTo(req, 200, 'OK', [['allow', 'REGISTER, MESSAGE, OPTIONS']], undefined, newTag());
    else res = responseTo(req, 405, 'Method Not Allowed', [['allow', 'REGISTER, MESSAGE, OPTIONS']], undefined, newTag());
    const bytes = serialize(res);
    this.responses.set(key, bytes, this.now());
    this.transport.send(peer, bytes);
    after?.();
  }

  private refuse(req: SipRequest, status: number, reason: string, extra: SipHeaders = []): SipResponse {
    this.stats.refused += 1;
    return responseTo(req, status, reason, extra, undefined, newTag());
  }

  private challenge(req: SipRequest, stale: boolean): SipResponse {
    this.stats.challenges += 1;
    return responseTo(
      req,
      401,
      'Unauthorized',
      [['www-authenticate', challengeHeader(this.config.domain, this.nonces.issue(), stale)]],
      undefined,
      newTag(),
    );
  }

  private onRegister(req: SipRequest, peer: Peer): SipResponse {
    this.stats.registers += 1;
    const deviceId = parseNameAddr(headerValue(req.headers, 'from') ?? '')?.user ?? '';
    if (!isGbId(deviceId)) return this.refuse(req, 400, 'Bad Device ID');
    const creds = credentialsFrom(parseDigest(headerValue(req.headers, 'authorization')));
    if (creds === undefined) return this.challenge(req, false);
    const check = this.nonces.check(creds.nonce);
    if (check !== 'ok' || creds.realm !== this.config.domain) return this.challenge(req, check === 'stale');
    const password = this.deps.registry.password(deviceId, this.config.defaultPassword);
    // A wrong password gets 403, not another challenge: devices retrying in a tight loop lock nothing here but flood.
    if (creds.username !== deviceId || password === null || !verifyDigest(creds, 'REGISTER', password)) {
      this.authFailed(deviceId, peer, password === null ? 'no-password' : 'wrong-password');
      return this.refuse(req, 403, 'Forbidden');
    }
    const contact = headerValue(req.headers, 'contact') ?? '';
    const expiresRaw = headerValue(req.headers, 'expires') ?? parseParams(contact.slice(contact.indexOf('>') + 1)).get('expires') ?? '3600';
    if (!/^\d{1,10}$/.test(expiresRaw.trim())) return this.refuse(req, 400, 'Bad Expires');
    let expiresS = Number(expiresRaw.trim());
    const now = this.now();
    const ok = (extra: SipHeaders): SipResponse =>
      responseTo(req, 200, 'OK', [...extra, ['date', gbDate(now, this.config.utcOffsetMinutes)]], undefined, newTag());
    if (expiresS === 0) {
      this.unregister(deviceId, now);
      return ok([['expires', '0']]);
    }
    if (expiresS < this.config.minExpiresS)
      return this.refuse(req, 423, 'Interval Too Brief', [['min-expires', String(this.config.minExpiresS)]]);
    expiresS = Math.min(expiresS, this.config.maxExpiresS);
    let s = this.sessions.get(deviceId);
    if (s === undefined && this.sessions.size >= this.config.maxDevices)
      return this.refuse(req, 503, 'Service Unavailable', [['retry-after', '300']]);
    const fresh = s === undefined || !s.registered;
    if (s === undefined) {
      s = this.newSession(deviceId, peer, now);
      this.sessions.set(s.deviceId, s);
    }
    s.peer = peer.transport === 'UDP' ? { transport: 'UDP', address: peer.address, port: peer.port } : peer;
    if (s.contact !== contact) s.contact = ownString(contact);
    s.registered = true;
    s.expiresAt = now + expiresS * 1000;
    s.lastAliveAt = now;
    if (fresh) {
      this.stats.registrations += 1;
      s.registeredAt = now;
      s.nextQueryAt = now;
      const unknown = s.kind === 'camera' && s.cameraId === null;
      this.deps.writer.event({
        deviceId,
        cameraId: s.cameraId,
        kind: 'registered',
        at: new Date(now).toISOString(),
        detail: { transport: peer.transport, address: peer.address, port: peer.port, expiresS },
      });
      if (unknown) this.deps.writer.event({ deviceId, kind: 'unknown-device', at: new Date(now).toISOString(), detail: { kind: s.kind } });
    }
    if (!s.online) {
      if (!fresh)
        this.deps.writer.event({
          deviceId,
          cameraId: s.cameraId,
          kind: 'online',
          at: new Date(now).toISOString(),
          detail: { by: 'register' },
        });
      s.online = true;
      s.since = now;
      s.reason = 'registered';
    }
    this.deps.writer.device(s);
    return ok([
      ['contact', contact === '' ? `<sip:${deviceId}@${peer.address}:${peer.port}>` : contact.replace(/;\s*expires=\d+/i, '')],
      ['expires', String(expiresS)],
    ]);
  }

  private newSession(deviceId: string, peer: Peer, now: number): DeviceSession {
    return {
      deviceId: ownString(deviceId),
      kind: deviceKind(deviceId),
      cameraId: this.deps.registry.cameraId(deviceId),
      peer,
      contact: '',
      registered: false,
      registeredAt: now,
      expiresAt: now,
      lastKeepaliveAt: null,
      lastAliveAt: now,
      intervalMs: this.config.keepaliveIntervalMs,
      online: false,
      since: now,
      reason: '',
      info: { deviceName: null, manufacturer: null, model: null, firmware: null, serial: null, channels: null },
      catalogState: 'none',
      catalogSumNum: null,
      catalogItems: null,
      catalogAt: null,
      status: { online: null, result: null, at: null },
      nextQueryAt: now,
      querying: false,
    };
  }

  private authFailed(deviceId: string, peer: Peer, why: string): void {
    this.stats.authFailed += 1;
    const now = this.now();
    const last = this.authFailures.get(deviceId);
    if (last !== undefined && now - last < 3_600_000) return;
    this.authFailures.delete(deviceId);
    this.authFailures.set(deviceId, now);
    while (this.authFailures.size > this.config.maxAuthFailureMemory)
      this.authFailures.delete(this.authFailures.keys().next().value as string);
    this.log(`${deviceId} REGISTER refused (${why}) from ${peer.address}`);
    this.deps.writer.event({
      deviceId,
      cameraId: this.deps.registry.cameraId(deviceId),
      kind: 'auth-failed',
      at: new Date(now).toISOString(),
      detail: { why, address: peer.address },
    });
  }

  private unregister(deviceId: string, now: number): void {
    const s = this.sessions.get(deviceId);
    if (s === undefined) return;
    this.stats.unregistered += 1;
    this.endSession(s, now, 'unregistered');
  }

  /** Registration over (unregister or expiry): offline, written, forgotten from memory. */
  private endSession(s: DeviceSession, now: number, reason: 'unregistered' | 'expired'): void {
    s.registered = false;
    s.online = false;
    s.since = now;
    s.reason = reason;
    this.queries.cancel(s.deviceId);
    this.deps.writer.event({ deviceId: s.deviceId, cameraId: s.cameraId, kind: reason, at: new Date(now).toISOString() });
    this.deps.writer.device(s);
    this.sessions.delete(s.deviceId);
  }

  private onMessage(req: SipRequest, peer: Peer): { res: SipResponse; after?: () => void } {
    this.stats.messages += 1;
    const deviceId = parseNameAddr(headerValue(req.headers, 'from') ?? '')?.user ?? '';
    const s = this.sessions.get(deviceId);
    // Only registered devices, from the address they registered from, may talk to us.
    if (s === undefined || !s.registered) return { res: this.refuse(req, 403, 'Not Registered') };
    if (peer.address !== s.peer.address) return { res: this.refuse(req, 403, 'Address Mismatch') };
    if (!/manscdp\+xml/i.test(headerValue(req.headers, 'content-type') ?? ''))
      return { res: this.refuse(req, 415, 'Unsupported Media Type') };
    let body: Manscdp;
    try {
      body = parseManscdp(req.body);
    } catch (err) {
      if (err instanceof ManscdpError) return { res: this.refuse(req, 400, 'Bad MANSCDP Body') };
      throw err;
    }
    const now = this.now();
    if (body.root === 'Notify' && body.cmdType === 'Keepalive') {
      if (body.deviceId !== deviceId) return { res: this.refuse(req, 400, 'Device ID Mismatch') };
      this.stats.keepalives += 1;
      s.lastKeepaliveAt = now;
      s.lastAliveAt = now;
      // Replaced only when the device moved: a new object per keepalive in a long-lived session was
      // old-generation garbage a minute later.
      if (
        s.peer.transport !== peer.transport ||
        s.peer.port !== peer.port ||
        s.peer.address !== peer.address ||
        s.peer.connection !== peer.connection
      )
        s.peer = peer.transport === 'UDP' ? { transport: 'UDP', address: peer.address, port: peer.port } : peer;
      if (!s.online) {
        s.online = true;
        s.since = now;
        s.reason = 'keepalive';
        this.deps.writer.event({
          deviceId,
          cameraId: s.cameraId,
          kind: 'online',
          at: new Date(now).toISOString(),
          detail: { by: 'keepalive' },
        });
        // Its state changed, not only its keepalive time: the whole row.
        this.deps.writer.device(s);
      }
      this.dirty.add(s);
      return { res: responseTo(req, 200, 'OK', [], undefined, newTag()) };
    }
    const res = responseTo(req, 200, 'OK', [], undefined, newTag());
    if (body.root === 'Response') return { res, after: () => this.queries.onAnswer(s, body as ManscdpResponse) };
    return { res };
  }

  private sweep(): void {
    const now = this.now();
    for (const s of this.sessions.values()) {
      const verdict = sweepVerdict(s, now, this.config);
      if (verdict === 'expired') {
        this.stats.expired += 1;
        this.endSession(s, now, 'expired');
        continue;
      }
      if (verdict === 'offline') {
        this.stats.offline += 1;
        s.online = false;
        s.since = now;
        s.reason = 'keepalive-missed';
        this.deps.writer.event({
          deviceId: s.deviceId,
          cameraId: s.cameraId,
          kind: 'offline',
          at: new Date(now).toISOString(),
          detail: {
            lastAliveAt: new Date(s.lastAliveAt).toISOString(),
            missed: this.config.keepaliveMissed,
            intervalS: s.intervalMs / 1000,
          },
        });
        this.deps.writer.device(s);
      }
      if (s.registered && !s.querying && s.nextQueryAt <= now) this.queries.enqueue(s);
    }
    this.queries.sweep(now);
  }

  /** Where a request to the device goes: its registration's source (UDP, or its open TCP stream), else its Contact. */
  targetOf(s: DeviceSession): Peer {
    if (s.peer.transport === 'UDP' || (s.peer.connection !== undefined && !s.peer.connection.socket.destroyed)) return s.peer;
    const hp = parseNameAddr(s.contact)?.hostPort ?? '';
    const m = /^([^:]+):(\d+)$/.exec(hp);
    return m === null ? s.peer : { transport: 'TCP', address: m[1]!, port: Number(m[2]) };
  }

  async stop(flushTimeoutMs = 3000): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.queries.close();
    this.transactions.close();
    await this.transport.close();
    this.handOverDirty();
    const deadline = Date.now() + flushTimeoutMs;
    while (this.deps.writer.pending > 0 && Date.now() < deadline) {
      await this.deps.writer.flush();
      if (this.deps.writer.pending > 0) await new Promise((r) => setTimeout(r, 200));
    }
  }
}
