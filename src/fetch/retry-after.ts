/** A Retry-After value (delay-seconds or HTTP-date) as whole seconds from `now`; undefined if absent or junk. */
export function retryAfterSeconds(header: string | undefined, now: number = Date.now()): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return String(Number(value));
  // Every HTTP-date form starts with a day name; V8's Date.parse alone would accept "-5" or "1.5".
  const date = /^[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(date)) return undefined;
  return String(Math.max(0, Math.ceil((date - now) / 1000)));
}
