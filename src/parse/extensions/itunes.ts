import type { ParsedCategory, ParsedEntry, ParsedFeed, ParsedPerson } from '../../model/index.js';
import { handlers } from '../formats/dispatch.js';
import { addCategory, urlAttr } from '../formats/fields.js';
import type { Common, HandlerTable } from '../formats/model.js';
import { rssPerson } from '../formats/people.js';
import { plainText, trimmedText } from '../formats/text.js';
import { childElements, looseAttr, type XmlElement } from '../xml/index.js';

const ITUNES_SCHEME = 'http://www.itunes.com/';

/** itunes:author adds a person unless the feed already names one with that name. */
function author(el: XmlElement, t: Common): void {
  const person: ParsedPerson | undefined = rssPerson(el);
  // Bounded: a feed naming thousands of authors gets no itunes:author de-duplication work.
  if (!person || t.authors.length > 100) return;
  if (!t.authors.some((a) => a.name === person.name && (a.email === person.email || !person.email))) {
    t.authors.push(person);
  }
}

/** itunes:category, with its nested sub-categories. */
function category(el: XmlElement, t: Common): void {
  const term = looseAttr(el, 'text')?.trim();
  if (term) addCategory(t, { term, scheme: ITUNES_SCHEME } satisfies ParsedCategory);
  for (const child of childElements(el)) if (child.local.toLowerCase() === 'category') category(child, t);
}

function keywords(el: XmlElement, t: Common): void {
  for (const term of trimmedText(el).split(',')) {
    if (term.trim()) addCategory(t, { term: term.trim(), scheme: ITUNES_SCHEME });
  }
}

/** iTunes podcast elements of a feed. */
export const itunesFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  'itunes:author': author,
  'itunes:category': category,
  'itunes:keywords': keywords,
  'itunes:image': (el, feed) => {
    const url = urlAttr(el, 'href') ?? urlAttr(el, 'url');
    if (url && !feed.image) feed.image = { url };
  },
  'itunes:link': (el, feed) => {
    const url = looseAttr(el, 'rel')?.trim() === 'image' ? urlAttr(el, 'href') : undefined;
    if (url && !feed.image) feed.image = { url };
  },
  'itunes:subtitle': (el, feed) => (feed.subtitle ??= plainText(el)),
  'itunes:summary': (el, feed) => (feed.subtitle ??= plainText(el)),
});

/** iTunes podcast elements of an entry. */
export const itunesEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  'itunes:author': author,
  'itunes:category': category,
  'itunes:keywords': keywords,
  'itunes:image': (el, entry) => (entry.image = urlAttr(el, 'href') ?? urlAttr(el, 'url') ?? entry.image),
  'itunes:link': (el, entry) => {
    if (looseAttr(el, 'rel')?.trim() === 'image') entry.image = urlAttr(el, 'href') ?? entry.image;
  },
  'itunes:summary': (el, entry) => (entry.summary ??= plainText(el)),
});
