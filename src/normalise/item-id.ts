import { createHash } from 'node:crypto';
import type { ItemIdSource } from '../model/index.js';
import { removeNonXmlCharacters } from './html/index.js';

/** An item's identity: the feed's own id, else its permalink, else a hash of what it says. */
export interface ItemIdentity {
  id: string;
  idSource: ItemIdSource;
}

/**
 * Stable item id by explicit fallback (as Miniflux does): guid/atom:id/JSON id; else the permalink;
 * else a hash of title + date (+ body, when both are empty) so that re-polls give the same id.
 */
export function itemIdentity(parts: { id?: string; url?: string; title: string; date?: string; body: string }): ItemIdentity {
  const id = parts.id === undefined ? undefined : removeNonXmlCharacters(parts.id).trim();
  if (id) return { id, idSource: 'guid' };
  if (parts.url) return { id: parts.url, idSource: 'link' };
  const basis = [parts.title, parts.date ?? ''];
  if (parts.title === '' && !parts.date) basis.push(parts.body);
  const digest = createHash('sha256').update(basis.join('\n')).digest('hex').slice(0, 32);
  return { id: `feedloom:sha256:${digest}`, idSource: 'hash' };
}
