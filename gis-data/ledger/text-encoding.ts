// Chinese ledgers come as UTF-8 (with or without BOM, Excel's "CSV UTF-8" adds one) or as
// GBK/GB18030 (Excel's default "CSV" on a Chinese Windows). The encoding is decided on the whole
// file and the text decoded strictly: a file whose Chinese began after the first 64 KiB used to
// be taken for UTF-8 and stored with U+FFFD names, and an invalid byte anywhere was silently
// replaced. Now a byte that is not text in the file's encoding refuses the file, naming its line
// and byte offset (TextDecodingError), and nothing is stored.
//
// The rule: a BOM decides (UTF-8, UTF-16LE). Otherwise a file that is valid UTF-8 throughout is
// UTF-8; one that holds a few valid UTF-8 characters (3 or more) before its first invalid byte is
// UTF-8 with a damaged byte (refused there: a GBK file starts with a valid UTF-8 character one
// time in ~12, three in a row almost never); anything else is GB18030 (a superset of GBK and
// GB2312), decoded strictly too.
import { Transform } from 'node:stream';
import type { ByteSource } from './source';
import { UserFacingError } from '../../db/errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'gb18030';

export const ENCODING_LABEL: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', gb18030: 'GBK/GB18030' };

/** Valid UTF-8 characters before the first invalid byte that make a file "UTF-8 with a damaged byte". */
const UTF8_EVIDENCE = 3;
/** A ledger line longer than this is not a ledger (csv-parse refuses 1 MB records anyway). */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
const LF = 0x0a;

/** A file that is not text in its encoding: where (1-based line, 0-based byte offset) and why. */
export class TextDecodingError extends UserFacingError {
  /** The row of the file as its reader numbers rows, when a line is one (CSV). */
  row: number | undefined;
  constructor(
    readonly fileName: string,
    readonly encoding: TextEncodingName,
    readonly line: number,
    readonly byteOffset: number,
    reason = 'is not valid',
  ) {
    super(
      `${fileName}: line ${line} (byte ${byteOffset}) ${reason} ${ENCODING_LABEL[encoding]} text: the file is refused rather than stored with replacement characters (U+FFFD). Fix that line, or save the file as UTF-8.`,
    );
    this.name = 'TextDecodingError';
  }
}

function bomEncoding(b: Buffer): TextEncodingName | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * A UTF-8 validator that knows where it stopped: RFC 3629 sequences (no overlongs, no
 * surrogates, nothing above U+10FFFF), fed chunk by chunk.
 */
class Utf8Scan {
  offset = 0;
  line = 1;
  multibyte = 0;
  invalidAt: { offset: number; line: number } | undefined;
  private need = 0;
  private seqStart = 0;
  private lower = 0x80;
  private upper = 0xbf;

  feed(b: Buffer): boolean {
    for (let i = 0; i < b.length; i += 1) {
      const x = b[i]!;
      if (this.need === 0) {
        if (x < 0x80) {
          if (x === LF) this.line += 1;
          continue;
        }
        this.lower = 0x80;
        this.upper = 0xbf;
        this.seqStart = this.offset + i;
        if (x >= 0xc2 && x <= 0xdf) this.need = 1;
        else if (x >= 0xe0 && x <= 0xef) {
          this.need = 2;
          if (x === 0xe0) this.lower = 0xa0;
          if (x === 0xed) this.upper = 0x9f;
        } else if (x >= 0xf0 && x <= 0xf4) {
          this.need = 3;
          if (x === 0xf0) this.lower = 0x90;
          if (x === 0xf4) this.upper = 0x8f;
        } else return this.fail(i);
        continue;
      }
      // The character that broke off is where the text stops being UTF-8.
      if (x < this.lower || x > this.upper) return this.fail(this.seqStart - this.offset);
      this.lower = 0x80;
      this.upper = 0xbf;
      this.need -= 1;
      if (this.need === 0) this.multibyte += 1;
    }
    this.offset += b.length;
    return true;
  }

  /** True when the text ended in the middle of a character. */
  get truncated(): boolean {
    return this.need > 0;
  }

  private fail(i: number): false {
    this.invalidAt = { offset: this.offset + i, line: this.line };
    return false;
  }
}

async function* chunksOf(source: ByteSource): AsyncGenerator<Buffer> {
  const stream = source.open();
  try {
    for await (const chunk of stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
  } finally {
    stream.destroy();
  }
}

function verdict(scan: Utf8Scan, fileName: string): TextEncodingName {
  if (scan.invalidAt === undefined) {
    if (scan.truncated) throw new TextDecodingError(fileName, 'utf-8', scan.line, scan.offset, 'ends in the middle of a character: not');
    return 'utf-8';
  }
  if (scan.multibyte >= UTF8_EVIDENCE) throw new TextDecodingError(fileName, 'utf-8', scan.invalidAt.line, scan.invalidAt.offset);
  return 'gb18030';
}

/** The encoding of a whole source (read once through; see the rule at the top of the file). */
export async function detectSourceEncoding(source: ByteSource): Promise<TextEncodingName> {
  const scan = new Utf8Scan();
  let first = true;
  for await (const chunk of chunksOf(source)) {
    if (first) {
      first = false;
      const bom = bomEncoding(chunk);
      if (bom !== undefined) return bom;
    }
    if (!scan.feed(chunk)) break;
  }
  return verdict(scan, source.fileName);
}

/** The same rule on a buffer already in memory. */
export function detectBufferEncoding(buf: Buffer, fileName: string): TextEncodingName {
  const bom = bomEncoding(buf);
  if (bom !== undefined) return bom;
  const scan = new Utf8Scan();
  scan.feed(buf);
  return verdict(scan, fileName);
}

/** Where in `piece` (lines ending in LF, the first starting at `line`) the encoding first fails. */
function locate(piece: Buffer, encoding: TextEncodingName, line: number): { line: number; offset: number } {
  let start = 0;
  while (start < piece.length) {
    const lf = piece.indexOf(LF, start);
    const end = lf < 0 ? piece.length : lf + 1;
    const text = piece.subarray(start, end);
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(text);
    } catch {
      // Binary search the shortest prefix that fails: with stream: true an incomplete tail is
      // held back, so only a byte that can never be valid fails a prefix.
      let ok = 0;
      let bad = text.length;
      while (bad - ok > 1) {
        const mid = (ok + bad) >> 1;
        try {
          new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(text.subarray(0, mid), { stream: true });
          ok = mid;
        } catch {
          bad = mid;
        }
      }
      return { line, offset: start + bad - 1 };
    }
    start = end;
    line += 1;
  }
  return { line, offset: piece.length };
}

function countLf(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(LF); i >= 0; i = b.indexOf(LF, i + 1)) n += 1;
  return n;
}

/**
 * Strict decoding, cut at line feeds (a byte that never occurs inside a UTF-8 or GB18030
 * character), so a failure is located by line and byte. Drops a leading BOM.
 */
export function decodeStrict(buf: Buffer, encoding: TextEncodingName, fileName: string, startLine = 1, startOffset = 0): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    if (encoding === 'utf-16le') throw new TextDecodingError(fileName, encoding, startLine, startOffset);
    if (encoding === 'utf-8') {
      const scan = new Utf8Scan();
      scan.line = startLine;
      scan.feed(buf);
      if (scan.invalidAt !== undefined)
        throw new TextDecodingError(fileName, encoding, scan.invalidAt.line, startOffset + scan.invalidAt.offset);
    }
    const at = locate(buf, encoding, startLine);
    throw new TextDecodingError(fileName, encoding, at.line, startOffset + at.offset);
  }
}

/** A Transform from bytes in `encoding` to UTF-8 text, strict, dropping a leading BOM. */
export function decodeStream(encoding: TextEncodingName, fileName: string): Transform {
  if (encoding === 'utf-16le') {
    // UTF-16's line feed is two bytes, so it is decoded as a stream; a failure names the chunk's offset.
    const decoder = new TextDecoder(encoding, { fatal: true });
    let offset = 0;
    return new Transform({
      transform(chunk: Buffer, _enc, cb) {
        try {
          const text = decoder.decode(chunk, { stream: true });
          offset += chunk.length;
          cb(null, text);
        } catch {
          cb(new TextDecodingError(fileName, encoding, 1, offset, 'from this chunk on is not valid'));
        }
      },
      flush(cb) {
        try {
          cb(null, decoder.decode());
        } catch {
          cb(new TextDecodingError(fileName, encoding, 1, offset, 'ends in the middle of a character: not'));
        }
      },
    });
  }
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let offset = 0;
  let first = true;
  const emit = (piece: Buffer): string => {
    let text = decodeStrict(piece, encoding, fileName, line, offset);
    if (first) {
      first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    line += countLf(piece);
    offset += piece.length;
    return text;
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
        const cut = buf.lastIndexOf(LF);
        if (cut < 0) {
          if (buf.length > MAX_LINE_BYTES)
            throw new TextDecodingError(fileName, encoding, line, offset, `is longer than ${MAX_LINE_BYTES} bytes: not a ledger line of`);
          carry = buf;
          cb();
          return;
        }
        carry = Buffer.from(buf.subarray(cut + 1));
        cb(null, emit(buf.subarray(0, cut + 1)));
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb) {
      try {
        cb(null, carry.length === 0 ? '' : emit(carry));
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

/**
 * Strict streaming decoding without cutting at line feeds (minified JSON has none): a validator
 * runs ahead of the decoder, so a bad byte is named by line and byte as in decodeStream.
 */
export function decodeTextStream(encoding: TextEncodingName, fileName: string): Transform {
  if (encoding !== 'utf-8') return decodeStream(encoding, fileName);
  const scan = new Utf8Scan();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    // Strings out as strings (a byte stream would turn them back into Buffers).
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      if (!scan.feed(chunk)) {
        cb(new TextDecodingError(fileName, 'utf-8', scan.invalidAt!.line, scan.invalidAt!.offset));
        return;
      }
      cb(null, decoder.decode(chunk, { stream: true }));
    },
    flush(cb) {
      if (scan.truncated) cb(new TextDecodingError(fileName, 'utf-8', scan.line, scan.offset, 'ends in the middle of a character: not'));
      else {
        const rest = decoder.decode();
        cb(null, rest === '' ? undefined : rest);
      }
    },
  });
}

/** Decodes a whole buffer, honouring an XML declaration's encoding (GB/T 28181 platforms send GB2312). */
export function decodeXmlBuffer(buf: Buffer, fileName: string): string {
  const head = buf.subarray(0, 200).toString('latin1');
  const declared = /encoding=["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  const encoding = declared !== undefined && /^(gb2312|gbk|gb18030)$/.test(declared) ? 'gb18030' : detectBufferEncoding(buf, fileName);
  const text = decodeStrict(buf, encoding, fileName);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** JSON is UTF-8 (RFC 8259): decoded strictly, a leading BOM dropped. */
export function decodeJsonBuffer(buf: Buffer, fileName: string): string {
  const text = decodeStrict(buf, 'utf-8', fileName);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** XML with a DOCTYPE or entity declarations is refused: ledgers never need them (billion laughs, XXE). */
export function assertNoDoctype(text: string, fileName: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new Error(`${fileName}: refusing XML with a <!DOCTYPE> or <!ENTITY> declaration (entities are not allowed)`);
  }
}
