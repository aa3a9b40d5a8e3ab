/** A lexical token of a Python expression. */
export type Token =
  | { type: 'name'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

/** The expression is not Python we can read. */
export class PyExprSyntaxError extends Error {
  constructor(message: string, source: string, at: number) {
    super(`${message} at ${at} in: ${source.length > 120 ? `${source.slice(0, 120)}...` : source}`);
    this.name = 'PyExprSyntaxError';
  }
}

const OPERATORS = ['==', '!=', '<=', '>=', '**', '//', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '*', '/', '%'];

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function hexEscape(source: string, at: number, length: number): string {
  const hex = source.slice(at, at + length);
  if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new PyExprSyntaxError(`bad \\x/\\u escape`, source, at);
  }
  return String.fromCodePoint(Number.parseInt(hex, 16));
}

/** Decode the body of a non-raw Python 3 string literal (escapes: \\xNN \\uNNNN \\UNNNNNNNN \\ooo \\n ...). */
function unescape(body: string, source: string, offset: number): string {
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else if (next === '\n') {
      i += 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      out += hexEscape(body, i + 2, length);
      i += 1 + length;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? next;
      out += String.fromCodePoint(Number.parseInt(octal, 8));
      i += octal.length;
    } else if (next === 'N') {
      throw new PyExprSyntaxError('\\N{...} escapes are not supported', source, offset + i);
    } else {
      // Python keeps unknown escapes as written.
      out += char;
    }
  }
  return out;
}

function readString(source: string, start: number): { value: string; end: number } | undefined {
  const prefix = /^[rRuUbB]{0,2}(?=['"])/.exec(source.slice(start, start + 3));
  if (!prefix) return undefined;
  const raw = /r/i.test(prefix[0]);
  let i = start + prefix[0].length;
  const quote = source[i] ?? '';
  const triple = source.startsWith(quote.repeat(3), i);
  const closer = triple ? quote.repeat(3) : quote;
  i += closer.length;
  const bodyStart = i;
  while (i < source.length) {
    if (source[i] === '\\') {
      i += 2;
      continue;
    }
    if (source.startsWith(closer, i)) {
      const body = source.slice(bodyStart, i);
      return { value: raw ? body : unescape(body, source, bodyStart), end: i + closer.length };
    }
    if (!triple && source[i] === '\n') break;
    i += 1;
  }
  throw new PyExprSyntaxError('unterminated string', source, start);
}

/** Split a Python expression into tokens. Throws PyExprSyntaxError on anything else. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    const string = readString(source, i);
    if (string) {
      tokens.push({ type: 'string', value: string.value, at: i });
      i = string.end;
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(source.slice(i));
    if (number && /[\d.]/.test(char)) {
      if (number[0] !== '.') {
        tokens.push({ type: 'number', value: Number(number[0]), at: i });
        i += number[0].length;
        continue;
      }
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ type: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new PyExprSyntaxError(`unexpected character ${JSON.stringify(char)}`, source, i);
    tokens.push({ type: 'op', value: op, at: i });
    i += op.length;
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}
