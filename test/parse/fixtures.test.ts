import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

// Fixture pairs: `x.xml` (or `x.jsonfeed`) beside `x.json`, the expected ParsedFeed.
// UPDATE_FIXTURES=1 rewrites the expectations from the current parser (review the diff!).
const dir = path.resolve(process.cwd(), 'test/parse/fixtures');
const inputs = readdirSync(dir).filter((f) => /\.(xml|jsonfeed)$/.test(f));
const update = process.env.UPDATE_FIXTURES === '1';

describe('parse fixtures', () => {
  it('has fixtures to check', () => {
    expect(inputs.length).toBeGreaterThan(5);
  });

  for (const input of inputs) {
    it(input, () => {
      const body = readFileSync(path.join(dir, input));
      const parsed = parseFeed({ body, url: `https://feeds.example.com/${input}` });
      const expectedPath = path.join(dir, input.replace(/\.(xml|jsonfeed)$/, '.json'));
      const actual: unknown = JSON.parse(JSON.stringify(parsed));
      if (update || !existsSync(expectedPath)) {
        writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
        if (!update) throw new Error(`wrote missing expectation ${expectedPath}; review it and run again`);
        return;
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
