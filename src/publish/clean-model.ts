import { stripInvalidChars } from './xml-text.js';

/**
 * A deep copy of a plain model value with every string stripped of characters XML cannot carry.
 * Done once on the way in, so no renderer can forget a field.
 */
export function cleanModel<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return stripInvalidChars(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = cleanValue(inner);
    return out;
  }
  return value;
}
