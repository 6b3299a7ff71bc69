// The two halves of RFC 3261 §17 that a GB/T 28181 platform needs for non-INVITE requests:
// client transactions (our MESSAGE queries and, in the simulator, REGISTER and keepalives)
// retransmitted over UDP at T1, 2·T1 … T2 until a final answer or the timeout; and a cache of
// our answers to requests (server transactions), so a retransmitted request gets the same
// answer without being processed again. Both are bounded.
import { randomBytes } from 'node:crypto';
import { headerValue, parseCSeq, parseVia, type SipHeaders, type SipRequest, type SipResponse } from './message';
import type { Peer, SipTransport } from './transport';

export const newBranch = (): string => `z9hG4bK${randomBytes(8).toString('hex')}`;
// Tags need only be unique per dialog: a random process prefix and a counter, instead of
// drawing random bytes for every answer (a keepalive's 200 included).
const TAG_PREFIX = randomBytes(3).toString('hex');
let tagCounter = 0;
export const newTag = (): string => `${TAG_PREFIX}${(tagCounter = (tagCounter + 1) % 2 ** 40).toString(36)}`;
export const newCallId = (host: string): string => `${randomBytes(10).toString('hex')}@${host}`;

export class TransactionTimeout extends Error {
  constructor(method: string) {
    super(`no final answer to ${method}`);
    this.name = 'TransactionTimeout';
  }
}

interface Pending {
  resolve(res: SipResponse): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
  retransmit: ReturnType<typeof setTimeout> | undefined;
}

export interface RequestInput {
  method: string;
  uri: string;
  from: string;
  to: string;
  callId: string;
  cseq: number;
  /** host:port we are reachable at, for Via and Contact. */
  via: { transport: 'UDP' | 'TCP'; hostPort: string };
  headers?: SipHeaders;
  body?: Buffer;
}

export function buildRequest(input: RequestInput, branch = newBranch()): SipRequest {
  return {
    kind: 'request',
    method: input.method,
    uri: input.uri,
    headers: [
      ['via', `SIP/2.0/${input.via.transport} ${input.via.hostPort};rport;branch=${branch}`],
      ['from', input.from],
      ['to', input.to],
      ['call-id', input.callId],
      ['cseq', `${input.cseq} ${input.method}`],
      ['max-forwards', '70'],
      ...(input.headers ?? []),
    ],
    body: input.body ?? Buffer.alloc(0),
  };
}

const branchOf = (headers: SipHeaders): string => {
  const via = headerValue(headers, 'via');
  return via === undefined ? '' : (parseVia(via)?.params.get('branch') ?? '');
};

export class ClientTransactions {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly transport: SipTransport,
    private readonly options: { t1Ms?: number; t2Ms?: number; timeoutMs?: number } = {},
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Sends `req` and resolves with its final response; rejects with TransactionTimeout. */
  request(peer: Peer, req: SipRequest, timeoutMs = this.options.timeoutMs ?? 32_000): Promise<SipResponse> {
    const branch = branchOf(req.headers);
    const key = `${branch}|${req.method}`;
    return new Promise<SipResponse>((resolve, reject) => {
      const entry: Pending = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.finish(key);
          reject(new TransactionTimeout(req.method));
        }, timeoutMs),
        retransmit: undefined,
      };
      this.pending.set(key, entry);
      this.transport.send(peer, req);
      if (peer.transport === 'UDP') {
        // Timer E: T1, doubling up to T2 (RFC 3261 §17.1.2.2); the serialized bytes are reused.
        let interval = this.options.t1Ms ?? 500;
        const again = (): void => {
          if (!this.pending.has(key)) return;
          this.transport.send(peer, req);
          interval = Math.min(interval * 2, this.options.t2Ms ?? 4000);
          entry.retransmit = setTimeout(again, interval);
        };
        entry.retransmit = setTimeout(again, interval);
      }
    });
  }

  /** Matches a response to its transaction; true when it was ours. Provisional answers only stop nothing. */
  onResponse(res: SipResponse): boolean {
    const cseq = parseCSeq(headerValue(res.headers, 'cseq') ?? '');
    const key = `${branchOf(res.headers)}|${cseq?.method ?? ''}`;
    const entry = this.pending.get(key);
    if (entry === undefined) return false;
    if (res.status < 200) return true;
    this.finish(key);
    entry.resolve(res);
    return true;
  }

  private finish(key: string): void {
    const entry = this.pending.get(key);
    if (entry === undefined) return;
    clearTimeout(entry.timer);
    if (entry.retransmit !== undefined) clearTimeout(entry.retransmit);
    this.pending.delete(key);
  }

  close(): void {
    for (const [key, entry] of this.pending) {
      this.finish(key);
      entry.reject(new Error('closed'));
    }
  }
}

interface CachedAnswer {
  key: string;
  at: number;
  bytes: Buffer;
}

/** Our recent answers by request transaction, for retransmitted requests (Timer J, 32 s over UDP). */
export class ResponseCache {
  private readonly entries = new Map<string, CachedAnswer>();
  /**
   * The same answers oldest first (an array read from `head`), so expiry looks at the front
   * without iterating the Map. Iterating a Map from its front after deleting there walks over
   * every deleted slot until V8 compacts the table: with about 10,000 answers cached, each insert
   * walked thousands of holes (bench:gb28181's profile: a tenth of the CPU per keepalive).
   */
  private order: Array<CachedAnswer | undefined> = [];
  private head = 0;

  constructor(
    private readonly maxEntries = 50_000,
    private readonly ttlMs = 32_000,
  ) {}

  static keyOf(req: SipRequest): string {
    return `${branchOf(req.headers)}|${req.method}|${headerValue(req.headers, 'call-id') ?? ''}`;
  }

  get(key: string, now = Date.now()): Buffer | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (now - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.bytes;
  }

  set(key: string, bytes: Buffer, now = Date.now()): void {
    // Only branches that follow RFC 3261 identify a transaction; others are not cached.
    if (!key.startsWith('z9hG4bK')) return;
    // Expired answers go first, on every insert: the cache holds what the last ttlMs brought
    // (about 10,000 answers for 20,000 devices keeping alive at 60 s), not maxEntries. Pruning
    // only when the size hit a multiple of 1024 never ran once the cap was reached, so a cache
    // that had been full in a registration storm stayed full of stale answers (about 30 MB).
    this.prune(now);
    // An exact-size copy of our own: a small Buffer is a slice of Node's shared 8 KB pool, and one
    // cached answer kept its whole slab (and every short-lived buffer cut from it) for 32 s, which
    // made about 100 MB of ArrayBuffers in bench:gb28181's catalog phase.
    const own = Buffer.allocUnsafeSlow(bytes.length);
    bytes.copy(own);
    const entry: CachedAnswer = { key, at: now, bytes: own };
    this.entries.set(key, entry);
    this.order.push(entry);
    // Oldest first.
    while (this.entries.size > this.maxEntries) this.dropOldest();
    this.compact();
  }

  /** Drops expired answers from the front (insertion order = age order; stops at the first live one). */
  private prune(now: number): void {
    while (this.head < this.order.length && now - this.order[this.head]!.at > this.ttlMs) this.dropOldest();
  }

  private dropOldest(): void {
    const e = this.order[this.head];
    if (e === undefined) return;
    this.order[this.head] = undefined;
    this.head += 1;
    // An answer replaced under the same key (or removed by get) is no longer this entry.
    if (this.entries.get(e.key) === e) this.entries.delete(e.key);
  }

  /** Forgets the dropped front of the order array once it is most of it (amortized O(1)). */
  private compact(): void {
    if (this.head >= 1024 && this.head * 2 >= this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
