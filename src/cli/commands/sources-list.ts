import type { Config } from '../../config/index.js';
import { configuredSources } from '../../ingest/index.js';
import { sourceStatuses, syncSources } from '../../store/index.js';
import type { SourceStatus } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { openDatabase } from '../database.js';

/** A source's one-word state, as `sources list` shows it. */
export type SourceState = 'ok' | 'new' | 'failing' | 'gone' | 'duplicate' | 'moved' | 'fetching' | 'disabled' | 'removed';

function stateOf(status: SourceStatus, configured: boolean): SourceState {
  if (!configured) return 'removed';
  if (!status.enabled) return 'disabled';
  if (status.gone) return 'gone';
  if (status.duplicateOf !== null) return 'duplicate';
  if (status.leasedBy !== null) return 'fetching';
  if (status.lastFetchAt === null) return 'new';
  if (status.errorStreak > 0) return 'failing';
  return status.movedUrl !== null ? 'moved' : 'ok';
}

/** "5m ago", "in 2h", "now": a time relative to `now`, to the largest whole unit. */
export function relativeTime(iso: string | null, now: Date, empty = '-'): string {
  if (iso === null) return empty;
  const ms = Date.parse(iso) - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 60_000) return ms <= 0 ? 'now' : 'in <1m';
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]];
  const [unit, size] = units.find(([, s]) => abs >= s) ?? ['m', 60_000];
  const text = `${Math.floor(abs / size)}${unit}`;
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

function nextCheck(iso: string | null, now: Date): string {
  return iso === null || Date.parse(iso) <= now.getTime() ? 'due' : relativeTime(iso, now);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

/** `feedloom sources list`: every source with its health, as a table or (`json`) one JSON array. */
export async function listSources(config: Config, io: CliIo, json: boolean): Promise<void> {
  const handle = await openDatabase(io);
  const now = new Date();
  let statuses: SourceStatus[];
  try {
    await syncSources(handle.db, configuredSources(config));
    statuses = await sourceStatuses(handle.db, now);
  } finally {
    await handle.close();
  }
  const configured = new Set(config.sources.map((s) => s.id));
  const rows = statuses.map((s) => ({ ...s, status: stateOf(s, configured.has(s.id)) }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const header = ['ID', 'URL', 'STATUS', 'LAST SUCCESS', 'ERRORS', 'ITEMS 7D', 'NEXT CHECK'];
  const body = rows.map((r) => [
    r.id, r.url, r.status === 'failing' ? `failing (${r.lastErrorCode ?? '?'})` : r.status, relativeTime(r.lastSuccessAt, now, 'never'),
    String(r.errorStreak), String(r.itemsLast7Days),
    ['gone', 'duplicate', 'disabled', 'removed'].includes(r.status) ? '-' : nextCheck(r.nextFetchAt, now),
  ]);
  io.stdout.write(`${table([header, ...body])}\n`);
  for (const r of rows) {
    if (r.movedUrl !== null && r.status !== 'removed') io.stdout.write(`note: ${r.id} moved permanently to ${r.movedUrl}: fetched there now; update its url in the config\n`);
    if (r.status === 'duplicate') {
      io.stdout.write(`note: ${r.id} permanently redirects onto the URL of "${r.duplicateOf ?? '?'}": a duplicate, not fetched; remove one of the two from the config\n`);
    }
    if (r.status === 'gone') io.stdout.write(`note: ${r.id} answered 410 Gone: disabled until its url changes in the config\n`);
  }
}
