// The health vocabulary: each state's group, 在线/完好 and severity, and the counts built on them.
// The SQL functions are held to this module in tests/integration/agent/health-vocabulary-sql.test.ts.
import { describe, expect, it } from 'vitest';
import {
  CAMERA_STATES,
  GROUP_FACTS,
  GROUP_SEVERITY_ORDER,
  HEALTH_REASONS,
  healthCounts,
  isHealthReason,
  isObserved,
  isOnline,
  isWorking,
  mostSevere,
  SEVERITY_ORDER,
  severity,
  STATE_GROUPS,
  stateGroup,
  STATUS_STATES,
  toStatusState,
} from '../../../vocabulary/camera-health';

describe('camera health vocabulary', () => {
  it('gives every state one group, and every group at least one state', () => {
    const used = new Set(STATUS_STATES.map(stateGroup));
    expect([...used].sort()).toEqual([...STATE_GROUPS].sort());
  });

  it('counts PROTOCOL_ERROR as offline, as the map draws it (an answer outside the protocol is no answer)', () => {
    expect(stateGroup('PROTOCOL_ERROR')).toBe('OFFLINE');
    expect(isOnline('PROTOCOL_ERROR')).toBe(false);
  });

  it('takes online and working from the group, so a legend entry is wholly inside or outside each rate', () => {
    for (const s of STATUS_STATES) {
      expect(isOnline(s), s).toBe(GROUP_FACTS[stateGroup(s)].online);
      expect(isWorking(s), s).toBe(GROUP_FACTS[stateGroup(s)].working);
    }
    expect(STATUS_STATES.filter(isOnline)).toEqual(['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED']);
    expect(STATUS_STATES.filter(isWorking)).toEqual(['OK']);
  });

  it('never counts a camera working that is not online (完好 needs 在线)', () => {
    for (const s of STATUS_STATES) if (isWorking(s)) expect(isOnline(s), s).toBe(true);
  });

  it('treats no row, and a word it does not know, as UNKNOWN: not observed, not online', () => {
    for (const v of [null, undefined, '', 'ONLINE', 'ok']) {
      expect(toStatusState(v)).toBe('UNKNOWN');
      expect(isOnline(v as string)).toBe(false);
      expect(isObserved(v as string)).toBe(false);
    }
    expect(CAMERA_STATES.every(isObserved)).toBe(true);
  });

  it('orders every state by severity once, worst first, and groups by their worst state', () => {
    expect([...SEVERITY_ORDER].sort()).toEqual([...STATUS_STATES].sort());
    expect(SEVERITY_ORDER.map(severity)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(GROUP_SEVERITY_ORDER).toEqual(['OFFLINE', 'AUTH_FAILED', 'DEGRADED', 'CLOCK_SKEW', 'UNKNOWN', 'OK']);
    expect(mostSevere(['OK', 'CLOCK_SKEW', 'PROTOCOL_ERROR', 'AUTH_FAILED'])).toBe('PROTOCOL_ERROR');
    expect(mostSevere([])).toBe('UNKNOWN');
  });

  it('computes 在线率 and 完好率 over the cameras observed, and shows the never-polled as their own count', () => {
    const c = healthCounts([
      ['OK', 90],
      ['DEGRADED', 3],
      ['PROTOCOL_ERROR', 2],
      ['NO_RESPONSE', 5],
      [null, 50],
    ]);
    expect(c).toMatchObject({ total: 150, observed: 100, unknown: 50, online: 93, working: 90, onlineRate: 0.93, workingRate: 0.9 });
    expect(c.byState).toMatchObject({ OK: 90, UNKNOWN: 50, AUTH_FAILED: 0 });
  });

  it('says "no data" (null), not 0 %, when no camera was ever polled', () => {
    expect(healthCounts([['UNKNOWN', 12]])).toMatchObject({ total: 12, observed: 0, onlineRate: null, workingRate: null });
    expect(healthCounts([])).toMatchObject({ total: 0, onlineRate: null });
  });

  it('gives every reason code one stored state, and every stored state at least one reason', () => {
    const states = new Set(Object.values(HEALTH_REASONS));
    expect([...states].sort()).toEqual([...CAMERA_STATES].sort());
    expect(HEALTH_REASONS.ok).toBe('OK');
    expect(isHealthReason('black-picture')).toBe(true);
    expect(isHealthReason('toString')).toBe(false);
  });
});
