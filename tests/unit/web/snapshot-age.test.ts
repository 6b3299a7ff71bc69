// The card says how old the last snapshot is in the reader's language ("2 分钟前", "2 minutes
// ago"): an operator must not mistake a picture from yesterday for the live view.
import { describe, expect, it } from 'vitest';
import { relativeAge } from '../../../web/src/panels/camera-snapshot';

const NOW = Date.parse('2026-11-27T03:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('relativeAge', () => {
  it('says minutes in Chinese and English', () => {
    expect(relativeAge('zh', ago(2 * 60_000), NOW)).toBe('2分钟前');
    expect(relativeAge('en', ago(2 * 60_000), NOW)).toBe('2 minutes ago');
  });

  it('moves to hours and days so an old picture reads as old', () => {
    expect(relativeAge('en', ago(3 * 3_600_000), NOW)).toBe('3 hours ago');
    expect(relativeAge('en', ago(26 * 3_600_000), NOW)).toBe('yesterday');
    expect(relativeAge('zh', ago(3 * 86_400_000), NOW)).toBe('3天前');
  });

  it('keeps seconds for a fresh picture', () => {
    expect(relativeAge('en', ago(20_000), NOW)).toBe('20 seconds ago');
  });
});
