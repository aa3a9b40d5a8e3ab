import { readFileSync } from 'node:fs';

/** One outlet of the evaluation sets: a feed with its format and habits. */
export interface EvalOutlet {
  id: string;
  title: string;
  format: 'rss' | 'atom' | 'json';
  site: string;
  /** The feed carries whole articles (RSS content:encoded, Atom content) besides a summary. */
  fullContent: boolean;
  /** HTML appended to every item, `{url}` and `{title}` filled in (WordPress's "The post … appeared first on …"). */
  footer?: string;
}

/** A later version of an item: same guid, new content, published in the feed from `at`. */
export interface EvalUpdate {
  at: string;
  title?: string;
  html?: string;
}

/** One labelled item: what its outlet's feed carries, the story an editor files it under, and the vendors it is about. */
export interface EvalItem {
  id: string;
  outlet: string;
  story: string;
  /** The vendors it is about. */
  vendors: string[];
  /** Every vendor it names, passing mentions included (a superset of `vendors`). */
  mentions?: string[];
  /** The feed's id for the item; the URL when absent (RSS permalink guid). */
  guid?: string;
  url: string;
  published: string;
  title: string;
  /** The article (full-content outlets) or the summary (the others) as HTML or plain text. */
  html: string;
  /** A full-content outlet's own excerpt; else the first paragraph of `html`. */
  summary?: string;
  updates?: EvalUpdate[];
  note?: string;
}

/** An evaluation set: its items and the outlets they come from. */
export interface EvalSet {
  name: string;
  outlets: EvalOutlet[];
  items: EvalItem[];
}

const FIXTURES = new URL('./fixtures/', import.meta.url);

/**
 * Load `fixtures/<name>.json`, checking that every item names a known outlet: the set's own `outlets` when it has
 * them, else the shared ones of `outlets.json`.
 */
export function loadEvalSet(name: string): EvalSet {
  const file = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as { items: EvalItem[]; outlets?: EvalOutlet[] };
  const items = file.items;
  const outlets = file.outlets
    ?? (JSON.parse(readFileSync(new URL('outlets.json', FIXTURES), 'utf8')) as { outlets: EvalOutlet[] }).outlets;
  const known = new Set(outlets.map((o) => o.id));
  for (const item of items) {
    if (!known.has(item.outlet)) throw new Error(`${name}: item ${item.id} names unknown outlet ${item.outlet}`);
  }
  return { name, outlets: outlets.filter((o) => items.some((i) => i.outlet === o.id)), items };
}

/** The item's guid as its feed states it. */
export function guidOf(item: EvalItem): string {
  return item.guid ?? item.url;
}

/** The version of an item its feed shows at `time` (the latest update published by then). */
export function versionAt(item: EvalItem, time: number): { title: string; html: string; summary?: string } {
  let version: { title: string; html: string; summary?: string } = {
    title: item.title, html: item.html, ...(item.summary !== undefined ? { summary: item.summary } : {}),
  };
  for (const update of item.updates ?? []) {
    if (Date.parse(update.at) <= time) version = { ...version, ...(update.title ? { title: update.title } : {}), ...(update.html ? { html: update.html } : {}) };
  }
  return version;
}
