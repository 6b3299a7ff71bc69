// One simulated GB/T 28181 device (IP camera, NVR or lower-level platform): it registers with
// digest, keeps alive, re-registers before expiry, answers Catalog / DeviceInfo / DeviceStatus
// queries, and unregisters on stop. Faults are scripted per device: wrong password, missed
// keepalives, a catalog that is never answered, the page size of the catalog (split), GB2312.
import { parseManscdp } from '../manscdp';
import { authorizationFor } from '../sip/digest';
import { headerValue, responseTo, type SipRequest, type SipResponse } from '../sip/message';
import { buildRequest, newCallId, newTag, type ClientTransactions } from '../sip/transactions';
import type { Peer, SipTransport } from '../sip/transport';
import { catalogPages, deviceInfoXml, deviceStatusXml, encodeXml, keepaliveXml, type SimChannel, type SimEncoding } from './catalog-xml';

export interface SimFaults {
  /** Registers with this password instead of the right one. */
  wrongPassword?: string;
  /** Stops sending keepalives (stays registered until expiry): offline after 3 intervals. */
  missKeepalives?: boolean;
  /** Says 200 to a Catalog query and then never sends the answer. */
  silentCatalog?: boolean;
}

export interface SimDeviceSpec {
  deviceId: string;
  password: string;
  name: string;
  keepaliveIntervalMs: number;
  expiresS: number;
  /** Catalog items (a camera lists itself; a platform its channels and organisation nodes). */
  channels: SimChannel[];
  catalogPerMessage: number;
  encoding: SimEncoding;
  info: { manufacturer: string; model: string; firmware: string; serial: string };
  faults: SimFaults;
}

export interface SimLink {
  transport: SipTransport;
  transactions: ClientTransactions;
  /** host:port of this link for Via and Contact. */
  hostPort: string;
  server: Peer;
  serverId: string;
  domain: string;
}

export type SimDeviceState = 'idle' | 'registering' | 'registered' | 'refused' | 'stopped';

export class SimDevice {
  state: SimDeviceState = 'idle';
  /** The Date the server sent with its 200 (time sync), as text. */
  serverDate: string | null = null;
  readonly counts = { registers: 0, keepalivesSent: 0, keepalivesAnswered: 0, queries: 0, catalogPagesSent: 0, refusals: 0 };
  private keepaliveTimer: ReturnType<typeof setTimeout> | undefined;
  private reregisterTimer: ReturnType<typeof setTimeout> | undefined;
  private callId: string;
  private cseq = 1;
  private sn = 1;
  private readonly fromTag = newTag();

  constructor(
    readonly spec: SimDeviceSpec,
    private readonly link: SimLink,
  ) {
    this.callId = newCallId(link.hostPort.split(':')[0]!);
  }

  private aor(): string {
    return `<sip:${this.spec.deviceId}@${this.link.domain}>`;
  }

  private request(method: string, headers: Array<[string, string]>, body?: Buffer, to = this.aor()): SipRequest {
    return buildRequest({
      method,
      uri: `sip:${this.link.serverId}@${this.link.domain}`,
      from: `${this.aor()};tag=${this.fromTag}`,
      to,
      callId: method === 'REGISTER' ? this.callId : newCallId(this.link.hostPort.split(':')[0]!),
      cseq: this.cseq++,
      via: { transport: this.link.server.transport, hostPort: this.link.hostPort },
      headers,
      ...(body === undefined ? {} : { body }),
    });
  }

  /** REGISTER, answer the challenge, and return the final status (200 registered, 403 refused …). */
  async register(expiresS = this.spec.expiresS): Promise<number> {
    this.state = expiresS === 0 ? this.state : 'registering';
    this.counts.registers += 1;
    const contact: [string, string] = ['contact', `<sip:${this.spec.deviceId}@${this.link.hostPort}>`];
    const expires: [string, string] = ['expires', String(expiresS)];
    let res = await this.link.transactions.request(this.link.server, this.request('REGISTER', [contact, expires]));
    if (res.status === 401) {
      const auth = authorizationFor(headerValue(res.headers, 'www-authenticate') ?? '', {
        username: this.spec.deviceId,
        password: this.spec.faults.wrongPassword ?? this.spec.password,
        method: 'REGISTER',
        uri: `sip:${this.link.serverId}@${this.link.domain}`,
      });
      if (auth === undefined) return res.status;
      res = await this.link.transactions.request(this.link.server, this.request('REGISTER', [contact, expires, ['authorization', auth]]));
    }
    if (expiresS === 0) return res.status;
    if (res.status === 200) {
      this.state = 'registered';
      this.serverDate = headerValue(res.headers, 'date') ?? null;
      this.scheduleReregister(expiresS);
      if (this.keepaliveTimer === undefined) this.scheduleKeepalive(Math.random() * this.spec.keepaliveIntervalMs);
    } else {
      this.state = 'refused';
      this.counts.refusals += 1;
    }
    return res.status;
  }

  private scheduleReregister(expiresS: number): void {
    if (this.reregisterTimer !== undefined) clearTimeout(this.reregisterTimer);
    // Devices refresh a little before expiry.
    this.reregisterTimer = setTimeout(() => void this.register().catch(() => undefined), Math.max(1000, expiresS * 1000 * 0.8));
    this.reregisterTimer.unref();
  }

  private scheduleKeepalive(delayMs: number): void {
    this.keepaliveTimer = setTimeout(() => {
      if (this.state !== 'registered') return;
      this.scheduleKeepalive(this.spec.keepaliveIntervalMs);
      if (this.spec.faults.missKeepalives === true) return;
      void this.keepalive();
    }, delayMs);
    this.keepaliveTimer.unref();
  }

  async keepalive(): Promise<number | undefined> {
    this.counts.keepalivesSent += 1;
    const body = encodeXml(keepaliveXml(this.spec.deviceId, this.sn++), this.spec.encoding);
    try {
      const res = await this.sendMessage(body);
      if (res.status === 200) this.counts.keepalivesAnswered += 1;
      return res.status;
    } catch {
      return undefined;
    }
  }

  private sendMessage(body: Buffer): Promise<SipResponse> {
    const req = this.request(
      'MESSAGE',
      [['content-type', 'Application/MANSCDP+xml']],
      body,
      `<sip:${this.link.serverId}@${this.link.domain}>`,
    );
    return this.link.transactions.request(this.link.server, req);
  }

  /** A request from the server (a query). Answered 200 at once; the Response follows. */
  onRequest(req: SipRequest, peer: Peer): void {
    if (req.method !== 'MESSAGE') {
      this.link.transport.send(peer, responseTo(req, 405, 'Method Not Allowed', [], undefined, newTag()));
      return;
    }
    let query;
    try {
      query = parseManscdp(req.body);
    } catch {
      this.link.transport.send(peer, responseTo(req, 400, 'Bad Request', [], undefined, newTag()));
      return;
    }
    this.link.transport.send(peer, responseTo(req, 200, 'OK', [], undefined, newTag()));
    if (query.root !== 'Query') return;
    this.counts.queries += 1;
    void this.answer(query.cmdType, query.sn).catch(() => undefined);
  }

  private async answer(cmdType: string, sn: string): Promise<void> {
    const id = this.spec.deviceId;
    if (cmdType === 'Catalog') {
      if (this.spec.faults.silentCatalog === true) return;
      const pages = catalogPages(id, sn, this.spec.channels, this.spec.catalogPerMessage);
      // A few pages in flight at once, each retransmitted until answered (as platforms do).
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < pages.length && this.state === 'registered') {
          const page = pages[next++]!;
          await this.sendMessage(encodeXml(page, this.spec.encoding));
          this.counts.catalogPagesSent += 1;
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    } else if (cmdType === 'DeviceInfo') {
      await this.sendMessage(
        encodeXml(deviceInfoXml(id, sn, { name: this.spec.name, ...this.spec.info }, this.spec.channels.length), this.spec.encoding),
      );
    } else if (cmdType === 'DeviceStatus') {
      await this.sendMessage(encodeXml(deviceStatusXml(id, sn, new Date().toISOString().slice(0, 19)), this.spec.encoding));
    }
  }

  /** Stops timers; with unregister, sends REGISTER Expires: 0 first. */
  async stop(unregister: boolean): Promise<void> {
    if (this.keepaliveTimer !== undefined) clearTimeout(this.keepaliveTimer);
    if (this.reregisterTimer !== undefined) clearTimeout(this.reregisterTimer);
    this.keepaliveTimer = undefined;
    this.reregisterTimer = undefined;
    const was = this.state;
    this.state = 'stopped';
    if (unregister && was === 'registered') await this.register(0).catch(() => undefined);
  }
}
