// The device side of the GB/T 28181 benchmark: N simulated IP cameras and one lower platform with
// M channels, registering with the server and keeping alive (bench/gb28181.ts drives it over
// IPC): node --import tsx bench/gb28181-devices.ts <port> <devices> <channels> <intervalMs> <registrations per second>.
import { GbSimulator, type SimSpec } from '../camera-agent/gb28181/simulator/fleet';
import type { SimChannel } from '../camera-agent/gb28181/simulator/catalog-xml';
import type { SimDevice } from '../camera-agent/gb28181/simulator/device';

const [port, devices, channels, intervalMs, rate] = process.argv.slice(2).map(Number) as [number, number, number, number, number];
const SERVER_ID = '34010000002000000001';
const id = (serial: number): string => `34010000001320${String(serial).padStart(6, '0')}`;
const channel = (deviceId: string, i: number): SimChannel => ({
  deviceId,
  name: `演示通道${i}`,
  status: i % 50 === 0 ? 'OFF' : 'ON',
  longitude: 117.2 + (i % 100) * 0.001,
  latitude: 31.8 + Math.floor(i / 100) * 0.001,
  civilCode: '34010000',
  parentId: '34010000002000000002',
  manufacturer: 'Bench',
  model: 'B-1',
  owner: '公安',
  address: '演示路',
});
const base = {
  password: 'bench-pass',
  keepaliveIntervalMs: intervalMs,
  expiresS: 3600,
  encoding: 'gb2312' as const,
  faults: {},
  transport: 'UDP' as const,
};
const specs: SimSpec[] = [];
for (let i = 1; i <= devices; i++) {
  const deviceId = id(i);
  specs.push({
    ...base,
    deviceId,
    name: `bench ${i}`,
    channels: [channel(deviceId, i)],
    catalogPerMessage: 1,
    info: { manufacturer: 'Bench', model: 'B-1', firmware: '1.0', serial: `S${i}` },
    faults: {},
  });
}
specs.push({
  ...base,
  deviceId: '34010000002000000002',
  name: 'bench lower platform',
  channels: Array.from({ length: channels }, (_, i) => channel(id(devices + 1 + i), i)),
  catalogPerMessage: 20,
  info: { manufacturer: 'Bench', model: 'platform', firmware: '1.0', serial: 'P1' },
  faults: {},
});
const sim = new GbSimulator({ server: { address: '127.0.0.1', port }, serverId: SERVER_ID, udpSockets: 16 });
const all = await sim.add(specs);
const started = Date.now();
const statuses = await sim.registerAll(all, rate);
// Devices whose REGISTER got no answer (an overloaded server drops datagrams) try again, as real ones do.
for (let round = 0; round < 5; round++) {
  const waiting = all.filter((d) => d.state !== 'registered' && d.state !== 'refused');
  if (waiting.length === 0) break;
  const again = await sim.registerAll(waiting, rate);
  for (const [s, n] of again) statuses.set(s, (statuses.get(s) ?? 0) + n);
}
const send = (m: unknown): void => void process.send?.(m);
send({ kind: 'registered', ms: Date.now() - started, statuses: Object.fromEntries(statuses) });

const totals = (): { sent: number; answered: number } => {
  let sent = 0;
  let answered = 0;
  for (const d of all) {
    sent += d.counts.keepalivesSent;
    answered += d.counts.keepalivesAnswered;
  }
  return { sent, answered };
};
const silenced: SimDevice[] = [];
process.on('message', (m: { kind: string; count?: number }) => {
  if (m.kind === 'quiet') {
    // Everyone stops keeping alive; answers in flight settle before the totals are read.
    for (const d of all) d.spec.faults.missKeepalives = true;
    setTimeout(() => send({ kind: 'totals', ...totals() }), 5000);
  }
  if (m.kind === 'silence') {
    // The last devices fall silent; their last answered keepalive is the offline clock's start.
    for (const d of all.slice(devices - (m.count ?? 0), devices)) {
      d.spec.faults.missKeepalives = true;
      silenced.push(d);
    }
    send({ kind: 'silenced', ids: silenced.map((d) => d.spec.deviceId), at: Date.now() });
  }
  if (m.kind === 'stop') void sim.close(false).then(() => process.exit(0));
});
