// The simulator's side of authentication: WS-Security UsernameToken checked against the camera's
// own (possibly skewed) clock with a Created window, and HTTP Digest with stateless nonces
// (base64, so they contain '=' like many real cameras' nonces).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { usernameTokenDigest } from '../onvif/wsse';
import { cameraNow, type SimCamera } from './camera';

export const CREATED_WINDOW_MS = 5_000;
const NONCE_KEY = randomBytes(32);
const REALM = 'Xueliang Simulated Camera';

export type AuthVerdict = 'ok' | 'refused' | 'locked';

export interface UsernameToken {
  username: string;
  password: string;
  nonce: string;
  created: string;
}

function fail(camera: SimCamera): AuthVerdict {
  camera.failedAuth += 1;
  const limit = camera.faults.lockAfterFailures;
  if (limit !== undefined && camera.failedAuth >= limit) camera.locked = true;
  return camera.locked ? 'locked' : 'refused';
}

function succeed(camera: SimCamera): AuthVerdict {
  camera.failedAuth = 0;
  return 'ok';
}

export function checkUsernameToken(camera: SimCamera, token: UsernameToken): AuthVerdict {
  if (camera.locked) return 'locked';
  const created = Date.parse(token.created);
  if (!Number.isFinite(created) || Math.abs(created - cameraNow(camera)) > CREATED_WINDOW_MS) return fail(camera);
  const expected = usernameTokenDigest(Buffer.from(token.nonce, 'base64'), token.created, camera.password);
  const ok =
    token.username === camera.user &&
    expected.length === token.password.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(token.password));
  return ok ? succeed(camera) : fail(camera);
}

export function digestChallenge(): string {
  const stamp = Date.now().toString(36);
  const mac = createHmac('sha256', NONCE_KEY).update(stamp).digest('base64').slice(0, 22);
  const nonce = Buffer.from(`${stamp}:${mac}`).toString('base64');
  return `Digest realm="${REALM}", qop="auth", nonce="${nonce}", algorithm=MD5`;
}

function md5(s: string): string {
  return createHash('md5').update(s, 'utf8').digest('hex');
}

function parseAuthorization(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  const rest = header.replace(/^\s*Digest\s+/i, '');
  for (let m = re.exec(rest); m !== null; m = re.exec(rest))
    out[m[1]!.toLowerCase()] = m[2] === undefined ? (m[3] ?? '') : m[2].replace(/\\(.)/g, '$1');
  return out;
}

/** Checks an `Authorization: Digest` header; undefined when there is none (send a challenge). */
export function checkDigest(camera: SimCamera, header: string | undefined, method: string): AuthVerdict | undefined {
  if (header === undefined || !/^\s*Digest\s/i.test(header)) return undefined;
  if (camera.locked) return 'locked';
  const a = parseAuthorization(header);
  const user = a.username ?? '';
  camera.digestUsers.add(user);
  const [stamp, mac] = Buffer.from(a.nonce ?? '', 'base64')
    .toString()
    .split(':');
  const expectedMac = createHmac('sha256', NONCE_KEY)
    .update(stamp ?? '')
    .digest('base64')
    .slice(0, 22);
  if (mac !== expectedMac || Date.now() - parseInt(stamp ?? '0', 36) > 300_000) return fail(camera);
  const ha1 = md5(`${user}:${REALM}:${camera.password}`);
  const ha2 = md5(`${method}:${a.uri ?? ''}`);
  const expected = a.qop === undefined ? md5(`${ha1}:${a.nonce}:${ha2}`) : md5(`${ha1}:${a.nonce}:${a.nc}:${a.cnonce}:${a.qop}:${ha2}`);
  return user === camera.user && a.response === expected ? succeed(camera) : fail(camera);
}
