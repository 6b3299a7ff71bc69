// Device inventory from both paths. Regression: the ONVIF poll read GetDeviceInformation's
// Manufacturer and then dropped it (only model, firmware and serial were kept). Now the agent
// stores it, and the camera card lists ONVIF and GB/T 28181 inventories side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/api';
import { startFleet, waitFor, type Fleet } from '../agent/agent-fixture';
import { term } from '../../../vocabulary/glossary';

let fleet: Fleet;
let t: TestApp;
beforeAll(async () => {
  fleet = await startFleet(3);
  t = await createTestApp(fleet.db);
});
afterAll(async () => {
  await t.close();
  await fleet.close();
});

describe('device inventory per camera', () => {
  it('keeps the ONVIF manufacturer the agent reads, next to model, firmware and serial', async () => {
    fleet.startAgent('inv');
    await waitFor(async () => {
      const r = await fleet.db.pool.query("SELECT 1 FROM camera_inventory WHERE source = 'onvif' AND manufacturer IS NOT NULL");
      return (r.rowCount ?? 0) === 3;
    }, 20_000);
    const row = (await fleet.db.pool.query("SELECT * FROM camera_inventory WHERE source = 'onvif' ORDER BY camera_id LIMIT 1")).rows[0];
    expect(row.manufacturer).not.toBe('');
    expect(row.model).not.toBeNull();
    expect(row.serial).not.toBeNull();
  });

  it('shows both paths on the camera card: ONVIF first, then GB/T 28181 (DeviceInfo of the camera itself)', async () => {
    const deviceId = fleet.deviceIds[0]!;
    await fleet.db.pool.query(
      `INSERT INTO gb_devices (device_id, kind, camera_id, transport, remote_address, remote_port, registered, keepalive_interval_s, online, since,
         manufacturer, model, firmware, serial)
       SELECT $1, 'camera', id, 'UDP', '127.0.0.1', 5060, true, 60, true, now(), 'GBVendor', 'GB-1', 'V1.0', 'GBSERIAL1' FROM cameras WHERE device_id = $1`,
      [deviceId],
    );
    const res = await t.app.request(`/api/v1/cameras/${deviceId}`, { headers: await t.login('viewer') });
    expect(res.status).toBe(200);
    const card = (await res.json()) as { inventory: Array<{ source: string; manufacturer: string | null; serial: string | null }> };
    expect(card.inventory.map((i) => i.source)).toEqual(['onvif', 'gb28181']);
    expect(card.inventory[1]).toMatchObject({ manufacturer: 'GBVendor', serial: 'GBSERIAL1' });
    expect(card.inventory[0]!.manufacturer).not.toBeNull();
  });

  it('exports the inventory with each camera (ONVIF preferred, else GB/T 28181)', async () => {
    const res = await t.app.request('/api/v1/exports/cameras.csv', { headers: await t.login('engineer') });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const header = lines[0]!.split(',');
    // CSV headers are the glossary's words (Chinese by default).
    const label = (col: string) => term('zh', 'column', col);
    for (const col of ['manufacturer', 'model', 'firmware', 'serial', 'inventory_source']) expect(header).toContain(label(col));
    const source = header.indexOf(label('inventory_source'));
    expect(lines.slice(1).map((l) => l.split(',')[source])).toEqual(['onvif', 'onvif', 'onvif']);
  });
});
