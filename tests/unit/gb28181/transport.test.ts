// The SIP transport against hostile peers on loopback: garbage, slow drip, oversized streams.
import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SipMessage } from '../../../camera-agent/gb28181/sip/message';
import { SipTransport } from '../../../camera-agent/gb28181/sip/transport';

const REGISTER = [
  'REGISTER sip:34020000002000000001@3402000000 SIP/2.0',
  'Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK1',
  'From: <sip:34020000001320000001@3402000000>;tag=a1',
  'To: <sip:34020000001320000001@3402000000>',
  'Call-ID: c1',
  'CSeq: 1 REGISTER',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

let transport: SipTransport | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
});

async function start(opts: { messageDeadlineMs?: number; maxConnectionsPerAddress?: number } = {}) {
  const got: SipMessage[] = [];
  const refused: string[] = [];
  transport = new SipTransport({
    host: '127.0.0.1',
    port: 0,
    ...opts,
    onMessage: (m) => got.push(m),
    onRefused: (code) => refused.push(code),
  });
  await transport.listen();
  return { got, refused, port: transport.port };
}

const closed = (s: Socket): Promise<void> => new Promise((r) => (s.destroyed ? r() : s.once('close', () => r())));
const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

describe('SIP transport hardening', () => {
  it('counts and drops garbage datagrams, then still serves the next good one', async () => {
    const { got, refused, port } = await start();
    const udp = createSocket('udp4');
    for (const junk of [Buffer.from('hello'), Buffer.alloc(60_000, 0x41), Buffer.from('GET / HTTP/1.1\r\n\r\n')])
      await new Promise<void>((r) => udp.send(junk, port, '127.0.0.1', () => r()));
    await new Promise<void>((r) => udp.send(Buffer.from(REGISTER.replace('TCP', 'UDP')), port, '127.0.0.1', () => r()));
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    udp.close();
    expect(refused).toHaveLength(3);
    expect(got).toHaveLength(1);
  });

  it('closes a TCP stream that drips a message slower than the deadline (no slowloris)', async () => {
    const { got, port } = await start({ messageDeadlineMs: 300 });
    const s = await open(port);
    s.write(REGISTER.slice(0, 40));
    const started = Date.now();
    await closed(s);
    // The sweep runs each second: closed within deadline + one sweep.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(got).toHaveLength(0);
  });

  it('closes a TCP stream that sends a body past the cap or junk, without buffering it', async () => {
    const { refused, port } = await start();
    const a = await open(port);
    a.write(REGISTER.replace('Content-Length: 0', 'Content-Length: 99999999'));
    await closed(a);
    const b = await open(port);
    b.write('\x16\x03\x01 not sip at all\r\n\r\n');
    await closed(b);
    expect(refused).toEqual(['body-too-large', 'bad-start-line']);
  });

  it('caps connections per address', async () => {
    const { port } = await start({ maxConnectionsPerAddress: 2 });
    const a = await open(port);
    const b = await open(port);
    const c = await open(port);
    await closed(c);
    expect(a.destroyed || b.destroyed).toBe(false);
    a.destroy();
    b.destroy();
    expect(transport!.stats.connectionsRefused).toBe(1);
  });
});
