/** The content codings the server produces. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Preference order when the client weighs several codings equally: brotli is smaller. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The coding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): the acceptable coding
 * with the highest q-value, ties broken by PREFERENCE. `*` stands for any coding not listed;
 * identity is acceptable unless refused explicitly (or by `*;q=0`), weighted as the least
 * wanted coding listed; a q-value that is not a number refuses. When nothing is acceptable
 * the body goes out unencoded anyway, as the RFC allows, rather than as a 406.
 */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (header === undefined || header.trim() === '') return 'identity';
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*(.*)$/.exec(param);
      if (match?.[1] !== undefined) q = clampQ(Number(match[1]));
    }
    // x-gzip is gzip (RFC 9110 §8.4.1.3); a name listed twice keeps its best weight.
    const key = name === 'x-gzip' ? 'gzip' : name;
    weights.set(key, Math.max(q, weights.get(key) ?? 0));
  }
  const star = weights.get('*');
  // Unlisted identity is acceptable but least wanted: `br;q=0.9, gzip;q=0.8` asks for brotli.
  const implicitIdentity = weights.size === 0 ? 1 : Math.min(...weights.values());
  const weightOf = (encoding: Encoding): number => {
    const listed = weights.get(encoding);
    if (listed !== undefined) return listed;
    if (star !== undefined) return star;
    return encoding === 'identity' ? implicitIdentity : 0;
  };
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const encoding of PREFERENCE) {
    const q = weightOf(encoding);
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

function clampQ(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
