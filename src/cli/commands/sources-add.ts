import { createInterface } from 'node:readline/promises';
import { httpUrlProblem } from '../../config/index.js';
import type { Config } from '../../config/index.js';
import { fetchFeed, proxySettings } from '../../fetch/index.js';
import { parseInputFrom } from '../../ingest/index.js';
import { FeedloomError, NotAFeedError, UsageError } from '../../model/index.js';
import type { FetchResult, LinkedFeed, NormalisedFeed } from '../../model/index.js';
import { normaliseFeed } from '../../normalise/index.js';
import { parseFeed } from '../../parse/index.js';
import { addConfiguredSource, isSlug } from '../../sources/index.js';
import type { CliIo } from '../io.js';

/** What the operator gave `sources add`. */
export interface AddRequest {
  url: string;
  id?: string;
  title?: string;
  tags: string[];
  /** 1-based choice among the feeds an HTML page links to. */
  pick?: number;
}

/** A fetched URL: a feed, or a page and the feeds it links to. */
type Probe = { kind: 'feed'; response: FetchResult; feed: NormalisedFeed } | { kind: 'page'; response: FetchResult; feeds: LinkedFeed[] };

async function probe(url: string, config: Config, io: CliIo): Promise<Probe> {
  const response = await fetchFeed({
    url, userAgent: config.fetch.userAgent, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes,
    allowPrivateNetworks: config.fetch.allowPrivateNetworks, proxy: proxySettings(config.fetch.proxy, io.env),
  });
  try {
    return { kind: 'feed', response, feed: normaliseFeed(parseFeed(parseInputFrom(response), config.limits), config.limits) };
  } catch (error) {
    if (!(error instanceof FeedloomError) || error.code !== 'NOT_A_FEED') throw error;
    // The parse stage names the feeds a web page links to (and none for anything else that is not a feed).
    return { kind: 'page', response, feeds: error instanceof NotAFeedError ? error.linkedFeeds ?? [] : [] };
  }
}

/** Ask on the terminal which feed to take; undefined when there is no terminal to ask on. */
async function prompt(count: number, io: CliIo): Promise<number | undefined> {
  if (!process.stdin.isTTY || !io.stdout.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Which feed? [1-${count}] `);
    const n = Number(answer.trim());
    return Number.isInteger(n) && n >= 1 && n <= count ? n : undefined;
  } finally {
    rl.close();
  }
}

/** The feed URL to add: `request.url` itself, or the one chosen among the feeds an HTML page advertises. */
async function chooseFeed(request: AddRequest, config: Config, io: CliIo): Promise<{ url: string; feed: NormalisedFeed }> {
  const first = await probe(request.url, config, io);
  if (first.kind === 'feed') return { url: first.response.permanentRedirect ?? request.url, feed: first.feed };
  if (first.feeds.length === 0) throw new FeedloomError('NOT_A_FEED', `${request.url} is not a feed and links to no feed (<link rel="alternate">)`);
  io.stdout.write(`${request.url} is a web page; it links to ${first.feeds.length} feed${first.feeds.length === 1 ? '' : 's'}:\n`);
  first.feeds.forEach((f, i) => io.stdout.write(`  ${i + 1}. ${f.url}${f.title ? `  "${f.title}"` : ''}  (${f.type})\n`));
  const pick = request.pick ?? (first.feeds.length === 1 ? 1 : await prompt(first.feeds.length, io));
  if (pick === undefined) throw new UsageError(`sources add: choose one of the ${first.feeds.length} feeds with --pick N`);
  const chosen = first.feeds[pick - 1];
  if (chosen === undefined) throw new UsageError(`sources add: --pick ${pick}: choose 1 to ${first.feeds.length}`);
  const second = await probe(chosen.url, config, io);
  if (second.kind !== 'feed') throw new FeedloomError('NOT_A_FEED', `${chosen.url} (linked from ${request.url}) is not a feed`);
  return { url: second.response.permanentRedirect ?? chosen.url, feed: second.feed };
}

/** `feedloom sources add URL`: fetch it, find the feed, and append it to the config file. */
export async function addSource(request: AddRequest, config: Config, file: string, io: CliIo): Promise<void> {
  const problem = httpUrlProblem(request.url);
  if (problem !== undefined) throw new UsageError(`sources add: ${request.url}: ${problem}`);
  if (request.id !== undefined && !isSlug(request.id)) throw new UsageError(`sources add: --id ${request.id}: use lower-case letters, digits and single hyphens`);
  const badTag = request.tags.find((t) => !isSlug(t));
  if (badTag !== undefined) throw new UsageError(`sources add: --tags: "${badTag}" is not a valid tag (lower-case letters, digits, hyphens)`);
  const taken = new Set(config.sources.map((s) => s.id));
  if (request.id !== undefined && taken.has(request.id)) throw new UsageError(`sources add: --id ${request.id}: a source already has that id`);
  const { url, feed } = await chooseFeed(request, config, io);
  const title = request.title ?? (feed.feed.title || undefined);
  const siteUrl = feed.feed.link && httpUrlProblem(feed.feed.link) === undefined ? feed.feed.link : undefined;
  // Checked again on the file as it is now, under its lock: another `sources add` may have written meanwhile.
  const entry = await addConfiguredSource(file, {
    url, tags: request.tags, ...(request.id !== undefined ? { id: request.id } : {}),
    ...(title !== undefined ? { title } : {}), ...(siteUrl !== undefined ? { siteUrl } : {}),
  });
  io.stdout.write(`added "${entry.id}": ${url}${title ? ` (${title})` : ''}, ${feed.items.length} items listed now; a running worker picks it up on its next tick\n`);
}
