// One SOAP call over httpExchange, authenticated either with a WS-Security UsernameToken in the
// header or with HTTP Digest and no header (gSOAP cameras that refuse `mustUnderstand`).
import type { AgentConfig } from '../config';
import { digestAuthorization, parseDigestChallenge } from './digest';
import { httpExchange } from './http';
import { securityHeader } from './wsse';
import { parseSoapBody, ProtocolError, soapFault, type SoapFault, type XmlNode } from './xml';

export type AuthScheme = 'ws-security' | 'http-digest';

export interface Credentials {
  user: string;
  password: string;
}

export class SoapFaultError extends Error {
  constructor(
    readonly fault: SoapFault,
    readonly httpStatus: number,
  ) {
    super(`SOAP fault ${fault.code}${fault.subcodes.length > 0 ? `/${fault.subcodes.join('/')}` : ''}`);
    this.name = 'SoapFaultError';
  }

  get notAuthorized(): boolean {
    return (
      this.fault.subcodes.some((s) => /NotAuthorized|FailedAuthentication|InvalidSecurity/i.test(s)) ||
      /not ?authori[sz]ed|authentication/i.test(this.fault.reason)
    );
  }

  get mustUnderstand(): boolean {
    return /MustUnderstand/i.test(this.fault.code) || this.fault.subcodes.some((s) => /MustUnderstand/i.test(s));
  }

  get locked(): boolean {
    return /lock/i.test(this.fault.reason);
  }
}

/** HTTP 401 to a call: the scheme (or the credentials) were not accepted. */
export class HttpUnauthorizedError extends Error {
  constructor(readonly scheme: AuthScheme | 'none') {
    super('HTTP 401 Unauthorized');
    this.name = 'HttpUnauthorizedError';
  }
}

const NS =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ' +
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"';

export function envelope(bodyXml: string, header = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${NS}><s:Header>${header}</s:Header><s:Body>${bodyXml}</s:Body></s:Envelope>`;
}

export interface SoapCallOptions {
  url: string;
  bodyXml: string;
  /** undefined = anonymous. */
  auth?: { scheme: AuthScheme; credentials: Credentials; cameraNowMs: number };
  config: Pick<AgentConfig, 'soapDeadlineMs' | 'soapMaxBytes'>;
  signal?: AbortSignal;
}

export interface SoapResult {
  body: XmlNode;
  latencyMs: number;
}

function requestPath(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

export async function soapCall(opts: SoapCallOptions): Promise<SoapResult> {
  const header =
    opts.auth?.scheme === 'ws-security'
      ? securityHeader(opts.auth.credentials.user, opts.auth.credentials.password, opts.auth.cameraNowMs)
      : '';
  const payload = envelope(opts.bodyXml, header);
  const base = {
    url: opts.url,
    method: 'POST' as const,
    body: payload,
    deadlineMs: opts.config.soapDeadlineMs,
    maxBytes: opts.config.soapMaxBytes,
    signal: opts.signal,
  };
  const contentType = 'application/soap+xml; charset=utf-8';
  let res = await httpExchange({ ...base, headers: { 'content-type': contentType } });
  let latencyMs = res.latencyMs;
  if (res.status === 401 && opts.auth?.scheme === 'http-digest') {
    const challenge = parseDigestChallenge(res.headers.get('www-authenticate'));
    if (challenge === undefined) throw new HttpUnauthorizedError('http-digest');
    const authorization = digestAuthorization({ challenge, method: 'POST', uri: requestPath(opts.url), ...opts.auth.credentials });
    res = await httpExchange({ ...base, headers: { 'content-type': contentType, authorization } });
    latencyMs += res.latencyMs;
  }
  if (res.status === 401) throw new HttpUnauthorizedError(opts.auth?.scheme ?? 'none');
  let body: XmlNode;
  try {
    body = parseSoapBody(res.body, res.headers.get('content-type'));
  } catch (err) {
    if (err instanceof ProtocolError && res.status >= 400) throw new ProtocolError('not-soap', `HTTP ${res.status} without a SOAP body`);
    throw err;
  }
  const fault = soapFault(body);
  if (fault !== undefined) throw new SoapFaultError(fault, res.status);
  return { body, latencyMs };
}
