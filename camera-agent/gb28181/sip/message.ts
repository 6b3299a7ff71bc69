// SIP messages (RFC 3261) as the GB/T 28181 server and its simulator use them: a strict parser
// with caps (bytes, header count, body size) and a serializer. Anything that is not a
// well-formed SIP/2.0 message is a SipParseError with a stable code; nothing is guessed.
// Header names are kept in lower case, compact forms expanded (RFC 3261 §7.3.3).

export interface SipLimits {
  /** Start line plus headers, bytes. */
  maxHeaderBytes: number;
  /** Header fields per message (folded continuation lines count with their field). */
  maxHeaders: number;
  /** Body bytes (Content-Length). */
  maxBodyBytes: number;
}

/** A keepalive is ~500 bytes and a REGISTER ~600; a catalog page of a lower platform is the
 *  largest message (tens of items, ~40 KB). UDP cannot carry more than 64 KiB anyway. */
export const DEFAULT_SIP_LIMITS: Readonly<SipLimits> = Object.freeze({
  maxHeaderBytes: 16 * 1024,
  maxHeaders: 64,
  maxBodyBytes: 256 * 1024,
});

export type SipParseCode =
  | 'empty'
  | 'bad-start-line'
  | 'bad-version'
  | 'bad-header'
  | 'too-many-headers'
  | 'headers-too-large'
  | 'body-too-large'
  | 'bad-content-length'
  | 'truncated'
  | 'missing-header'
  | 'bad-cseq';

export class SipParseError extends Error {
  constructor(
    readonly code: SipParseCode,
    message: string,
  ) {
    super(message);
    this.name = 'SipParseError';
  }
}

export type SipHeaders = Array<[name: string, value: string]>;

interface SipBase {
  headers: SipHeaders;
  body: Buffer;
}
export interface SipRequest extends SipBase {
  kind: 'request';
  method: string;
  uri: string;
}
export interface SipResponse extends SipBase {
  kind: 'response';
  status: number;
  reason: string;
}
export type SipMessage = SipRequest | SipResponse;

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
};
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REQUIRED = ['via', 'from', 'to', 'call-id', 'cseq'] as const;
const REQUIRED_BIT = new Map<string, number>(REQUIRED.map((name, i) => [name, 1 << i]));

/** Index of the blank line ending the headers (CRLFCRLF or LFLF), and the separator's length. */
export function headerEnd(buf: Buffer, from = 0): { at: number; sepBytes: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n', from);
  const lf = buf.indexOf('\n\n', from);
  if (crlf === -1 && lf === -1) return undefined;
  if (lf !== -1 && (crlf === -1 || lf < crlf)) return { at: lf, sepBytes: 2 };
  return { at: crlf, sepBytes: 4 };
}

export type StartLine = { kind: 'request'; method: string; uri: string } | { kind: 'response'; status: number; reason: string };

function parseStartLine(line: string): StartLine {
  if (line.startsWith('SIP/')) {
    const m = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/.exec(line);
    if (m === null)
      throw new SipParseError(line.startsWith('SIP/2.0 ') ? 'bad-start-line' : 'bad-version', `bad status line "${line.slice(0, 80)}"`);
    return { kind: 'response', status: Number(m[1]), reason: m[2]! };
  }
  const parts = line.split(' ');
  if (parts.length !== 3 || !TOKEN.test(parts[0]!) || !/^(sips?|tel):[^\s]+$/i.test(parts[1]!))
    throw new SipParseError('bad-start-line', `bad request line "${line.slice(0, 80)}"`);
  if (parts[2] !== 'SIP/2.0') throw new SipParseError('bad-version', `unsupported version "${parts[2]!.slice(0, 20)}"`);
  return { kind: 'request', method: parts[0]!, uri: parts[1]! };
}

/**
 * Header names as sent → their lower-case (compact forms expanded) name, for names already
 * checked against TOKEN: a keepalive's eight headers then cost a lookup each instead of a regular
 * expression and a lower-casing (bench:gb28181's profile). Bounded: a peer's odd names past the
 * cap are checked every time, never kept.
 */
const headerNames = new Map<string, string>();

function headerName(rawName: string, lineNo: number, line: string): string {
  const known = headerNames.get(rawName);
  if (known !== undefined) return known;
  if (!TOKEN.test(rawName)) throw new SipParseError('bad-header', `line ${lineNo} is not a header field: "${line.slice(0, 60)}"`);
  const lower = rawName.toLowerCase();
  // Own keys only: a header called "constructor" is not Object's.
  const name = Object.hasOwn(COMPACT, lower) ? COMPACT[lower]! : lower;
  if (headerNames.size < 256) headerNames.set(rawName, name);
  return name;
}

/** Parses the start line and headers (the bytes before the blank line). Lines end in CRLF or LF. */
export function parseHead(head: string, limits: SipLimits = DEFAULT_SIP_LIMITS): { start: StartLine; headers: SipHeaders } {
  let eol = head.indexOf('\n');
  const firstEnd = eol === -1 ? head.length : eol;
  const start = parseStartLine(head.slice(0, firstEnd > 0 && head.charCodeAt(firstEnd - 1) === 13 ? firstEnd - 1 : firstEnd));
  const headers: SipHeaders = [];
  for (let i = 1; eol !== -1; i++) {
    const from = eol + 1;
    eol = head.indexOf('\n', from);
    const to = eol === -1 ? head.length : eol;
    const line = head.slice(from, to > from && head.charCodeAt(to - 1) === 13 ? to - 1 : to);
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') {
      // Folded continuation (RFC 3261 §7.3.1): part of the previous field.
      const last = headers[headers.length - 1];
      if (last === undefined) throw new SipParseError('bad-header', `line ${i + 1} continues no header`);
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = headerName(colon <= 0 ? '' : line.slice(0, colon).trimEnd(), i + 1, line);
    if (headers.length >= limits.maxHeaders) throw new SipParseError('too-many-headers', `more than ${limits.maxHeaders} header fields`);
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { start, headers };
}

/** The Content-Length header as a number, undefined when absent; a malformed or repeated value is an error. */
export function contentLength(headers: SipHeaders, limits: SipLimits = DEFAULT_SIP_LIMITS): number | undefined {
  let value: string | undefined;
  let repeated = false;
  for (const [n, v] of headers)
    if (n === 'content-length') {
      if (value === undefined) value = v;
      else {
        repeated = true;
        value = `${value}, ${v}`;
      }
    }
  if (value === undefined) return undefined;
  if (repeated || !/^\d{1,9}$/.test(value))
    throw new SipParseError('bad-content-length', `Content-Length "${value.slice(0, 40)}" is not one number`);
  const n = Number(value);
  if (n > limits.maxBodyBytes) throw new SipParseError('body-too-large', `body of ${n} bytes exceeds ${limits.maxBodyBytes}`);
  return n;
}

export function assemble(start: StartLine, headers: SipHeaders, body: Buffer): SipMessage {
  // One pass for the five required headers (a bit each) instead of a search per name.
  let seen = 0;
  let cseqValue: string | undefined;
  for (const [n, v] of headers) {
    const bit = REQUIRED_BIT.get(n);
    if (bit !== undefined) seen |= bit;
    if (n === 'cseq' && cseqValue === undefined) cseqValue = v;
  }
  if (seen !== 0b11111)
    for (const name of REQUIRED) if ((seen & REQUIRED_BIT.get(name)!) === 0) throw new SipParseError('missing-header', `no ${name} header`);
  const cseq = parseCSeq(cseqValue!);
  if (cseq === undefined) throw new SipParseError('bad-cseq', 'CSeq is not "<number> <method>"');
  if (start.kind === 'request') {
    if (cseq.method !== start.method && !(start.method === 'ACK' && cseq.method === 'INVITE'))
      throw new SipParseError('bad-cseq', `CSeq method ${cseq.method} does not match ${start.method}`);
    return { kind: 'request', method: start.method, uri: start.uri, headers, body };
  }
  return { kind: 'response', status: start.status, reason: start.reason, headers, body };
}

/**
 * Parses one datagram. Without Content-Length the body is the rest of the datagram; with it,
 * extra bytes are ignored (RFC 3261 §18.3) and missing ones are an error.
 */
export function parseDatagram(buf: Buffer, limits: SipLimits = DEFAULT_SIP_LIMITS): SipMessage {
  let from = 0;
  // Keepalive CRLFs (RFC 5626) and stray line breaks before the start line are not messages.
  while (from < buf.length && (buf[from] === 0x0d || buf[from] === 0x0a)) from += 1;
  if (from === buf.length) throw new SipParseError('empty', 'empty datagram');
  const end = headerEnd(buf, from);
  const headLength = (end?.at ?? buf.length) - from;
  if (headLength > limits.maxHeaderBytes) throw new SipParseError('headers-too-large', `headers exceed ${limits.maxHeaderBytes} bytes`);
  if (end === undefined) throw new SipParseError('truncated', 'no blank line after the headers');
  const { start, headers } = parseHead(buf.toString('utf8', from, end.at), limits);
  const bodyStart = end.at + end.sepBytes;
  const declared = contentLength(headers, limits);
  const available = buf.length - bodyStart;
  if (declared === undefined && available > limits.maxBodyBytes)
    throw new SipParseError('body-too-large', `body of ${available} bytes exceeds ${limits.maxBodyBytes}`);
  if (declared !== undefined && declared > available)
    throw new SipParseError('truncated', `Content-Length ${declared} but only ${available} body bytes`);
  return assemble(start, headers, buf.subarray(bodyStart, bodyStart + (declared ?? available)));
}

export function headerValue(headers: SipHeaders, name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

export function headerValues(headers: SipHeaders, name: string): string[] {
  // A header may be a comma-separated list (Via, Contact) or repeated.
  const out: string[] = [];
  for (const [n, v] of headers) if (n === name) out.push(...splitList(v));
  return out;
}

/** Splits a header list on commas outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && ch === '<') depth += 1;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out.filter((s) => s !== '');
}

export function parseCSeq(value: string): { seq: number; method: string } | undefined {
  const m = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(value.trim());
  if (m === null) return undefined;
  const seq = Number(m[1]);
  return seq > 2 ** 31 - 1 ? undefined : { seq, method: m[2]! };
}

/** `;name=value` parameters after the first `;` (outside quotes), lower-cased names. */
export function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of text.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq === -1) params.set(p.toLowerCase(), '');
    else
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return params;
}

export interface NameAddr {
  display: string;
  uri: string;
  /** The user part of a sip: URI (the GB/T 28181 device id), '' when absent. */
  user: string;
  /** host[:port] of the URI. */
  hostPort: string;
  params: Map<string, string>;
}

/** From/To/Contact: `"name" <sip:user@host;uri-params>;tag=x` or `sip:user@host;tag=x`. */
export function parseNameAddr(value: string): NameAddr | undefined {
  let display = '';
  let uri: string;
  let rest: string;
  const lt = value.indexOf('<');
  if (lt !== -1) {
    const gt = value.indexOf('>', lt);
    if (gt === -1) return undefined;
    display = value
      .slice(0, lt)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    uri = value.slice(lt + 1, gt).trim();
    rest = value.slice(gt + 1);
  } else {
    const semi = value.indexOf(';');
    uri = (semi === -1 ? value : value.slice(0, semi)).trim();
    rest = semi === -1 ? '' : value.slice(semi);
  }
  const m = /^sips?:(?:([^@;?]*)@)?([^;?>]+)/i.exec(uri);
  if (m === null) return undefined;
  return { display, uri, user: m[1] ?? '', hostPort: m[2]!, params: parseParams(rest) };
}

export interface Via {
  transport: string;
  host: string;
  port: number | undefined;
  params: Map<string, string>;
}

export function parseVia(value: string): Via | undefined {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)(.*)$/i.exec(value.trim());
  if (m === null) return undefined;
  const hp = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(m[2]!);
  if (hp === null) return undefined;
  return {
    transport: m[1]!.toUpperCase(),
    host: hp[1]!,
    port: hp[2] === undefined ? undefined : Number(hp[2]),
    params: parseParams(m[3]!),
  };
}

/** Serializes a message; Content-Length is always (re)written from the body. */
export function serialize(msg: SipMessage): Buffer {
  const start = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  let head = `${start}\r\n`;
  for (const [name, value] of msg.headers) if (name !== 'content-length') head += `${canonicalName(name)}: ${value}\r\n`;
  head += `Content-Length: ${msg.body.length}\r\n\r\n`;
  return msg.body.length === 0 ? Buffer.from(head) : Buffer.concat([Buffer.from(head), msg.body]);
}

const CANONICAL: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'max-forwards': 'Max-Forwards',
  'user-agent': 'User-Agent',
};

const canonicalCache = new Map<string, string>();

function canonicalName(lower: string): string {
  let name = canonicalCache.get(lower);
  if (name === undefined) {
    name = CANONICAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => `${dash}${ch.toUpperCase()}`);
    // Only names we have seen before are cached (bounded: a peer's odd names are not kept).
    if (canonicalCache.size < 256) canonicalCache.set(lower, name);
  }
  return name;
}

/** A response to `req`: Via, From, To (with our tag when it had none), Call-ID and CSeq copied. */
export function responseTo(
  req: SipRequest,
  status: number,
  reason: string,
  extra: SipHeaders = [],
  body = Buffer.alloc(0),
  toTag?: string,
): SipResponse {
  const headers: SipHeaders = [];
  for (const [n, v] of req.headers) {
    if (n === 'via' || n === 'from' || n === 'call-id' || n === 'cseq') headers.push([n, v]);
    else if (n === 'to') headers.push([n, toTag !== undefined && !/;\s*tag=/i.test(v) ? `${v};tag=${toTag}` : v]);
  }
  return { kind: 'response', status, reason, headers: [...headers, ...extra], body };
}
