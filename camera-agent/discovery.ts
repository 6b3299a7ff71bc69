// WS-Discovery: one Probe for NetworkVideoTransmitter devices, sent to the multicast group
// 239.255.255.250:3702 (TTL 1, the local link) or, in tests and on the simulator, to an injected
// unicast address; ProbeMatches are parsed like any untrusted SOAP (no DTD, values as strings) and
// matched against the registry so unknown devices and missing cameras both show up.
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { parseSoapBody, pick, text, type XmlNode } from './onvif/xml';

export const WS_DISCOVERY_GROUP = { address: '239.255.255.250', port: 3702 };

export interface DiscoveredDevice {
  endpoint: string;
  xaddrs: string[];
  scopes: string[];
  types: string;
  from: string;
}

export function probeMessage(messageId = `uuid:${randomUUID()}`): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><e:Header>' +
    `<w:MessageID>${messageId}</w:MessageID><w:To e:mustUnderstand="true">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>` +
    '<w:Action e:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></e:Header>' +
    '<e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></e:Body></e:Envelope>'
  );
}

/** Reads the ProbeMatch elements of one datagram; anything malformed yields nothing. */
export function parseProbeMatches(datagram: Buffer, from: string): DiscoveredDevice[] {
  let body: XmlNode;
  try {
    body = parseSoapBody(datagram, null);
  } catch {
    return [];
  }
  const matches = (body.ProbeMatches as XmlNode | undefined)?.ProbeMatch;
  const list = Array.isArray(matches) ? matches : matches === undefined ? [] : [matches];
  return list
    .slice(0, 1000)
    .map((m) => ({
      endpoint: text(pick(m, 'EndpointReference'), 'Address') ?? '',
      xaddrs: (text(m, 'XAddrs') ?? '').split(/\s+/).filter((s) => /^https?:\/\//.test(s)),
      scopes: (text(m, 'Scopes') ?? '').split(/\s+/).filter((s) => s !== ''),
      types: text(m, 'Types') ?? '',
      from,
    }))
    .filter((d) => d.xaddrs.length > 0);
}

export async function discover(
  opts: { target?: { address: string; port: number }; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<DiscoveredDevice[]> {
  const target = opts.target ?? WS_DISCOVERY_GROUP;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const found = new Map<string, DiscoveredDevice>();
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, () => resolve());
  });
  if (target.address === WS_DISCOVERY_GROUP.address) socket.setMulticastTTL(1);
  socket.on('message', (msg, rinfo) => {
    for (const d of parseProbeMatches(msg, rinfo.address)) found.set(d.endpoint === '' ? d.xaddrs[0]! : d.endpoint, d);
  });
  const message = Buffer.from(probeMessage());
  // UDP may drop a datagram: send the probe twice, as WS-Discovery clients do.
  for (let i = 0; i < 2; i++) await new Promise<void>((r) => socket.send(message, target.port, target.address, () => r()));
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, opts.timeoutMs ?? 3000);
    opts.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
  socket.close();
  return [...found.values()];
}

export interface RegistryCamera {
  deviceId: string;
  onvifUrl: string | null;
}

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port === '' ? (u.protocol === 'https:' ? '443' : '80') : u.port}${u.pathname}`;
  } catch {
    return url;
  }
}

/** Known = a device whose XAddr is a registered onvif_url (host, port and path). */
export function matchRegistry(
  devices: DiscoveredDevice[],
  registry: RegistryCamera[],
): {
  known: Array<DiscoveredDevice & { deviceId: string }>;
  unknown: DiscoveredDevice[];
  notFound: string[];
} {
  const byAddress = new Map(registry.filter((c) => c.onvifUrl !== null).map((c) => [hostPort(c.onvifUrl!), c.deviceId]));
  const known: Array<DiscoveredDevice & { deviceId: string }> = [];
  const unknown: DiscoveredDevice[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    const deviceId = d.xaddrs.map((x) => byAddress.get(hostPort(x))).find((x) => x !== undefined);
    if (deviceId === undefined) unknown.push(d);
    else {
      known.push({ ...d, deviceId });
      seen.add(deviceId);
    }
  }
  const notFound = registry.filter((c) => c.onvifUrl !== null && !seen.has(c.deviceId)).map((c) => c.deviceId);
  return { known, unknown, notFound };
}
