// The demo's realistic fault mix: a few percent of cameras down, some clocks skewed, a black or
// frozen picture here and there, one or two wrong passwords, some gSOAP/Digest-only firmwares
// (which the agent handles transparently). Chosen by a hash of the device id, so a restart gives
// the same fleet; then, every few seconds, one camera changes so the command center sees live
// changes (goes down and comes back, reboots, picture goes black, clock jumps).
import { createHash } from 'node:crypto';
import type { SimFaults } from './camera';
import type { SimulatorHandle } from './server';

function unit(deviceId: string, salt: string): number {
  return createHash('sha1').update(`${salt}:${deviceId}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

export function initialFaults(deviceId: string): { faults: SimFaults; wrongPassword: boolean } {
  const u = unit(deviceId, 'mix');
  const faults: SimFaults = { picture: 'scene' };
  let wrongPassword = false;
  if (u < 0.03) faults.down = true;
  else if (u < 0.05) faults.clockSkewMs = Math.round((unit(deviceId, 'skew') - 0.5) * 1_200_000);
  else if (u < 0.065) faults.picture = 'black';
  else if (u < 0.08) faults.picture = 'frozen';
  else if (u < 0.083) wrongPassword = true;
  else if (u < 0.1) faults.mustUnderstandRefusal = true;
  else if (u < 0.12) faults.digestOnly = true;
  else if (u < 0.125) faults.snapshotBroken = true;
  return { faults, wrongPassword };
}

export function applyDemoMix(sim: SimulatorHandle): void {
  for (const cam of sim.cameras.values()) {
    const { faults, wrongPassword } = initialFaults(cam.deviceId);
    cam.faults = { ...cam.faults, ...faults };
    if (wrongPassword) cam.password = `${cam.password}-changed`;
  }
}

/** Every `everyMs`, one random camera changes; returns a stop function. */
export function startDemoChanges(sim: SimulatorHandle, log: (line: string) => void, everyMs = 15_000): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const tick = setInterval(() => {
    const ids = [...sim.cameras.keys()];
    if (ids.length === 0) return;
    const id = ids[Math.floor(Math.random() * ids.length)]!;
    const cam = sim.camera(id);
    const r = Math.random();
    if (r < 0.35) {
      const ms = 60_000 + Math.floor(Math.random() * 8 * 60_000);
      cam.faults.down = true;
      log(`demo: ${id} goes down for ${Math.round(ms / 60_000)} min`);
      later(ms, () => {
        cam.faults.down = false;
      });
    } else if (r < 0.55) {
      sim.reboot(id, 40_000);
      log(`demo: ${id} reboots`);
    } else if (r < 0.75) {
      cam.faults.picture = 'black';
      log(`demo: ${id} picture goes black`);
      later(5 * 60_000, () => {
        cam.faults.picture = 'scene';
      });
    } else if (r < 0.9) {
      cam.faults.clockSkewMs = 120_000;
      log(`demo: ${id} clock jumps 2 min ahead`);
      later(6 * 60_000, () => {
        cam.faults.clockSkewMs = 0;
      });
    } else {
      cam.faults = { picture: 'scene' };
      log(`demo: ${id} repaired`);
    }
  }, everyMs);
  return () => {
    clearInterval(tick);
    for (const t of timers) clearTimeout(t);
  };
}
