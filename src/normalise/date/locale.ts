import { digits, toUtcDate } from './civil.js';
import { parseIso8601 } from './iso8601.js';
import { parseRfc822 } from './rfc822.js';

const KOREA_OFFSET_MINUTES = 9 * 60;

/** Greek month abbreviations (with and without accents, as feeds wrote them in ISO-8859-7). */
const GREEK_MONTHS: Readonly<Record<string, string>> = {
  Ιαν: 'Jan',
  Φεβ: 'Feb',
  Μάώ: 'Mar',
  Μαώ: 'Mar',
  Μάρ: 'Mar',
  Μαρ: 'Mar',
  Απρ: 'Apr',
  Μάι: 'May',
  Μαϊ: 'May',
  Μαι: 'May',
  Ιούν: 'Jun',
  Ιον: 'Jun',
  Ιούλ: 'Jul',
  Ιολ: 'Jul',
  Αύγ: 'Aug',
  Αυγ: 'Aug',
  Σεπ: 'Sep',
  Οκτ: 'Oct',
  Νοέ: 'Nov',
  Νοε: 'Nov',
  Δεκ: 'Dec',
};

const GREEK_WEEKDAYS = new Set(['Κυρ', 'Δευ', 'Τρι', 'Τετ', 'Πεμ', 'Παρ', 'Σαβ']);

const HUNGARIAN_MONTHS: Readonly<Record<string, string>> = {
  január: '01',
  február: '02',
  februári: '02',
  március: '03',
  április: '04',
  május: '05',
  máujus: '05',
  június: '06',
  július: '07',
  augusztus: '08',
  szeptember: '09',
  október: '10',
  november: '11',
  december: '12',
};

function koreaTime(fields: (string | undefined)[], hour: number): Date | undefined {
  const [year, month, day, minute, second] = fields.map(digits);
  return toUtcDate({
    year: year ?? Number.NaN,
    month: month ?? Number.NaN,
    day: day ?? Number.NaN,
    hour,
    minute: minute ?? Number.NaN,
    second: second ?? Number.NaN,
    millisecond: 0,
    offsetMinutes: KOREA_OFFSET_MINUTES,
  });
}

/** Korean OnBlog: `2004년 05월 28일  01:31:15`, Korea time. */
function parseOnBlog(text: string): Date | undefined {
  const m = /^(\d{4})년\s+(\d{2})월\s+(\d{2})일\s+(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return m ? koreaTime([m[1], m[2], m[3], m[5], m[6]], digits(m[4])) : undefined;
}

/** Korean Nate: `2004-05-25 오후 11:23:17` (오전 = a.m., 오후 = p.m.), Korea time. */
function parseNate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s+(오전|오후)\s+(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const hour12 = digits(m[5]);
  if (hour12 > 12) return undefined;
  const hour = (hour12 % 12) + (m[4] === '오후' ? 12 : 0);
  return koreaTime([m[1], m[2], m[3], m[6], m[7]], hour);
}

/** Greek: `Κυρ, 11 Ιούλ 2004 12:00:00 EST`, read as RFC 822 once the names are translated. */
function parseGreek(text: string): Date | undefined {
  const m = /^([^,\s]+),\s+(\d{2})\s+(\S+)\s+(\d{4})\s+(\d{2}:\d{2}:\d{2})\s+(\S+)$/.exec(text);
  if (!m || !GREEK_WEEKDAYS.has(m[1] ?? '')) return undefined;
  const month = GREEK_MONTHS[m[3] ?? ''];
  return month ? parseRfc822(`${m[2]} ${month} ${m[4]} ${m[5]} ${m[6]}`) : undefined;
}

/** Hungarian: `2004-július-13T9:15-05:00`, read as W3C-DTF once the month is a number. */
function parseHungarian(text: string): Date | undefined {
  const m = /^(\d{4})-([^-\s]+)-(\d{1,2})T(\d{1,2}):(\d{2})([+-]\d{1,2}:\d{2})$/.exec(text);
  const month = m ? HUNGARIAN_MONTHS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || !month) return undefined;
  const pad = (value: string | undefined): string => (value ?? '').padStart(2, '0');
  return parseIso8601(`${m[1]}-${month}-${pad(m[3])}T${pad(m[4])}:${m[5]}${m[6]}`);
}

/** The non-English formats feedparser reads: Korean (OnBlog, Nate), Greek and Hungarian. */
export function parseLocaleDate(raw: string): Date | undefined {
  const text = raw.trim();
  return parseOnBlog(text) ?? parseNate(text) ?? parseGreek(text) ?? parseHungarian(text);
}
