import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonDocument } from '../../src/config/json-document.js';

describe('parseJsonDocument', () => {
  it('reads what JSON.parse reads', () => {
    const samples = [
      '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"", {}], "b": {"c": []}}',
      '  [ ]  ',
      '"just a string"',
      '0',
      '{"\\u0041": "escaped key", "emoji": "\\ud83d\\ude00"}',
    ];
    for (const text of samples) expect(parseJsonDocument(text).value).toEqual(JSON.parse(text));
  });

  it('accepts a byte order mark', () => {
    expect(parseJsonDocument('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
  });

  it('keeps a "__proto__" key as data, like JSON.parse', () => {
    const value = parseJsonDocument('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    ['', 1, 1, 'the file is empty'],
    ['{"a": 1,}', 1, 9, "trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "trailing comma before ']'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}' after a property value, found '\"'"],
    ['{\n  "a" 1\n}', 2, 7, "expected ':' after the property name, found '1'"],
    ["{'a': 1}", 1, 2, "expected a property name in double quotes, found '''"],
    ['{"a": tru}', 1, 7, "unexpected 't': expected a value"],
    ['{"a": "x\ny"}', 1, 7, 'unterminated string'],
    ['{"a": "x\ty"}', 1, 9, 'control character in a string: write it as an escape such as \\n or \\t'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape "\\\\x" in a string'],
    ['{"a": 1} {}', 1, 10, 'unexpected text after the end of the JSON value'],
    ['// note\n{}', 1, 1, 'comments are not allowed in JSON'],
    ['[1, 2', 1, 6, "expected ',' or ']' after an array element, found the end of the file"],
    ['{"a": -}', 1, 7, "invalid number, found '-'"],
  ])('%j fails at line %d, column %d', (text, line, column, message) => {
    let caught: unknown;
    try {
      parseJsonDocument(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JsonSyntaxError);
    const error = caught as JsonSyntaxError;
    expect(error.message).toBe(message);
    expect([error.position.line, error.position.column]).toEqual([line, column]);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonDocument('['.repeat(100_000))).toThrow(/nested more than/);
  });

  it('locates members and elements by path', () => {
    const document = parseJsonDocument('{\n  "sources": [\n    {"id": "a"},\n    {"id": "b", "url": 5}\n  ]\n}');
    expect(document.locate([])).toMatchObject({ line: 1, column: 1 });
    expect(document.locate(['sources'])).toMatchObject({ line: 2, column: 3 });
    expect(document.locate(['sources', 1])).toMatchObject({ line: 4, column: 5 });
    expect(document.locate(['sources', 1, 'url'])).toMatchObject({ line: 4, column: 17 });
    expect(document.locate(['sources', 2])).toBeUndefined();
  });

  it('reports keys written twice in one object', () => {
    const document = parseJsonDocument('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}');
    expect(document.duplicateKeys.map((duplicate) => duplicate.path)).toEqual([['b', 'c'], ['a']]);
    expect(document.value).toEqual({ a: 3, b: { c: 2 } });
  });
});
