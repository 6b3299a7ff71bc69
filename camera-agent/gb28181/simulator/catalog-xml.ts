// MANSCDP answers a simulated device or platform sends: catalog pages, DeviceInfo, DeviceStatus,
// keepalives, in GB2312 (as most devices declare and send) or UTF-8.
import iconv from 'iconv-lite';
import { xmlEscape } from '../../onvif/xml';

export interface SimChannel {
  deviceId: string;
  name: string;
  status: 'ON' | 'OFF';
  longitude: number | null;
  latitude: number | null;
  civilCode: string;
  parentId: string;
  manufacturer: string;
  model: string;
  owner: string;
  address: string;
}

export type SimEncoding = 'gb2312' | 'utf-8';

export function encodeXml(xml: string, encoding: SimEncoding): Buffer {
  const declared = `<?xml version="1.0" encoding="${encoding === 'gb2312' ? 'GB2312' : 'UTF-8'}"?>\r\n${xml}`;
  return encoding === 'gb2312' ? iconv.encode(declared, 'gb2312') : Buffer.from(declared, 'utf8');
}

const el = (name: string, value: string | number | null): string =>
  value === null ? '' : `<${name}>${xmlEscape(String(value))}</${name}>\r\n`;

function item(c: SimChannel): string {
  // Organisation nodes (civil codes, business groups) carry only id, name and parent.
  const device = c.deviceId.length === 20 && Number(c.deviceId.slice(10, 13)) < 200;
  if (!device) return `<Item>\r\n${el('DeviceID', c.deviceId)}${el('Name', c.name)}${el('ParentID', c.parentId)}</Item>\r\n`;
  return (
    `<Item>\r\n${el('DeviceID', c.deviceId)}${el('Name', c.name)}${el('Manufacturer', c.manufacturer)}${el('Model', c.model)}` +
    `${el('Owner', c.owner)}${el('CivilCode', c.civilCode)}${el('Address', c.address)}${el('Parental', 0)}${el('ParentID', c.parentId)}` +
    `${el('SafetyWay', 0)}${el('RegisterWay', 1)}${el('Secrecy', 0)}${el('Status', c.status)}${el('Longitude', c.longitude)}${el('Latitude', c.latitude)}</Item>\r\n`
  );
}

/** The catalog answer to query `sn`, split into pages of at most `perPage` items. */
export function catalogPages(deviceId: string, sn: string, channels: SimChannel[], perPage: number): string[] {
  const pages: string[] = [];
  const size = Math.max(1, perPage);
  for (let i = 0; i < Math.max(1, channels.length); i += size) {
    const slice = channels.slice(i, i + size);
    pages.push(
      `<Response>\r\n${el('CmdType', 'Catalog')}${el('SN', sn)}${el('DeviceID', deviceId)}${el('SumNum', channels.length)}` +
        `<DeviceList Num="${slice.length}">\r\n${slice.map(item).join('')}</DeviceList>\r\n</Response>\r\n`,
    );
  }
  return pages;
}

export function deviceInfoXml(
  deviceId: string,
  sn: string,
  info: { name: string; manufacturer: string; model: string; firmware: string; serial: string },
  channels: number,
): string {
  return (
    `<Response>\r\n${el('CmdType', 'DeviceInfo')}${el('SN', sn)}${el('DeviceID', deviceId)}${el('DeviceName', info.name)}${el('Result', 'OK')}` +
    `${el('Manufacturer', info.manufacturer)}${el('Model', info.model)}${el('Firmware', info.firmware)}${el('SerialNumber', info.serial)}${el('Channel', channels)}</Response>\r\n`
  );
}

export function deviceStatusXml(deviceId: string, sn: string, deviceTime: string): string {
  return (
    `<Response>\r\n${el('CmdType', 'DeviceStatus')}${el('SN', sn)}${el('DeviceID', deviceId)}${el('Result', 'OK')}${el('Online', 'ONLINE')}` +
    `${el('Status', 'OK')}${el('DeviceTime', deviceTime)}<Alarmstatus Num="0">\r\n</Alarmstatus>\r\n${el('Encode', 'ON')}${el('Record', 'OFF')}</Response>\r\n`
  );
}

export function keepaliveXml(deviceId: string, sn: number): string {
  return `<Notify>\r\n${el('CmdType', 'Keepalive')}${el('SN', sn)}${el('DeviceID', deviceId)}${el('Status', 'OK')}</Notify>\r\n`;
}
