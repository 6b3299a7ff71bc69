import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../api/domain/exports/csv';
import { escapeXml } from '../../../api/domain/exports/xml';
import { redactUrlCredentials } from '../../../api/domain/cameras/camera-model';

describe('CSV cells for Excel', () => {
  it('neutralises text a spreadsheet would execute as a formula (CSV injection)', () => {
    for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('keeps numbers numeric, so a negative azimuth or elevation stays a number', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(0)).toBe('0');
  });
  it('quotes commas, quotes and line breaks so a name cannot add columns or rows', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny'])).toBe('"a,b","say ""hi""","x\ny"\r\n');
  });
});

describe('escaping for KML and HTML', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml('<b a="1">&\u0001')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;');
  });
});

describe('credentials in URLs', () => {
  it('redacts user:password@ so an RTSP/ONVIF URL never shows a password', () => {
    expect(redactUrlCredentials('rtsp://admin:pw@10.0.0.1/stream')).toBe('rtsp://***@10.0.0.1/stream');
    expect(redactUrlCredentials('http://10.0.0.1/onvif')).toBe('http://10.0.0.1/onvif');
  });
});
