/** Stable error codes: what a failure is, independent of its message. Stored on fetch rows and printed by the CLI. */
export type ErrorCode =
  // fetch
  | 'BAD_URL'
  | 'BLOCKED_ADDRESS'
  | 'DNS'
  | 'REFUSED'
  | 'RESET'
  | 'TLS'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'HTTP_STATUS'
  | 'BLOCKED_BY_CHALLENGE'
  | 'DECOMPRESS'
  | 'NETWORK'
  // parse
  | 'NOT_A_FEED'
  | 'TOO_COMPLEX'
  // config, usage, storage
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'DATABASE'
  | 'LEASE_LOST'
  | 'INTERNAL';

/** Base class for every error feedloom raises on purpose: a stable `code` and a one-line message. */
export class FeedloomError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FeedloomError';
    this.code = code;
  }
}

/** A fetch that did not produce a usable response. */
export class FetchError extends FeedloomError {
  readonly url: string;
  /** The HTTP status, for HTTP_STATUS. */
  readonly status: number | undefined;
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  readonly retryAfter: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: { url: string; status?: number; retryAfter?: string; cause?: unknown },
  ) {
    super(code, message, { cause: details.cause });
    this.name = 'FetchError';
    this.url = details.url;
    this.status = details.status;
    this.retryAfter = details.retryAfter;
  }
}

/** A feed a web page links to (`<link rel="alternate" type="application/rss+xml" href>`). */
export interface LinkedFeed {
  /** Absolute URL. */
  url: string;
  title?: string;
  type: string;
}

/** The document is not RSS, Atom or JSON Feed (or is too broken to read as one). */
export class NotAFeedError extends FeedloomError {
  /** When the document is a web page: the feeds it links to (possibly none). */
  readonly linkedFeeds: LinkedFeed[] | undefined;

  constructor(message: string, options?: { cause?: unknown; linkedFeeds?: LinkedFeed[] }) {
    super('NOT_A_FEED', message, options);
    this.name = 'NotAFeedError';
    this.linkedFeeds = options?.linkedFeeds;
  }
}

/** One problem in the configuration, located by its JSON path (`sources[3].url`). */
export interface ConfigProblem {
  path: string;
  message: string;
  /** Where in the file the path (or its nearest existing parent) starts, 1-based, when known. */
  line?: number;
  column?: number;
}

/** The configuration is invalid; `problems` lists every problem found. */
export class ConfigError extends FeedloomError {
  readonly problems: ConfigProblem[];
  readonly file: string;

  constructor(file: string, problems: ConfigProblem[]) {
    const first = problems[0];
    const summary = first ? `${first.path}: ${first.message}` : 'invalid';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super('CONFIG_INVALID', `${file}: ${summary}${more}`);
    this.name = 'ConfigError';
    this.problems = problems;
    this.file = file;
  }
}

/** Bad command-line usage. */
export class UsageError extends FeedloomError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/** Turn anything thrown into a FeedloomError, keeping the original as `cause`. */
export function toFeedloomError(error: unknown): FeedloomError {
  if (error instanceof FeedloomError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FeedloomError('INTERNAL', message, { cause: error });
}
