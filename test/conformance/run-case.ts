import { parseInputFrom } from '../../src/ingest/index.js';
import { NotAFeedError } from '../../src/model/index.js';
import type { ParseInput } from '../../src/parse/index.js';
import type { FetchResult, ParsedFeed } from '../../src/model/index.js';
import { expectFor, readCorpusFile, upstreamText } from './corpus.js';
import type { CorpusEntry } from './corpus.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { notAFeedResult, toFeedparserResult } from './feedparser-result.js';
import type { HttpFacts, SanitizeHtml } from './feedparser-result.js';
import { parseJsonResult } from './parse-json-result.js';
import type { ParseJson } from './parse-json-result.js';
import { check } from './pyexpr.js';
import { representationFor } from './representations.js';
import type { CheckOutcome, PyMapping } from './pyexpr.js';

/** What the harness needs from feedloom: the parse stage, the sanitiser and (for `http` cases) the fetch stage. */
export interface Feedloom {
  parseFeed(input: ParseInput): ParsedFeed;
  sanitize: SanitizeHtml;
  /** GET a URL from the local origin. */
  fetch(url: string): Promise<FetchResult>;
}

/** How one corpus file fared; `crash` means feedloom threw something other than NotAFeedError. */
export type CaseOutcome = CheckOutcome | { status: 'crash'; detail: string };

/** The Content-Type and other headers upstream's mock server sends for a file. */
export function responseHeaders(entry: Pick<CorpusEntry, 'headers'>): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'text/xml' };
  for (const [name, value] of entry.headers ?? []) headers[name.toLowerCase()] = value.trim();
  return headers;
}

/** The URL path the origin serves a file under: `/tests/<path>`, as upstream. */
export function servedPath(entry: Pick<CorpusEntry, 'path'>): string {
  return `/tests/${entry.path}`;
}

async function load(entry: CorpusEntry, feedloom: Feedloom, originUrl: string | undefined): Promise<{ parsed: ParsedFeed; http?: HttpFacts }> {
  const data = readCorpusFile(entry);
  if (entry.input === 'http') {
    if (!originUrl) throw new Error('http case without an origin');
    const response = await feedloom.fetch(`${originUrl}${servedPath(entry)}`);
    const http: HttpFacts = {
      headers: response.headers,
      ...(response.etag === undefined ? {} : { etag: response.etag }),
      ...(response.lastModified === undefined ? {} : { lastModified: response.lastModified }),
    };
    // Exactly what ingest hands the parse stage (base URL from Content-Location, Content-Language ...).
    const parsed = feedloom.parseFeed(parseInputFrom(response));
    return { parsed, http };
  }
  // Upstream passes `text` cases to feedparser as an already-decoded string (re-encoded as UTF-8 here).
  const body = entry.input === 'text' ? Buffer.from(upstreamText(data), 'utf8') : data;
  return { parsed: feedloom.parseFeed({ body }) };
}

/** Parse (or fetch and parse) one corpus file as upstream feeds it, map the result, evaluate its Expect line. */
export async function runCase(entry: CorpusEntry, feedloom: Feedloom, originUrl?: string): Promise<CaseOutcome> {
  const expression = expectFor(entry, originUrl);
  let result: PyMapping;
  let warnings: string[] = [];
  try {
    const { parsed, http } = await load(entry, feedloom, originUrl);
    warnings = parsed.warnings;
    result = toFeedparserResult(parsed, { sanitize: feedloom.sanitize, ...(http ? { http } : {}) });
  } catch (error) {
    if (!(error instanceof NotAFeedError)) {
      return { status: 'crash', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    result = notAFeedResult();
  }
  try {
    const outcome = check(expression, result);
    // A failed `not bozo` is easier to act on with the parser's warnings beside it.
    if (outcome.status === 'fail' && warnings.length > 0) return { ...outcome, detail: `${outcome.detail} [warnings: ${warnings.join(' | ')}]` };
    return outcome;
  } catch (error) {
    return { status: 'crash', detail: `while evaluating: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** What the `parse --jsonl` view needs: one input's bytes (or fetched response) to its `parse` JSON line. */
export interface FeedloomJson {
  /** The JSON `parse` prints for these bytes (`ok: false` with `error` when it is not a feed). */
  parseJson(input: ParseInput): ParseJson;
  fetch(url: string): Promise<FetchResult>;
}

/**
 * One corpus file as `feedloom parse --jsonl FILE` (or `URL`, for `http` cases) sees it — the raw bytes,
 * no upstream decoding — mapped strictly from the printed JSON, and its Expect line evaluated.
 */
export async function runCaseAsJson(entry: CorpusEntry, feedloom: FeedloomJson, originUrl?: string): Promise<{ outcome: CaseOutcome; representation?: string }> {
  const expression = expectFor(entry, originUrl);
  let json: ParseJson;
  try {
    if (entry.input === 'http') {
      if (!originUrl) throw new Error('http case without an origin');
      json = feedloom.parseJson(parseInputFrom(await feedloom.fetch(`${originUrl}${servedPath(entry)}`)));
    } else {
      json = feedloom.parseJson({ body: readCorpusFile(entry) });
    }
  } catch (error) {
    return { outcome: { status: 'crash', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } };
  }
  try {
    const outcome = check(expression, parseJsonResult(json));
    if (outcome.status !== 'fail') return { outcome };
    const said = json.error ?? json.warnings?.join(' | ');
    const representation = representationFor(expression, parseJsonResult(json, { emptyTextPresent: true }));
    return { outcome: said ? { ...outcome, detail: `${outcome.detail} [${said}]` } : outcome, ...(representation ? { representation } : {}) };
  } catch (error) {
    return { outcome: { status: 'crash', detail: `while evaluating: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** A local origin serving every `http` case of the corpus under its upstream path, with its `Header:` lines. */
export async function startCorpusOrigin(corpus: readonly CorpusEntry[]): Promise<Origin> {
  const origin = await startOrigin();
  for (const entry of corpus.filter((e) => e.input === 'http')) {
    origin.route(servedPath(entry), { body: readCorpusFile(entry), headers: responseHeaders(entry) });
  }
  return origin;
}
