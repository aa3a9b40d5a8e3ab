/** `list` cut into consecutive slices of at most `size` (the last may be shorter): batches that keep statements under the databases' bound-value limits. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}
