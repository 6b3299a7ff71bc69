// Proof that the simulator speaks real ONVIF: node-onvif and onvif (agsh), used here as test
// clients only, connect and read device information, profiles and snapshot URIs from it.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../camera-agent/simulator/server';
import { deviceId } from './probe-helpers';

const require = createRequire(import.meta.url);
const ID = deviceId(42);
let sim: SimulatorHandle;

beforeAll(async () => {
  sim = await startSimulator({ cameras: [{ deviceId: ID, password: 'client-pass', serial: '404754734001050102' }] });
});
afterAll(async () => {
  await sim.close();
});

describe('third-party ONVIF clients read the simulator', () => {
  it('node-onvif runs its full init (8 calls with WS-Security) and fetches a JPEG snapshot over Digest', async () => {
    const { OnvifDevice } = require('node-onvif') as {
      OnvifDevice: new (o: object) => {
        init(): Promise<Record<string, string>>;
        getCurrentProfile(): { snapshot: string; stream: { rtsp: string } };
        fetchSnapshot(): Promise<{ headers: Record<string, string>; body: Buffer }>;
      };
    };
    const dev = new OnvifDevice({ xaddr: sim.deviceUrl(ID), user: 'admin', pass: 'client-pass' });
    const info = await dev.init();
    expect(info.Model).toBe('XL-SIM-2040');
    expect(info.SerialNumber).toBe('404754734001050102');
    expect(dev.getCurrentProfile().stream.rtsp).toContain(ID);
    const snap = await dev.fetchSnapshot();
    expect(snap.headers['content-type']).toBe('image/jpeg');
    expect(snap.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('onvif (agsh) connects (GetServices, GetProfiles, GetVideoSources) and reads device information and URIs', async () => {
    const { Cam } = require('onvif') as { Cam: new (o: object, cb: (this: OnvifCam, err: Error | null) => void) => OnvifCam };
    interface OnvifCam {
      getDeviceInformation(cb: (err: Error | null, info: Record<string, unknown>) => void): void;
      getStreamUri(o: object, cb: (err: Error | null, res: { uri: string }) => void): void;
      profiles: unknown[];
    }
    const cam = await new Promise<OnvifCam>((resolve, reject) => {
      const c = new Cam(
        {
          hostname: '127.0.0.1',
          port: sim.port,
          path: `/onvif/${ID}/device_service`,
          username: 'admin',
          password: 'client-pass',
          timeout: 5000,
        },
        function (err) {
          if (err !== null && err !== undefined) reject(err);
          else resolve(c);
        },
      );
    });
    expect(cam.profiles.length).toBe(1);
    const info = await new Promise<Record<string, unknown>>((resolve, reject) =>
      cam.getDeviceInformation((e, i) => (e ? reject(e) : resolve(i))),
    );
    expect(info.model).toBe('XL-SIM-2040');
    // onvif's own defect, pinned here as the reason we do not use it: the serial became a float.
    expect(info.serialNumber).not.toBe('404754734001050102');
    const uri = await new Promise<{ uri: string }>((resolve, reject) =>
      cam.getStreamUri({ protocol: 'RTSP' }, (e, r) => (e ? reject(e) : resolve(r))),
    );
    expect(uri.uri).toContain(ID);
  });
});
