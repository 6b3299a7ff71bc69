// SOAP bodies from cameras are untrusted: any DTD is refused (no entity expansion, no billion
// laughs), values stay strings (a serial like 404754734001050102 must not become a float, nor
// firmware "2.40" become 2.4), namespace prefixes are dropped, and bodies in GBK/GB18030 (seen on
// domestic firmware) are decoded by their declared charset.
import { XMLParser } from 'fast-xml-parser';

export class ProtocolError extends Error {
  constructor(
    readonly code: 'not-soap' | 'dtd-refused' | 'bad-encoding',
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and character references: no expansion possible. */
function decodeText(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]{1,6}|#[0-9]{1,7});/g, (m, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(parseInt(name.slice(2), 16), m);
    if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10), m);
    return PREDEFINED[name] ?? m;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

export function xmlEscape(value: string): string {
  return value.replace(
    /[<>&"']/g,
    (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`,
  );
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  // No path string built per element for the callbacks (they read the name or the value only):
  // about a fifth of each parse (bench:agent's CPU profile).
  jPath: false,
  tagValueProcessor: (_name, value) => decodeText(value),
  attributeValueProcessor: (_name, value) => decodeText(value),
});

function charsetOf(contentType: string | null, head: string): string {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const fromDecl = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1];
  return (fromHeader ?? fromDecl ?? 'utf-8').toLowerCase();
}

const decoders = new Map<string, TextDecoder>();

export function decodeBody(body: Buffer, contentType: string | null): string {
  const charset = charsetOf(contentType, body.subarray(0, 200).toString('latin1'));
  const label = /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset) ? 'gb18030' : charset;
  try {
    let decoder = decoders.get(label);
    if (decoder === undefined) {
      // Not fatal: invalid bytes become U+FFFD; the structure check below decides.
      decoder = new TextDecoder(label);
      if (decoders.size < 16) decoders.set(label, decoder);
    }
    return decoder.decode(body);
  } catch {
    throw new ProtocolError('bad-encoding', `unsupported charset "${charset.slice(0, 40)}"`);
  }
}

export type XmlNode = Record<string, unknown>;

/** Parses a SOAP envelope and returns its Body element (an object), or throws ProtocolError. */
export function parseSoapBody(body: Buffer, contentType: string | null): XmlNode {
  const text = decodeBody(body, contentType);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new ProtocolError('dtd-refused', 'a document type declaration was refused');
  // MTOM/multipart replies: take the XML part without parsing the MIME structure.
  const start = text.indexOf('<');
  const end = text.lastIndexOf('>');
  if (start < 0 || end < start) throw new ProtocolError('not-soap', 'the answer is not XML');
  let doc: XmlNode;
  try {
    // No separate validation pass (it doubled the parse cost): a body that does not parse into an
    // Envelope with a Body is refused below either way.
    doc = parser.parse(text.slice(start, end + 1)) as XmlNode;
  } catch {
    throw new ProtocolError('not-soap', 'the answer is not well-formed XML');
  }
  const envelope = doc.Envelope as XmlNode | undefined;
  const soapBody = envelope?.Body;
  if (envelope === undefined || typeof soapBody !== 'object' || soapBody === null)
    throw new ProtocolError('not-soap', 'the answer is XML but not a SOAP envelope');
  return soapBody as XmlNode;
}

/** Walks a path of element names; returns undefined when any step is missing. */
export function pick(node: unknown, ...path: string[]): unknown {
  let cur: unknown = node;
  for (const key of path) {
    if (Array.isArray(cur)) cur = cur[0];
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as XmlNode)[key];
  }
  return Array.isArray(cur) ? cur[0] : cur;
}

/** The text of an element (`#text` when it also has attributes). */
export function text(node: unknown, ...path: string[]): string | undefined {
  const v = pick(node, ...path);
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as XmlNode)['#text'] === 'string') return (v as XmlNode)['#text'] as string;
  return undefined;
}

export interface SoapFault {
  code: string;
  subcodes: string[];
  reason: string;
}

/** Reads a SOAP 1.2 (or 1.1) Fault from a Body, with namespace prefixes removed from the codes. */
export function soapFault(body: XmlNode): SoapFault | undefined {
  const fault = pick(body, 'Fault');
  if (fault === undefined) return undefined;
  const strip = (s: string | undefined): string => (s ?? '').replace(/^.*:/, '');
  const subcodes: string[] = [];
  let sub = pick(fault, 'Code', 'Subcode');
  while (sub !== undefined && subcodes.length < 5) {
    subcodes.push(strip(text(sub, 'Value')));
    sub = pick(sub, 'Subcode');
  }
  return {
    code: strip(text(fault, 'Code', 'Value') ?? text(fault, 'faultcode')),
    subcodes,
    reason: (text(fault, 'Reason', 'Text') ?? text(fault, 'faultstring') ?? '').slice(0, 200),
  };
}
