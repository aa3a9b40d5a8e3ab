/**
 * Headlines of recurring columns: a roundup, digest or recap lists several stories' headlines and leads,
 * so it is about all of them and tells none of them. Matched on the headline, case-insensitively.
 */
const RECURRING_COLUMN =
  /\b(?:round-?ups?|recaps?|digest|briefing|newsletter|podcast|episode|wrap-?up|(?:the|this) week in|week in review|in brief|links for|what we(?:'|’)re reading|things we learned|takeaways)\b/i;

/** True when a headline names a recurring column (roundup, digest, recap ...) rather than one story. */
export function isRecurringColumn(title: string): boolean {
  return RECURRING_COLUMN.test(title);
}

/** An item's body: its plain text without the title the normaliser put in front of it (`text` = title + body). */
export function bodyOf(item: { title: string; text: string }): string {
  const title = item.title.trim();
  const text = item.text.trim();
  return title !== '' && text.startsWith(title) ? text.slice(title.length).trim() : text;
}
