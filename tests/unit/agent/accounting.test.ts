// Daily aggregates behind 在线率/完好率: day boundaries at midnight in the dataset's time zone
// (default Asia/Shanghai, UTC+8) and the cap on unobserved gaps.
import { describe, expect, it } from 'vitest';
import { dailyIncrements } from '../../../camera-agent/accounting';
import { agentConfig } from '../../../camera-agent/config';
import { dayIn, splitByDay } from '../../../vocabulary/dataset-time';

const config = agentConfig();

describe('daily accounting', () => {
  it('a day starts at local midnight (16:00 UTC for Asia/Shanghai), not at UTC midnight', () => {
    expect(dayIn('Asia/Shanghai', Date.UTC(2026, 10, 26, 15, 59))).toBe('2026-11-26');
    expect(dayIn('Asia/Shanghai', Date.UTC(2026, 10, 26, 16, 0))).toBe('2026-11-27');
  });

  it('the samples of a poll go to the day of the dataset time zone the agent was given', () => {
    const at = Date.UTC(2026, 10, 26, 20, 0);
    expect(dailyIncrements({ cameraId: 1, at, state: 'OK' }, config)[0]!.day).toBe('2026-11-27');
    expect(dailyIncrements({ cameraId: 1, at, state: 'OK' }, agentConfig({ timeZone: 'UTC' }))[0]!.day).toBe('2026-11-26');
  });

  it('time across local midnight is split between the two days', () => {
    const parts = splitByDay(Date.UTC(2026, 10, 26, 15, 59, 30), Date.UTC(2026, 10, 26, 16, 0, 30), 'Asia/Shanghai');
    expect(parts).toEqual([
      { day: '2026-11-26', ms: 30_000 },
      { day: '2026-11-27', ms: 30_000 },
    ]);
  });

  it('the time since the previous poll is credited to the state seen then, and a sample to the new state', () => {
    const at = Date.UTC(2026, 10, 27, 2, 0);
    const [row] = dailyIncrements({ cameraId: 1, at, state: 'UNREACHABLE', previousState: 'OK', previousPollAt: at - 60_000 }, config);
    expect(row).toMatchObject({ samples: 1, onlineSamples: 0, workingSamples: 0, observedMs: 60_000, onlineMs: 60_000, workingMs: 60_000 });
  });

  it('a long gap (agent stopped) credits at most maxAccountedGapMs, so unobserved time does not count as up', () => {
    const at = Date.UTC(2026, 10, 27, 2, 0);
    const [row] = dailyIncrements({ cameraId: 1, at, state: 'OK', previousState: 'OK', previousPollAt: at - 3_600_000 }, config);
    expect(row!.observedMs).toBe(config.maxAccountedGapMs);
  });

  it('DEGRADED counts as online but not working', () => {
    const at = Date.UTC(2026, 10, 27, 2, 0);
    const [row] = dailyIncrements({ cameraId: 1, at, state: 'DEGRADED', previousState: 'DEGRADED', previousPollAt: at - 1000 }, config);
    expect(row).toMatchObject({ onlineSamples: 1, workingSamples: 0, onlineMs: 1000, workingMs: 0 });
  });
});
