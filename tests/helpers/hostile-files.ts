// Hostile uploads for the security suite: a zip bomb dressed as .xlsx, XML entity expansion,
// CSV formula injection.
import { crc32, deflateRawSync } from 'node:zlib';

/** A one-entry zip whose entry inflates to `size` zero bytes (a compression bomb in miniature). */
export function zipBomb(entryName: string, size: number): Buffer {
  const zeros = Buffer.alloc(size);
  const data = deflateRawSync(zeros, { level: 9 });
  const crc = crc32(zeros);
  const name = Buffer.from(entryName);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** "Billion laughs": nested entities that would expand to gigabytes if a parser expanded them. */
export function entityBombKml(): string {
  const levels = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i += 1) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return (
    `<?xml version="1.0"?>\n<!DOCTYPE kml [\n${levels.join('\n')}\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n` +
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&lol9;&xxe;</name>' +
    '<ExtendedData><Data name="device_id"><value>61090200001320000001</value></Data></ExtendedData>' +
    '<Point><coordinates>109.03,32.68,0</coordinates></Point></Placemark></Document></kml>'
  );
}

export const FORMULA_NAMES = ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@HYPERLINK("http://x")'];

export function formulaCsv(deviceIds: string[]): string {
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = deviceIds.map((id, i) => `${id},${quote(FORMULA_NAMES[i % FORMULA_NAMES.length]!)},fixed,109.03,32.68,6,90,60,1920`);
  return `device_id,name,type,lon,lat,height_m,azimuth_deg,hfov_deg,resolution_h\n${rows.join('\n')}\n`;
}
