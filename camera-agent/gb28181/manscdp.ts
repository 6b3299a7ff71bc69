// MANSCDP (GB/T 28181 §A): the XML bodies of MESSAGE requests (Application/MANSCDP+xml).
// Bodies are untrusted: decoded strictly (invalid bytes are an error, never U+FFFD), a DTD is
// refused, values stay strings (ids are 20 digits, not numbers), and lists are capped.
// Devices declare GB2312 and often send it; many send UTF-8 under that declaration, so valid
// UTF-8 is read as UTF-8 and anything else as GB18030 (a superset of GB2312 and GBK).
import { XMLParser } from 'fast-xml-parser';
import { xmlEscape } from '../onvif/xml';

export class ManscdpError extends Error {
  constructor(
    readonly code: 'bad-encoding' | 'dtd-refused' | 'not-xml' | 'unknown-root' | 'bad-value',
    message: string,
  ) {
    super(message);
    this.name = 'ManscdpError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

export function decodeManscdp(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    const declared = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1]?.toLowerCase();
    if (declared !== undefined && !/^(gb2312|gbk|gb18030|x-gbk|utf-8)$/.test(declared))
      throw new ManscdpError('bad-encoding', `unsupported encoding "${declared.slice(0, 30)}"`);
    try {
      return gb18030.decode(body);
    } catch {
      throw new ManscdpError('bad-encoding', 'body is neither valid UTF-8 nor valid GB18030/GBK/GB2312');
    }
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeText = (v: string): string => (v.includes('&') ? v.replace(/&(lt|gt|amp|quot|apos);/g, (_m, n: string) => PREDEFINED[n]!) : v);

/** Lists that may repeat: every Item of a DeviceList is an array element even when alone. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  // No path string built per element for the callbacks (they read the name or the value only):
  // about a fifth of each parse (bench:agent's CPU profile).
  jPath: false,
  isArray: (name) => name === 'Item',
  tagValueProcessor: (_n, v) => decodeText(v),
  attributeValueProcessor: (_n, v) => decodeText(v),
});

type Node = Record<string, unknown>;
const str = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'object' && v !== null && typeof (v as Node)['#text'] === 'string'
      ? ((v as Node)['#text'] as string)
      : '';

export interface CatalogItem {
  deviceId: string;
  name: string;
  manufacturer: string;
  model: string;
  owner: string;
  civilCode: string;
  parentId: string;
  address: string;
  /** ON / OFF as sent (upper-cased); '' when absent. */
  status: string;
  longitude: number | null;
  latitude: number | null;
  parental: boolean;
}

export interface CatalogResponse {
  root: 'Response';
  cmdType: 'Catalog';
  sn: string;
  deviceId: string;
  sumNum: number;
  items: CatalogItem[];
}
export interface DeviceInfoResponse {
  root: 'Response';
  cmdType: 'DeviceInfo';
  sn: string;
  deviceId: string;
  result: string;
  deviceName: string;
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  channels: number | null;
}
export interface DeviceStatusResponse {
  root: 'Response';
  cmdType: 'DeviceStatus';
  sn: string;
  deviceId: string;
  result: string;
  online: string;
  status: string;
  deviceTime: string;
}
export interface OtherMessage {
  root: 'Notify' | 'Response' | 'Query';
  cmdType: string;
  sn: string;
  deviceId: string;
  /** Keepalive: the device's Status (OK / ERROR). */
  status?: string;
}
export type ManscdpResponse = CatalogResponse | DeviceInfoResponse | DeviceStatusResponse | (OtherMessage & { root: 'Response' });
export type Manscdp = CatalogResponse | DeviceInfoResponse | DeviceStatusResponse | OtherMessage;

export const isCatalog = (m: Manscdp): m is CatalogResponse => m.root === 'Response' && m.cmdType === 'Catalog';
export const isDeviceInfo = (m: Manscdp): m is DeviceInfoResponse => m.root === 'Response' && m.cmdType === 'DeviceInfo';
export const isDeviceStatus = (m: Manscdp): m is DeviceStatusResponse => m.root === 'Response' && m.cmdType === 'DeviceStatus';

/** Most items one catalog page may carry; a platform splits larger lists over several MESSAGEs. */
export const MAX_ITEMS_PER_MESSAGE = 1000;

function coordinate(v: unknown, lo: number, hi: number): number | null {
  const s = str(v);
  if (s === '') return null;
  const n = Number(s);
  // 0 is what devices send when they do not know; it is not a position in China.
  return Number.isFinite(n) && n >= lo && n <= hi && n !== 0 ? n : null;
}

function catalogItem(it: Node): CatalogItem {
  const info = (typeof it.Info === 'object' && it.Info !== null ? it.Info : {}) as Node;
  return {
    deviceId: str(it.DeviceID),
    name: str(it.Name),
    manufacturer: str(it.Manufacturer),
    model: str(it.Model),
    owner: str(it.Owner),
    civilCode: str(it.CivilCode),
    parentId: str(it.ParentID),
    address: str(it.Address),
    status: str(it.Status).toUpperCase(),
    longitude: coordinate(it.Longitude ?? info.Longitude, -180, 180),
    latitude: coordinate(it.Latitude ?? info.Latitude, -90, 90),
    parental: str(it.Parental) === '1',
  };
}

// A Keepalive as devices send it, several hundred a second on a large network: an optional XML
// declaration, <Notify>, then CmdType, SN, DeviceID and Status (any order, each at most once, plain
// printable ASCII values), </Notify>. Read without the XML parser, which was about a third of the
// SIP server's CPU per keepalive (bench:gb28181's profile). Anything else (another element,
// attributes, comments, entities, non-ASCII bytes, a repeated element) is left to the full parse,
// so this accepts a subset of what parseManscdp accepts and reads it the same way (a unit test
// checks both on generated bodies).
const XML_SPACE = '[ \\t\\r\\n]*';
const KEEPALIVE_HEAD = new RegExp(
  `^(?:<\\?xml version="1\\.0"(?: encoding="[A-Za-z0-9_-]{1,20}")?${XML_SPACE}\\?>)?${XML_SPACE}<Notify>`,
  'y',
);
const KEEPALIVE_FIELD = new RegExp(`${XML_SPACE}<(CmdType|SN|DeviceID|Status)>${XML_SPACE}([!#-%(-;=?-~]{0,64})${XML_SPACE}</\\1>`, 'y');
const KEEPALIVE_TAIL = new RegExp(`${XML_SPACE}</Notify>${XML_SPACE}$`, 'y');
/** Larger bodies are never a plain keepalive (and are not scanned twice). */
const KEEPALIVE_MAX_BYTES = 1024;

/** The keepalive in `body` when it has the plain shape above; undefined: use the full parse. */
export function readPlainKeepalive(body: Buffer): OtherMessage | undefined {
  if (body.length > KEEPALIVE_MAX_BYTES) return undefined;
  // latin1 maps each byte to one character: a byte above 0x7e matches no pattern below.
  const text = body.toString('latin1');
  KEEPALIVE_HEAD.lastIndex = 0;
  if (!KEEPALIVE_HEAD.test(text)) return undefined;
  let at = KEEPALIVE_HEAD.lastIndex;
  let cmdType: string | undefined;
  let sn: string | undefined;
  let deviceId: string | undefined;
  let status: string | undefined;
  for (;;) {
    KEEPALIVE_FIELD.lastIndex = at;
    const m = KEEPALIVE_FIELD.exec(text);
    if (m === null) break;
    at = KEEPALIVE_FIELD.lastIndex;
    const value = m[2]!;
    switch (m[1]) {
      case 'CmdType':
        if (cmdType !== undefined) return undefined;
        cmdType = value;
        break;
      case 'SN':
        if (sn !== undefined) return undefined;
        sn = value;
        break;
      case 'DeviceID':
        if (deviceId !== undefined) return undefined;
        deviceId = value;
        break;
      default:
        if (status !== undefined) return undefined;
        status = value;
    }
  }
  KEEPALIVE_TAIL.lastIndex = at;
  if (!KEEPALIVE_TAIL.test(text) || cmdType !== 'Keepalive' || deviceId === undefined || deviceId === '') return undefined;
  return { root: 'Notify', cmdType, sn: sn ?? '', deviceId, status: status ?? '' };
}

export function parseManscdp(body: Buffer): Manscdp {
  return readPlainKeepalive(body) ?? parseManscdpXml(body);
}

/** The full parse (every MANSCDP message); parseManscdp tries the keepalive shortcut first. */
export function parseManscdpXml(body: Buffer): Manscdp {
  const text = decodeManscdp(body);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ManscdpError('dtd-refused', 'MANSCDP body with a DTD or entity declaration');
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch (err) {
    throw new ManscdpError('not-xml', `not well-formed XML (${(err as Error).message.slice(0, 80)})`);
  }
  const root = (['Notify', 'Response', 'Query', 'Control'] as const).find((r) => typeof doc[r] === 'object' && doc[r] !== null);
  if (root === undefined || root === 'Control') throw new ManscdpError('unknown-root', 'no <Notify>, <Response> or <Query> element');
  const n = doc[root] as Node;
  const cmdType = str(n.CmdType);
  const sn = str(n.SN);
  const deviceId = str(n.DeviceID);
  if (cmdType === '' || deviceId === '') throw new ManscdpError('bad-value', `<${root}> without CmdType or DeviceID`);
  if (root === 'Notify') {
    if (cmdType === 'Keepalive') return { root, cmdType, sn, deviceId, status: str(n.Status) };
    return { root, cmdType, sn, deviceId };
  }
  if (root === 'Query') return { root, cmdType, sn, deviceId };
  if (cmdType === 'Catalog') {
    const sumNum = Number(str(n.SumNum));
    if (!Number.isInteger(sumNum) || sumNum < 0 || sumNum > 10_000_000)
      throw new ManscdpError('bad-value', `SumNum "${str(n.SumNum).slice(0, 20)}" is not a count`);
    const list = n.DeviceList;
    const raw = typeof list === 'object' && list !== null ? (((list as Node).Item as Node[] | undefined) ?? []) : [];
    if (raw.length > MAX_ITEMS_PER_MESSAGE)
      throw new ManscdpError('bad-value', `${raw.length} items in one message (at most ${MAX_ITEMS_PER_MESSAGE})`);
    return { root, cmdType, sn, deviceId, sumNum, items: raw.map(catalogItem) };
  }
  if (cmdType === 'DeviceInfo') {
    const ch = Number(str(n.Channel));
    return {
      root,
      cmdType,
      sn,
      deviceId,
      result: str(n.Result),
      deviceName: str(n.DeviceName),
      manufacturer: str(n.Manufacturer),
      model: str(n.Model),
      firmware: str(n.Firmware),
      // Not in the 2016 schema; some firmwares add it. Kept when present.
      serial: str(n.SerialNumber ?? n.SN_Device),
      channels: str(n.Channel) !== '' && Number.isInteger(ch) && ch >= 0 ? ch : null,
    };
  }
  if (cmdType === 'DeviceStatus')
    return {
      root,
      cmdType,
      sn,
      deviceId,
      result: str(n.Result),
      online: str(n.Online),
      status: str(n.Status),
      deviceTime: str(n.DeviceTime),
    };
  return { root, cmdType, sn, deviceId };
}

/** A query the platform sends (Catalog, DeviceInfo, DeviceStatus, ConfigDownload …), in GB2312's ASCII subset. */
export function queryBody(cmdType: string, sn: number, deviceId: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="GB2312"?>\r\n<Query>\r\n<CmdType>${xmlEscape(cmdType)}</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${xmlEscape(deviceId)}</DeviceID>\r\n</Query>\r\n`,
  );
}
