// SIP digest authentication (RFC 2617 / 3261 §22, MD5 as GB/T 28181 devices use it). The
// server's nonces are stateless: a timestamp and random bytes signed with a per-process key, so
// a challenge costs no memory per peer (a flood of unknown REGISTERs holds nothing), and an old
// or forged nonce is recognised without a table. Passwords are hashed as UTF-8 bytes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: string;
  opaque?: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}

/** Parses `Digest k=v, k="v"` (values may contain commas inside quotes, and `=` in nonces). */
export function parseDigest(header: string | undefined): Map<string, string> | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*Digest\s+(.*)$/is.exec(header);
  if (m === null) return undefined;
  const out = new Map<string, string>();
  const re = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  const rest = m[1]!.trim();
  let match: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < rest.length && (match = re.exec(rest)) !== null) {
    out.set(match[1]!.toLowerCase(), match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!);
    while (rest[re.lastIndex] === ' ') re.lastIndex += 1;
  }
  return out;
}

export function credentialsFrom(params: Map<string, string> | undefined): DigestCredentials | undefined {
  if (params === undefined) return undefined;
  const get = (k: string): string | undefined => params.get(k);
  const username = get('username');
  const realm = get('realm');
  const nonce = get('nonce');
  const uri = get('uri');
  const response = get('response');
  if (username === undefined || realm === undefined || nonce === undefined || uri === undefined || response === undefined) return undefined;
  const c: DigestCredentials = { username, realm, nonce, uri, response, algorithm: get('algorithm') ?? 'MD5' };
  for (const k of ['opaque', 'qop', 'nc', 'cnonce'] as const) {
    const v = get(k);
    if (v !== undefined) c[k] = v;
  }
  return c;
}

/** The digest response a client computes (RFC 2617 §3.2.2.1). */
export function digestResponse(input: {
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
}): string {
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  return input.qop === 'auth'
    ? md5(`${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:auth:${ha2}`)
    : md5(`${ha1}:${input.nonce}:${ha2}`);
}

export type NonceCheck = 'ok' | 'stale' | 'forged';

export class NonceIssuer {
  private readonly key: Buffer;

  constructor(
    private readonly lifetimeMs: number,
    key?: Buffer,
    private readonly now: () => number = Date.now,
  ) {
    this.key = key ?? randomBytes(32);
  }

  issue(): string {
    const body = Buffer.alloc(16);
    body.writeBigUInt64BE(BigInt(this.now()), 0);
    randomBytes(8).copy(body, 8);
    const mac = createHmac('sha256', this.key).update(body).digest().subarray(0, 12);
    return Buffer.concat([body, mac]).toString('hex');
  }

  check(nonce: string): NonceCheck {
    if (!/^[0-9a-f]{56}$/.test(nonce)) return 'forged';
    const raw = Buffer.from(nonce, 'hex');
    const mac = createHmac('sha256', this.key).update(raw.subarray(0, 16)).digest().subarray(0, 12);
    if (!timingSafeEqual(mac, raw.subarray(16))) return 'forged';
    const age = this.now() - Number(raw.readBigUInt64BE(0));
    return age >= -5_000 && age <= this.lifetimeMs ? 'ok' : 'stale';
  }
}

/** `Digest realm="…", nonce="…", algorithm=MD5` (no qop: most GB/T 28181 devices do not do it). */
export function challengeHeader(realm: string, nonce: string, stale = false): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5${stale ? ', stale=TRUE' : ''}`;
}

/** Verifies a client's digest for `method` with the password we hold (constant-time compare). */
export function verifyDigest(c: DigestCredentials, method: string, password: string): boolean {
  if (c.algorithm.toUpperCase() !== 'MD5') return false;
  if (c.qop !== undefined && c.qop !== 'auth') return false;
  const expected = digestResponse({
    username: c.username,
    realm: c.realm,
    password,
    method,
    uri: c.uri,
    nonce: c.nonce,
    ...(c.qop === undefined ? {} : { qop: c.qop, nc: c.nc ?? '', cnonce: c.cnonce ?? '' }),
  });
  const got = Buffer.from(c.response.toLowerCase());
  const want = Buffer.from(expected);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Client side (the simulator): the Authorization header answering a WWW-Authenticate challenge. */
export function authorizationFor(
  challenge: string,
  input: { username: string; password: string; method: string; uri: string },
): string | undefined {
  const p = parseDigest(challenge);
  const realm = p?.get('realm');
  const nonce = p?.get('nonce');
  if (realm === undefined || nonce === undefined) return undefined;
  const qop =
    p
      ?.get('qop')
      ?.split(',')
      .map((s) => s.trim())
      .includes('auth') === true
      ? 'auth'
      : undefined;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const response = digestResponse({ ...input, realm, nonce, ...(qop === undefined ? {} : { qop, nc, cnonce }) });
  let h = `Digest username="${input.username}", realm="${realm}", nonce="${nonce}", uri="${input.uri}", response="${response}", algorithm=MD5`;
  if (qop !== undefined) h += `, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
  const opaque = p?.get('opaque');
  if (opaque !== undefined) h += `, opaque="${opaque}"`;
  return h;
}
