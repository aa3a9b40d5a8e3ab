import type { Migration } from 'kysely';
import * as initial from './0001_initial.js';
import * as storiesVendors from './0002_stories_vendors.js';
import * as storyBands from './0003_story_bands.js';
import * as scheduling from './0004_scheduling.js';
import * as fetchTotals from './0005_fetch_totals.js';
import * as dropUnusedItemIndexes from './0006_drop_unused_item_indexes.js';
import * as vendorRoles from './0007_vendor_roles.js';
import * as storyEngine from './0008_story_engine.js';
import * as searchStatus from './0009_search_status.js';
import * as duplicateSources from './0010_duplicate_sources.js';

/**
 * Every migration, by name, in order. Listed statically (not read from the folder) so that the
 * same code runs compiled from dist/ and from source under tsx. Add new files here.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_stories_vendors': storiesVendors,
  '0003_story_bands': storyBands,
  '0004_scheduling': scheduling,
  '0005_fetch_totals': fetchTotals,
  '0006_drop_unused_item_indexes': dropUnusedItemIndexes,
  '0007_vendor_roles': vendorRoles,
  '0008_story_engine': storyEngine,
  '0009_search_status': searchStatus,
  '0010_duplicate_sources': duplicateSources,
};
