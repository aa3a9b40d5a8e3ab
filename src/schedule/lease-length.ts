/** The least time a lease leaves for parsing and storing after the fetch's own deadline. */
const MIN_MARGIN_MS = 5_000;

/**
 * How long a claimed source stays leased: the fetch timeout (the fetch's overall deadline, redirects
 * and body included) plus as much again, at least 5 s, for parsing, normalising and the database write.
 * With the default 20 s timeout a lease lasts 40 s; with a 1 s timeout, 6 s. A worker that overruns
 * its lease loses the source to the next claimer and its late write is refused (LEASE_LOST); a worker
 * that dies leaves its leases to expire after this long, then they are taken over. Expiry compares the
 * claimer's clock with the next claimer's: hosts sharing a database need synchronised clocks (NTP).
 */
export function leaseLengthMs(fetchTimeoutMs: number): number {
  return fetchTimeoutMs + Math.max(MIN_MARGIN_MS, fetchTimeoutMs);
}
