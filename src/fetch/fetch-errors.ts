import { FetchError } from '../model/errors.js';
import type { ErrorCode } from '../model/errors.js';
import { GuardError } from './address-guard.js';
import { isDecodingError } from './content-decoding.js';
import type { Deadline } from './deadline.js';

/** What a failure needs to be reported: where it happened and what the time budget was. */
export interface FailureContext {
  /** The URL being fetched when it failed (display form), with where the fetch started if redirected. */
  where: string;
  url: string;
  timeoutMs: number;
  deadline: Deadline;
  callerSignal: AbortSignal | undefined;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TLS_CODES = new Set(['EPROTO', 'HOSTNAME_MISMATCH', 'INVALID_CA', 'INVALID_PURPOSE', 'PATH_LENGTH_EXCEEDED']);
const TLS_PATTERN = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_)|SELF_SIGNED/;

/** Turn anything a fetch threw into a FetchError with a stable code and a one-line message. */
export function toFetchError(error: unknown, context: FailureContext): FetchError {
  if (error instanceof FetchError) return error;
  const at = { url: context.url, cause: error };
  if (context.deadline.expired()) {
    return new FetchError('TIMEOUT', `timed out after ${context.timeoutMs} ms fetching ${context.where}`, at);
  }
  if (context.callerSignal?.aborted) {
    const reason: unknown = context.callerSignal.reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return new FetchError(timedOut ? 'TIMEOUT' : 'NETWORK', `fetch of ${context.where} aborted by the caller`, at);
  }
  if (error instanceof GuardError) {
    const hint = error.hint ? ` (${error.hint})` : '';
    return new FetchError(error.code, `${error.message} fetching ${context.where}${hint}`, at);
  }
  if (isDecodingError(error)) {
    return new FetchError('DECOMPRESS', `cannot decode body (${oneLine(error)}) from ${context.where}`, at);
  }
  const { code, what } = classify(error);
  return new FetchError(code, `${what} fetching ${context.where}`, at);
}

/** The most specific classification found along the error's `cause` chain; NETWORK when none fits. */
function classify(error: unknown): { code: ErrorCode; what: string } {
  const chain: Error[] = [];
  for (let current: unknown = error; current instanceof Error && chain.length < 5; current = current.cause) {
    chain.push(current);
  }
  for (const link of chain) {
    const found = classifyOne(link);
    if (found) return found;
  }
  const code = chain.map(codeOf).find((candidate) => candidate !== '');
  return { code: 'NETWORK', what: `network error (${code ? `${code}: ` : ''}${oneLine(error)})` };
}

function classifyOne(error: Error): { code: ErrorCode; what: string } | undefined {
  const code = codeOf(error);
  if (DNS_CODES.has(code)) return { code: 'DNS', what: `DNS lookup failed (${code})` };
  if (code === 'ECONNREFUSED') return { code: 'REFUSED', what: 'connection refused' };
  if (RESET_CODES.has(code)) return { code: 'RESET', what: `connection reset (${code}: ${oneLine(error)})` };
  if (TIMEOUT_CODES.has(code) || error.name === 'TimeoutError') {
    return { code: 'TIMEOUT', what: `timed out (${code || error.name})` };
  }
  if (TLS_CODES.has(code) || TLS_PATTERN.test(code)) {
    const reason = (error as { reason?: unknown }).reason;
    return { code: 'TLS', what: `TLS failure (${code}: ${typeof reason === 'string' ? reason : oneLine(error)})` };
  }
  if (code === 'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE') return { code: 'TOO_LARGE', what: 'response too large' };
  if (error.name === 'HTTPParserError' || code.startsWith('HPE_')) {
    return { code: 'NETWORK', what: `invalid HTTP response (${oneLine(error)})` };
  }
  return undefined;
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
