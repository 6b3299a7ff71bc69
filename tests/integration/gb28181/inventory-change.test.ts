// A device that comes back with another firmware or serial is an event, as on the ONVIF side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraId, deviceSpec, eventually, startWorld, type GbWorld } from './gb-fixture';

let w: GbWorld;
beforeAll(async () => {
  w = await startWorld(5);
});
afterAll(async () => {
  await w.close();
});

const events = async (id: string) =>
  (
    await w.db.pool.query<{ kind: string; detail: Record<string, unknown> }>(
      'SELECT kind, detail FROM gb_events WHERE device_id = $1 ORDER BY id',
      [id],
    )
  ).rows;

describe('GB/T 28181 inventory changes', () => {
  it('records firmware-changed, then replaced, when a device re-registers with a new firmware, then a new serial', async () => {
    const id = cameraId(2);
    const [dev] = await w.sim.add([deviceSpec(id)]);
    const firmwareStored = (fw: string) => async () =>
      (await w.db.pool.query('SELECT 1 FROM gb_devices WHERE device_id = $1 AND firmware = $2', [id, fw])).rowCount === 1;
    expect(await dev!.register()).toBe(200);
    await eventually(firmwareStored('V5.4.0'), 'first firmware stored');
    await dev!.stop(true);
    dev!.spec.info.firmware = 'V5.5.1';
    expect(await dev!.register()).toBe(200);
    await eventually(async () => (await events(id)).some((e) => e.kind === 'firmware-changed'), 'firmware-changed');
    expect((await events(id)).find((e) => e.kind === 'firmware-changed')!.detail).toEqual({ previous: 'V5.4.0', firmware: 'V5.5.1' });
    await eventually(firmwareStored('V5.5.1'), 'new firmware stored');
    await dev!.stop(true);
    dev!.spec.info.serial = 'OTHER-SERIAL';
    expect(await dev!.register()).toBe(200);
    await eventually(async () => (await events(id)).some((e) => e.kind === 'replaced'), 'replaced');
  });
});
