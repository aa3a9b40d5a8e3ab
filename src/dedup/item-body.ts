import { bodyOf as itemBody } from '../normalise/item-text.js';

/**
 * Only this much of an item's text (title included) is read for its story features: well past the body words
 * compared (story-features.ts), and it keeps the cost of a very long article bounded.
 */
export const MAX_TEXT_CHARS = 2000;

/** The body of an item: its text (cut to MAX_TEXT_CHARS) without the title the normaliser put in front of it. */
export function bodyOf(item: { title: string; text: string }): string {
  return itemBody({ title: item.title, text: item.text.slice(0, MAX_TEXT_CHARS) });
}
