import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAFeedError } from '../../src/model/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { CORPORA, filesUnder } from './corpora.js';

/** Every document of these corpora must parse or be refused with NotAFeedError: nothing else may escape. */
const CORPUS_DIRS = ['feedparser', 'feedvalidator', 'gofeed', 'jsonfeed', 'real-world'];

describe('robustness over the shared corpora', () => {
  it.each(CORPUS_DIRS)('%s: no input crashes the parser', (corpus) => {
    const files = filesUnder(path.join(CORPORA, corpus)).filter(
      (f) => /\.(xml|json|rss|atom|rdf)$/.test(f) && !/(manifest|expectations)\.json$/.test(f),
    );
    expect(files.length).toBeGreaterThan(5);
    const crashes: string[] = [];
    for (const file of files) {
      try {
        const parsed = parseFeed({ body: readFileSync(file), url: 'http://127.0.0.1:8097/x' });
        expect(Array.isArray(parsed.entries)).toBe(true);
      } catch (error) {
        if (!(error instanceof NotAFeedError)) crashes.push(`${path.relative(CORPORA, file)}: ${String(error)}`);
      }
    }
    expect(crashes).toEqual([]);
  });

  it('survives truncation and byte corruption of a real feed', () => {
    const body = readFileSync(path.join(CORPORA, 'real-world/feedjira__TechCrunch.xml'));
    const crashes: string[] = [];
    for (let cut = 0; cut < body.length; cut += Math.ceil(body.length / 97)) {
      const variants = [body.subarray(0, cut), Buffer.concat([body.subarray(0, cut), Buffer.from([0xff, 0x3c, 0x26]), body.subarray(cut + 3)])];
      for (const variant of variants) {
        try {
          parseFeed({ body: variant });
        } catch (error) {
          if (!(error instanceof NotAFeedError)) crashes.push(`at ${cut}: ${String(error)}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });
});
