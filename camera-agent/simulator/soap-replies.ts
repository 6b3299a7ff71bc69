// The simulator's SOAP answers, shaped like a real Profile S camera's (node-onvif and onvif read
// them as proof that the simulator speaks real ONVIF).
import { xmlEscape } from '../onvif/xml';
import { cameraNow, type SimCamera } from './camera';

const NS =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" ' +
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema" ' +
  'xmlns:ter="http://www.onvif.org/ver10/error"';

export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope ${NS}><s:Body>${body}</s:Body></s:Envelope>`;
}

export function soapFaultXml(code: 'Sender' | 'Receiver' | 'MustUnderstand', subcode: string | undefined, reason: string): string {
  const sub = subcode === undefined ? '' : `<s:Subcode><s:Value>${subcode}</s:Value></s:Subcode>`;
  return soapEnvelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value>${sub}</s:Code><s:Reason><s:Text xml:lang="en">${xmlEscape(reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

function dateTime(ms: number): string {
  const d = new Date(ms);
  return (
    `<tt:Time><tt:Hour>${d.getUTCHours()}</tt:Hour><tt:Minute>${d.getUTCMinutes()}</tt:Minute><tt:Second>${d.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${d.getUTCFullYear()}</tt:Year><tt:Month>${d.getUTCMonth() + 1}</tt:Month><tt:Day>${d.getUTCDate()}</tt:Day></tt:Date>`
  );
}

export function systemDateAndTime(camera: SimCamera): string {
  const now = cameraNow(camera);
  return soapEnvelope(
    '<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>' +
      '<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>' +
      `<tt:UTCDateTime>${dateTime(now)}</tt:UTCDateTime><tt:LocalDateTime>${dateTime(now + 8 * 3_600_000)}</tt:LocalDateTime>` +
      '</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>',
  );
}

export function deviceInformation(camera: SimCamera): string {
  return soapEnvelope(
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>${xmlEscape(camera.manufacturer)}</tds:Manufacturer>` +
      `<tds:Model>${xmlEscape(camera.model)}</tds:Model><tds:FirmwareVersion>${xmlEscape(camera.firmware)}</tds:FirmwareVersion>` +
      `<tds:SerialNumber>${xmlEscape(camera.serial)}</tds:SerialNumber><tds:HardwareId>XL-HW-1</tds:HardwareId></tds:GetDeviceInformationResponse>`,
  );
}

export function capabilities(base: string): string {
  return soapEnvelope(
    '<tds:GetCapabilitiesResponse><tds:Capabilities>' +
      `<tt:Device><tt:XAddr>${base}device_service</tt:XAddr></tt:Device>` +
      `<tt:Events><tt:XAddr>${base}event_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
      '<tt:WSPullPointSupport>false</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>' +
      `<tt:Media><tt:XAddr>${base}media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
      '<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>' +
      '</tds:Capabilities></tds:GetCapabilitiesResponse>',
  );
}

export function services(base: string): string {
  const svc = (ns: string, path: string): string =>
    `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}${path}</tds:XAddr>` +
    '<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>';
  return soapEnvelope(
    `<tds:GetServicesResponse>${svc('http://www.onvif.org/ver10/device/wsdl', 'device_service')}` +
      `${svc('http://www.onvif.org/ver10/media/wsdl', 'media_service')}${svc('http://www.onvif.org/ver10/events/wsdl', 'event_service')}</tds:GetServicesResponse>`,
  );
}

const PROFILE =
  '<trt:Profiles token="profile_1" fixed="true"><tt:Name>mainStream</tt:Name>' +
  '<tt:VideoSourceConfiguration token="vsc_1"><tt:Name>VideoSource_1</tt:Name><tt:UseCount>1</tt:UseCount>' +
  '<tt:SourceToken>vs_1</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>' +
  '<tt:VideoEncoderConfiguration token="vec_1"><tt:Name>VideoEncoder_1</tt:Name><tt:UseCount>1</tt:UseCount>' +
  '<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution>' +
  '<tt:Quality>4</tt:Quality><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>' +
  '<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:H264><tt:GovLength>50</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>' +
  '<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address><tt:Port>0</tt:Port>' +
  '<tt:TTL>0</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>' +
  '</trt:Profiles>';

export function profiles(): string {
  return soapEnvelope(`<trt:GetProfilesResponse>${PROFILE}</trt:GetProfilesResponse>`);
}

export function videoSources(): string {
  return soapEnvelope(
    '<trt:GetVideoSourcesResponse><trt:VideoSources token="vs_1"><tt:Framerate>25</tt:Framerate>' +
      '<tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>',
  );
}

function mediaUri(element: string, uri: string): string {
  return soapEnvelope(
    `<trt:${element}><trt:MediaUri><tt:Uri>${xmlEscape(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
      `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:${element}>`,
  );
}

export function streamUri(host: string, deviceId: string): string {
  return mediaUri('GetStreamUriResponse', `rtsp://${host.replace(/:\d+$/, '')}:554/${deviceId}/main`);
}

export function snapshotUri(base: string): string {
  return mediaUri('GetSnapshotUriResponse', `${base}snapshot.jpg`);
}
