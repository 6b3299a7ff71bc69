// UDP and TCP on one port, loopback or any address, for the GB/T 28181 server and simulator.
// Hardened like the ONVIF client: every datagram and stream is parsed with caps (message.ts),
// a TCP connection must finish a message within a deadline of its first byte (slow drip) and is
// closed when idle, connections are capped in total and per address, and a peer that sends
// garbage on a stream is disconnected. Nothing is kept per peer beyond an open connection.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { parseDatagram, serialize, SipParseError, DEFAULT_SIP_LIMITS, type SipLimits, type SipMessage } from './message';
import { TcpFramer } from './tcp-framer';

export type SipTransportName = 'UDP' | 'TCP';

export interface Peer {
  transport: SipTransportName;
  address: string;
  port: number;
  /** The stream a TCP message came on (answers go back on it). */
  connection?: TcpConnection;
}

export interface TransportOptions {
  host: string;
  /** 0 picks a free port (UDP and TCP then share the number UDP got). */
  port: number;
  limits?: SipLimits;
  tcp?: boolean;
  maxConnections?: number;
  maxConnectionsPerAddress?: number;
  /** A TCP message must be complete this long after its first byte. */
  messageDeadlineMs?: number;
  /** A TCP connection with no traffic for this long is closed. */
  idleMs?: number;
  onMessage(msg: SipMessage, peer: Peer): void;
  /** A message refused by the parser (counted and logged by the caller, never answered). */
  onRefused?(code: string, peer: Peer): void;
}

export class TcpConnection {
  readonly framer: TcpFramer;
  lastActivityAt = Date.now();
  /** When the bytes of an unfinished message started arriving (0: none pending). */
  partialSince = 0;

  constructor(
    readonly socket: Socket,
    limits: SipLimits,
  ) {
    this.framer = new TcpFramer(limits);
  }

  get key(): string {
    return `${this.socket.remoteAddress ?? ''}:${this.socket.remotePort ?? 0}`;
  }
}

export class SipTransport {
  private udp: UdpSocket | undefined;
  private tcp: Server | undefined;
  private readonly connections = new Set<TcpConnection>();
  /** Outbound TCP connections by "address:port" (the simulator's devices, queries to TCP contacts). */
  private readonly outbound = new Map<string, TcpConnection>();
  private readonly perAddress = new Map<string, number>();
  private sweepTimer: ReturnType<typeof setInterval> | undefined;
  private readonly limits: SipLimits;
  readonly stats = { udpIn: 0, tcpIn: 0, refused: 0, sent: 0, connectionsRefused: 0, connectionsClosedIdle: 0, connectionsClosedSlow: 0 };
  port = 0;

  constructor(private readonly options: TransportOptions) {
    this.limits = options.limits ?? DEFAULT_SIP_LIMITS;
  }

  async listen(): Promise<void> {
    // Port 0: UDP picks a free number and TCP takes the same one, which another process may hold
    // over TCP (a test's server side by side once did): then both try again with a new number.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.bind();
        break;
      } catch (e) {
        const udp = this.udp;
        this.udp = undefined;
        try {
          udp?.close();
        } catch {
          /* a socket whose bind failed may be closed already; the bind's error is the one to report */
        }
        const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (!(inUse && this.options.port === 0 && attempt < 10)) throw e;
      }
    }
    this.sweepTimer = setInterval(() => this.sweep(), 1000);
    this.sweepTimer.unref();
  }

  /** Binds UDP, then TCP on the same port number. */
  private async bind(): Promise<void> {
    const udp = createSocket({ type: 'udp4' });
    this.udp = udp;
    udp.on('message', (buf, rinfo) => this.onDatagram(buf, rinfo.address, rinfo.port));
    // A UDP send error (ICMP unreachable) must not crash the server.
    udp.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(this.options.port, this.options.host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    this.port = udp.address().port;
    // Large catalog bursts: a bigger receive buffer drops fewer datagrams.
    try {
      udp.setRecvBufferSize(8 << 20);
    } catch {
      /* the kernel cap (net.core.rmem_max) decides; the default still works */
    }
    if (this.options.tcp !== false) {
      const server = createServer((socket) => this.accept(socket));
      server.maxConnections = this.options.maxConnections ?? 20_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.port, this.options.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.tcp = server;
    }
  }

  private onDatagram(buf: Buffer, address: string, port: number): void {
    this.stats.udpIn += 1;
    const peer: Peer = { transport: 'UDP', address, port };
    let msg: SipMessage;
    try {
      msg = parseDatagram(buf, this.limits);
    } catch (err) {
      if (err instanceof SipParseError && err.code === 'empty') return;
      this.stats.refused += 1;
      this.options.onRefused?.(err instanceof SipParseError ? err.code : 'parse-failed', peer);
      return;
    }
    this.options.onMessage(msg, peer);
  }

  private accept(socket: Socket): void {
    const address = socket.remoteAddress ?? '';
    const count = this.perAddress.get(address) ?? 0;
    if (count >= (this.options.maxConnectionsPerAddress ?? 1000)) {
      this.stats.connectionsRefused += 1;
      socket.destroy();
      return;
    }
    this.track(new TcpConnection(socket, this.limits));
  }

  private track(conn: TcpConnection): void {
    const socket = conn.socket;
    const address = socket.remoteAddress ?? '';
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    this.connections.add(conn);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.stats.tcpIn += 1;
      conn.lastActivityAt = Date.now();
      let messages: SipMessage[];
      try {
        messages = conn.framer.push(chunk);
      } catch (err) {
        this.stats.refused += 1;
        this.options.onRefused?.(err instanceof SipParseError ? err.code : 'parse-failed', this.peerOf(conn));
        socket.destroy();
        return;
      }
      conn.partialSince = conn.framer.buffered > 0 ? conn.partialSince || Date.now() : 0;
      for (const m of messages) this.options.onMessage(m, this.peerOf(conn));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.connections.delete(conn);
      for (const [k, v] of this.outbound) if (v === conn) this.outbound.delete(k);
      const n = (this.perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, n);
    });
  }

  private peerOf(conn: TcpConnection): Peer {
    return { transport: 'TCP', address: conn.socket.remoteAddress ?? '', port: conn.socket.remotePort ?? 0, connection: conn };
  }

  private sweep(): void {
    const now = Date.now();
    const deadline = this.options.messageDeadlineMs ?? 10_000;
    const idle = this.options.idleMs ?? 300_000;
    for (const conn of this.connections) {
      if (conn.partialSince !== 0 && now - conn.partialSince > deadline) {
        this.stats.connectionsClosedSlow += 1;
        conn.socket.destroy();
      } else if (now - conn.lastActivityAt > idle) {
        this.stats.connectionsClosedIdle += 1;
        conn.socket.destroy();
      }
    }
  }

  /** Sends a message; over TCP on the peer's connection, or a new one to address:port. */
  send(peer: Peer, msg: SipMessage | Buffer): void {
    const bytes = Buffer.isBuffer(msg) ? msg : serialize(msg);
    this.stats.sent += 1;
    if (peer.transport === 'UDP') {
      this.udp?.send(bytes, peer.port, peer.address);
      return;
    }
    const conn =
      peer.connection !== undefined && !peer.connection.socket.destroyed ? peer.connection : this.outboundTo(peer.address, peer.port);
    conn.lastActivityAt = Date.now();
    conn.socket.write(bytes);
  }

  private outboundTo(address: string, port: number): TcpConnection {
    const key = `${address}:${port}`;
    const existing = this.outbound.get(key);
    if (existing !== undefined && !existing.socket.destroyed) return existing;
    const conn = new TcpConnection(createConnection({ host: address, port }), this.limits);
    this.outbound.set(key, conn);
    this.track(conn);
    return conn;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    for (const c of this.connections) c.socket.destroy();
    await Promise.all([
      new Promise<void>((r) => (this.udp === undefined ? r() : this.udp.close(() => r()))),
      new Promise<void>((r) => (this.tcp === undefined ? r() : this.tcp.close(() => r()))),
    ]);
  }
}
