/**
 * The contenders of `npm run bench:parse`, one row each. Each runs in a process of its own: a Node contender's
 * `load` sets it up (outside the timing) and returns a function that reads one round of documents and returns the
 * items it found; another program's `command` runs it (it prints its rounds itself). To add a row, add an entry.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { normaliseFeed } from '../src/normalise/index.js';
import { parseFeed } from '../src/parse/index.js';
import { CpuPool, readDocument } from '../src/work/index.js';
import type { Doc } from './parse-corpora.js';

/** Reads every document of one round; returns how many items it found (0 for a contender without a feed model). */
export type Round = (docs: readonly Doc[]) => Promise<number> | number;

/** One row of the table. */
export interface Contender {
  name: string;
  /** For a Node contender, run in a child process of the bench. */
  load?(): Promise<Round> | Round;
  /** For another program: the command and arguments that measure it on the sets under `dir`; undefined when not installed. */
  command?(dir: string): [string, string[]] | undefined;
  /** Run in the first turn only (a contender whose rounds take seconds, to keep the run within minutes). */
  firstTurnOnly?: boolean;
}

/** A Python that can import feedparser (Debian's python3-feedparser lives beside the system Python). */
function pythonWithFeedparser(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import feedparser']).status === 0);
}

const URL = 'https://example.com/feed';

/** Failures count as 0 items; the time spent on them still counts. */
function each(read: (doc: Doc) => number): Round {
  return (docs) => {
    let items = 0;
    for (const doc of docs) {
      try {
        items += read(doc);
      } catch {
        // a document this contender cannot read: no items
      }
    }
    return items;
  };
}

export const contenders: Contender[] = [
  {
    name: 'feedloom single thread (parse+normalise+sanitise)',
    load: () => each((doc) => normaliseFeed(parseFeed({ body: doc.body, url: URL })).items.length),
  },
  {
    // What the pool's threads run, in this one: the same work as the next row, without the threads.
    name: 'feedloom single thread (read → records)',
    load: () => each((doc) => {
      const outcome = readDocument({ kind: 'document', input: { body: doc.body, url: URL } });
      return outcome.ok ? outcome.itemsSeen : 0;
    }),
  },
  {
    // The CPU pool as ingest uses it: each document's bytes moved to a worker thread, read there (parse, normalise,
    // sanitise, and the store's records with their content hashes), the records cloned back. By CPU time this row
    // counts every thread of the process; by wall time it shows what the threads add.
    name: `feedloom pool, ${availableParallelism()} threads (read → records)`,
    load: async () => {
      const pool = new CpuPool();
      // Let the threads load their modules outside the timing.
      await Promise.all(Array.from({ length: pool.threads }, () => pool.run({ kind: 'document', input: { body: Buffer.from('<rss/>') } })));
      return async (docs) => {
        const outcomes = await Promise.all(docs.map((doc) => {
          const body = new Uint8Array(doc.body); // a fresh copy per round, as a fetch gives: the transfer empties it
          return pool.run({ kind: 'document', input: { body, url: URL } }, { transfer: [body.buffer] });
        }));
        return outcomes.reduce((n, outcome) => n + (outcome.ok ? outcome.itemsSeen : 0), 0);
      };
    },
  },
  {
    name: 'feedloom parse stage only',
    load: () => each((doc) => parseFeed({ body: doc.body, url: URL }).entries.length),
  },
  {
    name: 'rss-parser parseString',
    load: () => async (docs) => {
      let items = 0;
      for (const doc of docs) {
        try {
          items += (await new Parser().parseString(doc.body.toString('utf8'))).items.length;
        } catch {
          // as above
        }
      }
      return items;
    },
  },
  {
    name: 'Python feedparser (parse)',
    firstTurnOnly: true,
    command: (dir) => {
      const python = pythonWithFeedparser();
      return python ? [python, ['bench/feedparser-rounds.py', 'Python feedparser (parse)', dir]] : undefined;
    },
  },
  {
    name: 'fast-xml-parser raw (no feed model)',
    load: () =>
      each((doc) => {
        new XMLParser({ ignoreAttributes: false }).parse(doc.body.toString('utf8'));
        return 0;
      }),
  },
];
