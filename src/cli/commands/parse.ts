import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULTS } from '../../config/index.js';
import type { Config } from '../../config/index.js';
import { fetchFeed, proxySettings } from '../../fetch/index.js';
import { FeedloomError, toFeedloomError } from '../../model/index.js';
import type { ParseInput } from '../../parse/index.js';
import { CpuPool, movable, parseJsonOf } from '../../work/index.js';
import type { ParseJsonResult } from '../../work/index.js';
import { parseInputFrom } from '../../ingest/index.js';
import { flag, stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { optionalConfig } from '../context.js';
import { cpuPool } from '../../ingest/index.js';


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

export { parseJson, parseOutput } from '../../work/index.js';

/**
 * The outputs of `inputs` in their order, each as soon as it and those before it are done. With several inputs the
 * documents are read in the pool's worker threads, a few per thread at a time (so memory holds only those), while
 * this thread loads the next ones; with one, in this thread (a thread would cost more to start than it saves).
 */
async function eachOutput(
  inputs: string[], read: (input: string) => Promise<ParseJsonResult>, threads: number, emit: (output: ParseJsonResult) => void,
): Promise<void> {
  const window: Promise<ParseJsonResult>[] = [];
  for (const input of inputs) {
    window.push(read(input));
    if (window.length >= threads * 2) {
      const head = window.shift();
      if (head) emit(await head);
    }
  }
  for (const head of window) emit(await head);
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
    const pool = inputs.length > 1 ? (config ? cpuPool(config) : new CpuPool()) : undefined;
    const read = async (input: string): Promise<ParseJsonResult> => {
      try {
        const loaded = await load(input, options, config);
        const task = { kind: 'parse-json', input: loaded, label: input, line: jsonl, ...(config ? { limits: config.limits } : {}) } as const;
        if (!pool) return parseJsonOf(task);
        const body = movable(loaded.body);
        return await pool.run({ ...task, input: { ...loaded, body } }, { transfer: [body.buffer] });
      } catch (thrown) {
        const error = toFeedloomError(thrown);
        const json = { ok: false, error: `${error.code}: ${error.message.includes(input) ? error.message : `${input}: ${error.message}`}` };
        return { ok: false, error: json.error, ...(jsonl ? { line: JSON.stringify({ input, ...json }) } : { json }) };
      }
    };
    try {
      await eachOutput(inputs, read, pool?.threads ?? 1, (output) => {
        if (!output.ok) {
          failures++;
          if (!jsonl) io.stderr.write(`feedloom parse: ${String(output.error).replace(/^[A-Z_]+: /, '')}\n`);
        }
        if (output.line !== undefined) io.stdout.write(`${output.line}\n`);
        else if (output.ok && output.json) outputs.push(output.json);
      });
    } finally {
      await pool?.close();
    }
    if (!jsonl && outputs.length > 0) {
      io.stdout.write(`${JSON.stringify(inputs.length === 1 && args.positionals.length === 1 ? outputs[0] : outputs, null, 2)}\n`);
    }
    return failures > 0 ? EXIT.failed : EXIT.ok;
  },
};
