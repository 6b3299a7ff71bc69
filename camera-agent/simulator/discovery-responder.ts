// The simulator answers WS-Discovery Probes on a UDP port of 127.0.0.1 (never joins a multicast
// group), one ProbeMatches datagram per 20 cameras, so `xueliang discover --target` can be tested.
import { createSocket, type Socket } from 'node:dgram';
import { parseSoapBody, pick } from '../onvif/xml';
import type { SimulatorHandle } from './server';

function matches(sim: SimulatorHandle, ids: string[], relatesTo: string): string {
  const items = ids
    .map(
      (id) =>
        '<d:ProbeMatch><w:EndpointReference><w:Address>urn:uuid:5a1e0000-0000-4000-8000-' +
        `${id.slice(-12)}</w:Address></w:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>` +
        `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/${id} onvif://www.onvif.org/hardware/XL-SIM-2040</d:Scopes>` +
        `<d:XAddrs>${sim.deviceUrl(id)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ' +
    'xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><e:Header>' +
    `<w:RelatesTo>${relatesTo}</w:RelatesTo><w:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</w:Action>` +
    `</e:Header><e:Body><d:ProbeMatches>${items}</d:ProbeMatches></e:Body></e:Envelope>`
  );
}

export async function startDiscoveryResponder(sim: SimulatorHandle, port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    let relatesTo = '';
    try {
      const body = parseSoapBody(msg, null);
      if (pick(body, 'Probe') === undefined) return;
      relatesTo = /<(?:\w+:)?MessageID>([^<]{1,200})</.exec(msg.toString('utf8'))?.[1] ?? '';
    } catch {
      return;
    }
    const ids = [...sim.cameras.values()].filter((c) => c.faults.down !== true).map((c) => c.deviceId);
    for (let i = 0; i < ids.length; i += 20)
      socket.send(Buffer.from(matches(sim, ids.slice(i, i + 20), relatesTo)), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  return socket;
}
