// Starting with XUELIANG_PG_PORT set to another port than the one the private cluster already
// runs on said "refused the connection" and pointed at the password file. It must say which port
// the cluster is on and what to do.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterDataDir, ensureCluster } from '../../db/cluster';

describe('the private cluster on another port', () => {
  it('names the port it is running on when XUELIANG_PG_PORT asks for another', async () => {
    const pidFile = join(clusterDataDir(), 'postmaster.pid');
    expect(existsSync(pidFile), 'npm test runs on the private cluster').toBe(true);
    const running = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
    const other = running === 65000 ? 65001 : 65000;
    const saved = process.env.XUELIANG_PG_PORT;
    process.env.XUELIANG_PG_PORT = String(other);
    try {
      await expect(ensureCluster({ quiet: true })).rejects.toThrow(
        `is already running on port ${running}, not ${other} (XUELIANG_PG_PORT).\nUse XUELIANG_PG_PORT=${running}`,
      );
    } finally {
      if (saved === undefined) delete process.env.XUELIANG_PG_PORT;
      else process.env.XUELIANG_PG_PORT = saved;
    }
  });
});
