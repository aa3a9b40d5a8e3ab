/**
 * How much a shared term says, learned from the stored corpus: the rarity of each of an item's index keys among the
 * items stored within the dedup window around it (how many items carry it: its document frequency), computed when
 * the item is stored and kept with its features. A name in every item ("AWS" in a busy week) is no evidence; a name
 * in two items is a lot.
 *
 * The document frequency comes free with the candidate look-up, which reads, per key, the PER_SIDE items nearest
 * the item's instant on each side: when a side has fewer, that is the count; when it is full, the items are
 * dense there, and the count over the window is estimated from how much time those PER_SIDE items span (a
 * nearest-neighbour density estimate). So the cost stays bounded however common a key is.
 */
export const PER_SIDE = 8;
/**
 * How many items within the window may share a term before sharing it says nothing: "AWS" in a busy week, "13%",
 * "Cloud". A term's rarity is ln(RARE_BELOW / (df + 0.5)), at least 0 — in absolute numbers of items, not as a
 * share of the store, because what makes a shared term evidence is how few other items could have shared it by
 * chance: the same in a store of a hundred items as in one of a hundred thousand.
 */
export const RARE_BELOW = 20;
/**
 * The span rarity is counted over, each side of the item: what could be shared by chance is what other items near
 * in time carry, where a story's tellings are. (A store that sees 2,000 items a day holds a mid-sized company's
 * name dozens of times a week, and a handful of times a day.)
 */
export const RARITY_SPAN_MS = 86_400_000;

/**
 * The estimated number of items filed under a key within ±windowMs of `atMs`, from the instants of its nearest
 * neighbours on each side (those farther than the window do not count).
 */
export function documentFrequency(before: readonly number[], after: readonly number[], atMs: number, windowMs: number): number {
  const side = (all: readonly number[]): number => {
    const instants = all.filter((t) => Math.abs(t - atMs) <= windowMs);
    if (instants.length < PER_SIDE) return instants.length;
    const span = Math.max(60_000, ...instants.map((t) => Math.abs(t - atMs)));
    return Math.max(instants.length, (instants.length * windowMs) / span);
  };
  return side(before) + side(after);
}

/** The rarity of a key filed `df` times within the window (see RARE_BELOW): 0 for a common term, about 3.7 for a new one. */
export function rarity(df: number): number {
  return Math.max(0, Math.log(RARE_BELOW / (df + 0.5)));
}
