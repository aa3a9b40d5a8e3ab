import type { Kysely } from 'kysely';

/**
 * Scheduling state per source (what the publisher's behaviour taught us: 410 Gone, a confirmed move,
 * how often it publishes) and tombstones of purged items, so that a feed still listing an item
 * older than the retention period does not bring it back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The configured URL that answered 410 Gone: the source is not fetched while its url still equals it.
  await db.schema.alterTable('sources').addColumn('gone_url', 'text').execute();
  // A permanent redirect seen on two consecutive fetches: fetch moved_url instead while url = moved_from.
  await db.schema.alterTable('sources').addColumn('moved_url', 'text').execute();
  await db.schema.alterTable('sources').addColumn('moved_from', 'text').execute();
  // How often the source publishes: the median spacing of its recent items, and the newest item's date.
  await db.schema.alterTable('sources').addColumn('publish_gap_ms', 'bigint').execute();
  await db.schema.alterTable('sources').addColumn('newest_item_at', 'text').execute();
  // What the feed itself last asked for (RSS ttl, sy:updatePeriod, skipHours/skipDays), as JSON: still
  // honoured when the next answer is a 304 or an error, which carry no feed.
  await db.schema.alterTable('sources').addColumn('feed_hints', 'text').execute();

  await db.schema
    .createTable('item_tombstones')
    .addColumn('source_id', 'text', (col) => col.notNull().references('sources.id'))
    .addColumn('guid_key', 'text', (col) => col.notNull())
    .addColumn('purged_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('item_tombstones_pk', ['source_id', 'guid_key'])
    .execute();
}

/** Drop what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('item_tombstones').execute();
  for (const column of ['feed_hints', 'newest_item_at', 'publish_gap_ms', 'moved_from', 'moved_url', 'gone_url']) {
    await db.schema.alterTable('sources').dropColumn(column).execute();
  }
}
