import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { compileVendorTagger } from '../../src/tag/index.js';
import { formatScore, scoreTagging } from './tag-metrics.js';
import type { LabelledItem } from './tag-metrics.js';

const FLOORS = { precision: 0.98, recall: 0.95 };

const config = await loadConfig(path.resolve(process.cwd(), 'feeds.config.json'));
const fixture = JSON.parse(await readFile(new URL('./fixtures/vendor-eval.json', import.meta.url), 'utf8')) as { items: LabelledItem[] };
const vendorIds = config.vendors.map((vendor) => vendor.id);
const matcher = compileVendorTagger(config.vendors);
// As the normaliser builds it: the item's text is its title followed by its body.
const predict = (item: LabelledItem): string[] =>
  matcher.match({ title: item.title, text: `${item.title} ${item.lead}` }).map((mention) => mention.vendorId);

describe('vendor tagging evaluation set', () => {
  it('is a well-formed set of at least 150 items labelled with shipped vendor ids', () => {
    expect(fixture.items.length).toBeGreaterThanOrEqual(150);
    expect(new Set(fixture.items.map((item) => item.id)).size).toBe(fixture.items.length);
    for (const item of fixture.items) {
      expect(item.title.trim(), item.id).not.toBe('');
      expect(item.lead.trim(), item.id).not.toBe('');
      expect(vendorIds, item.id).toEqual(expect.arrayContaining(item.vendors));
    }
  });

  it('labels every shipped vendor at least once, and has hard negatives', () => {
    const labelled = new Set(fixture.items.flatMap((item) => item.vendors));
    expect(vendorIds.filter((id) => !labelled.has(id))).toEqual([]);
    expect(fixture.items.filter((item) => item.vendors.length === 0).length).toBeGreaterThanOrEqual(30);
  });

  it(`reaches precision >= ${FLOORS.precision} and recall >= ${FLOORS.recall} (micro-average)`, () => {
    const score = scoreTagging(fixture.items, predict, vendorIds);
    const errors = score.errors.map(({ id, vendor, kind }) => {
      const item = fixture.items.find((candidate) => candidate.id === id);
      return `  ${id} ${kind} ${vendor}: ${item?.title ?? ''}${item?.note ? ` (${item.note})` : ''}`;
    });
    console.log(`${formatScore(score)}\n\nerrors (${errors.length}):\n${errors.join('\n')}`);
    expect(score.micro.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(score.micro.recall).toBeGreaterThanOrEqual(FLOORS.recall);
  });
});
