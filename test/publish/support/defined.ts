/** The value, or a thrown error naming what was missing: for indexing fixtures in tests. */
export function defined<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}
