/** Offsets east of UTC, in minutes, of the zone abbreviations feeds write (lower case). */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  // North America (RFC 822 names and their daylight/unqualified forms, as feedparser reads them).
  adt: -3 * 60,
  ast: -4 * 60,
  at: -4 * 60,
  edt: -4 * 60,
  est: -5 * 60,
  et: -5 * 60,
  cdt: -5 * 60,
  cst: -6 * 60,
  ct: -6 * 60,
  mdt: -6 * 60,
  mst: -7 * 60,
  mt: -7 * 60,
  pdt: -7 * 60,
  pst: -8 * 60,
  pt: -8 * 60,
  akdt: -8 * 60,
  akst: -9 * 60,
  hst: -10 * 60,
  ndt: -150,
  nst: -210,
  // Europe.
  bst: 60,
  west: 60,
  cet: 60,
  met: 60,
  mez: 60,
  cest: 120,
  mest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  msk: 180,
  // Asia / Pacific. IST is ambiguous (India, Ireland, Israel); feeds overwhelmingly mean India.
  ist: 330,
  sgt: 480,
  hkt: 480,
  awst: 480,
  jst: 540,
  kst: 540,
  acst: 570,
  acdt: 630,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

/**
 * RFC 822 military zones as that RFC tabulates them (A = -1 ... M = -12, N = +1 ... Y = +12):
 * the same direction feedparser uses for the four it knows (a, m, n, y).
 */
function militaryOffset(letter: string): number | undefined {
  const code = letter.charCodeAt(0);
  if (letter === 'j' || letter.length !== 1) return undefined;
  if (letter >= 'a' && letter <= 'i') return -(code - 96) * 60;
  if (letter >= 'k' && letter <= 'm') return -(code - 97) * 60;
  if (letter >= 'n' && letter <= 'y') return (code - 109) * 60;
  return undefined;
}

/** A signed numeric offset: `+2`, `-05`, `+0530`, `+530`, `+05:30`, `-5:30`; minutes east of UTC. */
export function numericOffset(token: string): number | undefined {
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(token);
  if (!match) return undefined;
  const [, sign, hoursText, minutesText] = match;
  const hours = Number(hoursText);
  const minutes = minutesText === undefined ? 0 : Number(minutesText);
  if (hours > 23 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return sign === '-' ? -total : total;
}

/**
 * Minutes east of UTC of a zone token (any case): a name (`EST`, `CEST`), a military letter,
 * a numeric offset, or `GMT`/`UTC`/`UT` followed by one (`GMT+2`, `UTC-05:00`, `Etc/GMT`).
 * Undefined when the token is not a zone or is a malformed offset.
 */
export function zoneOffset(raw: string): number | undefined {
  let token = raw.toLowerCase();
  if (token.startsWith('etc/')) token = token.slice(4);
  const prefixed = /^(gmt|utc|ut)([+-].*)$/.exec(token);
  if (prefixed?.[2] !== undefined) return numericOffset(prefixed[2]);
  if (token.startsWith('+') || token.startsWith('-')) return numericOffset(token);
  const named = NAMED_ZONES[token];
  if (named !== undefined) return named;
  return militaryOffset(token);
}
