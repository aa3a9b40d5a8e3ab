/** The fields of a schema issue that its message is written from (a structural view of zod's raw issue). */
export interface IssueFacts {
  code: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: readonly unknown[];
  format?: string;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** A one-line, operator-facing message for a schema issue; undefined keeps the library's own. */
export function issueMessage(issue: IssueFacts): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${EXPECTED[issue.expected ?? ''] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return bound(issue, issue.minimum, 'at least', 'more than');
    case 'too_big':
      return bound(issue, issue.maximum, 'at most', 'less than');
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `not a valid ${issue.format ?? 'value'}`;
    default:
      return undefined;
  }
}

function bound(issue: IssueFacts, limit: number | bigint | undefined, inclusive: string, exclusive: string): string {
  const relation = issue.inclusive === false ? exclusive : inclusive;
  if (issue.origin === 'string') {
    return Number(limit) === 1 && relation === 'at least' ? 'must not be empty' : `must be ${relation} ${limit} characters long`;
  }
  if (issue.origin === 'array') {
    return `must have ${relation} ${limit} ${Number(limit) === 1 ? 'entry' : 'entries'}`;
  }
  return `must be ${relation} ${limit}`;
}

/** How a JSON value is named in a message: its type, with a short sample for scalars. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}
