import type { Kysely } from 'kysely';
import type { SearchView } from '../publish/index.js';
import { searchStories } from '../search/index.js';
import type { Database } from '../store/index.js';

/**
 * What `/search?q=…&page=n&sort=relevance` asks for, and its answer: no `q` at all is the empty search page;
 * a query that cannot run (empty, too long, an unbalanced quote, a page that does not exist) is refused with a message.
 */
export async function searchFor(db: Kysely<Database>, rawQuery: string): Promise<SearchView> {
  const params = new URLSearchParams(rawQuery);
  const q = params.get('q');
  if (q === null) return { kind: 'empty' };
  const pageText = params.get('page') ?? '1';
  const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : Number.NaN;
  const result = await searchStories(db, q, { page, order: params.get('sort') === 'relevance' ? 'relevance' : 'newest' });
  if (!result.ok) return { kind: 'refused', query: result.query, message: result.message };
  return { kind: 'results', ...result };
}
