import { defineCommand, stringFlag } from '../command';
import { info, printJson, progress } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { CameraAgent, type ClaimedCamera } from '../../camera-agent/agent';
import { loadAgentConfig } from '../../camera-agent/config-store';
import { Limiter } from '../../camera-agent/limiter';
import { loadSql } from '../../db/sql';

const SELECT = loadSql(import.meta.url, '../../camera-agent/sql/select-cameras-to-poll.sql');
const INVENTORY = loadSql(import.meta.url, '../../camera-agent/sql/select-inventory.sql');

interface InventoryRow {
  cameraId: string;
  source: string;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  seenAt: Date | null;
}

export default defineCommand({
  name: 'poll',
  summary: "poll cameras once now and print each one's state (also stored)",
  help: `Usage: xueliang poll --once [--camera DEVICE_ID] [--json]

Polls every registered camera with an onvif_url (or one) right now, stores the results like the
agent does, and prints state, reason, clock offset, latency, manufacturer, model, firmware and
serial. --json adds each camera's inventory from both paths (ONVIF and GB/T 28181).`,
  options: { once: { type: 'boolean' }, camera: { type: 'string' } },
  async run(ctx) {
    if (ctx.values.once !== true) throw new UserFacingError('poll needs --once (the continuous poller is `xueliang agent`).', 2);
    const deviceId = stringFlag(ctx, 'camera');
    const db = await openDatabase({ poolSize: 4 });
    try {
      const config = await loadAgentConfig(db.pool, { snapshotEveryMs: 0 });
      const { rows } = await db.pool.query<ClaimedCamera>(SELECT, [deviceId ?? null]);
      if (deviceId !== undefined && rows.length === 0)
        throw new UserFacingError(`No camera with device id ${deviceId} and an onvif_url is registered.`);
      const agent = new CameraAgent(db.pool, config, { agentId: `poll-${process.pid}` });
      const limiter = new Limiter(config.concurrency);
      const bar = progress('polling', rows.length);
      let done = 0;
      const results = await Promise.all(
        rows.map((camera) =>
          limiter.run(async () => {
            const probe = await agent.pollOne(camera);
            bar.tick(++done);
            return { camera, probe };
          }),
        ),
      );
      bar.done();
      await agent.writer.flush();
      await agent.snapshotWriter.flush();
      if (agent.writer.pending > 0)
        throw new UserFacingError(
          'The poll results could not be stored (database unavailable); nothing was lost on the cameras, run it again.',
        );
      const polledAt = new Date().toISOString();
      const stored = await db.pool.query<{ cameraId: number; state: string; reason: string; since: Date }>(
        'SELECT camera_id::bigint AS "cameraId", state, reason, since FROM camera_status WHERE camera_id = ANY($1::bigint[])',
        [rows.map((r) => r.cameraId)],
      );
      const byId = new Map(stored.rows.map((r) => [r.cameraId, r]));
      const inventory = new Map<number, InventoryRow[]>();
      for (const r of (await db.pool.query<InventoryRow>(INVENTORY, [rows.map((r) => r.cameraId)])).rows)
        inventory.set(Number(r.cameraId), [...(inventory.get(Number(r.cameraId)) ?? []), r]);
      const cameras = results.map(({ camera, probe }) => {
        const s = byId.get(camera.cameraId);
        return {
          deviceId: camera.deviceId,
          state: s?.state ?? null,
          reason: s?.reason ?? null,
          since: s?.since.toISOString() ?? null,
          previousState: camera.memory.state ?? null,
          clockOffsetMs: probe.clockOffsetMs ?? null,
          latencyMs: probe.latencyMs,
          authScheme: probe.authScheme ?? null,
          manufacturer: probe.device?.manufacturer ?? null,
          model: probe.device?.model ?? null,
          firmware: probe.device?.firmware ?? null,
          serial: probe.device?.serial ?? null,
          inventory: (inventory.get(Number(camera.cameraId)) ?? []).map(({ cameraId: _id, seenAt, ...rest }) => ({
            ...rest,
            seenAt: seenAt?.toISOString() ?? null,
          })),
        };
      });
      const byState: Record<string, number> = {};
      for (const c of cameras) if (c.state !== null) byState[c.state] = (byState[c.state] ?? 0) + 1;
      if (ctx.json) printJson({ polledAt, total: cameras.length, byState, cameras });
      else {
        for (const c of cameras.slice(0, 50))
          info(
            `${c.deviceId}  ${String(c.state).padEnd(14)} ${String(c.reason).padEnd(18)} offset ${c.clockOffsetMs ?? '-'} ms  ${c.latencyMs} ms  ${c.manufacturer ?? ''} ${c.model ?? ''} ${c.firmware ?? ''} ${c.serial ?? ''}`,
          );
        if (cameras.length > 50) info(`… ${cameras.length - 50} more (use --json)`);
        info(
          `Polled ${cameras.length} camera(s): ${Object.entries(byState)
            .map(([s, n]) => `${s} ${n}`)
            .join(', ')}`,
        );
      }
    } finally {
      await db.close();
    }
  },
});
