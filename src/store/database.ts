import { FeedloomError } from '../model/errors.js';
import type { FetchTable, FetchTotalTable, IngestPassTable, ItemTable, ItemTombstoneTable, ItemVendorTable, SiteStateTable, SourceTable, StoryTable } from './tables.js';
import type { ItemFeatureTable, ItemKeyTable, StoryMatchTable, StoryRedirectTable } from './story-tables.js';

/** The whole schema as Kysely sees it (see migrations/ for the DDL). */
export interface Database {
  sources: SourceTable;
  fetches: FetchTable;
  fetch_totals: FetchTotalTable;
  items: ItemTable;
  stories: StoryTable;
  item_vendors: ItemVendorTable;
  site_state: SiteStateTable;
  item_tombstones: ItemTombstoneTable;
  item_features: ItemFeatureTable;
  item_keys: ItemKeyTable;
  story_redirects: StoryRedirectTable;
  story_matches: StoryMatchTable;
  ingest_passes: IngestPassTable;
}

/**
 * Every instant is stored as ISO-8601 UTC text with milliseconds, always 24 characters:
 * `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date.prototype.toISOString` gives for years 0000–9999).
 * Text in one fixed format compares and sorts chronologically on both SQLite and PostgreSQL
 * (even under a non-C collation, since the punctuation sits at the same places), needs no driver
 * type conversion, and reads well in a SQL shell. Only values made by `toTimestamp` are written:
 * "2024-01-01T00:00:00Z" without milliseconds would sort after "2024-01-01T00:00:00.500Z".
 */
export type Timestamp = string;

/** A time given to the store: a Date, or any string `Date` parses (ISO 8601 with any offset). */
export type TimeInput = Date | string;

const MIN_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** The canonical stored form of `value`, or undefined when it is not a time in years 0000–9999. */
function canonical(value: TimeInput): Timestamp | undefined {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (!Number.isFinite(ms) || ms < MIN_TIME || ms > MAX_TIME) return undefined;
  return new Date(ms).toISOString();
}

/** The canonical stored form of a time the application made (a clock reading, a schedule); throws on junk. */
export function toTimestamp(value: TimeInput): Timestamp {
  const stored = canonical(value);
  if (stored === undefined) {
    throw new FeedloomError('INTERNAL', `not a storable time: ${String(value)}`);
  }
  return stored;
}

/** The canonical stored form of a time that came from a feed: null when absent or unusable. */
export function toOptionalTimestamp(value: TimeInput | null | undefined): Timestamp | null {
  if (value === null || value === undefined || value === '') return null;
  return canonical(value) ?? null;
}
