// Regression (issue 15 item 1): a 50 MB CSV of 26 million bad rows ("device_id" then "X" on
// every line) sent to POST /imports/cameras ran the API to its 4.6 GB heap limit and killed it
// after 572 s. The real server runs here as its own process (`xueliang serve`), so what is
// measured is what an operator sees: the kernel's peak resident set of that process (VmHWM in
// /proc/<pid>/status, which no sampling interval can miss), which must stay under 400 MB while
// it takes the hostile upload and answers with a bounded report.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../db/cluster';
import { createApiToken } from '../../../api/domain/users/sessions';
import { createUser } from '../../../api/domain/users/users';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

const RSS_LIMIT_MB = 400;
const HAS_PROC = existsSync('/proc/self/status');

function statusKb(pid: number, key: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (m === null) throw new Error(`no ${key} for process ${pid}`);
  return Number(m[1]);
}

/** A request body of `head` + `item` × count + `tail`, made as it is sent (the test never holds it). */
function repeatedBody(head: string, item: string, count: number, tail: string): { stream: ReadableStream<Uint8Array>; bytes: number } {
  const chunkItems = 64 * 1024;
  const enc = new TextEncoder();
  const chunk = enc.encode(item.repeat(chunkItems));
  let left = count;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (first) {
        first = false;
        ctl.enqueue(enc.encode(head));
        return;
      }
      if (left <= 0) {
        if (tail !== '') ctl.enqueue(enc.encode(tail));
        ctl.close();
        return;
      }
      const n = Math.min(left, chunkItems);
      ctl.enqueue(n === chunkItems ? chunk : chunk.subarray(0, n * item.length));
      left -= n;
    },
  });
  return { stream, bytes: head.length + count * item.length + tail.length };
}

/** `device_id\n` + `X\n` × lines. */
const hostileCsv = (lines: number) => repeatedBody('device_id\n', 'X\n', lines, '');

describe.skipIf(!HAS_PROC)('server memory under a hostile import (needs /proc)', () => {
  let db: TestDatabase;
  let server: ChildProcess;
  let base: string;
  let auth: Record<string, string>;
  const uploadDir = mkdtempSync(join(tmpdir(), 'xl-mem-uploads-'));

  beforeAll(async () => {
    db = await createTestDatabase();
    const user = await createUser(db.pool, { username: 'mem-engineer', password: 'mem-engineer-pass-1', role: 'engineer' });
    auth = { Authorization: `Bearer ${await createApiToken(db.pool, user.id, 'memory test')}` };
    server = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'xueliang.mjs'), 'serve', '--port', '0', '--host', '127.0.0.1', '--json'], {
      env: { ...process.env, DATABASE_URL: db.url, XUELIANG_UPLOAD_DIR: uploadDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    base = await new Promise<string>((resolve, reject) => {
      server.once('exit', (code) => reject(new Error(`xueliang serve exited with ${code}`)));
      // `serve --json` prints one pretty-printed object: collect lines until they parse.
      let printed = '';
      createInterface({ input: server.stdout! }).on('line', (line) => {
        printed += line;
        try {
          resolve((JSON.parse(printed) as { url: string }).url);
        } catch {
          // not complete yet
        }
      });
    });
  });
  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(uploadDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('a 50 MB CSV of 26 million bad rows is answered with a bounded report, and the server stays under 400 MB', async () => {
    const idleMb = statusKb(server.pid!, 'VmHWM') / 1024;
    const body = hostileCsv(26_000_000);
    expect(body.bytes).toBeGreaterThan(50_000_000);
    const started = Date.now();
    const res = await fetch(`${base}/api/v1/imports/cameras?fileName=hostile.csv`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const text = await res.text();
    const seconds = (Date.now() - started) / 1000;
    expect(res.status, text.slice(0, 300)).toBe(200);
    const { report } = JSON.parse(text) as {
      report: { counts: { rows: number; reject: number }; rejections: unknown[]; stopped: { reason: string } | null };
    };
    expect(report.stopped?.reason).toBe('rejection_limit');
    expect(report.counts.reject).toBe(10_000);
    expect(report.rejections).toHaveLength(100);
    expect(text.length).toBeLessThan(100_000);
    const peakMb = statusKb(server.pid!, 'VmHWM') / 1024;
    console.log(
      `[import-memory] 50 MB hostile CSV: ${seconds.toFixed(1)} s, response ${text.length} bytes, server peak RSS ${peakMb.toFixed(0)} MB (${idleMb.toFixed(0)} MB before the upload)`,
    );
    expect(peakMb).toBeLessThan(RSS_LIMIT_MB);
    // The server is still there and answering.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  // Regression (issue 15 item 1, target and area layers): a GeoJSON upload was read whole and
  // given to JSON.parse; 50 MB of empty features ("{}" × 16.7 million) takes 1.5 GB of RSS in
  // JSON.parse alone (measured with /usr/bin/time on this machine). Features now stream.
  it('a 50 MB GeoJSON of 16.7 million empty features to the target import: a bounded report, and the server stays under 400 MB', async () => {
    const body = repeatedBody('{"type":"FeatureCollection","features":[', '{},', 16_700_000, '{}]}');
    expect(body.bytes).toBeGreaterThan(50_000_000);
    const started = Date.now();
    const res = await fetch(`${base}/api/v1/imports/targets?fileName=hostile.geojson&class=hotspot`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const text = await res.text();
    const seconds = (Date.now() - started) / 1000;
    expect(res.status, text.slice(0, 300)).toBe(200);
    const { report } = JSON.parse(text) as {
      report: {
        counts: { features: number; rejected: number };
        rejected: unknown[];
        stopped: { reason: string } | null;
        committed: boolean;
      };
    };
    expect(report.stopped?.reason).toBe('rejection_limit');
    expect(report.counts).toMatchObject({ features: 10_000, rejected: 10_000 });
    expect(report.rejected).toHaveLength(1000);
    expect(text.length).toBeLessThan(200_000);
    const peakMb = statusKb(server.pid!, 'VmHWM') / 1024;
    console.log(
      `[import-memory] 50 MB hostile GeoJSON: ${seconds.toFixed(1)} s, response ${text.length} bytes, server peak RSS so far ${peakMb.toFixed(0)} MB`,
    );
    expect(peakMb).toBeLessThan(RSS_LIMIT_MB);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
