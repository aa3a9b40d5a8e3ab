import type { Kysely } from 'kysely';
import type { Database, Timestamp } from './database.js';
import { toStoredItem } from './items.js';
import type { StoredItem } from './items.js';
import type { StoryMatchTable } from './story-tables.js';

/** How `findItems` looks an item up: by stored id, or by guid, URL or canonical URL. */
export interface ItemReference {
  id?: number;
  /** Compared with guid and url as given. */
  text: string;
  /** Compared with canonical_url. */
  canonicalUrl?: string;
}

/** Items matching a reference (at most `limit`, oldest first): an id names one; a guid or URL may name several. */
export async function findItems(db: Kysely<Database>, ref: ItemReference, limit = 10): Promise<StoredItem[]> {
  const rows = await db
    .selectFrom('items')
    .selectAll()
    .where((eb) => eb.or([
      ...(ref.id !== undefined ? [eb('id', '=', ref.id)] : []),
      eb('guid', '=', ref.text),
      eb('url', '=', ref.text),
      ...(ref.canonicalUrl !== undefined ? [eb('canonical_url', '=', ref.canonicalUrl)] : []),
    ]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toStoredItem);
}

/** The recorded reason an item joined its story (none for an item that founded one). */
export interface StoryMatch {
  matchedItemId: number;
  rule: string;
  score: number;
  /** The dedup PairEvidence measured then, as JSON. */
  evidence: string;
  decidedAt: Timestamp;
}

function toStoryMatch(row: StoryMatchTable): StoryMatch {
  return { matchedItemId: Number(row.matched_item_id), rule: row.rule, score: Number(row.score), evidence: row.evidence, decidedAt: row.decided_at };
}

/** Why an item joined its story, as recorded when it did. */
export async function storyMatchOf(db: Kysely<Database>, itemId: number): Promise<StoryMatch | undefined> {
  const row = await db.selectFrom('story_matches').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  return row === undefined ? undefined : toStoryMatch(row);
}

/** Stored items by id, in the order given (unknown ids left out). */
export async function itemsById(db: Kysely<Database>, ids: readonly number[]): Promise<StoredItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('items').selectAll().where('id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((row) => [Number(row.id), toStoredItem(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
