import { normaliseFeed } from '../../src/normalise/index.js';
import type { NormalisedItem } from '../../src/model/index.js';
import { parseFeed } from '../../src/parse/index.js';
import { renderFeed } from './eval-feeds.js';
import type { EvalItem, EvalSet } from './eval-set.js';

/** A labelled item as the ingest path normalises it (its last version), beside its label. */
export interface NormalisedEvalItem {
  label: EvalItem;
  item: NormalisedItem;
}

const END_OF_TIME = Date.parse('2100-01-01T00:00:00Z');

/**
 * Every item of a set through the real parse and normalise stages: each rendered alone in its outlet's feed
 * format (RSS, Atom or JSON Feed, with the outlet's footer), as its feed reads after its last update.
 */
export function normalisedEvalItems(set: EvalSet): NormalisedEvalItem[] {
  const outlets = new Map(set.outlets.map((o) => [o.id, o]));
  return set.items.map((label) => {
    const outlet = outlets.get(label.outlet);
    if (outlet === undefined) throw new Error(`${set.name}: item ${label.id} names unknown outlet ${label.outlet}`);
    const feed = renderFeed(outlet, [label], END_OF_TIME);
    const normalised = normaliseFeed(parseFeed({ body: Buffer.from(feed.body, 'utf8'), url: outlet.site, contentType: feed.contentType }));
    const item = normalised.items[0];
    if (item === undefined) throw new Error(`${set.name}: item ${label.id} did not survive parsing`);
    return { label, item };
  });
}
