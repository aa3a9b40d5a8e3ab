import { UsageError } from '../../model/index.js';
import { exportItems } from '../../store/index.js';
import { stringOption } from '../args.js';
import { EXIT } from '../command.js';
import type { Command } from '../command.js';
import { openDatabase } from '../database.js';
import type { CliIo } from '../io.js';

const FORMATS = ['jsonl'] as const;

interface Drainable {
  once(event: 'drain', listener: () => void): unknown;
}

function drainable(stream: object): stream is Drainable {
  return 'once' in stream && typeof stream.once === 'function';
}

/** Write, and wait for the stream to drain when it asks to (a slow pipe must not make the export buffer everything). */
async function write(out: CliIo['stdout'], chunk: string): Promise<void> {
  if (out.write(chunk) === false && drainable(out)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** `feedloom export`: every stored item as one JSON line, streamed. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Print every stored item as JSON lines (id, source, guid, url, canonical_url, title, published, story, vendors, mentions)',
  usage: '[--format jsonl]',
  description: `One JSON object per line and per stored item, in id order: {"id", "source", "guid", "url", "canonical_url",
"title", "published", "story", "vendors", "mentions"}. "story" is the id of the story the item is in (items of one story
were judged to tell the same news; see \`feedloom explain\`), "vendors" the vendor ids it is about, "mentions" every
vendor id it names, passing mentions included (so "vendors" is among them). Items are
read in batches, so the export runs in constant memory however large the store is.`,
  options: {
    format: { type: 'string', valueName: 'FORMAT', help: 'output format: jsonl (the default, and the only one)' },
  },
  async run(args, io) {
    const format = stringOption(args, 'format') ?? 'jsonl';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format ${format}: not a known format (known: ${FORMATS.join(', ')})`);
    if (args.positionals.length > 0) throw new UsageError(`export: unexpected argument ${args.positionals[0] ?? ''}`);
    const handle = await openDatabase(io);
    try {
      for await (const batch of exportItems(handle.db)) await write(io.stdout, batch.map((item) => `${JSON.stringify(item)}\n`).join(''));
      return EXIT.ok;
    } finally {
      await handle.close();
    }
  },
};
