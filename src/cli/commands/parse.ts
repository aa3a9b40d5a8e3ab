import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import type { Config } from '../../config/index.js';
import { fetchFeed, proxySettings } from '../../fetch/index.js';
import type { NormalisedFeed } from '../../model/index.js';
import type { DocumentLimits } from '../../model/index.js';
import { DEFAULT_DOCUMENT_LIMITS, FeedloomError, toFeedloomError } from '../../model/index.js';
import { normaliseFeed } from '../../normalise/index.js';
import { decodeDocument, parseFeed } from '../../parse/index.js';
import type { ParseInput } from '../../parse/index.js';
import { parseInputFrom } from '../../ingest/index.js';
import { flag, stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { optionalConfig } from '../context.js';


/** The bytes of one input and what they are said to be. */
type Loaded = ParseInput;

async function load(
  input: string,
  options: { contentType?: string; base?: string; allowPrivate: boolean; env: Record<string, string | undefined> },
  config: Config | undefined,
): Promise<Loaded> {
  if (/^https?:\/\//i.test(input)) {
    const fetchSettings = config?.fetch ?? DEFAULTS.fetch;
    const result = await fetchFeed({
      url: input,
      userAgent: fetchSettings.userAgent,
      timeoutMs: fetchSettings.timeoutMs,
      maxBytes: fetchSettings.maxBytes,
      allowPrivateNetworks: options.allowPrivate || (config?.fetch.allowPrivateNetworks ?? false),
      proxy: proxySettings(config?.fetch.proxy ?? null, options.env),
    });
    const fetched = parseInputFrom(result);
    return { ...fetched, ...(options.contentType ? { contentType: options.contentType } : {}), ...(options.base ? { url: options.base } : {}) };
  }
  try {
    const body = await readFile(input);
    return { body, ...(options.contentType ? { contentType: options.contentType } : {}), ...(options.base ? { url: options.base } : {}) };
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new FeedloomError('USAGE', `${input}: ${why}`);
  }
}

/** File names a directory argument expands to. */
const FEED_FILE = /\.(xml|rss|rdf|atom|json|feed)$/i;

/**
 * Expand directory arguments to the feed-like files under them (recursively, sorted), so a whole corpus is
 * one short command line: npx passes its arguments through one shell string, which the OS caps at 128 KiB.
 */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = /^https?:\/\//i.test(input) ? undefined : await stat(input).catch(() => undefined);
    if (!info?.isDirectory()) {
      out.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    out.push(...entries
      .filter((e) => e.isFile() && FEED_FILE.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      .sort());
  }
  return out;
}

/** The DESIGN.md `parse` JSON for one normalised document. */
export function parseJson(feed: NormalisedFeed): Record<string, unknown> {
  return {
    ok: true,
    encoding: feed.encoding,
    format: feed.format,
    warnings: feed.warnings,
    feed: feed.feed,
    items: feed.items.map((item) => ({
      id: item.id, url: item.url, title: item.title, summary: item.summary, content: item.content,
      authors: item.authors, categories: item.categories, published: item.published, updated: item.updated,
      enclosures: item.enclosures,
    })),
  };
}

/**
 * The `parse` JSON of one loaded input: the normalised feed, or `ok: false` with the error (and the
 * charset the bytes were read with, which is worth knowing even when they were not a feed).
 */
export function parseOutput(loaded: ParseInput, input?: string, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Record<string, unknown> {
  try {
    return parseJson(normaliseFeed(parseFeed(loaded, limits), limits));
  } catch (thrown) {
    const error = toFeedloomError(thrown);
    const message = input === undefined || error.message.includes(input) ? error.message : `${input}: ${error.message}`;
    return { ok: false, encoding: decodeDocument(loaded.body, loaded.contentType).encoding, error: `${error.code}: ${message}` };
  }
}

/** `feedloom parse FILE_OR_URL...`: print the normalised feed as JSON. */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'Print the normalised feed as JSON',
  usage: 'FILE_OR_URL_OR_DIR... [--jsonl] [--content-type CT] [--base URL]',
  description: `Reads each file or URL, detects RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1, and prints
what feedloom would store: absolute URLs, plain-text titles, sanitised HTML, UTC dates. With one input the
output is one JSON object; with several, a JSON array; with --jsonl, one line per input that also carries
"input", "ok" and, on failure, "error" (it keeps going after a bad input). A directory stands for every
.xml/.rss/.rdf/.atom/.json/.feed file under it. Exits 1 if any input failed.`,
  options: {
    jsonl: { type: 'boolean', help: 'one JSON line per input, with "input", "ok" and "error"' },
    'content-type': { type: 'string', valueName: 'CT', help: 'read the input as if served with this Content-Type (charset included)' },
    base: { type: 'string', valueName: 'URL', help: 'the document URL that relative links resolve against' },
    'allow-private-networks': { type: 'boolean', help: 'allow fetching from private, loopback and link-local addresses' },
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new FeedloomError('USAGE', 'parse: give at least one FILE or URL');
    const config = await optionalConfig(io);
    const jsonl = flag(args, 'jsonl');
    const contentType = stringOption(args, 'content-type');
    const base = stringOption(args, 'base');
    if (base !== undefined && !URL.canParse(base)) throw new FeedloomError('USAGE', `parse: --base ${base}: not an absolute URL`);
    const options = { ...(contentType ? { contentType } : {}), ...(base ? { base } : {}), allowPrivate: flag(args, 'allow-private-networks'), env: io.env };
    const outputs: Record<string, unknown>[] = [];
    let failures = 0;
    const inputs = await expandInputs(args.positionals);
    for (const input of inputs) {
      let json: Record<string, unknown>;
      try {
        json = parseOutput(await load(input, options, config), input, config?.limits);
      } catch (thrown) {
        const error = toFeedloomError(thrown);
        json = { ok: false, error: `${error.code}: ${error.message.includes(input) ? error.message : `${input}: ${error.message}`}` };
      }
      if (json['ok'] !== true) {
        failures++;
        if (!jsonl) io.stderr.write(`feedloom parse: ${String(json['error']).replace(/^[A-Z_]+: /, '')}\n`);
      }
      if (jsonl) io.stdout.write(`${JSON.stringify({ input, ...json })}\n`);
      else if (json['ok'] === true) outputs.push(json);
    }
    if (!jsonl && outputs.length > 0) {
      io.stdout.write(`${JSON.stringify(inputs.length === 1 && args.positionals.length === 1 ? outputs[0] : outputs, null, 2)}\n`);
    }
    return failures > 0 ? EXIT.failed : EXIT.ok;
  },
};
