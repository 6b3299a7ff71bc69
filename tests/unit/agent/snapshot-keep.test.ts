// The camera card's last snapshot: only whole JPEGs within the storage cap are kept, because the
// bytes come from untrusted devices and pictures of public places are sensitive; the health
// verdict is unaffected either way (that is the agent's business, tested in integration).
import { describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '../../../camera-agent/snapshot-analysis';
import { snapshotToKeep } from '../../../camera-agent/snapshot-keep';
import { SnapshotWriter, type PendingSnapshot } from '../../../camera-agent/snapshot-writer';
import { frames } from '../../../camera-agent/simulator/frames';

const scene = frames().scene[0]!;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('snapshotToKeep', () => {
  it('keeps a decodable JPEG within the cap, with its size for the card', async () => {
    const d = snapshotToKeep(scene, await analyzeSnapshot(scene, 'image/jpeg'), 512 << 10);
    expect(d).toEqual({ keep: true, width: 320, height: 180 });
  });

  it('refuses a JPEG larger than the cap, so one camera cannot fill the table', async () => {
    const d = snapshotToKeep(scene, await analyzeSnapshot(scene, 'image/jpeg'), scene.length - 1);
    expect(d).toEqual({ keep: false, why: 'too-large', bytes: scene.length });
  });

  it('refuses a PNG even when labelled image/jpeg, because only JPEG is served to browsers', async () => {
    expect(snapshotToKeep(PNG, await analyzeSnapshot(PNG, 'image/jpeg'), 512 << 10)).toMatchObject({ keep: false, why: 'not-jpeg' });
  });

  it('refuses a truncated JPEG (no end-of-image marker) even if the checks passed on it', () => {
    const cut = scene.subarray(0, scene.length - 200);
    expect(snapshotToKeep(cut, { ok: true, width: 320, height: 180 }, 512 << 10)).toMatchObject({ keep: false, why: 'not-jpeg' });
  });

  it('keeps nothing when the cap is 0 (storage switched off by configuration)', async () => {
    expect(snapshotToKeep(scene, await analyzeSnapshot(scene, 'image/jpeg'), 0)).toMatchObject({ keep: false, why: 'disabled' });
  });
});

function shot(cameraId: number, takenAt: number, bytes = 1000): PendingSnapshot {
  return { cameraId, takenAt, jpeg: Buffer.alloc(bytes, cameraId), width: 1, height: 1, pictureReason: '' };
}

describe('SnapshotWriter', () => {
  it('writes only the latest picture per camera, so the batch never grows past the fleet', async () => {
    const calls: unknown[][] = [];
    const pool = {
      query: async (_sql: string, params: unknown[]) => {
        calls.push(params);
        return { rows: [] };
      },
    };
    const w = new SnapshotWriter(pool as never);
    w.add(shot(1, 1000));
    w.add(shot(1, 3000));
    w.add(shot(1, 2000)); // older than the pending one: ignored
    w.add(shot(2, 1500));
    expect(w.size).toBe(2);
    await w.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toEqual([1, 2]);
    expect(calls[0]![1]).toEqual([new Date(3000).toISOString(), new Date(1500).toISOString()]);
    expect(w.stats.stored).toBe(2);
    expect(w.size).toBe(0);
  });

  it('drops the oldest pending pictures past the memory cap while the database is down', async () => {
    let fail = true;
    const pool = {
      query: async () => {
        if (fail) throw new Error('db down');
        return { rows: [] };
      },
    };
    const errors: string[] = [];
    const w = new SnapshotWriter(pool as never, { maxPendingBytes: 2500, onError: (e) => errors.push(e.message) });
    for (let i = 1; i <= 5; i++) w.add(shot(i, i * 1000));
    expect(w.size).toBe(2);
    expect(w.stats.dropped).toBe(3);
    await w.flush();
    expect(errors).toEqual(['db down']);
    expect(w.size).toBe(2); // requeued, not lost
    fail = false;
    await w.flush();
    expect(w.stats.stored).toBe(2);
  });

  it('splits a large flush into statements of bounded size', async () => {
    const sizes: number[] = [];
    const pool = {
      query: async (_sql: string, params: unknown[]) => {
        sizes.push((params[0] as number[]).length);
        return { rows: [] };
      },
    };
    const w = new SnapshotWriter(pool as never, { batchBytes: 2500 });
    for (let i = 1; i <= 5; i++) w.add(shot(i, 1000));
    await w.flush();
    expect(sizes).toEqual([2, 2, 1]);
  });
});

describe('snapshot limits that protect the writer', () => {
  it('never keeps more than the table accepts (1 MiB), whatever the configured cap', () => {
    const big = Buffer.concat([
      scene.subarray(0, scene.length - 2),
      Buffer.alloc((1 << 20) - scene.length + 10),
      Buffer.from([0xff, 0xd9]),
    ]);
    expect(snapshotToKeep(big, { ok: true, width: 320, height: 180 }, 8 << 20)).toMatchObject({ keep: false, why: 'too-large' });
  });

  it('drops a batch the database refuses as data (SQLSTATE 23…) instead of retrying it forever', async () => {
    let calls = 0;
    const pool = {
      query: async () => {
        calls += 1;
        throw Object.assign(new Error('check violation'), { code: '23514' });
      },
    };
    const w = new SnapshotWriter(pool as never);
    w.add(shot(1, 1000));
    await w.flush();
    expect(w.size).toBe(0);
    expect(w.stats.dropped).toBe(1);
    await w.flush();
    expect(calls).toBe(1);
  });
});
