// A fleet of simulated GB/T 28181 devices in one process. UDP devices share a few sockets (the
// server tells them apart by their ids, as it must behind NAT); each TCP device has its own
// stream. Requests from the server are routed to the device named in the Request-URI.
import { headerValue, parseNameAddr, responseTo, type SipRequest } from '../sip/message';
import { ClientTransactions, newTag } from '../sip/transactions';
import { SipTransport, type Peer } from '../sip/transport';
import { SimDevice, type SimDeviceSpec, type SimLink } from './device';

export interface GbSimulatorOptions {
  server: { address: string; port: number };
  serverId: string;
  /** Loopback address the simulator binds to. */
  host?: string;
  /** UDP sockets shared by the UDP devices. */
  udpSockets?: number;
}

export interface SimSpec extends SimDeviceSpec {
  transport: 'UDP' | 'TCP';
}

export class GbSimulator {
  readonly devices = new Map<string, SimDevice>();
  private readonly links: SimLink[] = [];
  private readonly tcpLinks = new Map<string, SimLink>();
  private started = false;

  constructor(private readonly options: GbSimulatorOptions) {}

  private async newLink(transport: 'UDP' | 'TCP'): Promise<SimLink> {
    const host = this.options.host ?? '127.0.0.1';
    // The transport's handler needs the link, which needs the transport: a holder breaks the cycle.
    const holder: { link?: SimLink } = {};
    const sip = new SipTransport({
      host,
      port: 0,
      tcp: transport === 'TCP',
      onMessage: (msg, peer) => {
        const link = holder.link;
        if (link === undefined) return;
        if (msg.kind === 'response') link.transactions.onResponse(msg);
        else this.route(msg, peer, link);
      },
    });
    await sip.listen();
    const link: SimLink = {
      transport: sip,
      transactions: new ClientTransactions(sip, { timeoutMs: 32_000 }),
      hostPort: `${host}:${sip.port}`,
      server: { transport, address: this.options.server.address, port: this.options.server.port },
      serverId: this.options.serverId,
      domain: this.options.serverId.slice(0, 10),
    };
    holder.link = link;
    return link;
  }

  private route(req: SipRequest, peer: Peer, link: SimLink): void {
    const user = /^sips?:([^@;]+)@/i.exec(req.uri)?.[1] ?? parseNameAddr(headerValue(req.headers, 'to') ?? '')?.user ?? '';
    const device = this.devices.get(user);
    if (device === undefined) {
      if (req.method !== 'ACK') link.transport.send(peer, responseTo(req, 404, 'Not Found', [], undefined, newTag()));
      return;
    }
    device.onRequest(req, peer);
  }

  /** Adds devices (not yet registered). */
  async add(specs: SimSpec[]): Promise<SimDevice[]> {
    if (!this.started) {
      const n = Math.max(1, this.options.udpSockets ?? 4);
      for (let i = 0; i < n; i++) this.links.push(await this.newLink('UDP'));
      this.started = true;
    }
    const out: SimDevice[] = [];
    for (const spec of specs) {
      let link: SimLink;
      if (spec.transport === 'TCP') {
        link = await this.newLink('TCP');
        this.tcpLinks.set(spec.deviceId, link);
      } else link = this.links[this.devices.size % this.links.length]!;
      const device = new SimDevice(spec, link);
      this.devices.set(spec.deviceId, device);
      out.push(device);
    }
    return out;
  }

  /** Registers the given devices (all by default), at most `perSecond` REGISTERs a second. */
  async registerAll(devices: SimDevice[] = [...this.devices.values()], perSecond = 2000): Promise<Map<number, number>> {
    const results = new Map<number, number>();
    const batch = Math.max(1, Math.round(perSecond / 10));
    for (let i = 0; i < devices.length; i += batch) {
      const started = Date.now();
      const statuses = await Promise.all(devices.slice(i, i + batch).map((d) => d.register().catch(() => 0)));
      for (const s of statuses) results.set(s, (results.get(s) ?? 0) + 1);
      const wait = 100 - (Date.now() - started);
      if (wait > 0 && i + batch < devices.length) await new Promise((r) => setTimeout(r, wait));
    }
    return results;
  }

  async close(unregister = true): Promise<void> {
    await Promise.all([...this.devices.values()].map((d) => d.stop(unregister)));
    for (const link of [...this.links, ...this.tcpLinks.values()]) {
      link.transactions.close();
      await link.transport.close();
    }
  }
}
