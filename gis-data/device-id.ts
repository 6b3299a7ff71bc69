// GB/T 28181 device ids: 20 digits = admin code 8 (GB/T 2260 county code 6 + basic unit 2)
// + industry 2 + type 3 + network 1 + serial 6. Cameras are type 131 (camera) or 132 (IP
// camera). Pure code: used by importers, the demo generator, the API and the web.

export const CAMERA_TYPE_CODES = ['131', '132'] as const;

export interface DeviceIdParts {
  deviceId: string;
  /** First 8 digits: county code (6) + basic unit (2). */
  adminCode: string;
  /** GB/T 2260 county-level code (first 6 digits); derive the county from it. */
  countyCode: string;
  /** 2-digit province code (first 2 digits). */
  provinceCode: string;
  industry: string;
  typeCode: string;
  /** 0–4 video private network, 5 public-security network, 6 government, 7 internet, 8 social resources. */
  network: string;
  serial: string;
}

export type DeviceIdResult = { ok: true; parts: DeviceIdParts } | { ok: false; reason: string };

/** Validates a device id and splits it; the reason says what is wrong in words a ledger clerk can act on. */
export function parseDeviceId(raw: string): DeviceIdResult {
  const id = raw.trim();
  if (id === '') return { ok: false, reason: 'device id is empty' };
  if (!/^\d+$/.test(id)) return { ok: false, reason: `device id "${id}" has characters other than digits (GB/T 28181 ids are 20 digits)` };
  if (id.length !== 20) return { ok: false, reason: `device id "${id}" has ${id.length} digits, GB/T 28181 needs 20` };
  const provinceCode = id.slice(0, 2);
  const province = Number(provinceCode);
  // GB/T 2260 province codes run from 11 (Beijing) to 82 (Macao).
  if (province < 11 || province > 82)
    return { ok: false, reason: `device id "${id}" starts with ${provinceCode}, which is not a GB/T 2260 province code (11–82)` };
  const typeCode = id.slice(10, 13);
  if (!(CAMERA_TYPE_CODES as readonly string[]).includes(typeCode)) {
    return { ok: false, reason: `device id "${id}" has type code ${typeCode}; cameras are 131 (camera) or 132 (IP camera)` };
  }
  return {
    ok: true,
    parts: {
      deviceId: id,
      adminCode: id.slice(0, 8),
      countyCode: id.slice(0, 6),
      provinceCode,
      industry: id.slice(8, 10),
      typeCode,
      network: id.slice(13, 14),
      serial: id.slice(14, 20),
    },
  };
}

export interface DeviceIdInput {
  /** 8 digits: county code + basic unit, e.g. "61092101". */
  adminCode: string;
  serial: number;
  industry?: string;
  typeCode?: (typeof CAMERA_TYPE_CODES)[number];
  network?: string;
}

/** Builds a valid camera device id (industry 00 road surveillance, IP camera, private video network by default). */
export function makeDeviceId(input: DeviceIdInput): string {
  const industry = input.industry ?? '00';
  const typeCode = input.typeCode ?? '132';
  const network = input.network ?? '0';
  if (!/^\d{8}$/.test(input.adminCode)) throw new Error(`adminCode must be 8 digits, got "${input.adminCode}"`);
  if (!Number.isInteger(input.serial) || input.serial < 0 || input.serial > 999_999)
    throw new Error(`serial must be 0–999999, got ${input.serial}`);
  const id = `${input.adminCode}${industry}${typeCode}${network}${String(input.serial).padStart(6, '0')}`;
  const check = parseDeviceId(id);
  if (!check.ok) throw new Error(check.reason);
  return id;
}
