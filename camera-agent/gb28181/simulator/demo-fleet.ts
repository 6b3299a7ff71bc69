// The demo county's GB/T 28181 side (pure): the cameras of the first two towns register
// themselves as IP cameras (a few over TCP), the next three towns' cameras are the channels of
// one lower-level platform (级联, GB2312 names, a catalog split in pages of 20, organisation
// nodes and three codes the registry does not have), and the other towns are not networked.
// Faults: one camera with the wrong password, two that stop keeping alive, one that never
// answers the catalog.
import type { SimChannel } from './catalog-xml';
import type { SimSpec } from './fleet';

export interface RegistryCameraForSim {
  deviceId: string;
  name: string;
  lon: number;
  lat: number;
}

export interface DemoFleetOptions {
  password: string;
  keepaliveIntervalMs: number;
  directTowns?: number;
  platformTowns?: number;
}

const VENDORS = [
  { manufacturer: 'Hikvision', model: 'DS-2CD3T46WDV3-I3', firmware: 'V5.7.3 build 220112' },
  { manufacturer: 'Dahua', model: 'IPC-HFW4433M-I2', firmware: '2.800.0000000.16.R' },
  { manufacturer: 'Uniview', model: 'IPC2124LR3-PF40M-D', firmware: 'IPC_D1201-B0006P22D1806' },
];

function cameraChannel(c: RegistryCameraForSim, parentId: string, i: number): SimChannel {
  const v = VENDORS[i % VENDORS.length]!;
  return {
    deviceId: c.deviceId,
    name: c.name,
    status: i % 37 === 5 ? 'OFF' : 'ON',
    longitude: Math.round(c.lon * 1e6) / 1e6,
    latitude: Math.round(c.lat * 1e6) / 1e6,
    civilCode: c.deviceId.slice(0, 8),
    parentId,
    manufacturer: v.manufacturer,
    model: v.model,
    owner: '公安',
    address: c.name,
  };
}

export function demoFleet(cameras: RegistryCameraForSim[], options: DemoFleetOptions): SimSpec[] {
  const byTown = new Map<string, RegistryCameraForSim[]>();
  for (const c of [...cameras].sort((a, b) => a.deviceId.localeCompare(b.deviceId))) {
    const town = c.deviceId.slice(0, 8);
    byTown.set(town, [...(byTown.get(town) ?? []), c]);
  }
  const towns = [...byTown.keys()];
  const direct = towns.slice(0, options.directTowns ?? 2).flatMap((t) => byTown.get(t)!);
  const platformTowns = towns.slice(options.directTowns ?? 2, (options.directTowns ?? 2) + (options.platformTowns ?? 3));
  const base = {
    password: options.password,
    keepaliveIntervalMs: options.keepaliveIntervalMs,
    expiresS: 3600,
    encoding: 'gb2312' as const,
  };
  const specs: SimSpec[] = direct.map((c, i) => {
    const v = VENDORS[i % VENDORS.length]!;
    return {
      ...base,
      deviceId: c.deviceId,
      name: c.name,
      channels: [cameraChannel(c, c.deviceId, i)],
      catalogPerMessage: 1,
      info: { ...v, serial: `${v.manufacturer.slice(0, 2).toUpperCase()}${c.deviceId.slice(-8)}` },
      faults: {
        ...(i === 0 ? { wrongPassword: `${options.password}-old` } : {}),
        ...(i === 1 || i === 2 ? { missKeepalives: true } : {}),
        ...(i === 3 ? { silentCatalog: true } : {}),
      },
      transport: i % 25 === 24 ? 'TCP' : 'UDP',
    };
  });
  if (platformTowns.length > 0) {
    const county = platformTowns[0]!.slice(0, 6);
    const platformId = `${county}0000200${'0000002'}`;
    const channels: SimChannel[] = [
      { ...cameraChannel({ deviceId: county, name: '演示县', lon: 0, lat: 0 }, platformId, 0), longitude: null, latitude: null },
    ];
    let i = 0;
    for (const town of platformTowns) {
      channels.push({
        ...cameraChannel({ deviceId: town, name: `演示镇 ${town.slice(6)}`, lon: 0, lat: 0 }, county, 0),
        longitude: null,
        latitude: null,
      });
      for (const c of byTown.get(town)!) channels.push(cameraChannel(c, town, i++));
    }
    const first = byTown.get(platformTowns[0]!)![0]!;
    // Codes the registry does not have: the platform knows cameras the ledger lacks.
    for (let k = 1; k <= 3; k++)
      channels.push(
        cameraChannel(
          {
            deviceId: `${platformTowns[0]!}001320${String(999000 + k)}`,
            name: `未登记摄像机${k}`,
            lon: first.lon + k * 0.001,
            lat: first.lat,
          },
          platformTowns[0]!,
          k,
        ),
      );
    specs.push({
      ...base,
      deviceId: platformId,
      name: '演示县二类视频资源平台',
      channels,
      catalogPerMessage: 20,
      info: { manufacturer: 'Xueliang-sim', model: 'lower-platform', firmware: '1.0', serial: `PLAT${county}` },
      faults: {},
      transport: 'UDP',
    });
  }
  return specs;
}
