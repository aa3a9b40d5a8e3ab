/** Raised when an expression reads something our model cannot answer: not a pass, not a failure. */
export class NotApplicable extends Error {
  constructor(readonly what: string) {
    super(`not applicable: ${what}`);
    this.name = 'NotApplicable';
  }
}

/** A Python exception raised while evaluating (KeyError, IndexError, ...): in Python the check fails. */
export class PyRuntimeError extends Error {
  constructor(
    readonly pyType: 'KeyError' | 'IndexError' | 'TypeError' | 'AttributeError' | 'NameError' | 'ValueError',
    message: string,
  ) {
    super(`${pyType}: ${message}`);
    this.name = 'PyRuntimeError';
  }
}

/** A Python tuple (lists are plain arrays: `(1, 2) != [1, 2]` in Python). struct_time compares as a tuple. */
export class PyTuple {
  constructor(readonly items: readonly PyValue[]) {}
}

/** `datetime.timedelta`, normalised the way Python does (0 <= seconds < 86400, 0 <= microseconds < 10**6). */
export class PyTimedelta {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  constructor(days = 0, seconds = 0, microseconds = 0) {
    const total = Math.round(days * 86_400_000_000 + seconds * 1_000_000 + microseconds);
    const dayMicros = 86_400_000_000;
    this.days = Math.floor(total / dayMicros);
    const rest = total - this.days * dayMicros;
    this.seconds = Math.floor(rest / 1_000_000);
    this.microseconds = rest - this.seconds * 1_000_000;
  }
}

/**
 * A Python mapping (a dict literal, or a view of feedloom's result). `lookup` returns undefined for
 * a missing key (KeyError) and throws NotApplicable for a key the model cannot answer.
 */
export interface PyMapping {
  readonly kind: 'mapping';
  lookup(key: string): PyValue | undefined;
  /** Every key present; throws NotApplicable when the mapping is not fully modelled. */
  keys(): string[];
  /** `key in mapping` when it differs from "lookup finds it" (feedparser's `updated` fallback). */
  has?(key: string): boolean;
}

/** A built-in function or bound method. */
export interface PyCallable {
  readonly kind: 'callable';
  readonly name: string;
  call(args: PyValue[]): PyValue;
}

/** A module (or class) object: attribute access only. */
export interface PyModule {
  readonly kind: 'module';
  readonly name: string;
  attribute(name: string): PyValue;
}

/** Every value an Expect expression can produce. */
export type PyValue =
  | null
  | boolean
  | number
  | string
  | PyValue[]
  | PyTuple
  | PyTimedelta
  | PyMapping
  | PyCallable
  | PyModule;

/** True for mapping values (dict literals and result views). */
export function isMapping(value: PyValue | undefined): value is PyMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === 'mapping';
}

function isTagged<K extends 'callable' | 'module'>(value: PyValue, kind: K): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'kind' in value && value.kind === kind;
}

/** A plain dict, from a literal or built by the result mapping. */
export class PyDict implements PyMapping {
  readonly kind = 'mapping';
  readonly entries: Map<string, PyValue>;

  constructor(entries: Iterable<[string, PyValue]>) {
    this.entries = new Map(entries);
  }

  lookup(key: string): PyValue | undefined {
    return this.entries.get(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/** Python's `bool(value)`. */
export function isTruthy(value: PyValue): boolean {
  if (value === null || value === false) return false;
  if (value === true) return true;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof PyTuple) return value.items.length > 0;
  if (value instanceof PyTimedelta) return value.days !== 0 || value.seconds !== 0 || value.microseconds !== 0;
  if (isMapping(value)) return value.keys().length > 0;
  return true;
}

function sequenceEquals(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  return a.length === b.length && a.every((item, index) => pyEquals(item, b[index] ?? null));
}

/** Python's `a == b` for the values Expect lines compare (True == 1, tuple != list, dicts by keys). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === null || b === null) return a === b;
  const numeric = (v: PyValue): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) return Number(a) === Number(b);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && sequenceEquals(a, b);
  if (a instanceof PyTuple || b instanceof PyTuple) {
    return a instanceof PyTuple && b instanceof PyTuple && sequenceEquals(a.items, b.items);
  }
  if (a instanceof PyTimedelta || b instanceof PyTimedelta) {
    return (
      a instanceof PyTimedelta &&
      b instanceof PyTimedelta &&
      a.days === b.days &&
      a.seconds === b.seconds &&
      a.microseconds === b.microseconds
    );
  }
  if (isMapping(a) && isMapping(b)) {
    const keys = a.keys();
    if (keys.length !== b.keys().length) return false;
    return keys.every((key) => {
      const other = b.lookup(key);
      return other !== undefined && pyEquals(a.lookup(key) ?? null, other);
    });
  }
  return a === b;
}

/** Python's `a is b` for the singletons Expect lines test (None, True, False); identity otherwise. */
export function pyIs(a: PyValue, b: PyValue): boolean {
  return a === b;
}

/** A short repr for failure messages. */
export function pyRepr(value: PyValue | undefined, depth = 0): string {
  if (value === undefined) return '<missing>';
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
  if (depth > 3) return '...';
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v, depth + 1)).join(', ')}]`;
  if (value instanceof PyTuple) return `(${value.items.map((v) => pyRepr(v, depth + 1)).join(', ')})`;
  if (value instanceof PyTimedelta) return `timedelta(${value.days}, ${value.seconds}, ${value.microseconds})`;
  if (isMapping(value)) {
    try {
      return `{${value.keys().map((k) => `${JSON.stringify(k)}: ${pyRepr(value.lookup(k), depth + 1)}`).join(', ')}}`;
    } catch {
      return '{...}';
    }
  }
  if (isTagged(value, 'callable') || isTagged(value, 'module')) return `<${value.kind} ${value.name}>`;
  return '<?>';
}
