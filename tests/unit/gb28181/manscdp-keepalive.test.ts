// The keepalive shortcut (readPlainKeepalive) reads the plain Keepalive shape without the XML
// parser. It must never accept what the full parse refuses, nor read anything differently: every
// body it accepts, generated with the odd shapes devices send and with hostile ones, is compared
// with parseManscdpXml's reading of the same bytes.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ManscdpError, parseManscdp, parseManscdpXml, readPlainKeepalive } from '../../../camera-agent/gb28181/manscdp';
import { encodeXml, keepaliveXml } from '../../../camera-agent/gb28181/simulator/catalog-xml';

const ID = '34010000001320000001';

const fullParse = (body: Buffer): unknown => {
  try {
    return parseManscdpXml(body);
  } catch (err) {
    if (err instanceof ManscdpError) return { refused: err.code };
    throw err;
  }
};

describe('keepalive shortcut', () => {
  it('takes the keepalives devices send (GB2312 and UTF-8 declarations, CRLFs, the simulator bench:gb28181 uses)', () => {
    for (const encoding of ['gb2312', 'utf-8'] as const) {
      const body = encodeXml(keepaliveXml(ID, 42), encoding);
      expect(readPlainKeepalive(body)).toEqual({ root: 'Notify', cmdType: 'Keepalive', sn: '42', deviceId: ID, status: 'OK' });
      expect(readPlainKeepalive(body)).toEqual(parseManscdpXml(body));
    }
    const bare = Buffer.from(`<Notify><DeviceID>${ID}</DeviceID><CmdType>Keepalive</CmdType><Status>ERROR</Status><SN>7</SN></Notify>`);
    expect(readPlainKeepalive(bare)).toEqual({ root: 'Notify', cmdType: 'Keepalive', sn: '7', deviceId: ID, status: 'ERROR' });
  });

  it('leaves everything else to the full parse, which keeps refusing what it refused', () => {
    const cases = [
      // A DTD with an entity: refused by the full parse, never read by the shortcut.
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID><!-- c --></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID><Info><DeviceID>1</DeviceID></Info></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID><DeviceID>${ID}</DeviceID></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}&amp;</DeviceID></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID></Notify><Notify></Notify>`,
      `<Notify><CmdType>Catalog</CmdType><DeviceID>${ID}</DeviceID></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType></Notify>`,
      `<Notify a="1"><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID></Notify>`,
      `<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID>`,
    ];
    for (const xml of cases) expect(readPlainKeepalive(Buffer.from(xml)), xml).toBeUndefined();
    // Non-ASCII (a GB2312 status text) goes through the strict decoder.
    const gb = iconv.encode(`<Notify><CmdType>Keepalive</CmdType><DeviceID>${ID}</DeviceID><Status>正常</Status></Notify>`, 'gb2312');
    expect(readPlainKeepalive(gb)).toBeUndefined();
    expect(parseManscdp(gb)).toMatchObject({ cmdType: 'Keepalive', status: '正常' });
    expect(() => parseManscdp(Buffer.from(cases[0]!))).toThrow(ManscdpError);
  });

  it('reads every body it accepts exactly as the full parse does (generated bodies)', () => {
    // Mostly the shapes devices send (so the shortcut is reached), with odd and hostile variants.
    const space = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom('', ' ', '\r\n', '\n', '\t', '  \r\n') },
      { weight: 1, arbitrary: fc.constantFrom('\f', '\v', '\u00a0', '\u3000') },
    );
    const odd = fc.oneof(fc.constantFrom('', 'a b', 'x&y', '&lt;', '<', '>', '"', "'", '正常', ']]>'), fc.string({ maxLength: 24 }));
    const value = (...usual: string[]) => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: odd });
    const element = (name: fc.Arbitrary<string>, v: fc.Arbitrary<string>) =>
      fc.tuple(name, v, space, space).map(([n, x, a, b]) => `${a}<${n}>${b}${x}${a}</${n}>${b}`);
    const four = [
      element(fc.constant('CmdType'), value('Keepalive', 'Keepalive', 'Keepalive', 'keepalive', 'Catalog')),
      element(fc.constant('SN'), value('7', '0', '4294967295', '12345678901')),
      element(fc.constant('DeviceID'), value(ID, ID, ID, '1', ` ${ID} `)),
      element(fc.constant('Status'), value('OK', 'ERROR', 'ONLINE')),
    ];
    const fields = fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.shuffledSubarray(four, { minLength: 4 }) }, { weight: 1, arbitrary: fc.shuffledSubarray(four) }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: element(fc.constantFrom('Info', 'Name', 'cmdtype', 'SN', 'DeviceID'), value('1', ID)) },
      ),
      fc.nat(5),
    );
    const declaration = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('', '<?xml version="1.0" encoding="GB2312"?>\r\n', '<?xml version="1.0" encoding="UTF-8" ?>'),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          "<?xml version='1.0'?>",
          '<?xml version="1.1"?>',
          '<?xml encoding="GB2312"?>',
          '\ufeff<?xml version="1.0"?>',
          '<?xml?>',
        ),
      },
    );
    const body = fc
      .tuple(
        declaration,
        space,
        fields,
        space,
        fc.constantFrom('Notify', 'Notify', 'Notify', 'Notify', 'Notify', 'Notify', 'Query', 'notify'),
      )
      .chain(([d, s1, [parts, extra, at], s2, root]) =>
        fc.tuple(...parts).map((texts) => {
          if (extra !== null) texts.splice(at % (texts.length + 1), 0, extra);
          return `${d}${s1}<${root}>${texts.join('')}</${root}>${s2}`;
        }),
      );
    let accepted = 0;
    fc.assert(
      fc.property(body, fc.constantFrom('utf8', 'gb18030'), (xml, encoding) => {
        const bytes = encoding === 'utf8' ? Buffer.from(xml, 'utf8') : iconv.encode(xml, 'gb18030');
        const fast = readPlainKeepalive(bytes);
        if (fast === undefined) return;
        accepted += 1;
        expect(fast).toEqual(fullParse(bytes));
      }),
      { numRuns: 3000 },
    );
    // The property says something only if the generator reaches the shortcut often.
    expect(accepted).toBeGreaterThan(100);
  });
});
