// WS-Discovery on loopback with an injected target address (never multicast from a test):
// the simulator answers the Probe, and answers are matched against the registry.
import type { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover, matchRegistry, parseProbeMatches } from '../../../camera-agent/discovery';
import { startDiscoveryResponder } from '../../../camera-agent/simulator/discovery-responder';
import { startSimulator, type SimulatorHandle } from '../../../camera-agent/simulator/server';
import { deviceId } from './probe-helpers';

let sim: SimulatorHandle;
let responder: ReturnType<typeof createSocket>;
const IDS = Array.from({ length: 25 }, (_, i) => deviceId(100 + i));

beforeAll(async () => {
  sim = await startSimulator({ cameras: IDS.map((id) => ({ deviceId: id })) });
  responder = await startDiscoveryResponder(sim, sim.port);
});
afterAll(async () => {
  responder.close();
  await sim.close();
});

describe('WS-Discovery', () => {
  it('finds every simulated camera (answers split over several datagrams) and sorts known from unknown', async () => {
    // The default 3 s window: 400 ms missed every answer on a loaded 2-core machine (the responder's
    // datagrams arrived after the window closed).
    const devices = await discover({ target: { address: '127.0.0.1', port: sim.port } });
    expect(devices).toHaveLength(25);
    const registry = [
      ...IDS.slice(0, 20).map((id) => ({ deviceId: id, onvifUrl: sim.deviceUrl(id) })),
      { deviceId: '34010000001320099999', onvifUrl: 'http://10.0.0.9/onvif/device_service' },
    ];
    const { known, unknown, notFound } = matchRegistry(devices, registry);
    expect(known).toHaveLength(20);
    expect(unknown.map((d) => d.xaddrs[0])).toEqual(expect.arrayContaining([sim.deviceUrl(IDS[24]!)]));
    expect(notFound).toEqual(['34010000001320099999']);
  });

  it('a hostile answer (DTD, garbage) yields no device instead of an error', () => {
    expect(parseProbeMatches(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x/>'), '127.0.0.1')).toEqual([]);
    expect(parseProbeMatches(Buffer.from([0xff, 0x00, 0x13]), '127.0.0.1')).toEqual([]);
  });
});
