/** Text with marked stretches: `[start, end)` offsets of each matched word (the text itself is plain, never HTML). */
export interface MarkedText {
  text: string;
  marks: [number, number][];
}

/** One search result: a story, shown through its best-matching item, with the matched words marked. */
export interface SearchHit {
  storyId: number;
  itemId: number;
  title: MarkedText;
  snippet: MarkedText;
  url: string | null;
  source: { id: string; title: string; siteUrl: string | null };
  /** ISO 8601, when the item is ordered at. */
  published: string | null;
  /** How many sources carried the story. */
  storySources: number;
}
