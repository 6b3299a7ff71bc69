// The read side of GB/T 28181 state for `xueliang sip devices`: devices, and camera codes heard
// that the registry does not have (reported, never added).
import type pg from 'pg';
import { loadSql } from '../../db/sql';

const LIST_DEVICES = loadSql(import.meta.url, 'sql/list-devices.sql');
const LIST_UNKNOWN = loadSql(import.meta.url, 'sql/list-unknown.sql');

export interface GbDeviceReport {
  deviceId: string;
  kind: string;
  inRegistry: boolean;
  transport: string;
  address: string;
  port: number;
  registered: boolean;
  online: boolean;
  since: string;
  reason: string;
  registeredAt: string | null;
  expiresAt: string | null;
  lastKeepaliveAt: string | null;
  keepaliveIntervalS: number;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  catalogState: string;
  catalogSumNum: number | null;
  catalogItems: number | null;
  catalogAt: string | null;
  matchedChannels: number;
  channelsOff: number;
}

export interface GbUnknownCode {
  via: 'device' | 'channel';
  deviceId: string;
  reportedBy: string | null;
  name: string | null;
  seenAt: string | null;
}

export interface GbReport {
  counts: { devices: number; registered: number; online: number; unknownDevices: number; unknownChannels: number };
  devices: GbDeviceReport[];
  unknown: GbUnknownCode[];
}

const isoOrNull = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

export async function gbReport(pool: pg.Pool): Promise<GbReport> {
  const devices = (await pool.query<Record<string, unknown>>(LIST_DEVICES)).rows.map((r) => ({
    ...r,
    since: isoOrNull(r.since),
    registeredAt: isoOrNull(r.registeredAt),
    expiresAt: isoOrNull(r.expiresAt),
    lastKeepaliveAt: isoOrNull(r.lastKeepaliveAt),
    catalogAt: isoOrNull(r.catalogAt),
  })) as GbDeviceReport[];
  const unknown = (await pool.query<Record<string, unknown>>(LIST_UNKNOWN)).rows.map((r) => ({
    ...r,
    seenAt: isoOrNull(r.seenAt),
  })) as GbUnknownCode[];
  return {
    counts: {
      devices: devices.length,
      registered: devices.filter((d) => d.registered).length,
      online: devices.filter((d) => d.online).length,
      unknownDevices: unknown.filter((u) => u.via === 'device').length,
      unknownChannels: unknown.filter((u) => u.via === 'channel').length,
    },
    devices,
    unknown,
  };
}
