import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { scheduleStateOf } from './source-schedule.js';

function comparable(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * The enabled source (other than `exceptId`) that is fetched from `url` — its configured URL, or where it moved —
 * or undefined. A source whose feed permanently redirects there is that source's duplicate.
 */
export async function sourceFetchedFrom(db: Kysely<Database>, url: string, exceptId: string): Promise<string | undefined> {
  const wanted = comparable(url);
  const rows = await db.selectFrom('sources').selectAll().where('enabled', '=', 1).where('id', '!=', exceptId).orderBy('id').execute();
  return rows.find((row) => comparable(row.url) === wanted || comparable(scheduleStateOf(row).fetchUrl) === wanted)?.id;
}
