// Camera health, the one definition every part takes its words from: the states the camera agent
// decides, how the map groups them, how severe each is, and what counts as 在线 (online) and 完好
// (working). The agent decides a camera's state (camera-agent/health.ts); the API, the SQL
// (xl_state_online, xl_state_working, xl_state_severity, tested equal to this module for every
// state), the CLI, the report and the web only count and display it with the rules below.
// Pure: no fs, pg or DOM, so the browser imports it too.
//
// Why these rules (the standards behind them):
// - 在线 (online): GB/T 28181 calls a device online while it answers its signalling: it is
//   registered and keeps alive, and it answers the platform's requests in the protocol. Over
//   ONVIF the same test is a well-formed answer to our requests. A refusal in the protocol is
//   still an answer (AUTH_FAILED: the device said "not authorized", its password is wrong on our
//   side), and so is a device whose clock or picture is wrong (CLOCK_SKEW, DEGRADED).
// - PROTOCOL_ERROR is 离线 (offline): something at the address answered, but not in the protocol
//   (HTML from a proxy, a refused TLS certificate, a redirect, an oversized or malformed body, a
//   SOAP fault to a request every ONVIF device must answer). The platform can neither query nor
//   control such a device nor take its stream, exactly as for one that does not answer at all;
//   under GB/T 28181 a device whose messages cannot be parsed never registers. Until this module,
//   the map drew it as 离线 while 在线率 counted it online.
// - 完好 (working): the national policy's 完好率 (发改高技〔2015〕996号, ≥ 98 % in key public
//   areas) counts cameras that are online *and* whose picture is usable: no black or frozen
//   frame, no clock fault, the stream available. That is state OK only: DEGRADED (picture or
//   stream finding), CLOCK_SKEW (the clock fault) and AUTH_FAILED (no access to the picture) are
//   online but not working.
// - UNKNOWN (no stored state: never polled) is neither: nothing was observed. It is not counted
//   as offline: the rates are over the cameras observed (the time-weighted rates already count
//   observed time only), and the never-polled cameras are shown as their own count. A rate with
//   nothing observed is null ("no data"), never 0 %.
//
// - 联网 (networked, GB/T 28181): the platform can reach the camera over the national network:
//   the camera, or the recorder or lower platform that lists it as a catalog channel, is
//   registered (registration in force) and keeping alive: its last sign of life (a keepalive or
//   a re-REGISTER) is at most 3 keepalive intervals old (GB/T 28181-2016 §9.6: a device is offline
//   after 3 missed keepalives), and the channel is not reported OFF. It is a fact of its own
//   beside the ONVIF state, not a state: a camera can answer ONVIF and not be networked (never
//   registered with the platform), or be networked and unreachable from the agent. 联网率 is over
//   the cameras in service; null when nothing about networking is known (no GB/T 28181 device ever
//   registered, or no daily record for a past day), never 0 %. The SQL function xl_networked is
//   tested equal to isNetworked below.

/** The states the camera agent decides and stores (camera_status.state and its CHECK list). */
export const CAMERA_STATES = ['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'UNREACHABLE', 'NO_RESPONSE', 'PROTOCOL_ERROR'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

/**
 * The reason codes the agent gives (camera_status.reason, alarms, events), each with the one state
 * it comes with. The zh-CN and English labels and the "what to check" of each go beside them
 * here (issue 17).
 */
export const HEALTH_REASONS = {
  ok: 'OK',
  'connect-refused': 'UNREACHABLE',
  'connect-timeout': 'UNREACHABLE',
  deadline: 'NO_RESPONSE',
  'connection-reset': 'NO_RESPONSE',
  'poll-budget': 'NO_RESPONSE',
  'not-soap': 'PROTOCOL_ERROR',
  'dtd-refused': 'PROTOCOL_ERROR',
  'bad-encoding': 'PROTOCOL_ERROR',
  'body-too-large': 'PROTOCOL_ERROR',
  'redirect-refused': 'PROTOCOL_ERROR',
  'tls-rejected': 'PROTOCOL_ERROR',
  'blocked-port': 'PROTOCOL_ERROR',
  'soap-fault': 'PROTOCOL_ERROR',
  'unexpected-answer': 'PROTOCOL_ERROR',
  'clock-offset': 'CLOCK_SKEW',
  'not-authorized': 'AUTH_FAILED',
  locked: 'AUTH_FAILED',
  replaced: 'DEGRADED',
  'firmware-changed': 'DEGRADED',
  rebooted: 'DEGRADED',
  'resolution-changed': 'DEGRADED',
  'no-stream-uri': 'DEGRADED',
  'snapshot-failed': 'DEGRADED',
  'snapshot-not-image': 'DEGRADED',
  'black-picture': 'DEGRADED',
  'frozen-picture': 'DEGRADED',
} as const satisfies Record<string, CameraState>;
export type HealthReason = keyof typeof HEALTH_REASONS;
/** The reasons that come with state S. */
export type ReasonOf<S extends CameraState> = { [R in HealthReason]: (typeof HEALTH_REASONS)[R] extends S ? R : never }[HealthReason];

export function isHealthReason(v: unknown): v is HealthReason {
  return typeof v === 'string' && Object.hasOwn(HEALTH_REASONS, v);
}

/** A camera with no stored state has never been polled. */
export const UNKNOWN_STATE = 'UNKNOWN';

/** Every state shown or counted anywhere: the agent's states and UNKNOWN. */
export const STATUS_STATES = [...CAMERA_STATES, UNKNOWN_STATE] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/**
 * What the map, its legend and the command center's counts distinguish: each online state on its
 * own, the three ways of not answering together as 离线, and UNKNOWN.
 */
export const STATE_GROUPS = ['OK', 'DEGRADED', 'CLOCK_SKEW', 'AUTH_FAILED', 'OFFLINE', 'UNKNOWN'] as const;
export type StateGroup = (typeof STATE_GROUPS)[number];

export interface GroupFacts {
  /** 在线: the device answers in its protocol. */
  online: boolean;
  /** 完好: online and the picture is usable. */
  working: boolean;
  /** Something was observed (counts in the rates' denominator). */
  observed: boolean;
}

/**
 * Online and working are facts of the group, so a group the map draws is wholly inside or
 * outside 在线率 and 完好率: the legend and the rates cannot disagree.
 */
export const GROUP_FACTS: Readonly<Record<StateGroup, Readonly<GroupFacts>>> = Object.freeze({
  OK: { online: true, working: true, observed: true },
  DEGRADED: { online: true, working: false, observed: true },
  CLOCK_SKEW: { online: true, working: false, observed: true },
  AUTH_FAILED: { online: true, working: false, observed: true },
  OFFLINE: { online: false, working: false, observed: true },
  UNKNOWN: { online: false, working: false, observed: false },
});

const GROUP_OF: Readonly<Record<StatusState, StateGroup>> = Object.freeze({
  OK: 'OK',
  DEGRADED: 'DEGRADED',
  CLOCK_SKEW: 'CLOCK_SKEW',
  AUTH_FAILED: 'AUTH_FAILED',
  UNREACHABLE: 'OFFLINE', // nothing answers at the address (refused, or no TCP handshake)
  NO_RESPONSE: 'OFFLINE', // a connection, then silence or a reset
  PROTOCOL_ERROR: 'OFFLINE', // an answer, but not in the protocol (see above)
  UNKNOWN: 'UNKNOWN',
});

/**
 * Most severe first: what a duty officer should look at first. Not answering at all is worst;
 * then no access to the picture (AUTH_FAILED), a picture that is unusable or a stream missing
 * (DEGRADED), a picture with the wrong time (CLOCK_SKEW); a camera not yet polled is less urgent
 * than any known fault. The map's clusters take the colour of their most severe camera, and the
 * availability strip shows the most severe state of each hour.
 * (The agent's order of *decision* is another matter: a NotAuthorized from a camera whose clock
 * is off is the clock's fault, so CLOCK_SKEW is decided before AUTH_FAILED; see health.ts.)
 */
export const SEVERITY_ORDER: readonly StatusState[] = Object.freeze([
  'UNREACHABLE',
  'NO_RESPONSE',
  'PROTOCOL_ERROR',
  'AUTH_FAILED',
  'DEGRADED',
  'CLOCK_SKEW',
  'UNKNOWN',
  'OK',
]);
const SEVERITY = new Map<string, number>(SEVERITY_ORDER.map((s, i) => [s, i + 1]));

/** Groups, most severe first (a group is as severe as its most severe state). */
export const GROUP_SEVERITY_ORDER: readonly StateGroup[] = Object.freeze([...new Set(SEVERITY_ORDER.map((s) => GROUP_OF[s]))]);

export function isStatusState(v: unknown): v is StatusState {
  return typeof v === 'string' && (STATUS_STATES as readonly string[]).includes(v);
}

export function isCameraState(v: unknown): v is CameraState {
  return typeof v === 'string' && (CAMERA_STATES as readonly string[]).includes(v);
}

/** A stored state, or UNKNOWN for no row (null) or a word this vocabulary does not know. */
export function toStatusState(v: unknown): StatusState {
  return isStatusState(v) ? v : UNKNOWN_STATE;
}

export function stateGroup(state: string | null | undefined): StateGroup {
  return GROUP_OF[toStatusState(state)];
}

/** 在线: answers in its protocol (see the top of this file). */
export function isOnline(state: string | null | undefined): boolean {
  return GROUP_FACTS[stateGroup(state)].online;
}

/** 完好: online and the picture usable: OK only. */
export function isWorking(state: string | null | undefined): boolean {
  return GROUP_FACTS[stateGroup(state)].working;
}

/**
 * One camera's local day as camera_status_daily records it: samples (one per poll) and the time
 * observed, online and working (working ≤ online ≤ observed). The agent adds to it per poll
 * (camera-agent/accounting.ts); the demo's generated history derives it from its events.
 */
export interface DailyHealthFigures {
  /** Local day YYYY-MM-DD in the dataset's time zone. */
  day: string;
  samples: number;
  onlineSamples: number;
  workingSamples: number;
  observedMs: number;
  onlineMs: number;
  workingMs: number;
}

/** Observed at least once (counts in the rates' denominator): every state but UNKNOWN. */
export function isObserved(state: string | null | undefined): boolean {
  return GROUP_FACTS[stateGroup(state)].observed;
}

/** 1 = most severe (UNREACHABLE) … 8 = OK; what xl_state_severity returns. */
export function severity(state: string | null | undefined): number {
  return SEVERITY.get(toStatusState(state))!;
}

/** The most severe of some states (UNKNOWN for none). */
export function mostSevere(states: Iterable<string | null | undefined>): StatusState {
  let best: StatusState | undefined;
  for (const s of states) {
    const state = toStatusState(s);
    if (best === undefined || severity(state) < severity(best)) best = state;
  }
  return best ?? UNKNOWN_STATE;
}

export interface HealthCounts {
  /** Cameras counted (in service). */
  total: number;
  byState: Record<StatusState, number>;
  /** Cameras with a stored state: the rates' denominator. */
  observed: number;
  /** Never polled: shown as their own count, in no rate. */
  unknown: number;
  online: number;
  working: number;
  /** online ÷ observed, as a fraction 0–1; null with nothing observed. */
  onlineRate: number | null;
  /** working ÷ observed; null with nothing observed. */
  workingRate: number | null;
}

/**
 * 在线率 and 完好率 now, from cameras counted by state: the one computation behind the command
 * center's figures, `xueliang status` and the coverage report. Unknown words count as UNKNOWN.
 */
export function healthCounts(counts: Iterable<readonly [string | null, number]>): HealthCounts {
  const byState = Object.fromEntries(STATUS_STATES.map((s) => [s, 0])) as Record<StatusState, number>;
  for (const [state, n] of counts) byState[toStatusState(state)] += n;
  let total = 0;
  let observed = 0;
  let online = 0;
  let working = 0;
  for (const s of STATUS_STATES) {
    const n = byState[s];
    total += n;
    if (isObserved(s)) observed += n;
    if (isOnline(s)) online += n;
    if (isWorking(s)) working += n;
  }
  return {
    total,
    byState,
    observed,
    unknown: byState.UNKNOWN,
    online,
    working,
    onlineRate: observed === 0 ? null : online / observed,
    workingRate: observed === 0 ? null : working / observed,
  };
}

/** GB/T 28181-2016 §9.6: a device is offline after this many keepalive intervals without one. */
export const KEEPALIVE_MISSED_LIMIT = 3;
/** The standard's default keepalive interval, used when a device's is not known. */
export const DEFAULT_KEEPALIVE_INTERVAL_S = 60;

/** A catalog channel's Status as the device reported it: ON, OFF, or not said (null). */
export type ChannelStatus = 'ON' | 'OFF' | null;

/**
 * What the GB/T 28181 side observed about one path to a camera: the camera registered itself, or
 * a recorder or lower platform registered and lists the camera as a channel of its catalog.
 */
export interface NetworkingFacts {
  /** A registration is in force: registered, not expired, not unregistered. */
  registered: boolean;
  /** Seconds since the device's last sign of life (keepalive or REGISTER); null: none known. */
  keepaliveAgeS: number | null;
  /** The device's keepalive interval in seconds (null or ≤ 0: the standard's 60 s). */
  keepaliveIntervalS: number | null;
  /** The camera's channel status in the device's catalog; null when the camera registered itself. */
  channelStatus: ChannelStatus;
}

/**
 * A catalog's Status word as ON / OFF / null. GB/T 28181 says ON or OFF; some devices write
 * ONLINE / OFFLINE, so those are read too; anything else is "not said". Case-insensitive.
 */
export function channelStatus(word: string | null | undefined): ChannelStatus {
  const w = (word ?? '').trim().toUpperCase();
  if (w === 'ON' || w === 'ONLINE') return 'ON';
  if (w === 'OFF' || w === 'OFFLINE') return 'OFF';
  return null;
}

/** 联网 on one path (see the top of this file); what the SQL function xl_networked answers. */
export function isNetworked(f: NetworkingFacts): boolean {
  if (!f.registered || f.keepaliveAgeS === null || !Number.isFinite(f.keepaliveAgeS)) return false;
  const intervalS = f.keepaliveIntervalS !== null && f.keepaliveIntervalS > 0 ? f.keepaliveIntervalS : DEFAULT_KEEPALIVE_INTERVAL_S;
  // A sign of life "from the future" (clocks a little apart) is fresh, not stale.
  return f.keepaliveAgeS <= KEEPALIVE_MISSED_LIMIT * intervalS && f.channelStatus !== 'OFF';
}

export interface NetworkingCounts {
  /** Cameras in service. */
  total: number;
  /** Of them, networked over at least one path. */
  networked: number;
  /** networked ÷ total (fraction 0–1); null when networking is unknown or there is no camera. */
  networkedRate: number | null;
}

/**
 * 联网率 from counts: `known` false (no GB/T 28181 device ever registered, or no record of the day)
 * makes it null, never 0.
 */
export function networkingCounts(total: number, networked: number, known: boolean): NetworkingCounts {
  return { total, networked, networkedRate: !known || total === 0 ? null : networked / total };
}
