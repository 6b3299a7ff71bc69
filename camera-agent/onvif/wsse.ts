// WS-Security UsernameToken with PasswordDigest = Base64(SHA-1(nonce + created + password)), the
// password taken as UTF-8 bytes and `created` read from the camera's clock (ours plus the offset
// measured by this poll's anonymous GetSystemDateAndTime), so a camera with a wrong clock still
// accepts the token.
import { createHash, randomFillSync } from 'node:crypto';
import { xmlEscape } from './xml';

export function usernameTokenDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

// Nonces come from one pooled random block: a crypto call per 256 tokens instead of per token.
const pool = Buffer.alloc(16 * 256);
let used = pool.length;

export function randomNonce(): Buffer {
  if (used >= pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return Buffer.from(pool.subarray(used - 16, used));
}

export function securityHeader(user: string, password: string, cameraNowMs: number, nonce: Buffer = randomNonce()): string {
  const created = new Date(cameraNowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const digest = usernameTokenDigest(nonce, created, password);
  return (
    '<Security s:mustUnderstand="1" xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
    `<UsernameToken><Username>${xmlEscape(user)}</Username>` +
    `<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</Password>` +
    `<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce.toString('base64')}</Nonce>` +
    `<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created>` +
    '</UsernameToken></Security>'
  );
}
