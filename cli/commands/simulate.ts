import { defineCommand, numberFlag } from '../command';
import { info, printJson } from '../output';
import { UserFacingError } from '../../db/errors';
import { openDatabase } from '../../db/open';
import { applyDemoMix, startDemoChanges } from '../../camera-agent/simulator/demo-mix';
import { registeredSimCameras } from '../../camera-agent/simulator/fleet-from-db';
import { startSimulator } from '../../camera-agent/simulator/server';
import { startDiscoveryResponder } from '../../camera-agent/simulator/discovery-responder';
import { createSimCamera } from '../../camera-agent/simulator/camera';

export default defineCommand({
  name: 'simulate',
  summary: 'serve simulated ONVIF cameras (one per registered camera) on loopback',
  help: `Usage: xueliang simulate [--port N] [--demo] [--json]

Serves every registered camera whose onvif_url points at http://127.0.0.1:<port>/onvif/<device_id>/
as a simulated ONVIF camera (user from the registry, password XUELIANG_DEMO_CAMERA_PASSWORD or
'demo-camera-pass'), re-reading the registry every 30 s. WS-Discovery Probes are answered on
the same port number over UDP (try: xueliang discover --target 127.0.0.1:<port>). Faults are scripted per camera with
POST http://127.0.0.1:<port>/control/<device_id> {"faults":{...}} (see docs/cli.md).
  --port N   port on 127.0.0.1 (default XUELIANG_SIM_PORT or 18080)
  --demo     apply the demo's realistic fault mix and change a camera every 15 s
  --json     print {"port","cameras","demo"} once listening`,
  options: { port: { type: 'string' }, demo: { type: 'boolean' } },
  async run(ctx) {
    const port = numberFlag(ctx, 'port') ?? Number(process.env.XUELIANG_SIM_PORT ?? 18080);
    const demo = ctx.values.demo === true;
    const db = await openDatabase({ poolSize: 2 });
    let sim;
    try {
      sim = await startSimulator({ port, cameras: await registeredSimCameras(db.pool, port) });
    } catch (err) {
      await db.close();
      if ((err as { code?: string }).code === 'EADDRINUSE')
        throw new UserFacingError(
          `Port ${port} on 127.0.0.1 is already in use: stop the other simulator or pass --port (XUELIANG_SIM_PORT).`,
        );
      throw err;
    }
    // WS-Discovery answers on the same port number, UDP, loopback only.
    const discovery = await startDiscoveryResponder(sim, sim.port).catch(() => undefined);
    if (demo) applyDemoMix(sim);
    const stopChanges = demo ? startDemoChanges(sim, info) : () => undefined;
    const refresh = setInterval(() => {
      void registeredSimCameras(db.pool, port)
        .then((list) => {
          let added = 0;
          for (const init of list) {
            if (sim.cameras.has(init.deviceId)) continue;
            sim.cameras.set(init.deviceId, createSimCamera(init));
            added += 1;
          }
          if (added > 0) info(`simulate: ${added} new camera(s) registered`);
        })
        .catch(() => undefined);
    }, 30_000);
    if (ctx.json) printJson({ port: sim.port, cameras: sim.cameras.size, demo });
    else
      info(
        `simulate: ${sim.cameras.size} camera(s) on ${sim.baseUrl}/onvif/<device_id>/device_service${demo ? ' with the demo fault mix' : ''}`,
      );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(refresh);
    stopChanges();
    discovery?.close();
    await sim.close();
    await db.close();
  },
});
