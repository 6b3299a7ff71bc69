// What the SIP server knows about one registered device, and the pure rules that move it
// between registered / online / offline. Kept in memory for registered devices only (bounded
// by GbConfig.maxDevices); the database row is written from it on every change.
import type { GbConfig, GbDeviceKind } from './config';
import type { DeviceRow } from './gb-writer';
import type { Peer } from './sip/transport';

export type CatalogState = 'none' | 'pending' | 'complete' | 'partial' | 'timeout';

export interface DeviceSession {
  deviceId: string;
  kind: GbDeviceKind;
  cameraId: number | null;
  peer: Peer;
  contact: string;
  registered: boolean;
  registeredAt: number;
  expiresAt: number;
  /** Last keepalive (null: none since registering). */
  lastKeepaliveAt: number | null;
  /** Last sign of life: a keepalive or a REGISTER. Offline is measured from it. */
  lastAliveAt: number;
  intervalMs: number;
  online: boolean;
  since: number;
  reason: string;
  info: {
    deviceName: string | null;
    manufacturer: string | null;
    model: string | null;
    firmware: string | null;
    serial: string | null;
    channels: number | null;
  };
  catalogState: CatalogState;
  catalogSumNum: number | null;
  catalogItems: number | null;
  catalogAt: number | null;
  status: { online: string | null; result: string | null; at: number | null };
  /** When Catalog/DeviceInfo/DeviceStatus are next asked (0: now). */
  nextQueryAt: number;
  querying: boolean;
}

/**
 * A copy of a string that shares no memory with the message it was cut from. V8 makes a
 * substring of 13 characters or more a view into its parent, so a device id or Contact taken
 * from a REGISTER kept that REGISTER's whole header text alive for as long as the session
 * (about 14 MB for 20,000 devices). Used for what a session keeps, not per keepalive.
 */
export function ownString<T extends string | null>(value: T): T {
  return (value === null || value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8')) as T;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toRow(s: DeviceSession): DeviceRow {
  return {
    device_id: s.deviceId,
    kind: s.kind,
    camera_id: s.cameraId,
    transport: s.peer.transport,
    remote_address: s.peer.address,
    remote_port: s.peer.port,
    contact: s.contact,
    registered: s.registered,
    registered_at: iso(s.registeredAt),
    expires_at: iso(s.expiresAt),
    last_keepalive_at: iso(s.lastKeepaliveAt),
    last_alive_at: iso(s.lastAliveAt),
    keepalive_interval_s: Math.max(1, Math.round(s.intervalMs / 1000)),
    online: s.online,
    since: iso(s.since)!,
    reason: s.reason,
    device_name: s.info.deviceName,
    manufacturer: s.info.manufacturer,
    model: s.info.model,
    firmware: s.info.firmware,
    serial: s.info.serial,
    channel_count: s.info.channels,
    catalog_state: s.catalogState,
    catalog_sum_num: s.catalogSumNum,
    catalog_items: s.catalogItems,
    catalog_at: iso(s.catalogAt),
    status_online: s.status.online,
    status_result: s.status.result,
    status_at: iso(s.status.at),
  };
}

/** The moment a device counts as offline: keepaliveMissed intervals after its last sign of life. */
export function offlineAt(s: DeviceSession, config: Pick<GbConfig, 'keepaliveMissed'>): number {
  return s.lastAliveAt + config.keepaliveMissed * s.intervalMs;
}

export type SweepVerdict = 'expired' | 'offline' | undefined;

/** What a periodic sweep must do with a session at `now`: registration expiry first. */
export function sweepVerdict(s: DeviceSession, now: number, config: Pick<GbConfig, 'keepaliveMissed'>): SweepVerdict {
  if (s.registered && now >= s.expiresAt) return 'expired';
  if (s.online && now >= offlineAt(s, config)) return 'offline';
  return undefined;
}
