/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

/** A place in the text: 0-based offset, 1-based line and column. */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

/** Strict JSON read with positions: the value, where each member starts, and any repeated keys. */
export interface JsonDocument {
  value: unknown;
  /** Where the value at `path` starts (for an object member: its key), or undefined when there is none. */
  locate(path: readonly PathSegment[]): TextPosition | undefined;
  /** Keys written twice in one object: JSON.parse would silently keep the last. */
  duplicateKeys: { path: PathSegment[]; position: TextPosition }[];
}

/** The text is not JSON; `position` says where reading stopped. */
export class JsonSyntaxError extends Error {
  readonly position: TextPosition;

  constructor(message: string, position: TextPosition) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.position = position;
  }
}

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** Read strict JSON (RFC 8259; a leading BOM is allowed), throwing JsonSyntaxError with line and column. */
export function parseJsonDocument(text: string): JsonDocument {
  const reader = new Reader(text);
  return { value: reader.readDocument(), locate: (path) => reader.locate(path), duplicateKeys: reader.duplicates };
}

/** Line and column (1-based) of an offset in a text. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

class Reader {
  private index = 0;
  private readonly starts = new Map<string, number>();
  private readonly path: PathSegment[] = [];
  readonly duplicates: JsonDocument['duplicateKeys'] = [];

  constructor(private readonly text: string) {
    if (text.startsWith('\uFEFF')) this.index = 1;
  }

  readDocument(): unknown {
    this.skipSpace();
    if (this.index >= this.text.length) this.fail('the file is empty');
    this.starts.set(JSON.stringify(this.path), this.index);
    const value = this.readValue();
    this.skipSpace();
    if (this.index < this.text.length) this.fail('unexpected text after the end of the JSON value');
    return value;
  }

  locate(path: readonly PathSegment[]): TextPosition | undefined {
    const offset = this.starts.get(JSON.stringify(path));
    return offset === undefined ? undefined : positionAt(this.text, offset);
  }

  private readValue(): unknown {
    if (this.path.length > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    const char = this.text[this.index];
    if (char === '{') return this.readObject();
    if (char === '[') return this.readArray();
    if (char === '"') return this.readString();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.readNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return value;
      }
    }
    if (char === '/') this.fail('comments are not allowed in JSON');
    if (char === "'") this.fail('strings must use double quotes');
    if (char === undefined) this.fail('unexpected end of file: a value is missing');
    return this.fail(`unexpected ${describeChar(char)}: expected a value`);
  }

  private readObject(): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.index += 1;
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index += 1;
      return object;
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.index;
      if (this.text[this.index] !== '"') {
        if (this.text[this.index] === '}') this.fail("trailing comma before '}'");
        this.fail(`expected a property name in double quotes, found ${this.found()}`);
      }
      const key = this.readString();
      this.path.push(key);
      if (seen.has(key)) this.duplicates.push({ path: [...this.path], position: positionAt(this.text, keyStart) });
      seen.add(key);
      this.starts.set(JSON.stringify(this.path), keyStart);
      this.skipSpace();
      if (this.text[this.index] !== ':') this.fail(`expected ':' after the property name, found ${this.found()}`);
      this.index += 1;
      this.skipSpace();
      // defineProperty, not assignment: a "__proto__" key must stay data, as JSON.parse keeps it.
      Object.defineProperty(object, key, { value: this.readValue(), enumerable: true, writable: true, configurable: true });
      this.path.pop();
      if (this.endOfList('}', 'a property value')) return object;
    }
  }

  private readArray(): unknown[] {
    const array: unknown[] = [];
    this.index += 1;
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index += 1;
      return array;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] === ']') this.fail("trailing comma before ']'");
      this.path.push(array.length);
      this.starts.set(JSON.stringify(this.path), this.index);
      array.push(this.readValue());
      this.path.pop();
      if (this.endOfList(']', 'an array element')) return array;
    }
  }

  /** After a member: true at the closing bracket, false after a comma; anything else is an error. */
  private endOfList(close: '}' | ']', after: string): boolean {
    this.skipSpace();
    const char = this.text[this.index];
    this.index += 1;
    if (char === close) return true;
    if (char === ',') return false;
    this.index -= 1;
    return this.fail(`expected ',' or '${close}' after ${after}, found ${this.found()}`);
  }

  private readString(): string {
    const start = this.index;
    STRING_BODY.lastIndex = start + 1;
    STRING_BODY.exec(this.text);
    this.index = STRING_BODY.lastIndex;
    const char = this.text[this.index];
    if (char === '"') {
      this.index += 1;
      return JSON.parse(this.text.slice(start, this.index)) as string;
    }
    if (char === undefined || char === '\n') {
      this.index = start;
      this.fail('unterminated string');
    }
    if (char === '\\') this.fail(`invalid escape ${JSON.stringify(this.text.slice(this.index, this.index + 2))} in a string`);
    return this.fail('control character in a string: write it as an escape such as \\n or \\t');
  }

  private readNumber(): number {
    NUMBER.lastIndex = this.index;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail(`invalid number, found ${this.found()}`);
    this.index = NUMBER.lastIndex;
    return Number(match[0]);
  }

  private skipSpace(): void {
    while (this.index < this.text.length) {
      const char = this.text[this.index];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.index += 1;
    }
  }

  private found(): string {
    const char = this.text[this.index];
    return char === undefined ? 'the end of the file' : describeChar(char);
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, positionAt(this.text, this.index));
  }
}

function describeChar(char: string): string {
  return /[\u0000-\u001f]/.test(char) ? `character U+${char.charCodeAt(0).toString(16).padStart(4, '0')}` : `'${char}'`;
}
