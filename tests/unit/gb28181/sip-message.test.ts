import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIP_LIMITS,
  headerValue,
  parseDatagram,
  parseNameAddr,
  parseVia,
  responseTo,
  serialize,
  SipParseError,
  splitList,
  type SipRequest,
} from '../../../camera-agent/gb28181/sip/message';
import { TcpFramer } from '../../../camera-agent/gb28181/sip/tcp-framer';

const REGISTER = [
  'REGISTER sip:34020000002000000001@3402000000 SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK1',
  'From: <sip:34020000001320000001@3402000000>;tag=a1',
  'To: <sip:34020000001320000001@3402000000>',
  'Call-ID: c1@192.0.2.10',
  'CSeq: 1 REGISTER',
  'Contact: <sip:34020000001320000001@192.0.2.10:5060>',
  'Max-Forwards: 70',
  'Expires: 3600',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

const keepalive = (body: string): string =>
  [
    'MESSAGE sip:34020000002000000001@3402000000 SIP/2.0',
    'v: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK2',
    'f: <sip:34020000001320000001@3402000000>;tag=x',
    't: <sip:34020000002000000001@3402000000>',
    'i: k1',
    'CSeq: 20 MESSAGE',
    'c: Application/MANSCDP+xml',
    `l: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof SipParseError) return err.code;
    throw err;
  }
  return 'parsed';
};

describe('SIP message parser', () => {
  it('reads a GB/T 28181 REGISTER: start line, headers by lower-case name, empty body', () => {
    const m = parseDatagram(Buffer.from(REGISTER)) as SipRequest;
    expect(m.kind).toBe('request');
    expect(m.method).toBe('REGISTER');
    expect(headerValue(m.headers, 'expires')).toBe('3600');
    expect(parseNameAddr(headerValue(m.headers, 'from')!)!.user).toBe('34020000001320000001');
    expect(m.body.length).toBe(0);
  });

  it('expands compact header names (v, f, t, i, c, l) so keepalives from compact stacks are understood', () => {
    const body = '<?xml version="1.0"?><Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>34020000001320000001</DeviceID></Notify>';
    const m = parseDatagram(Buffer.from(keepalive(body)));
    expect(headerValue(m.headers, 'content-type')).toBe('Application/MANSCDP+xml');
    expect(headerValue(m.headers, 'call-id')).toBe('k1');
    expect(m.body.toString()).toBe(body);
  });

  it('refuses a body shorter than its Content-Length (a truncated datagram is not processed)', () => {
    const text = keepalive('<Notify/>').replace(/l: \d+/, 'l: 500');
    expect(codeOf(() => parseDatagram(Buffer.from(text)))).toBe('truncated');
  });

  it('refuses more header fields than the cap, and a header section past the byte cap', () => {
    const many = REGISTER.replace(
      'Content-Length: 0',
      [...Array(70).keys()].map((i) => `X-H${i}: v`).join('\r\n') + '\r\nContent-Length: 0',
    );
    expect(codeOf(() => parseDatagram(Buffer.from(many)))).toBe('too-many-headers');
    const huge = REGISTER.replace('Content-Length: 0', `X-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 0`);
    expect(codeOf(() => parseDatagram(Buffer.from(huge)))).toBe('headers-too-large');
  });

  it('refuses a declared body past the cap before reading it', () => {
    const big = REGISTER.replace('Content-Length: 0', `Content-Length: ${DEFAULT_SIP_LIMITS.maxBodyBytes + 1}`);
    expect(codeOf(() => parseDatagram(Buffer.from(big)))).toBe('body-too-large');
  });

  it('refuses what is not SIP/2.0: HTTP, SIP/3.0, junk header lines, a CSeq naming another method, missing Call-ID', () => {
    expect(codeOf(() => parseDatagram(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')))).toBe('bad-start-line');
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER.replace('SIP/2.0\r\n', 'SIP/3.0\r\n'))))).toBe('bad-version');
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER.replace('Max-Forwards: 70', 'no colon here'))))).toBe('bad-header');
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER.replace('CSeq: 1 REGISTER', 'CSeq: 1 INVITE'))))).toBe('bad-cseq');
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER.replace('Call-ID: c1@192.0.2.10\r\n', ''))))).toBe('missing-header');
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER.replace('Content-Length: 0', 'Content-Length: 0\r\nContent-Length: 5'))))).toBe(
      'bad-content-length',
    );
  });

  // Bug pinned: compact forms were looked up in a plain object, so a header called "constructor"
  // or "toString" got Object's function as its name instead of its own.
  it('keeps headers named like object properties ("constructor", "toString") under their own names', () => {
    const m = parseDatagram(Buffer.from(REGISTER.replace('Max-Forwards: 70', 'Constructor: a\r\ntoString: b')));
    expect(m.headers.filter(([n]) => n === 'constructor' || n === 'tostring')).toEqual([
      ['constructor', 'a'],
      ['tostring', 'b'],
    ]);
  });

  it('refuses a malformed header name every time (remembered names are only well-formed ones); LF line ends read as CRLF', () => {
    const bad = Buffer.from(REGISTER.replace('Max-Forwards: 70', 'Max Forwards: 70'));
    expect(codeOf(() => parseDatagram(Buffer.from(REGISTER)))).toBe('parsed');
    expect(codeOf(() => parseDatagram(bad))).toBe('bad-header');
    expect(codeOf(() => parseDatagram(bad))).toBe('bad-header');
    const lf = parseDatagram(Buffer.from(REGISTER.replace(/\r\n/g, '\n'))) as SipRequest;
    const crlf = parseDatagram(Buffer.from(REGISTER)) as SipRequest;
    expect(lf.headers).toEqual(crlf.headers);
    expect([lf.method, lf.uri]).toEqual([crlf.method, crlf.uri]);
  });

  it('parses Via, Contact lists and name-addr forms with and without angle brackets', () => {
    const via = parseVia('SIP/2.0/UDP 192.0.2.10:5062;rport;branch=z9hG4bKabc')!;
    expect([via.transport, via.host, via.port, via.params.get('branch'), via.params.has('rport')]).toEqual([
      'UDP',
      '192.0.2.10',
      5062,
      'z9hG4bKabc',
      true,
    ]);
    expect(splitList('"a, b" <sip:1@h>;expires=5, <sip:2@h>')).toEqual(['"a, b" <sip:1@h>;expires=5', '<sip:2@h>']);
    const bare = parseNameAddr('sip:34020000001320000001@3402000000;tag=77')!;
    expect([bare.user, bare.hostPort, bare.params.get('tag')]).toEqual(['34020000001320000001', '3402000000', '77']);
  });

  it('serializes a response that copies the transaction headers and adds a To tag; the result parses back', () => {
    const req = parseDatagram(Buffer.from(REGISTER)) as SipRequest;
    const res = responseTo(req, 200, 'OK', [['expires', '3600']], Buffer.alloc(0), 'srv1');
    const back = parseDatagram(serialize(res));
    expect(back.kind === 'response' && back.status).toBe(200);
    expect(headerValue(back.headers, 'to')).toContain(';tag=srv1');
    expect(headerValue(back.headers, 'content-length')).toBe('0');
  });
});

describe('SIP over TCP framing', () => {
  it('frames back-to-back messages and a message split at any byte', () => {
    const body = '<Notify><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>34020000001320000001</DeviceID></Notify>';
    const stream = Buffer.from(REGISTER + keepalive(body) + '\r\n\r\n' + REGISTER);
    for (const cut of [1, 7, 100, REGISTER.length, REGISTER.length + 3, stream.length - 1]) {
      const f = new TcpFramer();
      const got = [...f.push(stream.subarray(0, cut)), ...f.push(stream.subarray(cut))];
      expect(got.map((m) => (m.kind === 'request' ? m.method : ''))).toEqual(['REGISTER', 'MESSAGE', 'REGISTER']);
      expect(got[1]!.body.toString()).toBe(body);
      expect(f.buffered).toBe(0);
    }
  });

  it('refuses a stream message without Content-Length (no way to find its end)', () => {
    const f = new TcpFramer();
    expect(codeOf(() => f.push(Buffer.from(REGISTER.replace('Content-Length: 0\r\n', ''))))).toBe('bad-content-length');
  });

  it('gives up on headers that never end instead of buffering them (bounded memory per connection)', () => {
    const f = new TcpFramer();
    f.push(Buffer.from('REGISTER sip:x@y SIP/2.0\r\n'));
    expect(codeOf(() => f.push(Buffer.from('X: ' + 'a'.repeat(DEFAULT_SIP_LIMITS.maxHeaderBytes))))).toBe('headers-too-large');
  });
});
