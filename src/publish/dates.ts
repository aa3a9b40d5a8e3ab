/** The instant an ISO 8601 string names, or null when it is missing or invalid. */
export function parseInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first valid instant among the candidates; the Unix epoch when none is (output never uses "now"). */
export function firstInstant(...candidates: (string | null | undefined)[]): Date {
  for (const candidate of candidates) {
    const date = parseInstant(candidate);
    if (date) return date;
  }
  return new Date(0);
}

/** RFC 3339 in UTC without milliseconds: `2024-05-02T14:03:00Z`. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Readable UTC text for people: `2024-05-02 14:03 UTC`. */
export function readableUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** `May 2024` for month 5 of 2024 (months are 1-based). */
export function monthName(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1] ?? `Month ${month}`} ${year}`;
}
