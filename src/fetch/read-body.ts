import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FetchError } from '../model/errors.js';
import { createDecoder, decodingOrder, isDecodingError } from './content-decoding.js';

/** How to read one response body. */
export interface BodyLimits {
  contentEncoding: string | undefined;
  /** Cap on the decoded bytes, and on the bytes on the wire. */
  maxBytes: number;
  /** The URL, for the error's `url`. */
  url: string;
  /** The URL (and where a redirect came from), for messages. */
  where: string;
}

/** A whole response body, decoded. */
export interface ReadBody {
  body: Buffer;
  wireBytes: number;
}

/**
 * Read a body through a wire byte counter, our own decoders and a decoded byte counter, failing with
 * TOO_LARGE the moment either count passes `maxBytes`. Backpressure runs end to end, so memory stays
 * within `maxBytes` plus a few stream buffers however large the body claims or decodes to.
 */
export async function readBody(source: Readable, limits: BodyLimits): Promise<ReadBody> {
  const order = decodingOrder(limits.contentEncoding);
  if ('unsupported' in order) {
    discardBody(source);
    const message = `unsupported content-encoding "${order.unsupported}" from ${limits.where}`;
    throw new FetchError('DECOMPRESS', message, { url: limits.url });
  }
  const tooLargeMessage = `body larger than ${limits.maxBytes} bytes from ${limits.where}`;
  const tooLarge = (): FetchError => new FetchError('TOO_LARGE', tooLargeMessage, { url: limits.url });

  let wireBytes = 0;
  const wireMeter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      wireBytes += chunk.length;
      callback(wireBytes > limits.maxBytes ? tooLarge() : null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limits.maxBytes) return callback(tooLarge());
      chunks.push(chunk);
      callback();
    },
  });

  try {
    const input = order.codings.length > 0 ? await peeked(source) : { stream: source, first: undefined };
    if (!input) return { body: Buffer.alloc(0), wireBytes: 0 };
    const decoders = order.codings.map((coding, index) => createDecoder(coding, index === 0 ? input.first : undefined));
    await pipeline([input.stream, wireMeter, ...decoders, sink]);
  } catch (error) {
    discardBody(source);
    if (isDecodingError(error)) {
      const what = limits.contentEncoding ?? '';
      const reason = error instanceof Error ? error.message : String(error);
      throw new FetchError('DECOMPRESS', `cannot decode ${what} body (${reason}) from ${limits.where}`, {
        url: limits.url,
        cause: error,
      });
    }
    throw error;
  }
  return { body: Buffer.concat(chunks, size), wireBytes };
}

/** Stop reading a body we do not want, and close its connection; never throws. */
export function discardBody(source: Readable): void {
  // Destroying an unfinished body emits 'error'; without a listener that would crash the process.
  source.on('error', () => undefined);
  source.destroy();
}

/** Read the first chunk (to recognise the coded format) and hand back a stream that still starts with it. */
async function peeked(source: Readable): Promise<{ stream: Readable; first: Buffer } | undefined> {
  const rest = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head = await rest.next();
  if (head.done) return undefined;
  const first = head.value;
  async function* replay(): AsyncGenerator<Buffer> {
    yield first;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  }
  return { stream: Readable.from(replay(), { objectMode: false }), first };
}
