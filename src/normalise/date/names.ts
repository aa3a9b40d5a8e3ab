const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A lower-case word with an optional trailing period ("jan", "sept.", "thursday"), without the period. */
function word(token: string): string | undefined {
  const match = /^([a-z]{3,9})\.?$/.exec(token);
  return match?.[1];
}

/**
 * Month number (1-12) of an English month name in lower case: the abbreviation, the full name,
 * any prefix of it of three letters or more ("sept", "janu"), with an optional period.
 */
export function monthNumber(token: string): number | undefined {
  const name = word(token);
  if (name === undefined) return undefined;
  const month = MONTHS[name.slice(0, 3)];
  if (month === undefined) return undefined;
  return MONTH_NAMES[month - 1]?.startsWith(name) ? month : undefined;
}

/** True for an English weekday name in lower case: "thu", "thur", "thurs", "thursday", with an optional period. */
export function isDayName(token: string): boolean {
  const name = word(token);
  if (name === undefined) return false;
  return DAY_NAMES.some((day) => day.startsWith(name));
}
