import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** One response as it came over the wire: its head as text, and the body bytes. */
export interface WireResponse {
  status: number;
  /** Status line and header lines, CRLF-separated, without the final empty line. */
  head: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A raw TCP connection to a test server: write any bytes, read responses one by one (parsed by
 * Content-Length; a HEAD or a 304 has no body, as the caller says), see when the server closes it.
 */
export class RawConnection {
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;
  /** Set when the server ended or reset the connection. */
  readonly done: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.done = new Promise((resolve) => {
      socket.on('close', () => {
        this.closed = true;
        this.wake();
        resolve();
      });
    });
    socket.on('error', () => {});
  }

  static open(url: string): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Write `data` a few bytes at a time, each piece in its own segment (Nagle off, a pause between). */
  async trickle(data: string, size = 1, pauseMs = 2): Promise<void> {
    this.socket.setNoDelay(true);
    for (let i = 0; i < data.length; i += size) {
      await this.write(data.slice(i, i + size));
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  /** The next response; `bodiless` for the answer to a HEAD. Rejects when the connection closes first. */
  async response(bodiless = false): Promise<WireResponse> {
    for (;;) {
      const parsed = parseResponse(this.received, bodiless);
      if (parsed !== undefined) {
        this.received = this.received.subarray(parsed.length);
        return parsed.response;
      }
      if (this.closed) throw new Error(`connection closed; unparsed: ${JSON.stringify(this.received.toString('latin1').slice(0, 200))}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Everything received and not read as a response yet. */
  rest(): Buffer {
    return this.received;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

function parseResponse(buffer: Buffer, bodiless: boolean): { response: WireResponse; length: number } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const head = buffer.toString('latin1', 0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = bodiless || status === 304 ? 0 : Number(headers['content-length'] ?? 0);
  if (buffer.length < end + 4 + length) return undefined;
  return { response: { status, head, headers, body: buffer.subarray(end + 4, end + 4 + length) }, length: end + 4 + length };
}

/** A response head with its Date value blanked, for comparing responses sent at different seconds. */
export function withoutDate(head: string): string {
  return head.replace(/\r\nDate: [^\r]*/, '\r\nDate: -');
}
