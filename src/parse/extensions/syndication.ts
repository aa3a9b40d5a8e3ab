import type { ParsedFeed } from '../../model/index.js';
import { handlers } from '../formats/dispatch.js';
import { nonEmptyText, parseInteger } from '../formats/fields.js';
import type { HandlerTable } from '../formats/model.js';
import { trimmedText } from '../formats/text.js';

/** RSS 1.0 syndication module (sy:) polling hints of a feed. */
export const syndicationFeedHandlers: HandlerTable<ParsedFeed> = handlers<ParsedFeed>({
  'sy:updateperiod': (el, feed) => (feed.polling.updatePeriod = nonEmptyText(el) ?? feed.polling.updatePeriod),
  'sy:updatefrequency': (el, feed) => {
    const n = parseInteger(trimmedText(el));
    if (n !== undefined) feed.polling.updateFrequency = n;
  },
  'sy:updatebase': (el, feed) => (feed.polling.updateBase = nonEmptyText(el) ?? feed.polling.updateBase),
});
