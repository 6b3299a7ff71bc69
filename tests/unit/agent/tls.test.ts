// A camera with a self-signed or otherwise untrusted certificate costs one quick PROTOCOL_ERROR
// (tls-rejected), never a hang and never an exchange of credentials.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Limiter } from '../../../camera-agent/limiter';
import { probeCamera } from '../../../camera-agent/probe';
import { FAST } from './probe-helpers';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const OPENSSL = hasOpenssl();
let server: Server | undefined;
let port = 0;
let hits = 0;

beforeAll(async () => {
  if (!OPENSSL) return;
  const dir = mkdtempSync(join(tmpdir(), 'xl-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
    hits += 1;
    res.end('should never be reached');
  });
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => (server === undefined ? r() : server.close(() => r())));
});

describe('TLS', () => {
  it.skipIf(!OPENSSL)(
    'a self-signed certificate is refused quickly as PROTOCOL_ERROR before any request is sent (needs openssl to make the certificate)',
    async () => {
      const t0 = Date.now();
      const res = await probeCamera(
        { deviceUrl: `https://127.0.0.1:${port}/onvif/device_service`, user: 'admin', password: 'tls-secret', snapshotDue: false },
        FAST,
        { snapshots: new Limiter(1) },
      );
      expect(res.observation.failure).toEqual({ state: 'PROTOCOL_ERROR', reason: 'tls-rejected' });
      expect(hits).toBe(0);
      expect(Date.now() - t0).toBeLessThan(2000);
    },
  );
});
