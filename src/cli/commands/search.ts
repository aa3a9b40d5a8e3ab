import { UsageError } from '../../model/index.js';
import { SEARCH_PAGE_SIZE, searchStories } from '../../search/index.js';
import type { Marked, SearchResult } from '../../search/index.js';
import { flag, stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { openDatabase } from '../database.js';
import type { CliIo } from '../io.js';

/** Text with its marks in bold on a terminal, as it is elsewhere. */
function emphasise(marked: Marked, bold: boolean): string {
  if (!bold) return marked.text;
  let out = '';
  let at = 0;
  for (const [start, end] of marked.marks) {
    out += `${marked.text.slice(at, start)}\x1b[1m${marked.text.slice(start, end)}\x1b[22m`;
    at = end;
  }
  return out + marked.text.slice(at);
}

function printText(io: CliIo, result: Extract<SearchResult, { ok: true }>): void {
  const bold = io.stdout.isTTY === true;
  if (result.total === 0) {
    io.stdout.write(`No stories match ${JSON.stringify(result.query)}.\n`);
    return;
  }
  const first = (result.page - 1) * SEARCH_PAGE_SIZE + 1;
  io.stdout.write(`${result.total} ${result.total === 1 ? 'story matches' : 'stories match'} ${JSON.stringify(result.query)}; page ${result.page} of ${result.pages}${result.hits.length > 0 ? ` (${first}–${first + result.hits.length - 1})` : ''}\n`);
  for (const hit of result.hits) {
    const outlets = hit.storySources > 1 ? ` · ${hit.storySources} outlets` : '';
    io.stdout.write(`\n${emphasise(hit.title, bold)}\n  ${hit.source.title} · ${hit.published ?? 'undated'} · story ${hit.storyId}${outlets}\n`);
    if (hit.url) io.stdout.write(`  ${hit.url}\n`);
    if (hit.snippet.text) io.stdout.write(`  ${emphasise(hit.snippet, bold)}\n`);
  }
}

/** `feedloom search`: full-text search over the stored items, one hit per story. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'Full-text search over stored items (title, text, source, vendors), one hit per story',
  usage: 'QUERY... [--page N] [--relevance] [--json]',
  description: `Words must all occur (stemmed: "patches" finds "patched"); "a quoted phrase" must occur as written.
Nothing else is syntax: AND, OR, NOT, *, :, parentheses are searched as text. Results are stories, newest
first (--relevance: best match first), 20 a page; each shows the story's best-matching item with the words
found marked (bold on a terminal). --json prints one object: query, total, page, pages and hits, each with
story, item, title, url, source, published, outlets, snippet and marks ([start, end) offsets into the title
and the snippet). A query that cannot run (empty, too long, an unbalanced quote) exits 2 with the reason.`,
  options: {
    page: { type: 'string', valueName: 'N', help: 'page of results (default 1)' },
    relevance: { type: 'boolean', help: 'best match first instead of newest first' },
    json: { type: 'boolean', help: 'print the results as one JSON object' },
  },
  async run(args, io) {
    const query = args.positionals.join(' ');
    const pageText = stringOption(args, 'page') ?? '1';
    if (!/^[1-9]\d{0,3}$/.test(pageText)) throw new UsageError(`search: --page ${pageText}: not a page number`);
    const handle = await openDatabase(io);
    try {
      const result = await searchStories(handle.db, query, { page: Number(pageText), order: flag(args, 'relevance') ? 'relevance' : 'newest' });
      if (!result.ok) throw new UsageError(`search: ${result.message}`);
      if (!flag(args, 'json')) {
        printText(io, result);
        return EXIT.ok;
      }
      const hits = result.hits.map((hit) => ({
        story: hit.storyId, item: hit.itemId, title: hit.title.text, url: hit.url, source: hit.source.id, published: hit.published,
        outlets: hit.storySources, snippet: hit.snippet.text, marks: { title: hit.title.marks, snippet: hit.snippet.marks },
      }));
      io.stdout.write(`${JSON.stringify({ query: result.query, order: result.order, total: result.total, page: result.page, pages: result.pages, hits })}\n`);
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
