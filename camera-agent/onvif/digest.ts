// HTTP Digest (RFC 7616, MD5 and SHA-256, qop=auth) computed per request from that request's own
// challenge and credentials: no module-level state, so concurrent requests to cameras with
// different credentials can never cross (node-onvif kept one digest singleton for the process).
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  qop?: string;
  algorithm: string;
}

/** Parses `WWW-Authenticate: Digest ...`; quoted values may contain `=` and commas. */
export function parseDigestChallenge(header: string | null): DigestChallenge | undefined {
  if (header === null) return undefined;
  const at = header.search(/digest\s/i);
  if (at < 0) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  const rest = header.slice(at + 7);
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    params[m[1]!.toLowerCase()] = m[2] === undefined ? (m[3] ?? '') : m[2].replace(/\\(.)/g, '$1');
  }
  if (params.nonce === undefined) return undefined;
  return { realm: params.realm ?? '', nonce: params.nonce, opaque: params.opaque, qop: params.qop, algorithm: params.algorithm ?? 'MD5' };
}

function hash(algorithm: string, text: string): string {
  const name = /sha-256/i.test(algorithm) ? 'sha256' : 'md5';
  // UTF-8: a password with Chinese characters must hash its real bytes.
  return createHash(name).update(text, 'utf8').digest('hex');
}

export function digestAuthorization(input: {
  challenge: DigestChallenge;
  method: string;
  uri: string;
  user: string;
  password: string;
  nc?: number;
  cnonce?: string;
}): string {
  const { challenge: c, method, uri, user, password } = input;
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const nc = (input.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = hash(c.algorithm, `${user}:${c.realm}:${password}`);
  if (/-sess$/i.test(c.algorithm)) ha1 = hash(c.algorithm, `${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = hash(c.algorithm, `${method}:${uri}`);
  const qop = c.qop
    ?.split(',')
    .map((s) => s.trim())
    .find((q) => q === 'auth');
  const response =
    qop === undefined
      ? hash(c.algorithm, `${ha1}:${c.nonce}:${ha2}`)
      : hash(c.algorithm, `${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  const q = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  const parts = [
    `username=${q(user)}`,
    `realm=${q(c.realm)}`,
    `nonce=${q(c.nonce)}`,
    `uri=${q(uri)}`,
    `algorithm=${c.algorithm}`,
    `response=${q(response)}`,
  ];
  if (qop !== undefined) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${q(cnonce)}`);
  if (c.opaque !== undefined) parts.push(`opaque=${q(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
