import type { FlatHeaders, Variant } from './answers.js';

/** Which of a variant's four header sets answers a request: 200 or 304, fresh or stale. */
export interface WireChoice {
  variant: Variant;
  notModified: boolean;
  stale: boolean;
}

/** One whole response as bytes: status line, headers, and the body after `headLength`. */
export interface Wire {
  bytes: Buffer;
  headLength: number;
}

interface VariantWires {
  date: string;
  keepAliveTimeout: number;
  /** By `kind * 2 + (keepAlive ? 0 : 1)`, kind 0 ok, 1 okStale, 2 notModified, 3 notModifiedStale. */
  wires: (Wire | null | undefined)[];
}

/** Headers that node:http adds itself (or reads to decide its framing): a variant carrying one is not written here. */
const FRAMING = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Whole responses built from a variant's flat headers, byte for byte what node:http's
 * `res.writeHead(status, flat).end(body)` writes for the same request: status line, the headers in order,
 * `Date`, then `Connection: keep-alive` with `Keep-Alive: timeout=N` or `Connection: close`. Built on first use
 * and again when the second of the Date changes (a few variants per second, not one per request); buffers
 * already handed to sockets are never written to again.
 */
export class WireCache {
  private readonly byVariant = new WeakMap<Variant, VariantWires>();
  private date = '';
  private dateExpires = 0;

  constructor(private readonly keepAliveTimeout: () => number) {}

  /** The response for `choice` on a connection that stays open (`keepAlive`) or closes; null when node:http must write it. */
  wire(choice: WireChoice, keepAlive: boolean): Wire | null {
    const date = this.now();
    const keepAliveTimeout = this.keepAliveTimeout();
    let entry = this.byVariant.get(choice.variant);
    if (entry === undefined || entry.date !== date || entry.keepAliveTimeout !== keepAliveTimeout) {
      entry = { date, keepAliveTimeout, wires: [] };
      this.byVariant.set(choice.variant, entry);
    }
    const index = ((choice.notModified ? 2 : 0) + (choice.stale ? 1 : 0)) * 2 + (keepAlive ? 0 : 1);
    let wire = entry.wires[index];
    if (wire === undefined) {
      wire = build(choice, keepAlive, date, keepAliveTimeout);
      entry.wires[index] = wire;
    }
    return wire;
  }

  /** The HTTP-date of this second, as node:http's own cache gives it. */
  private now(): string {
    const now = Date.now();
    if (now >= this.dateExpires) {
      this.date = new Date(now).toUTCString();
      this.dateExpires = now - (now % 1000) + 1000;
    }
    return this.date;
  }
}

function build(choice: WireChoice, keepAlive: boolean, date: string, keepAliveTimeout: number): Wire | null {
  const { variant, notModified, stale } = choice;
  const flat: FlatHeaders = notModified ? (stale ? variant.notModifiedStale : variant.notModified) : (stale ? variant.okStale : variant.ok);
  let head = notModified ? 'HTTP/1.1 304 Not Modified\r\n' : 'HTTP/1.1 200 OK\r\n';
  let length: string | undefined;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = (flat[i] ?? '').toLowerCase();
    const value = flat[i + 1] ?? '';
    // node:http refuses such names and values (it throws); never write what it would not.
    if (FRAMING.has(name) || !TOKEN.test(name) || INVALID_VALUE.test(value)) return null;
    if (name === 'content-length') length = value;
    head += `${flat[i] ?? ''}: ${value}\r\n`;
  }
  // A 200 is framed by its Content-Length (node:http would add chunking otherwise); a 304 has none.
  if (notModified ? length !== undefined : length !== String(variant.body.length)) return null;
  head += `Date: ${date}\r\n`;
  if (keepAlive) {
    head += 'Connection: keep-alive\r\n';
    if (keepAliveTimeout > 0) head += `Keep-Alive: timeout=${Math.floor(keepAliveTimeout / 1000)}\r\n`;
  } else {
    head += 'Connection: close\r\n';
  }
  head += '\r\n';
  const headLength = Buffer.byteLength(head, 'latin1');
  if (notModified) return { bytes: Buffer.from(head, 'latin1'), headLength };
  const bytes = Buffer.allocUnsafe(headLength + variant.body.length);
  bytes.write(head, 0, 'latin1');
  variant.body.copy(bytes, headLength);
  return { bytes, headLength };
}
