import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { pingDatabase } from '../store/index.js';
import { withDeadline } from './deadline.js';
import type { PlainResponse } from './represent.js';
import type { SiteFreshness } from './types.js';
import { NO_STORE } from './response-headers.js';

/** The outcome of a health check: fine, or the one-line reason it is not. */
export type Health = { ok: true } | { ok: false; reason: string };

/**
 * Whether the database answers a trivial query within `timeoutMs`, and — when the site's `freshness` is
 * given — whether its last read of the content succeeded (a corrupt SQLite file still answers `select 1`).
 */
export async function checkHealth(db: Kysely<Database>, timeoutMs: number, freshness?: SiteFreshness): Promise<Health> {
  try {
    await withDeadline(pingDatabase(db), timeoutMs, 'database');
    const problem = freshness?.problem;
    if (problem !== undefined) return { ok: false, reason: `database: ${problem} (answering last good copies)` };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `database: ${oneLine(error)}` };
  }
}

/** The /healthz response: 200 `{"status":"ok"}` or 503 with the reason, never cached. */
export function healthResponse(health: Health): PlainResponse {
  const body = health.ok ? { status: 'ok' } : { status: 'unavailable', reason: health.reason };
  return {
    status: health.ok ? 200 : 503,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': NO_STORE,
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(JSON.stringify(body) + '\n'),
  };
}

/** The first line of an error's message, at most 200 characters. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
