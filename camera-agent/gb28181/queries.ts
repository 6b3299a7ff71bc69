// Asking registered devices what they are: Catalog (the answer may come over many MESSAGEs:
// SumNum items in all, DeviceList Num per page), DeviceInfo and DeviceStatus. A bounded number
// of devices are asked at once; each query waits for the 200 to our MESSAGE, then for the
// Response MESSAGE(s). A catalog ends complete when SumNum items arrived, partial when pages
// stop coming before that, timeout when none came (a device that never answers). Pages go to the
// writer as they arrive (streamed): a lower platform's 20,000-channel catalog is not held in
// memory until its last page, only the codes seen (to count distinct items).
import { loadSql } from '../../db/sql';
import type { GbWriter } from './gb-writer';
import {
  isCatalog,
  isDeviceInfo,
  isDeviceStatus,
  queryBody,
  type CatalogItem,
  type DeviceInfoResponse,
  type ManscdpResponse,
} from './manscdp';
import type { GbServer } from './server';
import { ownString, type DeviceSession } from './session';
import { buildRequest, newCallId, newTag, TransactionTimeout } from './sip/transactions';

const SELECT_INVENTORY = loadSql(import.meta.url, 'sql/select-device-inventory.sql');

interface CatalogRun {
  sn: string;
  sumNum: number | null;
  /** Distinct item codes received so far (the items themselves went to the writer). */
  seen: Set<string>;
  seenAt: string;
  startedAt: number;
  /** Last page (or the 200 to the query): pages must keep coming within answerTimeoutMs. */
  lastPageAt: number;
  acknowledged: boolean;
  truncated: boolean;
  finish: (state: 'complete' | 'partial' | 'timeout') => void;
}

type Answer = ManscdpResponse;

export class QueryRunner {
  private readonly queue: DeviceSession[] = [];
  private inFlight = 0;
  private sn = 0;
  private closed = false;
  private readonly answers = new Map<string, (m: Answer) => void>();
  private readonly catalogs = new Map<string, CatalogRun>();
  readonly stats = { queriesSent: 0, noAnswer: 0, catalogsComplete: 0, catalogsPartial: 0, catalogsTimeout: 0, catalogItems: 0 };

  constructor(
    private readonly server: GbServer,
    private readonly writer: GbWriter,
    private readonly now: () => number,
  ) {}

  get pendingCatalogs(): number {
    return this.catalogs.size;
  }

  enqueue(s: DeviceSession): void {
    s.querying = true;
    this.queue.push(s);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.server.config.queryConcurrency && this.queue.length > 0) {
      const s = this.queue.shift()!;
      if (!s.registered || this.server.sessions.get(s.deviceId) !== s) {
        s.querying = false;
        continue;
      }
      this.inFlight += 1;
      void this.ask(s).finally(() => {
        this.inFlight -= 1;
        s.querying = false;
        this.pump();
      });
    }
  }

  private async ask(s: DeviceSession): Promise<void> {
    const config = this.server.config;
    let failed = false;
    if (s.info.firmware === null && s.info.serial === null) await this.loadKnownInventory(s);
    const catalog = await this.catalog(s);
    if (catalog === 'no-answer' || !s.registered) failed = true;
    else {
      const info = await this.query(s, 'DeviceInfo');
      if (info !== undefined && isDeviceInfo(info)) this.noteInfo(s, info);
      const status = info === undefined ? undefined : await this.query(s, 'DeviceStatus');
      if (status !== undefined && isDeviceStatus(status))
        s.status = { online: ownString(status.online), result: ownString(status.result), at: this.now() };
      failed = catalog !== 'complete' || info === undefined || status === undefined;
    }
    s.nextQueryAt = this.now() + (failed ? config.retryMs : config.refreshMs);
    if (s.registered) this.writer.device(s);
  }

  /** The firmware and serial stored for a device we have no memory of, so a change is noticed. */
  private async loadKnownInventory(s: DeviceSession): Promise<void> {
    const pool = this.server.pool;
    if (pool === undefined) return;
    try {
      const { rows } = await pool.query<{ firmware: string | null; serial: string | null }>(SELECT_INVENTORY, [s.deviceId]);
      if (rows[0] !== undefined) s.info = { ...s.info, firmware: rows[0].firmware, serial: rows[0].serial };
    } catch (err) {
      this.server.noteDb(err as Error);
    }
  }

  private noteInfo(s: DeviceSession, info: DeviceInfoResponse): void {
    const at = new Date(this.now()).toISOString();
    const serial = info.serial === '' ? null : info.serial;
    // As on the ONVIF side: another serial is another device (replaced), another firmware an upgrade.
    if (s.info.serial !== null && serial !== null && serial !== s.info.serial)
      this.writer.event({ deviceId: s.deviceId, cameraId: s.cameraId, kind: 'replaced', at, detail: { previous: s.info.serial, serial } });
    else if (s.info.firmware !== null && info.firmware !== '' && info.firmware !== s.info.firmware)
      this.writer.event({
        deviceId: s.deviceId,
        cameraId: s.cameraId,
        kind: 'firmware-changed',
        at,
        detail: { previous: s.info.firmware, firmware: info.firmware },
      });
    // Own copies: values cut from the answer's text would keep the whole answer alive (session.ts).
    s.info = {
      deviceName: ownString(info.deviceName || s.info.deviceName),
      manufacturer: ownString(info.manufacturer || s.info.manufacturer),
      model: ownString(info.model || s.info.model),
      firmware: ownString(info.firmware || s.info.firmware),
      serial: ownString(serial ?? s.info.serial),
      channels: info.channels ?? s.info.channels,
    };
  }

  /** Sends one query MESSAGE; resolves true once the device said 200, false on refusal or silence. */
  private async send(s: DeviceSession, cmdType: string, sn: number): Promise<boolean> {
    const config = this.server.config;
    const target = this.server.targetOf(s);
    const req = buildRequest({
      method: 'MESSAGE',
      uri: `sip:${s.deviceId}@${target.address}:${target.port}`,
      from: `<sip:${config.serverId}@${config.domain}>;tag=${newTag()}`,
      to: `<sip:${s.deviceId}@${config.domain}>`,
      callId: newCallId(config.advertise),
      cseq: 1,
      via: { transport: target.transport, hostPort: config.advertise },
      headers: [['content-type', 'Application/MANSCDP+xml']],
      body: queryBody(cmdType, sn, s.deviceId),
    });
    this.stats.queriesSent += 1;
    try {
      const res = await this.server.transactions.request(target, req);
      return res.status >= 200 && res.status < 300;
    } catch (err) {
      if (err instanceof TransactionTimeout) {
        this.stats.noAnswer += 1;
        return false;
      }
      if (this.closed) return false;
      throw err;
    }
  }

  private async query(s: DeviceSession, cmdType: 'DeviceInfo' | 'DeviceStatus'): Promise<Answer | undefined> {
    const sn = ++this.sn;
    const key = `${s.deviceId}|${cmdType}|${sn}`;
    let early: Answer | undefined;
    // The Response MESSAGE may overtake the 200 to our query on UDP: listen before sending.
    let deliver: (m: Answer) => void = (m) => {
      early = m;
    };
    this.answers.set(key, (m) => deliver(m));
    try {
      if (!(await this.send(s, cmdType, sn))) return undefined;
      if (early !== undefined) return early;
      return await new Promise<Answer | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), this.server.config.answerTimeoutMs);
        deliver = (m) => {
          clearTimeout(timer);
          resolve(m);
        };
      });
    } finally {
      this.answers.delete(key);
    }
  }

  private async catalog(s: DeviceSession): Promise<'complete' | 'partial' | 'timeout' | 'no-answer'> {
    const sn = ++this.sn;
    const startedAt = this.now();
    let finish!: CatalogRun['finish'];
    const done = new Promise<'complete' | 'partial' | 'timeout'>((resolve) => {
      finish = resolve;
    });
    const run: CatalogRun = {
      sn: String(sn),
      sumNum: null,
      seen: new Set(),
      seenAt: new Date(startedAt).toISOString(),
      startedAt,
      lastPageAt: startedAt,
      acknowledged: false,
      truncated: false,
      finish,
    };
    this.catalogs.set(s.deviceId, run);
    s.catalogState = 'pending';
    if (!(await this.send(s, 'Catalog', sn))) {
      // Cancelled meanwhile (the device unregistered or expired): nothing to report.
      if (this.catalogs.get(s.deviceId) === run) this.finishCatalog(s, run, 'timeout', false);
      return 'no-answer';
    }
    run.acknowledged = true;
    run.lastPageAt = Math.max(run.lastPageAt, this.now());
    return done;
  }

  onAnswer(s: DeviceSession, m: Answer): void {
    if (isCatalog(m)) {
      const run = this.catalogs.get(s.deviceId);
      if (run === undefined || run.sn !== m.sn) return;
      run.sumNum = m.sumNum;
      run.lastPageAt = this.now();
      const page: CatalogItem[] = [];
      for (const item of m.items) {
        if (run.seen.size >= this.server.config.maxCatalogItems && !run.seen.has(item.deviceId)) {
          run.truncated = true;
          continue;
        }
        run.seen.add(item.deviceId);
        page.push(item);
      }
      // The same seenAt for every page: the final complete marker removes only what no page listed.
      if (page.length > 0) this.writer.catalog({ deviceId: s.deviceId, seenAt: run.seenAt, complete: false, items: page });
      if (run.seen.size >= m.sumNum || run.truncated) this.finishCatalog(s, run, run.truncated ? 'partial' : 'complete');
      return;
    }
    this.answers.get(`${s.deviceId}|${m.cmdType}|${m.sn}`)?.(m);
  }

  private finishCatalog(s: DeviceSession, run: CatalogRun, state: 'complete' | 'partial' | 'timeout', resolve = true): void {
    if (this.catalogs.get(s.deviceId) === run) this.catalogs.delete(s.deviceId);
    const now = this.now();
    const finalState = state === 'timeout' && run.seen.size > 0 ? 'partial' : state;
    const at = new Date(now).toISOString();
    s.catalogState = finalState;
    s.catalogSumNum = run.sumNum;
    s.catalogItems = run.seen.size;
    s.catalogAt = now;
    this.stats[finalState === 'complete' ? 'catalogsComplete' : finalState === 'partial' ? 'catalogsPartial' : 'catalogsTimeout'] += 1;
    this.stats.catalogItems += run.seen.size;
    // The items are written already; a complete catalog then removes the channels it no longer lists.
    if (run.seen.size > 0 && finalState === 'complete')
      this.writer.catalog({ deviceId: s.deviceId, seenAt: run.seenAt, complete: true, items: [] });
    this.writer.event({
      deviceId: s.deviceId,
      cameraId: s.cameraId,
      kind: `catalog-${finalState}`,
      at,
      detail: {
        sumNum: run.sumNum,
        received: run.seen.size,
        ...(run.truncated ? { truncatedAt: this.server.config.maxCatalogItems } : {}),
      },
    });
    if (s.registered) this.writer.device(s);
    if (resolve) run.finish(finalState);
  }

  /** Catalogs whose pages stopped coming end partial (some items) or timeout (none). */
  sweep(now: number): void {
    for (const [deviceId, run] of this.catalogs) {
      if (!run.acknowledged || now - run.lastPageAt < this.server.config.answerTimeoutMs) continue;
      const s = this.server.sessions.get(deviceId);
      if (s === undefined) {
        this.catalogs.delete(deviceId);
        run.finish('timeout');
        continue;
      }
      this.finishCatalog(s, run, run.seen.size > 0 ? 'partial' : 'timeout');
    }
  }

  cancel(deviceId: string): void {
    const run = this.catalogs.get(deviceId);
    if (run === undefined) return;
    this.catalogs.delete(deviceId);
    run.finish('timeout');
  }

  close(): void {
    this.closed = true;
    for (const run of this.catalogs.values()) run.finish('timeout');
    this.catalogs.clear();
  }
}
