import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeManscdp, ManscdpError, parseManscdp, queryBody } from '../../../camera-agent/gb28181/manscdp';

const catalogXml = (items: string, sumNum = 2): string =>
  `<?xml version="1.0" encoding="GB2312"?>\r\n<Response>\r\n<CmdType>Catalog</CmdType>\r\n<SN>17</SN>\r\n<DeviceID>61092100002000000001</DeviceID>\r\n<SumNum>${sumNum}</SumNum>\r\n<DeviceList Num="2">\r\n${items}</DeviceList>\r\n</Response>\r\n`;
const item = (id: string, name: string, extra = ''): string =>
  `<Item><DeviceID>${id}</DeviceID><Name>${name}</Name><Manufacturer>Hikvision</Manufacturer><Model>DS-2CD</Model><Owner>公安</Owner><CivilCode>61092101</CivilCode><Address>演示路</Address><Parental>0</Parental><ParentID>61092100002000000001</ParentID><Status>ON</Status><Longitude>109.12</Longitude><Latitude>32.5</Latitude>${extra}</Item>\r\n`;

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ManscdpError) return err.code;
    throw err;
  }
  return 'parsed';
};

describe('MANSCDP bodies', () => {
  it('reads a GB2312 catalog page: names decoded, ids kept as strings, status and coordinates', () => {
    const xml = catalogXml(
      item('61092101001320000001', '演示路口一号') + item('61092101001320000002', '演示路口二号').replace('<Status>ON', '<Status>OFF'),
    );
    const msg = parseManscdp(iconv.encode(xml, 'gb2312'));
    expect(msg.root === 'Response' && msg.cmdType === 'Catalog').toBe(true);
    if (msg.cmdType !== 'Catalog' || !('items' in msg)) throw new Error('not a catalog');
    expect(msg.sumNum).toBe(2);
    expect(msg.sn).toBe('17');
    expect(msg.items.map((i) => [i.deviceId, i.name, i.status])).toEqual([
      ['61092101001320000001', '演示路口一号', 'ON'],
      ['61092101001320000002', '演示路口二号', 'OFF'],
    ]);
    expect(msg.items[0]).toMatchObject({
      owner: '公安',
      civilCode: '61092101',
      parentId: '61092100002000000001',
      longitude: 109.12,
      latitude: 32.5,
    });
  });

  it('reads UTF-8 sent under a GB2312 declaration (common firmware habit) as UTF-8', () => {
    const msg = parseManscdp(Buffer.from(catalogXml(item('61092101001320000001', '演示'), 1)));
    expect('items' in msg && msg.items[0]!.name).toBe('演示');
  });

  it('refuses bytes that are valid in neither UTF-8 nor GB18030 instead of inventing characters', () => {
    const bad = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="GB2312"?><Notify><CmdType>Keepalive</CmdType><Name>'),
      Buffer.from([0x81, 0x20]),
      Buffer.from('</Name></Notify>'),
    ]);
    expect(codeOf(() => decodeManscdp(bad))).toBe('bad-encoding');
  });

  it('refuses a DTD (entity expansion) and XML that is not well formed', () => {
    expect(
      codeOf(() =>
        parseManscdp(
          Buffer.from(
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Notify><CmdType>Keepalive</CmdType><DeviceID>&a;</DeviceID></Notify>',
          ),
        ),
      ),
    ).toBe('dtd-refused');
    expect(codeOf(() => parseManscdp(Buffer.from('<Notify><CmdType>Keepalive</CmdType><DeviceID>1</Notify>')))).toBe('not-xml');
  });

  it('treats 0 and out-of-range coordinates as unknown, not as a position', () => {
    const msg = parseManscdp(Buffer.from(catalogXml(item('61092101001320000001', 'a').replace('109.12', '0').replace('32.5', '91'), 1)));
    expect('items' in msg && [msg.items[0]!.longitude, msg.items[0]!.latitude]).toEqual([null, null]);
  });

  it('reads DeviceInfo (firmware stays a string: "V5.4.0" and "2.40" are not numbers) and keepalives', () => {
    const info = parseManscdp(
      Buffer.from(
        '<?xml version="1.0"?><Response><CmdType>DeviceInfo</CmdType><SN>3</SN><DeviceID>61092101001320000001</DeviceID><DeviceName>IPC</DeviceName><Result>OK</Result><Manufacturer>Dahua</Manufacturer><Model>IPC-HFW</Model><Firmware>2.40</Firmware><Channel>1</Channel></Response>',
      ),
    );
    expect(info).toMatchObject({ cmdType: 'DeviceInfo', manufacturer: 'Dahua', firmware: '2.40', channels: 1 });
    const ka = parseManscdp(Buffer.from(queryBody('Keepalive', 9, '61092101001320000001').toString().replace(/Query/g, 'Notify')));
    expect(ka).toMatchObject({ root: 'Notify', cmdType: 'Keepalive', sn: '9' });
  });
});
