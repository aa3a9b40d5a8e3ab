import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { ATTEMPT_SLOTS } from '../publish/index.js';
import type { SourceActivity, SourceHealth, StatusOverview } from '../publish/index.js';
import { itemsPerSourceDay, itemsStoredPerHour, passesSince, recentAttempts, widestStories } from '../store/index.js';
import type { Database } from '../store/index.js';
import { entriesOf, sourcesHealth } from './site-data.js';

/** Days of items per source the charts show. */
export const CHART_DAYS = 30;
/** Fetch attempts per source the charts show: as many as the chart has places. */
export const CHART_ATTEMPTS = ATTEMPT_SLOTS;
/** Hours of items stored the overview shows. */
export const CHART_HOURS = 48;
/** Stories in "widest coverage this week". */
export const WIDEST_STORIES = 10;

/** Passes the overview charts at most (the newest): a worker on a one-minute tick makes 1,440 a day. */
export const MAX_PASSES = 240;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Every enabled source's activity: items per day over CHART_DAYS days (today included), its last attempts, its error streak. */
export async function sourceActivity(db: Kysely<Database>, config: Config, now: Date, health?: SourceHealth[]): Promise<Map<string, SourceActivity>> {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(today - (CHART_DAYS - 1) * DAY_MS);
  const days = Array.from({ length: CHART_DAYS }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  const [perDay, attempts, sources] = await Promise.all([
    itemsPerSourceDay(db, from, new Date(today + DAY_MS)),
    // Attempts of the last two weeks at most: a source polled daily still shows a fortnight.
    recentAttempts(db, new Date(now.getTime() - 14 * DAY_MS), CHART_ATTEMPTS),
    health ?? sourcesHealth(db, config, now),
  ]);
  return new Map(sources.map((s) => [s.id, {
    id: s.id,
    days: days.map((day) => ({ day, count: perDay.get(s.id)?.get(day) ?? 0 })),
    attempts: attempts.get(s.id) ?? [],
    errorStreak: s.errorCount,
  }]));
}

/** The overview: items stored per hour (CHART_HOURS, this hour included), the last day's passes, this week's widest stories. */
export async function statusOverview(db: Kysely<Database>, config: Config, now: Date): Promise<StatusOverview> {
  const thisHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const from = new Date(thisHour - (CHART_HOURS - 1) * HOUR_MS);
  const [perHour, passes, widest] = await Promise.all([
    itemsStoredPerHour(db, from, new Date(thisHour + HOUR_MS)),
    passesSince(db, new Date(now.getTime() - DAY_MS), MAX_PASSES),
    widestStories(db, new Date(now.getTime() - 7 * DAY_MS), WIDEST_STORIES),
  ]);
  const entries = new Map((await entriesOf(db, config, widest.map((w) => w.id))).map((e) => [e.storyId, e]));
  return {
    hours: Array.from({ length: CHART_HOURS }, (_, i) => {
      const hour = new Date(from.getTime() + i * HOUR_MS).toISOString().slice(0, 13);
      return { hour, count: perHour.get(hour) ?? 0 };
    }),
    passes,
    widest: widest.flatMap((w) => {
      const entry = entries.get(String(w.id));
      return entry ? [{ entry, sources: w.sources }] : [];
    }),
  };
}
