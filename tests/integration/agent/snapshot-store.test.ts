// The agent keeps each camera's latest snapshot in camera_snapshots for the camera card: one row
// per camera, replaced by newer pictures, with the picture verdict; pictures it may not keep
// (too large, not a JPEG) are logged and dropped while the poll still counts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraAgent, type ClaimedCamera } from '../../../camera-agent/agent';
import { agentConfig } from '../../../camera-agent/config';
import { startFleet, waitFor, FAST_AGENT, type Fleet } from './agent-fixture';

interface SnapRow {
  device_id: string;
  taken_at: Date;
  jpeg: Buffer;
  width: number;
  height: number;
  picture_reason: string;
}
const SNAPSHOTS = `SELECT c.device_id, s.taken_at, s.jpeg, s.width, s.height, s.picture_reason
  FROM camera_snapshots s JOIN cameras c ON c.id = s.camera_id ORDER BY c.device_id`;
// Every poll fetches a snapshot (snapshotEveryMs below the interval).
const SNAP_EVERY_POLL = { snapshotEveryMs: 500 };

describe('latest snapshot per camera', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await startFleet(3);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('stores one JPEG per camera with its time, and a newer black frame replaces it with its verdict', async () => {
    fleet.startAgent('snap-a', SNAP_EVERY_POLL);
    await waitFor(async () => (await fleet.db.pool.query(SNAPSHOTS)).rows.length === 3, 15_000);
    const first = (await fleet.db.pool.query<SnapRow>(SNAPSHOTS)).rows;
    for (const r of first) {
      expect([r.jpeg[0], r.jpeg[1]]).toEqual([0xff, 0xd8]);
      expect([r.width, r.height]).toEqual([320, 180]);
      expect(r.picture_reason).toBe('');
      expect(Date.now() - r.taken_at.getTime()).toBeLessThan(30_000);
    }
    const target = fleet.deviceIds[0]!;
    fleet.sim.setFaults(target, { picture: 'black' });
    const before = first.find((r) => r.device_id === target)!.taken_at.getTime();
    await waitFor(async () => {
      const r = (await fleet.db.pool.query<SnapRow>(SNAPSHOTS)).rows.find((x) => x.device_id === target)!;
      return r.taken_at.getTime() > before && r.picture_reason === 'black-picture';
    }, 15_000);
    // Still exactly one row per camera: only the latest picture is kept.
    expect((await fleet.db.pool.query(SNAPSHOTS)).rows).toHaveLength(3);
  });
});

describe('snapshots the agent may not keep', () => {
  let fleet: Fleet;
  let junk: Server;
  let junkUrl = '';
  beforeAll(async () => {
    fleet = await startFleet(2);
    // A "camera" whose snapshot URI answers a PNG labelled as JPEG.
    junk = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
    });
    await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
    junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}/snapshot.jpg`;
  });
  afterAll(async () => {
    await new Promise((r) => junk?.close(r));
    await fleet?.close();
  });

  it('logs and drops a snapshot over the size cap, and the poll still counts', async () => {
    const lines: string[] = [];
    const agent = fleet.startAgent('snap-cap', { ...SNAP_EVERY_POLL, snapshotStoreMaxBytes: 1000 }, { log: (l) => lines.push(l) });
    await waitFor(async () => (agent.stats.snapshotsRefused['too-large'] ?? 0) >= 2, 15_000);
    await waitFor(async () => (await fleet.db.pool.query("SELECT 1 FROM camera_status WHERE state = 'OK'")).rows.length === 2, 10_000);
    expect((await fleet.db.pool.query('SELECT 1 FROM camera_snapshots')).rows).toEqual([]);
    expect(agent.stats.snapshotsKept).toBe(0);
    expect(lines.some((l) => /snapshot not kept: \d+ bytes > 1000/.test(l))).toBe(true);
    await agent.stop(500);
  });

  it('logs and drops a snapshot that is not a JPEG; the poll still counts (as snapshot-not-image)', async () => {
    const { rows } = await fleet.db.pool.query<{ id: string; device_id: string; onvif_url: string; onvif_password_enc: Buffer }>(
      'SELECT id, device_id, onvif_url, onvif_password_enc FROM cameras ORDER BY id LIMIT 1',
    );
    const cam = rows[0]!;
    const lines: string[] = [];
    const agent = new CameraAgent(fleet.db.pool, agentConfig({ ...FAST_AGENT, ...SNAP_EVERY_POLL }), {
      agentId: 'snap-junk',
      log: (l) => lines.push(l),
    });
    const claimed: ClaimedCamera = {
      cameraId: Number(cam.id),
      deviceId: cam.device_id,
      onvifUrl: cam.onvif_url,
      onvifUser: 'admin',
      passwordEnc: cam.onvif_password_enc,
      dueAtMs: Date.now(),
      lastSnapshotAtMs: null,
      authScheme: null,
      uriCache: {
        mediaUrl: cam.onvif_url,
        profileToken: 'p0',
        streamUri: 'rtsp://127.0.0.1/stream',
        snapshotUri: junkUrl,
        refreshedAt: Date.now(),
      },
      memory: { failures: 0 },
    };
    await fleet.db.pool.query('DELETE FROM camera_snapshots');
    const polls = agent.stats.polls;
    const probe = await agent.pollOne(claimed);
    expect(probe.observation.snapshot).toEqual({ ok: false, reason: 'snapshot-not-image' });
    expect(agent.stats.polls).toBe(polls + 1);
    expect(agent.writer.pending).toBeGreaterThan(0);
    expect(agent.snapshotWriter.size).toBe(0);
    expect(agent.stats.snapshotsRefused['not-jpeg']).toBe(1);
    expect(lines).toContain(`${cam.device_id} snapshot not kept: not a complete JPEG`);
    await agent.writer.flush();
    const status = await fleet.db.pool.query<{ state: string; reason: string }>(
      'SELECT state, reason FROM camera_status WHERE camera_id = $1',
      [cam.id],
    );
    expect(status.rows[0]).toEqual({ state: 'DEGRADED', reason: 'snapshot-not-image' });
    expect((await fleet.db.pool.query('SELECT 1 FROM camera_snapshots')).rows).toEqual([]);
  });
});
