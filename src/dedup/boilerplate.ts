/**
 * Where the boilerplate of an item's body begins. Press releases end with the same "About <Company>"
 * paragraph, forward-looking statements, trademark lines and media contacts on every release; blogs end
 * with "The post … appeared first on …". Two different releases of one company share all of that, so it
 * must not count as shared content. Each pattern is matched on the plain text (whitespace collapsed).
 */
const MARKERS: readonly RegExp[] = [
  // "About Northwind Hosting Northwind Hosting is…", "About the Linux Foundation The Linux Foundation is…":
  // the heading, then the name again opening the paragraph (so "About 40% of…" is not a heading).
  /\bAbout (?:the )?(\p{Lu}[\p{L}\p{N}.&'’-]*(?: \p{Lu}[\p{L}\p{N}.&'’-]*){0,5})[:.]?\s+(?:The |the )?\1\b/u,
  /(?:^|\s)#{3}(?:\s|$)/u,
  /\bForward[- ]Looking Statements?\b/iu,
  /\bSafe Harbor Statement\b/iu,
  /\b(?:Media|Press|Investor) (?:[Cc]ontacts?|Relations|Inquiries)\b/u,
  /\bContacts (?=\S+@|\p{Lu})/u,
];

/** Trailers a publishing platform appends to every post, removed wherever the body is short. */
const TRAILERS: readonly RegExp[] = [/\s*\bThe post \S.{0,300}? appeared first on \S.{0,120}$/u];

/** A marker this early in the body is part of the story, not a trailer: boilerplate follows the news. */
const MIN_OFFSET = 120;

/** The body without its trailing boilerplate: cut at the earliest marker found after the opening. */
export function withoutBoilerplate(body: string): string {
  let text = body;
  for (const trailer of TRAILERS) text = text.replace(trailer, '');
  let cut = text.length;
  for (const marker of MARKERS) {
    const match = marker.exec(text.slice(MIN_OFFSET));
    if (match !== null) cut = Math.min(cut, MIN_OFFSET + match.index);
  }
  return text.slice(0, cut).trimEnd();
}
