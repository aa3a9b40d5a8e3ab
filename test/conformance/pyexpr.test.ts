import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NotApplicable,
  PyDict,
  PyExprSyntaxError,
  PyTimedelta,
  PyTuple,
  check,
  evaluate,
  parseExpression,
  pyEquals,
  tokenize,
} from './pyexpr.js';
import type { PyMapping, PyValue } from './pyexpr.js';

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/feedparser');

/** A scope that answers from a plain object and says NotApplicable for anything in `unknown`. */
function scope(values: Record<string, PyValue>, unknown: string[] = []): PyMapping {
  return {
    kind: 'mapping',
    lookup: (key) => {
      if (unknown.includes(key)) throw new NotApplicable(key);
      return values[key];
    },
    keys: () => Object.keys(values),
  };
}

function run(source: string, values: Record<string, PyValue> = {}, unknown: string[] = []): PyValue {
  return evaluate(parseExpression(source), scope(values, unknown));
}

function stringLiteral(source: string): string {
  const [token] = tokenize(source);
  if (token?.type !== 'string') throw new Error(`not a string: ${source}`);
  return token.value;
}

describe('pyexpr: every Expect line of the feedparser corpus', () => {
  const entries = JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8')) as { path: string; expect: string }[];

  it('has the 2,107 lines the README describes', () => {
    expect(entries).toHaveLength(2107);
  });

  it('parses 100% of them', () => {
    const failures = entries.filter((entry) => {
      try {
        parseExpression(entry.expect);
        return false;
      } catch {
        return true;
      }
    });
    expect(failures.map((entry) => entry.path)).toEqual([]);
  });
});

describe('pyexpr: string literals', () => {
  it.each<[string, string]>([
    ["'plain'", 'plain'],
    ['"double"', 'double'],
    ["'\\u2026'", '\u2026'],
    ["'\\xa0'", '\u00a0'],
    ["'\\U0001F600'", '\u{1F600}'],
    ["'a\\nb\\tc\\rd'", 'a\nb\tc\rd'],
    ["'\\101\\0'", 'A\0'],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["'back\\\\slash'", 'back\\slash'],
    ["'unknown \\q escape'", 'unknown \\q escape'],
    ["'''<span style=\"font-family: 'Lucida Console';\">'''", '<span style="font-family: \'Lucida Console\';">'],
    ['"""&lt;!\' <a href="foo">"""', '&lt;!\' <a href="foo">'],
    ["r'\\n raw'", '\\n raw'],
    ["u'unicode'", 'unicode'],
  ])('%s', (source, expected) => {
    expect(stringLiteral(source)).toBe(expected);
  });

  it('concatenates adjacent literals and + on strings', () => {
    expect(run("'a' 'b' == 'ab'")).toBe(true);
    expect(run("'Crazy -' + '- x' == 'Crazy -- x'")).toBe(true);
  });

  it('rejects malformed literals and stray characters', () => {
    expect(() => parseExpression("'unterminated")).toThrow(PyExprSyntaxError);
    expect(() => parseExpression("'\\x4'")).toThrow(PyExprSyntaxError);
    expect(() => parseExpression('a ? b')).toThrow(PyExprSyntaxError);
    expect(() => parseExpression('a ==')).toThrow(PyExprSyntaxError);
    expect(() => parseExpression('(a')).toThrow(PyExprSyntaxError);
  });
});

describe('pyexpr: evaluation', () => {
  it.each<[string, PyValue]>([
    ['1 and 2', 2],
    ['0 and 2', 0],
    ["'' or 'x'", 'x'],
    ['not 0', true],
    ['not []', true],
    ['not {}', true],
    ['1 == 1 == 1', true],
    ['1 == 1 == 2', false],
    ['True == 1', true],
    ['False == 0', true],
    ['1 == 1.0', true],
    ['(1, 2) == (1, 2)', true],
    ['(1, 2) == [1, 2]', false],
    ['[1, 2] == [1, 2]', true],
    ['(-156.2342, 42.3453, 45.0) == (-156.2342, 42.3453, 45)', true],
    ["{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", true],
    ["{'a': 1} == {'a': 1, 'b': 2}", false],
    ['None == None', true],
    ["None == ''", false],
    ["'x' != None", true],
    ['1 is True', false],
    ['True is True', true],
    ['None is None', true],
    ['0 is not None', true],
    ['2 > 1', true],
    ["'b' >= 'a'", true],
    ["'ell' in 'hello'", true],
    ['2 in (1, 2)', true],
    ["'a' not in {'a': 1}", false],
    ['[1, 2][-1]', 2],
    ["'h\u00e9llo'[1]", '\u00e9'],
    ["len('\u{1F600}x')", 2],
    ["ord('\u2026')", 8230],
    ["ord('\u{1F600}')", 0x1f600],
    ['len([1, 2, 3])', 3],
    ["len({'a': 1})", 1],
    ['-3 + 5', 2],
    ['(1,)', new PyTuple([1])],
    ['(1)', 1],
    ['()', new PyTuple([])],
  ])('%s', (source, expected) => {
    expect(pyEquals(run(source), expected)).toBe(true);
  });

  it('reads names, subscripts, attributes and methods from the scope', () => {
    const feed = new PyDict([
      ['title', 'Example'],
      ['tags', [new PyDict([['term', 'cat1']])]],
    ]);
    const values = { feed, entries: [feed], bozo: false };
    expect(run("not bozo and feed['title'] == 'Example'", values)).toBe(true);
    expect(run("feed.title == 'Example' and entries[0].tags[0].term == 'cat1'", values)).toBe(true);
    expect(run("feed.get('missing') == None and feed.get('missing', 5) == 5", values)).toBe(true);
    expect(run("feed.has_key('title') and not feed.has_key('nope')", values)).toBe(true);
    expect(run("'title' in feed and 'nope' not in feed", values)).toBe(true);
    expect(run("'bozo' in locals() and not 'etag' in locals()", values)).toBe(true);
  });

  it('builds datetime.timedelta normalised as Python does', () => {
    expect(pyEquals(run('datetime.timedelta(0, 187, 250000)'), new PyTimedelta(0, 187.25))).toBe(true);
    expect(pyEquals(run('datetime.timedelta(0, 86400)'), new PyTimedelta(1))).toBe(true);
    expect(pyEquals(run('datetime.timedelta(0, 12)'), new PyTimedelta(0, 13))).toBe(false);
  });
});

describe('pyexpr: check outcomes', () => {
  const feed = new PyDict([['title', 'Example']]);

  it('passes and fails as Python would', () => {
    expect(check("feed['title'] == 'Example'", scope({ feed }))).toEqual({ status: 'pass' });
    expect(check("feed['title'] == 'Other'", scope({ feed })).status).toBe('fail');
  });

  it('treats Python exceptions (KeyError, IndexError, NameError, TypeError) as failures', () => {
    for (const source of ["feed['nope']", 'feed.nope', 'entries[3]', 'undefined_name', "ord('ab')", "len(1)"]) {
      const outcome = check(source, scope({ feed, entries: [] }));
      expect(outcome.status, source).toBe('fail');
    }
  });

  it('reports NotApplicable separately from failures', () => {
    expect(check('etag', scope({ bozo: false }, ['etag']))).toEqual({ status: 'not-applicable', detail: 'etag' });
    const unknownFeed: PyMapping = {
      kind: 'mapping',
      lookup: (key) => {
        if (key === 'cloud') throw new NotApplicable('feed.cloud');
        return undefined;
      },
      keys: () => [],
    };
    expect(check("feed['cloud']['port'] == '80'", scope({ feed: unknownFeed }))).toEqual({
      status: 'not-applicable',
      detail: 'feed.cloud',
    });
    expect(check('isinstance(bozo_exception, feedparser.CharacterEncodingOverride)', scope({ bozo_exception: null })).status).toBe(
      'not-applicable',
    );
  });

  it('does not reach the right operand when the left short-circuits', () => {
    const unknownFeed: PyMapping = {
      kind: 'mapping',
      lookup: () => {
        throw new NotApplicable('feed');
      },
      keys: () => [],
    };
    expect(check("bozo and feed['x']", scope({ bozo: false, feed: unknownFeed })).status).toBe('fail');
    expect(check("not bozo or feed['x']", scope({ bozo: false, feed: unknownFeed })).status).toBe('pass');
  });
});
