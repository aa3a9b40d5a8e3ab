import type { ParsedEntry, ParsedFeed } from '../../model/index.js';
import { handlers } from '../formats/dispatch.js';
import { addCategory, addPerson, nonEmptyText, setSummaryOrContent } from '../formats/fields.js';
import type { Common, HandlerTable } from '../formats/model.js';
import { rssPerson } from '../formats/people.js';
import { htmlText, language, rssText, trimmedText } from '../formats/text.js';
import type { XmlElement } from '../xml/index.js';

const common = {
  'dc:title': (el: XmlElement, t: Common) => (t.title = rssText(el)),
  'dc:creator': (el: XmlElement, t: Common) => addPerson(t.authors, rssPerson(el)),
  'dc:author': (el: XmlElement, t: Common) => addPerson(t.authors, rssPerson(el)),
  'dc:contributor': (el: XmlElement, t: Common) => {
    const name = trimmedText(el);
    if (name) t.contributors.push({ name });
  },
  'dc:subject': (el: XmlElement, t: Common) => addCategory(t, { term: trimmedText(el) }),
  'dc:date': (el: XmlElement, t: Common) => (t.updated = nonEmptyText(el) ?? t.updated),
  'dc:language': (el: XmlElement, t: Common) => (t.language = language(nonEmptyText(el)) ?? t.language),
  'dc:rights': (el: XmlElement, t: Common) => (t.rights = rssText(el)),
  'dcterms:rights': (el: XmlElement, t: Common) => (t.rights = rssText(el)),
  'dcterms:issued': (el: XmlElement, t: Common) => (t.published = nonEmptyText(el) ?? t.published),
  'dcterms:modified': (el: XmlElement, t: Common) => (t.updated = nonEmptyText(el) ?? t.updated),
};

/** Dublin Core (dc:, dcterms:) elements of a feed. */
export const dublinCoreFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  ...common,
  'dc:description': (el, feed) => (feed.subtitle = htmlText(el)),
  'dcterms:created': (el, feed) => (feed.published ??= nonEmptyText(el)),
});

/** Dublin Core (dc:, dcterms:) elements of an entry. */
export const dublinCoreEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  ...common,
  'dc:description': (el, entry) => setSummaryOrContent(entry, htmlText(el)),
  'dcterms:created': (el, entry) => (entry.created = nonEmptyText(el) ?? entry.created),
});
