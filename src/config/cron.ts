/** The nicknames node-cron accepts in place of five fields. */
const NICKNAMES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface Field {
  name: string;
  min: number;
  max: number;
  /** Names allowed in place of numbers, in full or as their first three letters (index + min is the number). */
  names?: string[];
  /** Tokens this field accepts beyond numbers, ranges and steps (Quartz-style L, W, #, ?). */
  special?: RegExp;
}

const SECOND: Field = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, special: /^(?:\?|L|L-\d{1,2}|(?:\d{1,2}|L)W)$/i },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: WEEKDAYS, special: /^(?:\?|[0-7]L|[0-7]#[1-5])$/i },
];

/**
 * Check a cron expression as node-cron 4 reads it (5 fields, or 6 with seconds first, or a nickname
 * such as "@hourly"); returns what is wrong, or undefined when it is valid.
 */
export function cronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (NICKNAMES.has(trimmed.toLowerCase())) return undefined;
  const parts = trimmed.split(/\s+/).filter((part) => part !== '');
  if (parts.length !== 5 && parts.length !== 6) {
    return `not a cron expression: expected 5 fields (minute hour day month weekday) or 6 (with seconds), got ${parts.length}`;
  }
  const fields = parts.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (const [index, field] of fields.entries()) {
    const part = parts[index] ?? '';
    const problem = fieldProblem(part, field);
    if (problem !== undefined) return `not a cron expression: ${JSON.stringify(part)} is not a valid ${field.name} (${problem})`;
  }
  return undefined;
}

function fieldProblem(part: string, field: Field): string | undefined {
  for (const item of part.split(',')) {
    if (field.special?.test(item)) continue;
    const problem = itemProblem(item, field);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function itemProblem(item: string, field: Field): string | undefined {
  const [range = '', step, extra] = item.split('/');
  if (extra !== undefined) return 'more than one "/"';
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return `step ${JSON.stringify(step)} is not a whole number ≥ 1`;
  if (range === '*') return undefined;
  const [from = '', to, beyond] = range.split('-');
  if (beyond !== undefined) return 'more than one "-"';
  const start = valueOf(from, field);
  if (start === undefined) return `${JSON.stringify(from)} is not a number from ${field.min} to ${field.max}`;
  if (to === undefined) return undefined;
  const end = valueOf(to, field);
  if (end === undefined) return `${JSON.stringify(to)} is not a number from ${field.min} to ${field.max}`;
  if (end < start) return `range ${range} runs backwards`;
  return undefined;
}

function valueOf(token: string, field: Field): number | undefined {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const lower = token.toLowerCase();
  const index = field.names?.findIndex((name) => lower === name || lower === name.slice(0, 3)) ?? -1;
  return index >= 0 ? index + field.min : undefined;
}
