import { describe, expect, it } from 'vitest';
import {
  authorizationFor,
  challengeHeader,
  credentialsFrom,
  digestResponse,
  NonceIssuer,
  parseDigest,
  verifyDigest,
} from '../../../camera-agent/gb28181/sip/digest';

describe('SIP digest authentication', () => {
  it('computes the RFC 2617 §3.5 example response (qop=auth)', () => {
    // The RFC's HTTP example: the same MD5 construction SIP uses.
    expect(
      digestResponse({
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('parses quoted values with commas and nonces with "="', () => {
    const p = parseDigest(
      'Digest username="34020000001320000001", realm="3402000000", nonce="ab==,cd", uri="sip:1@2", response="00", algorithm=MD5',
    )!;
    expect(p.get('nonce')).toBe('ab==,cd');
    expect(p.get('algorithm')).toBe('MD5');
    expect(credentialsFrom(p)?.username).toBe('34020000001320000001');
  });

  it('verifies what a client computes from our challenge, and refuses a wrong password', () => {
    const issuer = new NonceIssuer(60_000);
    const challenge = challengeHeader('3402000000', issuer.issue());
    for (const password of ['12345678', '密码<&>"x']) {
      const auth = authorizationFor(challenge, {
        username: '34020000001320000001',
        password,
        method: 'REGISTER',
        uri: 'sip:34020000002000000001@3402000000',
      })!;
      const creds = credentialsFrom(parseDigest(auth))!;
      expect(issuer.check(creds.nonce)).toBe('ok');
      expect(verifyDigest(creds, 'REGISTER', password)).toBe(true);
      expect(verifyDigest(creds, 'REGISTER', `${password}x`)).toBe(false);
      expect(verifyDigest(creds, 'MESSAGE', password)).toBe(false);
    }
  });

  it('keeps no state per challenge: its own nonces check out until they age, forged ones never', () => {
    let now = 1_000_000;
    const issuer = new NonceIssuer(30_000, undefined, () => now);
    const nonce = issuer.issue();
    expect(issuer.check(nonce)).toBe('ok');
    now += 31_000;
    expect(issuer.check(nonce)).toBe('stale');
    const other = new NonceIssuer(30_000, undefined, () => now).issue();
    expect(issuer.check(other)).toBe('forged');
    expect(issuer.check('deadbeef')).toBe('forged');
    const tampered = `${nonce.slice(0, 10)}${nonce[10] === '0' ? '1' : '0'}${nonce.slice(11)}`;
    expect(issuer.check(tampered)).toBe('forged');
  });
});
