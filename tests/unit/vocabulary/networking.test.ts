// 联网 (networked) in the health vocabulary: registered and keeping alive within 3 intervals (GB/T
// 28181-2016 §9.6), the channel not OFF; 联网率 null when unknown, never 0. The SQL function
// xl_networked is held to isNetworked in tests/integration/gb28181/networking-sql.test.ts.
import { describe, expect, it } from 'vitest';
import {
  channelStatus,
  DEFAULT_KEEPALIVE_INTERVAL_S,
  isNetworked,
  KEEPALIVE_MISSED_LIMIT,
  networkingCounts,
  type NetworkingFacts,
} from '../../../vocabulary/camera-health';

const alive: NetworkingFacts = { registered: true, keepaliveAgeS: 10, keepaliveIntervalS: 60, channelStatus: null };

describe('networking vocabulary (联网)', () => {
  it('is networked while registered and alive within 3 intervals, and not a moment after', () => {
    expect(KEEPALIVE_MISSED_LIMIT).toBe(3);
    expect(isNetworked(alive)).toBe(true);
    expect(isNetworked({ ...alive, keepaliveAgeS: 180 })).toBe(true);
    expect(isNetworked({ ...alive, keepaliveAgeS: 180.5 })).toBe(false);
    expect(isNetworked({ ...alive, keepaliveIntervalS: 30, keepaliveAgeS: 91 })).toBe(false);
  });

  it('is not networked when not registered, or with no sign of life known', () => {
    expect(isNetworked({ ...alive, registered: false })).toBe(false);
    expect(isNetworked({ ...alive, keepaliveAgeS: null })).toBe(false);
    expect(isNetworked({ ...alive, keepaliveAgeS: Number.NaN })).toBe(false);
  });

  it("takes the standard's 60 s when the interval is unknown or nonsense", () => {
    expect(DEFAULT_KEEPALIVE_INTERVAL_S).toBe(60);
    for (const keepaliveIntervalS of [null, 0, -5]) {
      expect(isNetworked({ ...alive, keepaliveIntervalS, keepaliveAgeS: 179 })).toBe(true);
      expect(isNetworked({ ...alive, keepaliveIntervalS, keepaliveAgeS: 181 })).toBe(false);
    }
  });

  it('counts a channel reported OFF as not networked, ON or unsaid as networked', () => {
    expect(isNetworked({ ...alive, channelStatus: 'OFF' })).toBe(false);
    expect(isNetworked({ ...alive, channelStatus: 'ON' })).toBe(true);
    expect(['ON', 'on', ' ONLINE '].map(channelStatus)).toEqual(['ON', 'ON', 'ON']);
    expect(['OFF', 'Off', 'OFFLINE'].map(channelStatus)).toEqual(['OFF', 'OFF', 'OFF']);
    expect(['', 'VLOST', null, undefined].map(channelStatus)).toEqual([null, null, null, null]);
  });

  it('gives 联网率 as a fraction, and null (never 0) when unknown or with no camera', () => {
    expect(networkingCounts(4, 1, true)).toEqual({ total: 4, networked: 1, networkedRate: 0.25 });
    expect(networkingCounts(4, 0, true).networkedRate).toBe(0);
    expect(networkingCounts(4, 0, false).networkedRate).toBeNull();
    expect(networkingCounts(0, 0, true).networkedRate).toBeNull();
  });
});
