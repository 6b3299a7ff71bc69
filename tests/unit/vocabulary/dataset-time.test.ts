// The dataset's day rule (vocabulary/dataset-time.ts): every part names days with it, so it must
// be right at the edges: local midnight, a zone behind UTC, and daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, dayStartMs, isTimeZone, splitByDay } from '../../../vocabulary/dataset-time';

describe('dataset time', () => {
  it('a Shanghai day starts at 16:00 UTC the day before', () => {
    expect(dayIn('Asia/Shanghai', Date.parse('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(dayIn('Asia/Shanghai', Date.parse('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(dayStartMs('Asia/Shanghai', '2026-03-02')).toBe(Date.parse('2026-03-01T16:00:00Z'));
  });

  it('a zone behind UTC names the earlier day at 23:30 UTC', () => {
    expect(dayIn('America/New_York', Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
    expect(dayIn('UTC', Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
  });

  it('a day with a daylight-saving change has 23 hours, and splitting credits them to it', () => {
    // Europe/Berlin springs forward on 29 March 2026: that day lasts 23 h.
    const start = dayStartMs('Europe/Berlin', '2026-03-29');
    const end = dayStartMs('Europe/Berlin', '2026-03-30');
    expect(start).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(end - start).toBe(23 * 3_600_000);
    const parts = splitByDay(start - 60_000, end + 60_000, 'Europe/Berlin');
    expect(parts).toEqual([
      { day: '2026-03-28', ms: 60_000 },
      { day: '2026-03-29', ms: 23 * 3_600_000 },
      { day: '2026-03-30', ms: 60_000 },
    ]);
  });

  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('the day remembered between lookups is the day Intl names, every few minutes across midnights and DST changes', () => {
    // dayIn remembers the last day's bounds per zone (the agent asks 10,000 times a minute); a
    // wrong bound would name the wrong day for polls near midnight.
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe']) {
      const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      // 36 hours around Berlin's spring change, then around Lord Howe's half-hour autumn change,
      // every 5 minutes (and the last millisecond of the minute after), in order and back again.
      for (const from of [Date.parse('2026-03-28T12:00:00Z'), Date.parse('2026-04-04T06:00:00Z')]) {
        const instants = Array.from({ length: 36 * 24 }, (_, i) => from + Math.floor(i / 2) * 300_000 + 59_999 * (i % 2));
        for (const at of [...instants, ...instants.reverse()])
          expect(dayIn(zone, at), `${zone} ${new Date(at).toISOString()}`).toBe(f.format(at));
      }
    }
  });
});
