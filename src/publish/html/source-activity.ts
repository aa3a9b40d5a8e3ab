import { barChart } from './charts.js';
import type { Bar } from './charts.js';
import { html, type SafeHtml } from './template.js';

/** One fetch attempt of a source, as the charts show it. */
export interface AttemptPoint {
  startedAt: string;
  durationMs: number;
  result: 'ok' | 'not_modified' | 'error';
  /** The error code of a failure, else the HTTP status. */
  code: string;
}

/** How a source behaved lately: items per day, its last attempts, its error streak. */
export interface SourceActivity {
  id: string;
  /** Items per UTC day, oldest first (`day` is `YYYY-MM-DD`). */
  days: { day: string; count: number }[];
  /** The last attempts, oldest first. */
  attempts: AttemptPoint[];
  /** Consecutive failed fetches (0 after a success). */
  errorStreak: number;
}

/** Places in an attempts chart: a source with fewer attempts so far fills them from the right. */
export const ATTEMPT_SLOTS = 48;

const TONES = { ok: 'ok', not_modified: 'nm', error: 'err' } as const;
const RESULT_TEXT = { ok: 'fetched', not_modified: 'not modified', error: 'failed' } as const;

/** Items per day as a bar chart, one bar per day. */
export function itemsPerDayChart(source: SourceActivity): SafeHtml {
  const bars: Bar[] = source.days.map((d) => ({ value: d.count, label: `${d.day}: ${d.count} item${d.count === 1 ? '' : 's'}` }));
  const total = source.days.reduce((n, d) => n + d.count, 0);
  return barChart(bars, `${source.id}: ${total} items in the last ${source.days.length} days, per day`);
}

/** Each attempt's duration as a bar, coloured by how it ended (fetched, 304, failed). */
export function attemptsChart(source: SourceActivity): SafeHtml {
  const bars: Bar[] = source.attempts.map((a) => ({
    value: a.durationMs,
    tone: TONES[a.result],
    label: `${a.startedAt.slice(0, 16).replace('T', ' ')} UTC: ${RESULT_TEXT[a.result]}${a.code ? ` (${a.code})` : ''} in ${a.durationMs} ms`,
  }));
  const failed = source.attempts.filter((a) => a.result === 'error').length;
  return barChart(bars, `${source.id}: last ${source.attempts.length} fetch attempts by duration, ${failed} failed`, ATTEMPT_SLOTS);
}

/** Both charts with their captions, and the error streak said plainly. */
export function activityFigure(source: SourceActivity): SafeHtml {
  const streak = source.errorStreak > 0
    ? html`<span class="bad">${source.errorStreak} failed in a row</span>`
    : html`<span class="muted">no failure streak</span>`;
  return html`<div class="activity">
<figure>${itemsPerDayChart(source)}<figcaption>Items per day, last ${source.days.length} days</figcaption></figure>
<figure>${source.attempts.length > 0 ? attemptsChart(source) : html`<p class="muted">No attempts yet.</p>`}<figcaption>Last ${source.attempts.length} fetches: <span class="key ok">ok</span> <span class="key nm">304</span> <span class="key err">failed</span> · ${streak}</figcaption></figure>
</div>`;
}
