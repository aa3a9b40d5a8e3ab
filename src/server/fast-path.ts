import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { couldBeGetOrHead, MAX_FAST_HEAD, RequestHeads } from './fast-request.js';
import type { HotRequest } from './fast-request.js';
import { WireCache } from './fast-wire.js';
import type { WireChoice } from './fast-wire.js';

/** What the server tells the fast path: which prebuilt response answers a request, and what to count once it is written. */
export interface FastPathHooks<R extends WireChoice> {
  /** The prebuilt reply to `request`, or undefined when the full server must answer it. */
  reply(request: HotRequest): R | undefined;
  /** `reply` was written to the socket; `started` is `performance.now()` when its head was complete. */
  answered(request: HotRequest, reply: R, started: number): void;
  /** Something unexpected threw while answering on a socket (the socket is destroyed, the process goes on). */
  failed(error: unknown): void;
}

/** The fast path on a server: `close` ends its connections (the server is closing), `destroy` cuts them. */
export interface FastPath {
  close(): void;
  destroy(): void;
}

type ConnectionListener = (socket: Socket) => void;

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** What node:http adds to the keep-alive timeout it announces before it closes an idle connection. */
const KEEP_ALIVE_BUFFER_MS = 1000;

/**
 * A connection-level fast path in front of `server` (a node:http server). Each new connection is read here
 * first: while every request on it is a plain GET or HEAD whose answer `hooks.reply` has prebuilt, the whole
 * response (status line, headers with a Date cached per second, body) is written to the socket in one buffer,
 * pipelined requests in order, with no IncomingMessage, ServerResponse or header object made. At the first
 * request that is anything else — another method, a body, Upgrade, a path not hot, a head this parser does
 * not accept (src/server/fast-request.ts) — the unread bytes are put back on the socket and the socket is
 * given to node:http's own connection listener, which owns it from then on: node:http answers everything the
 * fast path does not, exactly as it would without it. Idle connections get node:http's timeouts
 * (headersTimeout from the first byte of a head, and from the connection's start; keepAliveTimeout plus its
 * one second between requests).
 */
export function installFastPath<R extends WireChoice>(server: Server, hooks: FastPathHooks<R>): FastPath {
  const handOffTo = server.listeners('connection') as ConnectionListener[];
  server.removeAllListeners('connection');
  const connections = new Set<FastConnection<R>>();
  const wires = new WireCache(() => server.keepAliveTimeout);
  const heads = new RequestHeads();
  let closing = false;

  /** Give `socket` to node:http with `unread` put back in front of whatever comes next. */
  const handOff = (socket: Socket, unread: Buffer | undefined): void => {
    const putBack = unread !== undefined && unread.length > 0;
    if (putBack) {
      socket.pause();
      socket.unshift(unread);
    }
    for (const listener of handOffTo) listener.call(server, socket);
    // node:http reads the bytes put back before any that arrive later (those go straight to its parser).
    if (putBack) socket.resume();
  };

  server.on('connection', (socket: Socket) => {
    if (closing || (server.maxRequestsPerSocket ?? 0) > 0) {
      handOff(socket, undefined);
      return;
    }
    const connection: FastConnection<R> = new FastConnection(socket, {
      wires, heads, hooks,
      isClosing: () => closing,
      handOff: (unread) => handOff(socket, unread),
      forget: () => connections.delete(connection),
      headersTimeout: () => server.headersTimeout,
      keepAliveTimeout: () => server.keepAliveTimeout,
      clientError: (error) => {
        if (server.emit('clientError', error, socket)) return;
        // What node:http answers when nobody listens for clientError.
        if (socket.writable) socket.write(error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? REQUEST_TIMEOUT : BAD_REQUEST);
        socket.destroy(error);
      },
    });
    connections.add(connection);
  });

  return {
    close() {
      closing = true;
      // node:http ends its idle connections when it closes; a fast-path connection is idle between reads.
      for (const connection of connections) connection.end();
    },
    destroy() {
      for (const connection of connections) connection.destroy();
    },
  };
}

const REQUEST_TIMEOUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';
const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

interface ConnectionContext<R extends WireChoice> {
  wires: WireCache;
  heads: RequestHeads;
  hooks: FastPathHooks<R>;
  isClosing(): boolean;
  handOff(unread: Buffer | undefined): void;
  forget(): void;
  headersTimeout(): number;
  keepAliveTimeout(): number;
  clientError(error: Error & { code: string }): void;
}

/** One connection while the fast path owns it. */
class FastConnection<R extends WireChoice> {
  /** Bytes received and not answered yet: the start of a head, or requests waiting for the socket to drain. */
  private pending: Buffer | undefined;
  /** Cuts a head that does not complete within headersTimeout (slowloris), as node:http does. */
  private headTimer: NodeJS.Timeout | undefined;
  private waitingForDrain = false;
  private done = false;

  private readonly onData = (chunk: Buffer): void => {
    if (this.pending === undefined) {
      // A head begins: its headersTimeout runs from here (set below if it does not complete in this chunk).
      this.clearHeadTimer();
      this.pending = chunk;
    } else {
      this.pending = Buffer.concat([this.pending, chunk]);
    }
    this.guard(() => this.answer());
  };
  private readonly onDrain = (): void => {
    this.waitingForDrain = false;
    this.socket.resume();
    this.guard(() => this.answer());
  };
  private readonly onEnd = (): void => {
    this.guard(() => {
      // A head cut short by the client's end is a parse error to node:http (400). Otherwise end too, dropping
      // requests not answered yet because the client stopped reading, as node:http does.
      const cutShort = this.pending !== undefined && !this.waitingForDrain;
      this.finish();
      if (cutShort) this.context.clientError(Object.assign(new Error('Parse Error: Invalid EOF state'), { code: 'HPE_INVALID_EOF_STATE' }));
      else this.socket.end();
    });
  };
  private readonly onTimeout = (): void => {
    this.finish();
    this.socket.destroy();
  };
  private readonly onError = (): void => {
    this.finish();
    this.socket.destroy();
  };
  private readonly onClose = (): void => {
    this.finish();
  };

  constructor(private readonly socket: Socket, private readonly context: ConnectionContext<R>) {
    socket.on('data', this.onData);
    socket.on('drain', this.onDrain);
    socket.on('end', this.onEnd);
    socket.on('timeout', this.onTimeout);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    // node:http gives a new connection headersTimeout to send its first head.
    this.armHeadTimer(context.headersTimeout());
  }

  /** Answer every complete request in `pending`, in order, until one must go to node:http. */
  private answer(): void {
    const buffer = this.pending;
    if (buffer === undefined || this.done || this.waitingForDrain) return;
    const { hooks, wires, heads } = this.context;
    let offset = 0;
    let corked = false;
    try {
      while (offset < buffer.length) {
        const end = buffer.indexOf(CRLFCRLF, offset);
        if (end === -1) {
          // A head still arriving: wait for the rest, unless it cannot become one the fast path takes.
          if (buffer.length - offset > MAX_FAST_HEAD || !couldBeGetOrHead(buffer, offset)) {
            this.handOff(buffer.subarray(offset));
            return;
          }
          break;
        }
        if (end - offset > MAX_FAST_HEAD) {
          this.handOff(buffer.subarray(offset));
          return;
        }
        const request = heads.read(buffer.toString('latin1', offset, end));
        const started = performance.now();
        const reply = request === undefined || this.context.isClosing() ? undefined : hooks.reply(request);
        const wire = reply === undefined || request === undefined ? null : wires.wire(reply, request.keepAlive && (request.http11 || !reply.notModified));
        if (request === undefined || reply === undefined || wire === null) {
          this.handOff(buffer.subarray(offset));
          return;
        }
        offset = end + 4;
        if (!corked && offset < buffer.length) {
          this.socket.cork();
          corked = true;
        }
        this.socket.write(request.method === 'HEAD' ? wire.bytes.subarray(0, wire.headLength) : wire.bytes);
        hooks.answered(request, reply, started);
        // node:http closes after a 304 to a kept-alive HTTP/1.0 request: no length to delimit it by.
        if (!request.keepAlive || (!request.http11 && reply.notModified)) {
          this.finish();
          this.socket.end(() => this.socket.destroy());
          return;
        }
        if (this.socket.writableNeedDrain) {
          // The client is not reading: stop reading its requests until it does, as node:http does.
          this.waitingForDrain = true;
          this.socket.pause();
          break;
        }
      }
    } finally {
      if (corked) this.socket.uncork();
    }
    this.pending = offset < buffer.length ? buffer.subarray(offset) : undefined;
    if (this.pending === undefined) {
      this.clearHeadTimer();
      // Between requests node:http waits keepAliveTimeout (plus a second) for the next one.
      const keepAlive = this.context.keepAliveTimeout();
      if (keepAlive > 0 && this.socket.timeout !== keepAlive + KEEP_ALIVE_BUFFER_MS) this.socket.setTimeout(keepAlive + KEEP_ALIVE_BUFFER_MS);
    } else if (!this.waitingForDrain && this.headTimer === undefined) {
      // A head begun: headersTimeout from its first byte, and no idle timeout while it arrives.
      this.socket.setTimeout(0);
      this.armHeadTimer(this.context.headersTimeout());
    }
  }

  /** End the connection (the server is closing) once what was written is sent. */
  end(): void {
    this.finish();
    this.socket.end(() => this.socket.destroy());
  }

  destroy(): void {
    this.finish();
    this.socket.destroy();
  }

  private handOff(unread: Buffer): void {
    this.finish(true);
    this.context.handOff(unread);
  }

  /** The fast path is done with this socket: stop listening to it (node:http takes it over when `handedOff`). */
  private finish(handedOff = false): void {
    if (this.done) return;
    this.done = true;
    this.clearHeadTimer();
    this.pending = undefined;
    const { socket } = this;
    socket.setTimeout(0);
    socket.removeListener('data', this.onData);
    socket.removeListener('drain', this.onDrain);
    socket.removeListener('end', this.onEnd);
    socket.removeListener('timeout', this.onTimeout);
    socket.removeListener('error', this.onError);
    socket.removeListener('close', this.onClose);
    // Errors after this point (a reset while a last response drains) must not go unhandled; node:http brings its own.
    if (!handedOff) socket.on('error', ignore);
    this.context.forget();
  }

  private armHeadTimer(ms: number): void {
    if (ms <= 0) return;
    this.headTimer = setTimeout(() => {
      this.headTimer = undefined;
      this.guard(() => {
        if (this.done) return;
        this.finish();
        this.context.clientError(Object.assign(new Error('Request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }));
      });
    }, ms);
    this.headTimer.unref();
  }

  private clearHeadTimer(): void {
    if (this.headTimer === undefined) return;
    clearTimeout(this.headTimer);
    this.headTimer = undefined;
  }

  /** Run `work`; if it throws, the socket goes, never the process. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.finish();
      this.socket.destroy();
      this.context.hooks.failed(error);
    }
  }
}

function ignore(): void {}
