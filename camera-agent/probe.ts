// One poll of one camera: anonymous GetSystemDateAndTime (reachability and clock offset, every
// poll), authenticated GetDeviceInformation (credentials and inventory), the media URIs when the
// cache is stale, and a snapshot when one is due. Returns an observation for health.ts; never
// throws for anything a camera does, only when the agent is shutting down.
import type { AgentConfig } from './config';
import type { PollObservation } from './health';
import type { Limiter } from './limiter';
import { AuthFailedError, OnvifSession, type DeviceInformation } from './onvif/client';
import { tcpConnects, TransportError } from './onvif/http';
import { HttpUnauthorizedError, SoapFaultError, type AuthScheme } from './onvif/soap';
import { ProtocolError } from './onvif/xml';
import { analyzeSnapshot } from './snapshot-analysis';

export interface UriCache {
  mediaUrl: string;
  profileToken: string;
  streamUri: string | null;
  snapshotUri: string | null;
  refreshedAt: number;
}

export interface ProbeTarget {
  deviceUrl: string;
  user: string;
  password: string;
  authScheme?: AuthScheme;
  cache?: UriCache;
  snapshotDue: boolean;
}

export interface ProbeResult {
  observation: PollObservation;
  authScheme?: AuthScheme;
  cache?: UriCache;
  clockOffsetMs?: number;
  latencyMs: number;
  device?: DeviceInformation;
  /** The snapshot's bytes when one was downloaded this poll (kept or not by snapshot-keep.ts). */
  snapshotBody?: Buffer;
}

export class ShutdownError extends Error {}

async function failureOf(
  err: unknown,
  deviceUrl: string,
  config: AgentConfig,
  shuttingDown: () => boolean,
): Promise<NonNullable<PollObservation['failure']>> {
  if (err instanceof TransportError) {
    switch (err.kind) {
      case 'aborted':
        if (shuttingDown()) throw new ShutdownError('shutdown');
        // The whole poll ran out of its budget (shorter than the lease).
        return { state: 'NO_RESPONSE', reason: 'poll-budget' };
      case 'connect-refused':
        return { state: 'UNREACHABLE', reason: 'connect-refused' };
      case 'connect-timeout':
        return { state: 'UNREACHABLE', reason: 'connect-timeout' };
      case 'deadline':
        return (await tcpConnects(deviceUrl, config.connectCheckMs))
          ? { state: 'NO_RESPONSE', reason: 'deadline' }
          : { state: 'UNREACHABLE', reason: 'connect-timeout' };
      case 'reset':
        return { state: 'NO_RESPONSE', reason: 'connection-reset' };
      case 'too-large':
        return { state: 'PROTOCOL_ERROR', reason: 'body-too-large' };
      case 'redirect':
        return { state: 'PROTOCOL_ERROR', reason: 'redirect-refused' };
      case 'tls':
        return { state: 'PROTOCOL_ERROR', reason: 'tls-rejected' };
    }
  }
  if (err instanceof ProtocolError) return { state: 'PROTOCOL_ERROR', reason: err.code };
  if (err instanceof SoapFaultError) return { state: 'PROTOCOL_ERROR', reason: 'soap-fault' };
  return { state: 'PROTOCOL_ERROR', reason: 'unexpected-answer' };
}

async function refreshUris(session: OnvifSession, now: number): Promise<UriCache> {
  const mediaUrl = await session.getMediaUrl();
  const profile = await session.getFirstProfile(mediaUrl);
  if (profile === undefined) return { mediaUrl, profileToken: '', streamUri: null, snapshotUri: null, refreshedAt: now };
  const streamUri = (await session.getStreamUri(mediaUrl, profile.token)) ?? null;
  let snapshotUri: string | null = null;
  try {
    snapshotUri = (await session.getSnapshotUri(mediaUrl, profile.token)) ?? null;
  } catch (err) {
    // Snapshots are optional in Profile S: a fault here is "no snapshot", not a broken camera.
    if (!(err instanceof SoapFaultError)) throw err;
  }
  return { mediaUrl, profileToken: profile.token, streamUri, snapshotUri, refreshedAt: now };
}

export async function probeCamera(
  target: ProbeTarget,
  config: AgentConfig,
  deps: { signal?: AbortSignal; snapshots: Limiter; now?: () => number; shuttingDown?: () => boolean },
): Promise<ProbeResult> {
  const now = deps.now ?? Date.now;
  const shuttingDown = deps.shuttingDown ?? (() => deps.signal?.aborted === true);
  const at = now();
  const session = new OnvifSession(
    target.deviceUrl,
    { user: target.user, password: target.password },
    target.authScheme ?? 'ws-security',
    config,
    deps.signal,
  );
  const result = (observation: Omit<PollObservation, 'at'>, extra: Partial<ProbeResult> = {}): ProbeResult => ({
    observation: { at, ...observation },
    latencyMs: Math.round(session.latencyMs),
    authScheme: session.authScheme,
    cache: target.cache,
    ...extra,
  });
  let clockOffsetMs: number | undefined;
  try {
    const deviceClock = await session.getSystemDateAndTime();
    if (deviceClock !== undefined) clockOffsetMs = Math.round(session.offsetMs);
  } catch (err) {
    // Some firmwares want credentials even for the clock: an auth refusal still proves an answer.
    if (!(err instanceof HttpUnauthorizedError) && !(err instanceof SoapFaultError && err.notAuthorized)) {
      return result({ failure: await failureOf(err, target.deviceUrl, config, shuttingDown) });
    }
  }
  let device: DeviceInformation;
  try {
    device = await session.getDeviceInformation();
  } catch (err) {
    if (err instanceof AuthFailedError) return result({ clockOffsetMs, auth: err.code }, { clockOffsetMs });
    return result({ failure: await failureOf(err, target.deviceUrl, config, shuttingDown) }, { clockOffsetMs });
  }
  const base = { clockOffsetMs, auth: 'ok' as const, device: { model: device.model, firmware: device.firmware, serial: device.serial } };
  let cache = target.cache;
  let streamUri: string | null | undefined;
  try {
    // A camera seen for the first time gets its URIs with its first snapshot (one poll in
    // snapshotEveryMs / intervalMs): asking all 10,000 at start would triple the first cycle.
    const stale = cache !== undefined && at - cache.refreshedAt >= config.uriRefreshMs;
    if (stale || (cache === undefined && target.snapshotDue)) {
      cache = await refreshUris(session, at);
      streamUri = cache.streamUri;
    }
  } catch (err) {
    if (err instanceof AuthFailedError) return result({ clockOffsetMs, auth: err.code }, { clockOffsetMs, device });
    if (err instanceof SoapFaultError) {
      cache = { mediaUrl: target.deviceUrl, profileToken: '', streamUri: null, snapshotUri: null, refreshedAt: at };
      streamUri = null;
    } else {
      return result({ failure: await failureOf(err, target.deviceUrl, config, shuttingDown) }, { clockOffsetMs, device });
    }
  }
  let snapshot: PollObservation['snapshot'];
  let snapshotBody: Buffer | undefined;
  if (cache === undefined) return result({ ...base, streamUri }, { clockOffsetMs, device });
  if (target.snapshotDue && cache.snapshotUri !== null) {
    const uri = cache.snapshotUri;
    try {
      const shot = await deps.snapshots.run(() => session.fetchSnapshot(uri), deps.signal);
      snapshot = await analyzeSnapshot(shot.body, shot.contentType);
      snapshotBody = shot.body;
    } catch (err) {
      if (shuttingDown()) throw new ShutdownError('shutdown');
      snapshot = { ok: false, reason: 'snapshot-failed' };
      void err;
    }
    // A failing snapshot may be a stale URI: ask the camera again next poll.
    if (!snapshot.ok) cache = { ...cache, refreshedAt: 0 };
  } else if (target.snapshotDue && cache.snapshotUri === null) {
    snapshot = { ok: false, reason: 'snapshot-failed' };
  }
  return result(
    { ...base, streamUri, snapshot },
    { clockOffsetMs, device, cache, ...(snapshotBody === undefined ? {} : { snapshotBody }) },
  );
}
