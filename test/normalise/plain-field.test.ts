import { describe, expect, it } from 'vitest';
import type { ParsedEntry } from '../../src/model/index.js';
import { normaliseItem, plainField, TAG_SHAPED, withoutMarkup } from '../../src/normalise/index.js';

describe('plainField', () => {
  it.each([
    // Markup left in plain text is stripped (script and style with their content), not escaped.
    ['Story 32 </title><script>alert(1)</script>', 'Story 32'],
    ['x <img src=x onerror=alert(1)> y', 'x y'],
    ['"><svg onload=alert(1)>', '">'],
    ['a <!-- hidden --> b', 'a b'],
    ['a <![CDATA[ x', 'a x'],
    ['<<b>b>c', 'c'],
    ['<<<b>b>b>x', 'x'],
    // What is not tag-shaped stays, as written.
    ['a < b and c > d', 'a < b and c > d'],
    ['5 <3 you', '5 <3 you'],
    ['end ]]> and --> here', 'end ]]> and --> here'],
    ['AT&T', 'AT&T'],
    // Looks like HTML (feedparser's heuristic): read as HTML, then stripped.
    ['AT&amp;T', 'AT&T'],
    ['Story &lt;b&gt;bold&lt;/b&gt;', 'Story bold'],
    ['&lt;script&gt;alert(1)&lt;/script&gt; hi', 'hi'],
    ['  spaced\n\tout  ', 'spaced out'],
  ])('%j → %j', (input, expected) => {
    expect(plainField(input)).toBe(expected);
    expect(plainField({ type: 'text', value: input })).toBe(expected);
  });

  it('reads HTML and XHTML constructs as HTML, and strips what their text spells as markup', () => {
    expect(plainField({ type: 'html', value: 'A &amp; <b>B</b>' })).toBe('A & B');
    expect(plainField({ type: 'html', value: '&lt;script&gt;alert(1)&lt;/script&gt;Title' })).toBe('Title');
    expect(plainField({ type: 'xhtml', value: '<em>&lt;img src=x onerror=alert(1)&gt;</em> ok' })).toBe('ok');
    expect(plainField(undefined)).toBe('');
    expect(plainField(null)).toBe('');
  });

  it('never leaves tag-shaped text, however the markup is nested or encoded', () => {
    const pieces = ['<', '>', '/', '!', '?', 'script', 'img', ' ', 'a', '&lt;', '&gt;', '&amp;', '-->', ']]>', '"', '='];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const length = 1 + (next() % 24);
      const text = Array.from({ length }, () => pieces[next() % pieces.length]).join('');
      const out = plainField(text);
      expect(out, JSON.stringify(text)).not.toMatch(TAG_SHAPED);
      // Plain is a fixed point: reading the result again changes nothing.
      expect(withoutMarkup(out), JSON.stringify(text)).toBe(out);
    }
  });
});

describe('normaliseItem plain fields', () => {
  const base: ParsedEntry = { links: [], content: [], authors: [], contributors: [], categories: [], enclosures: [] };

  it('makes title, author names and category terms plain with the same rule', () => {
    const item = normaliseItem({
      ...base,
      title: { type: 'text', value: 'Hello </title><script>alert(1)</script>' },
      authors: [{ name: 'Eve <img src=x onerror=alert(1)>' }, { name: 'Ann &amp; Bob' }],
      categories: [{ term: '<svg onload=alert(1)>Cloud' }, { term: 'R&amp;D' }, { term: '<b>' }],
    });
    expect(item.title).toBe('Hello');
    expect(item.text).toBe('Hello');
    expect(item.authors).toEqual([{ name: 'Eve' }, { name: 'Ann & Bob' }]);
    expect(item.categories).toEqual(['Cloud', 'R&D']);
  });
});
