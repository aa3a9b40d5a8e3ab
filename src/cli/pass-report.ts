import type { Kysely } from 'kysely';
import type { PassSummary, SourceIngestResult } from '../ingest/index.js';
import type { Logger } from '../log/index.js';
import { observeFetch, observePass } from '../metrics/index.js';
import { cappedBy } from '../model/index.js';
import type { FetchResultLabel } from '../metrics/index.js';
import { recordPass } from '../store/index.js';
import type { Database } from '../store/index.js';

const RESULT_LABEL: Readonly<Record<SourceIngestResult['outcome'], FetchResultLabel>> = { ok: 'ok', 'not-modified': 'not_modified', failed: 'error' };

/**
 * Report one source's fetch as it finishes: its log lines, every one carrying `source` (a failure at warn, with
 * its code; a notice such as "gone" or "moved" at warn; a document cut to fit a cap at warn, with the cap; the
 * outcome itself and other feed warnings at debug), and the fetch-duration histogram of this process.
 */
export function reportSource(logger: Logger, result: SourceIngestResult): void {
  observeFetch(RESULT_LABEL[result.outcome], result.durationMs / 1000);
  const log = logger.child({ source: result.sourceId });
  const fields = {
    outcome: result.outcome, status: result.httpStatus, new: result.itemsNew, updated: result.itemsUpdated, seen: result.itemsSeen,
    ms: Math.round(result.durationMs),
  };
  if (result.error) log.warn(`fetch failed: ${result.error.code}: ${result.error.message}`, { ...fields, code: result.error.code, url: result.url });
  else log.debug('fetched', fields);
  for (const warning of result.warnings) {
    // A document cut to fit a cap (config `limits`) lost items or text: the operator hears of it.
    const cap = cappedBy(warning);
    if (cap === undefined) log.debug(`feed warning: ${warning}`);
    else log.warn(`document capped: ${warning}`, { cap: `limits.${cap}`, url: result.url });
  }
  for (const notice of result.notices) log.warn(`source ${notice.kind}: ${notice.message}`, { notice: notice.kind });
}

/** Report a finished pass: the pass-duration histogram of this process, and its row for the status page. */
export async function reportPass(db: Kysely<Database>, owner: string, summary: PassSummary): Promise<void> {
  if (summary.sources.total === 0) return;
  observePass(summary.durationMs / 1000);
  await recordPass(db, {
    owner, startedAt: summary.startedAt, durationMs: summary.durationMs, sources: summary.sources.total,
    failed: summary.sources.failed, itemsNew: summary.items.new,
  });
}
