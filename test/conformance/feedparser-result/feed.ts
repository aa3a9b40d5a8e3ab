import type { ParsedFeed } from '../../../src/model/index.js';
import { modelled, resultDict } from './result-dict.js';
import type { Field, ResultDict } from './result-dict.js';
import { dateFields, generatorFields, imageDict, impliedLinks, linkDict, peopleFields, tagFields, textFields } from './parts.js';
import type { SanitizeHtml } from './parts.js';

/** Feed keys feedloom's model carries: absent ones are KeyErrors, every other key is NotApplicable. */
export const FEED_KEYS = [
  'title',
  'title_detail',
  'subtitle',
  'subtitle_detail',
  'rights',
  'rights_detail',
  'link',
  'links',
  'id',
  'language',
  'updated',
  'updated_parsed',
  'published',
  'published_parsed',
  'image',
  'icon',
  'logo',
  'author',
  'author_detail',
  'authors',
  'contributors',
  'tags',
  'generator',
  'generator_detail',
  'docs',
  'ttl',
];

/** The feed-level dict, feedparser's `feed` (alias `channel`). */
export function feedDict(parsed: ParsedFeed, sanitize: SanitizeHtml, path = 'feed'): ResultDict {
  const links = impliedLinks(parsed.links, parsed.link, []);
  const text = (key: string, value: string | undefined): [string, Field | undefined] => [key, value === undefined ? undefined : () => value];
  const image = parsed.image;
  const ttl = parsed.polling.ttlMinutes;
  const fields: [string, Field | undefined][] = [
    ...textFields(path, 'title', parsed.title, sanitize),
    ...textFields(path, 'subtitle', parsed.subtitle, sanitize),
    ...textFields(path, 'rights', parsed.rights, sanitize),
    text('link', parsed.link),
    ['links', links.length > 0 ? () => links.map((l, i) => linkDict(`${path}.links[${i}]`, l)) : undefined],
    text('id', parsed.id),
    text('language', parsed.language),
    ...dateFields('updated', parsed.updated),
    ...dateFields('published', parsed.published),
    ['image', image ? () => imageDict(`${path}.image`, image) : undefined],
    text('icon', parsed.icon),
    text('logo', parsed.logo),
    ...peopleFields(path, parsed.authors, parsed.contributors),
    tagFields(path, parsed.categories),
    ...generatorFields(path, parsed.generator),
    text('docs', parsed.docs),
    text('ttl', ttl === undefined ? undefined : String(ttl)),
  ];
  return resultDict(path, fields, modelled(FEED_KEYS));
}

/** The feed dict of a document that is not a feed: every modelled key absent, as in feedparser's empty `feed`. */
export function emptyFeedDict(): ResultDict {
  return resultDict('feed', [], modelled(FEED_KEYS));
}
