import type { Kysely } from 'kysely';
import { DEFAULT_DEDUP_WINDOW_MS, refileStaleFeatures } from '../dedup/index.js';
import type { Database } from '../store/index.js';
import { withStoryPort } from '../store/index.js';

/** The databases whose stale features this process has refiled already (once per process is enough: see below). */
const refreshed = new WeakSet<Kysely<Database>>();

/**
 * Before the first pass of a process on a database: refile the story features of the items a new item can still
 * meet (within the dedup window) that have none or an older version's — items stored before features were kept
 * (migration 0008) or by an engine whose features have changed since. Without it those items stay in their stories
 * but no new telling finds them. Features only go stale across an upgrade, which starts a new process, so one
 * check per process and database suffices; when nothing is stale it costs one query. Returns how many were refiled.
 */
export async function refreshStoryFeatures(db: Kysely<Database>, windowMs = DEFAULT_DEDUP_WINDOW_MS, now = Date.now()): Promise<number> {
  if (refreshed.has(db)) return 0;
  const count = await refileStaleFeatures((work) => withStoryPort(db, work), { sinceMs: now - windowMs, windowMs });
  refreshed.add(db);
  return count;
}
