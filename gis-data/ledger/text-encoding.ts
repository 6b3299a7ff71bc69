// Chinese ledgers come as UTF-8 (with or without BOM, Excel's "CSV UTF-8" adds one) or as
// GBK/GB18030 (Excel's default "CSV" on a Chinese Windows). Decide from the first bytes and
// decode as a stream.
import { Transform } from 'node:stream';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'gb18030';

export function detectTextEncoding(head: Buffer): TextEncodingName {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  try {
    // stream: true so a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** A Transform from bytes in the given encoding to UTF-8 text, dropping a leading BOM. */
export function decodeStream(encoding: TextEncodingName): Transform {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      cb(null, decoder.decode());
    },
  });
}

/** Decodes a whole buffer, honouring an XML declaration's encoding (GB/T 28181 platforms send GB2312). */
export function decodeXmlBuffer(buf: Buffer): string {
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /encoding=["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared !== undefined && /^(gb2312|gbk|gb18030)$/.test(declared)) return new TextDecoder('gb18030').decode(buf);
  return new TextDecoder(detectTextEncoding(buf.subarray(0, 65536))).decode(buf);
}

/** XML with a DOCTYPE or entity declarations is refused: ledgers never need them (billion laughs, XXE). */
export function assertNoDoctype(text: string, fileName: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new Error(`${fileName}: refusing XML with a <!DOCTYPE> or <!ENTITY> declaration (entities are not allowed)`);
  }
}
