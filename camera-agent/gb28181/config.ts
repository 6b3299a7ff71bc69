// Every threshold and limit of the GB/T 28181 server in one object (as camera-agent/config.ts
// does for ONVIF). The standard's numbers: keepalive every 60 s by default, a device is offline
// after 3 missed keepalives; registration Expires usually 3600 s.
import type { SipLimits } from './sip/message';
import { DEFAULT_SIP_LIMITS } from './sip/message';
import { DEFAULT_KEEPALIVE_INTERVAL_S, KEEPALIVE_MISSED_LIMIT } from '../../vocabulary/camera-health';

export interface GbConfig {
  /** Our SIP id (20 digits, type 200) and domain (its first 10 digits, the digest realm). */
  serverId: string;
  domain: string;
  host: string;
  port: number;
  /** Host:port written into Via/Contact of our requests (what devices answer to). */
  advertise: string;
  /** Platform-wide password for devices without their own (XUELIANG_SIP_PASSWORD); null: none. */
  defaultPassword: string | null;
  /** Keepalive interval assumed for every device, and how many missed keepalives make it offline. */
  keepaliveIntervalMs: number;
  keepaliveMissed: number;
  /** REGISTER Expires below this is refused (423), above it is lowered to maxExpiresS. */
  minExpiresS: number;
  maxExpiresS: number;
  /** How long a digest nonce we issued is accepted. */
  nonceLifetimeMs: number;
  /** A request we send gets its final answer within this (SIP Timer F is 32 s). */
  transactionTimeoutMs: number;
  /** After the 200 to a query, the Response MESSAGE (or the next catalog page) must come within this. */
  answerTimeoutMs: number;
  /** Catalog, DeviceInfo and DeviceStatus are asked again this often, and after a failure. */
  refreshMs: number;
  retryMs: number;
  /** Queries (catalogs included) in flight at once. */
  queryConcurrency: number;
  /** Registered devices at most (a REGISTER past it gets 503), and items kept per catalog. */
  maxDevices: number;
  maxCatalogItems: number;
  /** Auth failures remembered (for one event per device and hour); oldest forgotten first. */
  maxAuthFailureMemory: number;
  limits: SipLimits;
  /** How often today's 联网 of every camera is recorded (gb_networked_daily, 联网率 over time). */
  networkedRecordMs: number;
  flushMs: number;
  registryRefreshMs: number;
  /** The Date header of a 200 to REGISTER is local time at this UTC offset (China: +480). */
  utcOffsetMinutes: number;
}

export const DEFAULT_GB_CONFIG = Object.freeze({
  keepaliveIntervalMs: DEFAULT_KEEPALIVE_INTERVAL_S * 1000,
  // The health vocabulary's 联网 rule (xl_networked in SQL uses the same 3).
  keepaliveMissed: KEEPALIVE_MISSED_LIMIT,
  minExpiresS: 60,
  maxExpiresS: 86_400,
  nonceLifetimeMs: 5 * 60_000,
  transactionTimeoutMs: 32_000,
  answerTimeoutMs: 30_000,
  refreshMs: 3_600_000,
  retryMs: 10 * 60_000,
  queryConcurrency: 50,
  maxDevices: 200_000,
  maxCatalogItems: 200_000,
  maxAuthFailureMemory: 10_000,
  limits: DEFAULT_SIP_LIMITS,
  networkedRecordMs: 5 * 60_000,
  flushMs: 1_000,
  registryRefreshMs: 30_000,
  utcOffsetMinutes: 480,
});

/** A GB/T 28181 id of any type: 20 digits. */
export const isGbId = (id: string): boolean => /^\d{20}$/.test(id);

export type GbDeviceKind = 'camera' | 'recorder' | 'platform' | 'other';

/** GB/T 28181-2016 Annex D type codes: 111-118 DVR/NVR/encoders, 131/132 cameras, 200 platforms. */
export function deviceKind(id: string): GbDeviceKind {
  const type = Number(id.slice(10, 13));
  if (type === 131 || type === 132) return 'camera';
  if (type >= 111 && type <= 118) return 'recorder';
  if (type === 200) return 'platform';
  return 'other';
}

/** The server id from the dataset's top area code (6 to 8 digits): area + 00 + 200 + 0 + 000001. */
export function defaultServerId(areaCode: string | null): string {
  const area = /^\d{6,8}$/.test(areaCode ?? '') ? areaCode!.padEnd(8, '0') : '34020000';
  return `${area}002000000001`;
}

export function gbConfig(input: Partial<GbConfig> & { serverId: string; host: string; port: number; advertise: string }): GbConfig {
  if (!isGbId(input.serverId)) throw new Error(`SIP server id "${input.serverId}" must be 20 digits (XUELIANG_SIP_ID)`);
  const merged: GbConfig = { ...DEFAULT_GB_CONFIG, defaultPassword: null, domain: input.serverId.slice(0, 10), ...input };
  for (const [k, v] of Object.entries(merged))
    if (typeof v === 'number' && !(Number.isFinite(v) && v >= 0))
      throw new Error(`GB/T 28181 config ${k} must be a non-negative number, got ${String(v)}`);
  if (merged.keepaliveMissed < 1) throw new Error('keepaliveMissed must be at least 1');
  return merged;
}

/** YYYY-MM-DDTHH:mm:ss.SSS at the configured offset: the Date format GB/T 28181 devices set their clocks from. */
export function gbDate(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 23);
}
