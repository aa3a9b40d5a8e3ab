import type { ParsedEntry, ParsedFeed } from '../../model/index.js';
import { handlers } from '../formats/dispatch.js';
import { addLink, urlText } from '../formats/fields.js';
import { resolveUrl } from '../url.js';
import type { Common, HandlerTable } from '../formats/model.js';
import { htmlText } from '../formats/text.js';
import { attr, innerXml, type XmlElement } from '../xml/index.js';

const RDF_NAMESPACE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** The `rdf:resource` of an element, resolved. */
function rdfResource(el: XmlElement): string | undefined {
  const value = attr(el, 'resource', RDF_NAMESPACE)?.trim();
  return value ? resolveUrl(value, el.base) : undefined;
}

/** A Creative Commons licence: a `license` link. */
function license(el: XmlElement, t: Common): void {
  const href = rdfResource(el) ?? urlText(el);
  if (href) addLink(t, { href, rel: 'license' });
}

/** Smaller modules' feed elements: webmaster tools (admin:), Creative Commons licences. */
export const miscFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  'admin:generatoragent': (el, feed) => {
    const url = rdfResource(el);
    if (url) feed.generator = { ...feed.generator, url };
  },
  'cc:license': license,
  'creativecommons:license': license,
});

/** An inline XHTML `<body>` (with or without the XHTML namespace): a content body. */
function body(el: XmlElement, entry: ParsedEntry): void {
  entry.content.push({
    value: innerXml(el).trim(),
    type: 'xhtml',
    ...(el.lang !== undefined ? { language: el.lang } : {}),
    ...(el.base !== undefined ? { base: el.base } : {}),
  });
}

/** Content bodies (content:encoded, xhtml:body) and licences of an entry. */
export const miscEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  'content:encoded': (el, entry) => entry.content.push(htmlText(el)),
  'xhtml:body': body,
  body,
  fullitem: (el, entry) => entry.content.push(htmlText(el)),
  'cc:license': license,
  'creativecommons:license': license,
});
