import type { ParsedEntry, ParsedFeed } from '../../model/index.js';
import { handlers } from '../formats/dispatch.js';
import { addCategory, addEnclosure, parseInteger, urlAttr } from '../formats/fields.js';
import type { HandlerTable, ParseContext } from '../formats/model.js';
import { plainText, trimmedText } from '../formats/text.js';
import { childElements, looseAttr, type XmlElement } from '../xml/index.js';

function content(el: XmlElement, entry: ParsedEntry): void {
  const url = urlAttr(el, 'url');
  if (!url) return;
  const type = looseAttr(el, 'type')?.trim();
  const length = parseInteger(looseAttr(el, 'fileSize'));
  addEnclosure(entry, { url, ...(type ? { type } : {}), ...(length !== undefined ? { length } : {}) }, true);
}

function thumbnail(el: XmlElement, entry: ParsedEntry): void {
  entry.image ??= urlAttr(el, 'url');
}

function category(el: XmlElement, entry: ParsedEntry): void {
  const scheme = looseAttr(el, 'scheme')?.trim() || 'http://search.yahoo.com/mrss/category_schema';
  const label = looseAttr(el, 'label')?.trim();
  addCategory(entry, { term: trimmedText(el), scheme, ...(label ? { label } : {}) });
}

const entryHandlers = {
  'media:content': content,
  'media:thumbnail': thumbnail,
  'media:category': category,
  'media:title': (el: XmlElement, entry: ParsedEntry) => (entry.title ??= plainText(el)),
  'media:description': (el: XmlElement, entry: ParsedEntry) => (entry.summary ??= plainText(el)),
};
const groupHandlers = handlers<ParsedEntry>(entryHandlers);

/** media:group holds the same elements as an item; read them as the item's own. */
function group(el: XmlElement, entry: ParsedEntry, ctx: ParseContext): void {
  for (const child of childElements(el)) {
    const local = child.local.toLowerCase();
    const handler = groupHandlers.get(`media:${local}`);
    if (handler) handler(child, entry, ctx);
    else if (local === 'group') group(child, entry, ctx);
  }
}

/** Media RSS elements of an entry. */
export const mediaEntryHandlers: HandlerTable<ParsedEntry> = handlers<ParsedEntry>({
  ...entryHandlers,
  'media:group': group,
});

/** Media RSS elements of a feed. */
export const mediaFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  'media:thumbnail': (el, feed) => {
    const url = urlAttr(el, 'url');
    if (url && !feed.image) feed.image = { url };
  },
});
