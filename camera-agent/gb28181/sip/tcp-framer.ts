// SIP over TCP is a byte stream: messages are framed by their headers' blank line and
// Content-Length (mandatory on streams, RFC 3261 §18.3). The framer holds at most one message's
// worth of bytes: a peer that sends headers past the cap, a body past the cap, or no
// Content-Length is cut off (the caller closes the connection), never buffered without bound.
import {
  assemble,
  contentLength,
  headerEnd,
  parseHead,
  SipParseError,
  DEFAULT_SIP_LIMITS,
  type SipHeaders,
  type SipLimits,
  type SipMessage,
  type StartLine,
} from './message';

export class TcpFramer {
  private buf: Buffer = Buffer.alloc(0);
  /** Head text and body length of the message whose body is being read. */
  private pending: { start: StartLine; headers: SipHeaders; bodyBytes: number } | undefined;

  constructor(private readonly limits: SipLimits = DEFAULT_SIP_LIMITS) {}

  /** Bytes held while waiting for the rest of a message. */
  get buffered(): number {
    return this.buf.length;
  }

  /** Feeds bytes; returns the complete messages. Throws SipParseError when the stream is not SIP. */
  push(chunk: Buffer): SipMessage[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: SipMessage[] = [];
    for (;;) {
      if (this.pending === undefined) {
        // CRLF keepalives between messages (RFC 5626 §4.4.1).
        let skip = 0;
        while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip += 1;
        if (skip > 0) this.buf = this.buf.subarray(skip);
        if (this.buf.length === 0) break;
        const end = headerEnd(this.buf);
        if (end === undefined) {
          if (this.buf.length > this.limits.maxHeaderBytes)
            throw new SipParseError('headers-too-large', `headers exceed ${this.limits.maxHeaderBytes} bytes`);
          break;
        }
        if (end.at > this.limits.maxHeaderBytes)
          throw new SipParseError('headers-too-large', `headers exceed ${this.limits.maxHeaderBytes} bytes`);
        const { start, headers } = parseHead(this.buf.toString('utf8', 0, end.at), this.limits);
        const length = contentLength(headers, this.limits);
        if (length === undefined) throw new SipParseError('bad-content-length', 'a message on a stream needs a Content-Length');
        this.pending = { start, headers, bodyBytes: length };
        this.buf = this.buf.subarray(end.at + end.sepBytes);
      }
      if (this.buf.length < this.pending.bodyBytes) break;
      const body = Buffer.from(this.buf.subarray(0, this.pending.bodyBytes));
      this.buf = this.buf.subarray(this.pending.bodyBytes);
      const { start, headers } = this.pending;
      this.pending = undefined;
      out.push(assemble(start, headers, body));
    }
    // Do not keep a large backing buffer alive for a few leftover bytes.
    if (this.buf.length > 0 && this.buf.byteOffset > 64 * 1024) this.buf = Buffer.from(this.buf);
    return out;
  }
}
