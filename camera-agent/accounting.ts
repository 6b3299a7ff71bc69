// Daily aggregates for 在线率 and 完好率: each poll adds one sample (sampled rates) and the time
// since the camera's previous poll, credited to the state observed then (time-weighted rates),
// split at midnight in the dataset's time zone (vocabulary/dataset-time.ts: the days of every
// part). Gaps longer than maxAccountedGapMs (agent down) are not credited.
import { dayIn, splitByDay } from '../vocabulary/dataset-time';
import type { AgentConfig } from './config';
import { isOnline, isWorking, type CameraState, type DailyHealthFigures } from '../vocabulary/camera-health';

export interface DailyIncrement extends DailyHealthFigures {
  cameraId: number;
}

export function dailyIncrements(
  input: {
    cameraId: number;
    at: number;
    state: CameraState;
    previousState?: CameraState;
    previousPollAt?: number;
  },
  config: Pick<AgentConfig, 'maxAccountedGapMs' | 'timeZone'>,
): DailyIncrement[] {
  const { cameraId, at, state } = input;
  const out = new Map<string, DailyIncrement>();
  const row = (day: string): DailyIncrement => {
    let r = out.get(day);
    if (r === undefined) {
      r = { cameraId, day, samples: 0, onlineSamples: 0, workingSamples: 0, observedMs: 0, onlineMs: 0, workingMs: 0 };
      out.set(day, r);
    }
    return r;
  };
  const sample = row(dayIn(config.timeZone, at));
  sample.samples = 1;
  sample.onlineSamples = isOnline(state) ? 1 : 0;
  sample.workingSamples = isWorking(state) ? 1 : 0;
  const prev = input.previousState;
  if (prev !== undefined && input.previousPollAt !== undefined && at > input.previousPollAt) {
    const from = Math.max(input.previousPollAt, at - config.maxAccountedGapMs);
    for (const part of splitByDay(from, at, config.timeZone)) {
      const r = row(part.day);
      r.observedMs += part.ms;
      if (isOnline(prev)) r.onlineMs += part.ms;
      if (isWorking(prev)) r.workingMs += part.ms;
    }
  }
  return [...out.values()];
}
