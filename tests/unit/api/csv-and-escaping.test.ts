import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../api/domain/exports/csv';
import { escapeXml } from '../../../api/domain/exports/xml';
import { redactUrlCredentials } from '../../../api/domain/cameras/camera-model';
import { planScheduleCsv } from '../../../api/domain/plans/export-csv';
import type { Plan } from '../../../api/domain/plans/plans';

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

describe('the plan schedule CSV uses the same escaping', () => {
  // Regression (issue 15 item 13): the schedule had its own cell function, which left a cell that
  // starts with TAB or CR as it was; Excel strips those and runs the formula that follows.
  it('neutralises a name or note that starts with TAB or CR, as the exports do', () => {
    const camera = { position: 1, type: 'fixed', modelName: null, lon: 109.1, lat: 32.7, heightM: 6, azimuthDeg: 90, tiltDeg: null };
    const more = { hfovDeg: 60, vfovDeg: null, resolutionH: 1920, resolutionV: 1080, unitCost: null, marginalGain: null, siteKey: null };
    const plan = { id: 1, cameras: [{ ...camera, ...more, name: '\t=cmd|calc', note: '\r=1+1' }] } as unknown as Plan;
    const row = planScheduleCsv(plan, { deviceCodes: [null], gains: [{}] }).split('\r\n')[1]!;
    expect(row.startsWith(`1,,proposed,${csvCell('\t=cmd|calc')},fixed`)).toBe(true);
    expect(csvCell('\t=cmd|calc')).toBe("'\t=cmd|calc");
    expect(row).toContain(`,${csvCell('\r=1+1')}`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
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
