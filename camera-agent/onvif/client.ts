// The ONVIF calls the agent makes. One OnvifSession per camera per poll: it holds that camera's
// credentials, the clock offset measured at the start of this poll, and the authentication scheme
// that worked last time (remembered per camera by the caller).
import type { AgentConfig } from '../config';
import { digestAuthorization, parseDigestChallenge } from './digest';
import { httpExchange, TransportError } from './http';
import { soapCall, HttpUnauthorizedError, SoapFaultError, type AuthScheme, type Credentials } from './soap';
import { pick, text, xmlEscape, type XmlNode } from './xml';

export class AuthFailedError extends Error {
  constructor(
    readonly code: 'not-authorized' | 'locked',
    readonly clockSuspect: boolean,
  ) {
    super(code === 'locked' ? 'account locked by the camera' : 'credentials refused with both WS-Security and HTTP Digest');
    this.name = 'AuthFailedError';
  }
}

export interface DeviceInformation {
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  hardwareId: string;
}

/** The camera's UTC clock from a GetSystemDateAndTime body, or undefined. */
export function parseDeviceClock(body: XmlNode): number | undefined {
  const dt = pick(body, 'GetSystemDateAndTimeResponse', 'SystemDateAndTime');
  // Some firmwares send only LocalDateTime; read it as UTC and let whole-hour tolerance decide.
  const node = pick(dt, 'UTCDateTime') ?? pick(dt, 'LocalDateTime');
  const n = (name: string, part: string): number => Number(text(node, name, part));
  const [y, mo, d, h, mi, s] = [
    n('Date', 'Year'),
    n('Date', 'Month'),
    n('Date', 'Day'),
    n('Time', 'Hour'),
    n('Time', 'Minute'),
    n('Time', 'Second'),
  ];
  if (![y, mo, d, h, mi, s].every(Number.isFinite)) return undefined;
  // All fields at once: node-onvif set them one by one on "now" and landed a month off whenever
  // today's day of month did not exist in the camera's month.
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Keeps the path of a service address but the host of the device URL we were configured with. */
export function onDeviceHost(xaddr: string, deviceUrl: string): string {
  try {
    const x = new URL(xaddr);
    const d = new URL(deviceUrl);
    return new URL(`${x.pathname}${x.search}`, d.origin).toString();
  } catch {
    return deviceUrl;
  }
}

export class OnvifSession {
  /** Device clock minus ours, from this poll's GetSystemDateAndTime. */
  offsetMs = 0;
  latencyMs = 0;

  constructor(
    readonly deviceUrl: string,
    private readonly credentials: Credentials,
    public authScheme: AuthScheme,
    private readonly config: AgentConfig,
    private readonly signal?: AbortSignal,
  ) {}

  async getSystemDateAndTime(): Promise<number | undefined> {
    const before = Date.now();
    const res = await soapCall({ url: this.deviceUrl, bodyXml: '<tds:GetSystemDateAndTime/>', config: this.config, signal: this.signal });
    const after = Date.now();
    this.latencyMs += res.latencyMs;
    const device = parseDeviceClock(res.body);
    // The device reports whole seconds: its true time lies in [t, t + 1 s), so add half a second.
    if (device !== undefined) this.offsetMs = device + 500 - (before + after) / 2;
    return device;
  }

  /** An authenticated call with the remembered scheme first, then the other one. */
  async call(url: string, bodyXml: string): Promise<XmlNode> {
    const order: AuthScheme[] = this.authScheme === 'http-digest' ? ['http-digest', 'ws-security'] : ['ws-security', 'http-digest'];
    let refusals = 0;
    for (const scheme of order) {
      try {
        const res = await soapCall({
          url,
          bodyXml,
          auth: { scheme, credentials: this.credentials, cameraNowMs: Date.now() + this.offsetMs },
          config: this.config,
          signal: this.signal,
        });
        this.latencyMs += res.latencyMs;
        this.authScheme = scheme;
        return res.body;
      } catch (err) {
        if (err instanceof SoapFaultError && err.locked) throw new AuthFailedError('locked', false);
        const refused =
          err instanceof HttpUnauthorizedError ||
          (err instanceof SoapFaultError && (err.notAuthorized || (scheme === 'ws-security' && err.mustUnderstand)));
        if (!refused) throw err;
        refusals += 1;
      }
    }
    throw new AuthFailedError('not-authorized', refusals > 0 && Math.abs(this.offsetMs) > this.config.clockSkewThresholdMs);
  }

  async getDeviceInformation(): Promise<DeviceInformation> {
    const body = await this.call(this.deviceUrl, '<tds:GetDeviceInformation/>');
    const r = pick(body, 'GetDeviceInformationResponse');
    const t = (k: string): string => text(r, k) ?? '';
    return {
      manufacturer: t('Manufacturer'),
      model: t('Model'),
      firmware: t('FirmwareVersion'),
      serial: t('SerialNumber'),
      hardwareId: t('HardwareId'),
    };
  }

  async getMediaUrl(): Promise<string> {
    const body = await this.call(this.deviceUrl, '<tds:GetCapabilities><tds:Category>Media</tds:Category></tds:GetCapabilities>');
    const xaddr = text(body, 'GetCapabilitiesResponse', 'Capabilities', 'Media', 'XAddr');
    // Some cameras advertise one endpoint for every service.
    return xaddr === undefined ? this.deviceUrl : onDeviceHost(xaddr, this.deviceUrl);
  }

  async getFirstProfile(mediaUrl: string): Promise<{ token: string; width?: number; height?: number } | undefined> {
    const body = await this.call(mediaUrl, '<trt:GetProfiles/>');
    const profile = pick(body, 'GetProfilesResponse', 'Profiles') as XmlNode | undefined;
    const token = profile?.['@token'];
    if (typeof token !== 'string') return undefined;
    const w = Number(text(profile, 'VideoEncoderConfiguration', 'Resolution', 'Width'));
    const h = Number(text(profile, 'VideoEncoderConfiguration', 'Resolution', 'Height'));
    return { token, ...(Number.isFinite(w) && Number.isFinite(h) ? { width: w, height: h } : {}) };
  }

  async getStreamUri(mediaUrl: string, token: string): Promise<string | undefined> {
    const body = await this.call(
      mediaUrl,
      '<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream>' +
        `<tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>${xmlEscape(token)}</trt:ProfileToken></trt:GetStreamUri>`,
    );
    return text(body, 'GetStreamUriResponse', 'MediaUri', 'Uri');
  }

  async getSnapshotUri(mediaUrl: string, token: string): Promise<string | undefined> {
    const body = await this.call(
      mediaUrl,
      `<trt:GetSnapshotUri><trt:ProfileToken>${xmlEscape(token)}</trt:ProfileToken></trt:GetSnapshotUri>`,
    );
    const uri = text(body, 'GetSnapshotUriResponse', 'MediaUri', 'Uri');
    return uri === undefined ? undefined : onDeviceHost(uri, this.deviceUrl);
  }

  /** GET the snapshot with HTTP Digest from this request's own challenge. */
  async fetchSnapshot(uri: string): Promise<{ body: Buffer; contentType: string }> {
    const base = { url: uri, deadlineMs: this.config.snapshotDeadlineMs, maxBytes: this.config.snapshotMaxBytes, signal: this.signal };
    let res = await httpExchange(base);
    if (res.status === 401) {
      const challenge = parseDigestChallenge(res.headers.get('www-authenticate'));
      if (challenge === undefined) throw new AuthFailedError('not-authorized', false);
      const u = new URL(uri);
      const authorization = digestAuthorization({ challenge, method: 'GET', uri: `${u.pathname}${u.search}`, ...this.credentials });
      res = await httpExchange({ ...base, headers: { authorization } });
      if (res.status === 401) throw new AuthFailedError('not-authorized', false);
    }
    if (res.status !== 200) throw new TransportError('reset', `snapshot answered HTTP ${res.status}`);
    return { body: res.body, contentType: res.headers.get('content-type') ?? '' };
  }
}
