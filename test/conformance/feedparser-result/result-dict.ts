import { NotApplicable, isMapping } from '../pyexpr.js';
import type { PyMapping, PyValue } from '../pyexpr.js';

/** feedparser's FeedParserDict.keymap: old names read through to the current ones. */
const KEYMAP: Readonly<Record<string, readonly string[]>> = {
  channel: ['feed'],
  items: ['entries'],
  guid: ['id'],
  date: ['updated'],
  date_parsed: ['updated_parsed'],
  description: ['summary', 'subtitle'],
  description_detail: ['summary_detail', 'subtitle_detail'],
  url: ['href'],
  modified: ['updated'],
  modified_parsed: ['updated_parsed'],
  issued: ['published'],
  issued_parsed: ['published_parsed'],
  copyright: ['rights'],
  copyright_detail: ['rights_detail'],
  tagline: ['subtitle'],
  tagline_detail: ['subtitle_detail'],
};

/** A field computed on first read (sanitising is not free), then kept so lists keep their identity. */
export type Field = () => PyValue;

/**
 * Which keys a dict can answer. `closed`: every key feedparser could have is modelled, so an absent
 * key is a KeyError. Otherwise only `modelled` keys can be absent (KeyError); any other key is
 * NotApplicable: feedloom's model does not carry it.
 */
export type Coverage = { kind: 'closed' } | { kind: 'open'; modelled: ReadonlySet<string> };

/**
 * A read-only FeedParserDict over feedloom values: feedparser's aliases (`description`, `guid`,
 * `copyright`, `url`, ...), `category` (first tag's term), `license` (rel="license" link) and the
 * `updated` → `published` fallback, with absent-versus-not-modelled kept apart.
 */
export class ResultDict implements PyMapping {
  readonly kind = 'mapping';
  private readonly cache = new Map<string, PyValue>();

  constructor(
    readonly path: string,
    private readonly fields: ReadonlyMap<string, Field>,
    private readonly coverage: Coverage,
  ) {}

  lookup(key: string): PyValue | undefined {
    if (key === 'category') return this.category();
    if (key === 'license') return this.license();
    if (key === 'updated' || key === 'updated_parsed') {
      const published = key === 'updated' ? 'published' : 'published_parsed';
      return this.fields.has(key) ? this.read([key]) : this.fields.has(published) ? this.read([published]) : this.read([key]);
    }
    // Like FeedParserDict: try the current names, then the key as written.
    return this.read([...(KEYMAP[key] ?? []), key], key);
  }

  /** `key in dict`: like lookup, except that `updated` does not fall back (as in feedparser). */
  has(key: string): boolean {
    if (key === 'updated' || key === 'updated_parsed') {
      if (this.fields.has(key)) return true;
      this.read([key]);
      return false;
    }
    return this.lookup(key) !== undefined;
  }

  keys(): string[] {
    if (this.coverage.kind === 'open') throw new NotApplicable(`${this.path} (every key)`);
    return [...this.fields.keys()];
  }

  private read(candidates: readonly string[], asked = candidates[0] ?? ''): PyValue | undefined {
    for (const key of candidates) {
      const field = this.fields.get(key);
      if (!field) continue;
      if (!this.cache.has(key)) this.cache.set(key, field());
      return this.cache.get(key);
    }
    const coverage = this.coverage;
    if (coverage.kind === 'closed' || candidates.some((key) => coverage.modelled.has(key)) || coverage.modelled.has(asked)) {
      return undefined;
    }
    throw new NotApplicable(`${this.path}.${asked}`);
  }

  private category(): PyValue | undefined {
    const tags = this.read(['tags']);
    const first = Array.isArray(tags) ? tags[0] : undefined;
    return isMapping(first) ? first.lookup('term') : undefined;
  }

  private license(): PyValue | undefined {
    const links = this.read(['links']);
    if (!Array.isArray(links)) return undefined;
    for (const link of links) {
      if (isMapping(link) && link.lookup('rel') === 'license' && link.lookup('href') !== undefined) return link.lookup('href');
    }
    return undefined;
  }
}

/** Build a ResultDict from `[key, field | undefined]` pairs: undefined fields are left out (absent). */
export function resultDict(path: string, entries: [string, Field | undefined][], coverage: Coverage): ResultDict {
  const fields = new Map<string, Field>();
  for (const [key, field] of entries) if (field) fields.set(key, field);
  return new ResultDict(path, fields, coverage);
}

/** A closed dict of plain values (links, persons, tags): undefined values are left out. */
export function closedDict(path: string, values: Record<string, PyValue | undefined>): ResultDict {
  const entries = Object.entries(values).map(([key, value]): [string, Field | undefined] => [
    key,
    value === undefined ? undefined : () => value,
  ]);
  return resultDict(path, entries, { kind: 'closed' });
}

/** An open coverage listing the keys the model carries. */
export function modelled(keys: readonly string[]): Coverage {
  return { kind: 'open', modelled: new Set(keys) };
}
