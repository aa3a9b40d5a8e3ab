/** The least time a lease leaves for parsing and storing after the fetch's own deadline. */
const MIN_MARGIN_MS = 5_000;

/**
 * How long a claimed source stays leased: the fetch timeout (the fetch's overall deadline, redirects
 * and body included) plus as much again, at least 5 s, for parsing, normalising and the database write.
 * With the default 20 s timeout a lease lasts 40 s; with a 1 s timeout, 6 s. A working worker renews it
 * every third of this (`keepLease`), so what this bounds is how long a dead worker's leases last before
 * they are taken over. A worker whose lease was taken anyway (it stalled past it, and another claimed the
 * source) stops, and its late write is refused (LEASE_LOST). Expiry compares the
 * claimer's clock with the next claimer's: hosts sharing a database need synchronised clocks (NTP).
 */
export function leaseLengthMs(fetchTimeoutMs: number): number {
  return fetchTimeoutMs + Math.max(MIN_MARGIN_MS, fetchTimeoutMs);
}
