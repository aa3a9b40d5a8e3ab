import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { appendSources, removeSource } from '../../src/sources/index.js';

const SHIPPED = readFileSync(path.resolve(process.cwd(), 'feeds.config.json'), 'utf8');
const entry = { id: 'new-one', url: 'https://new.example/feed.xml', title: 'New "One"', tags: ['cloud', 'news'] };

describe('appendSources', () => {
  it('appends to the shipped config in its own layout, changing nothing else', () => {
    const edited = appendSources(SHIPPED, [entry]);
    // Just after the closing brace of the last source entry.
    const closing = SHIPPED.lastIndexOf('}', SHIPPED.indexOf('"vendors"')) + 1;
    // Everything before the last entry's end and everything after it is untouched.
    expect(edited.startsWith(SHIPPED.slice(0, closing))).toBe(true);
    expect(edited.endsWith(SHIPPED.slice(closing))).toBe(true);
    const added = edited.slice(closing, edited.length - (SHIPPED.length - closing));
    expect(added).toBe(',\n    {\n      "id": "new-one",\n      "url": "https://new.example/feed.xml",\n'
      + '      "title": "New \\"One\\"",\n      "tags": ["cloud", "news"]\n    }');
    const config = parseConfig(edited, 'x.json');
    expect(config.sources.at(-1)).toMatchObject({ id: 'new-one', title: 'New "One"', tags: ['cloud', 'news'] });
    expect(config.sources.length).toBe(parseConfig(SHIPPED, 'x.json').sources.length + 1);
  });

  const cases: { name: string; text: string; expected: string }[] = [
    { name: 'compact one-line file', text: '{"sources":[{"id":"a","url":"https://a.example/"}]}', expected: '{"sources":[{"id":"a","url":"https://a.example/"},{"id":"b","url":"https://b.example/"}]}' },
    { name: 'one entry per line', text: '{\n  "sources": [\n    { "id": "a", "url": "https://a.example/" }\n  ]\n}\n', expected: '{\n  "sources": [\n    { "id": "a", "url": "https://a.example/" },\n    { "id": "b", "url": "https://b.example/" }\n  ]\n}\n' },
    { name: 'empty array', text: '{\n  "sources": []\n}\n', expected: '{\n  "sources": [\n    {\n      "id": "b",\n      "url": "https://b.example/"\n    }\n  ]\n}\n' },
    { name: 'no sources member', text: '{\n\t"site": {"title": "x"}\n}\n', expected: '{\n\t"site": {"title": "x"},\n\t"sources": [\n\t\t{\n\t\t\t"id": "b",\n\t\t\t"url": "https://b.example/"\n\t\t}\n\t]\n}\n' },
    { name: 'empty object', text: '{}', expected: '{\n  "sources": [\n    {\n      "id": "b",\n      "url": "https://b.example/"\n    }\n  ]\n}' },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    const edited = appendSources(text, [{ id: 'b', url: 'https://b.example/' }]);
    expect(edited).toBe(expected);
    expect(parseConfig(edited, 'x.json').sources.map((s) => s.id)).toContain('b');
  });
});

describe('removeSource', () => {
  const text = '{\n  "sources": [\n    { "id": "a", "url": "https://a.example/" },\n    { "id": "b", "url": "https://b.example/" },\n    { "id": "c", "url": "https://c.example/" }\n  ],\n  "x": 1\n}';
  const cases: { id: string; expected: string | undefined }[] = [
    { id: 'a', expected: '{\n  "sources": [\n    { "id": "b", "url": "https://b.example/" },\n    { "id": "c", "url": "https://c.example/" }\n  ],\n  "x": 1\n}' },
    { id: 'b', expected: '{\n  "sources": [\n    { "id": "a", "url": "https://a.example/" },\n    { "id": "c", "url": "https://c.example/" }\n  ],\n  "x": 1\n}' },
    { id: 'c', expected: '{\n  "sources": [\n    { "id": "a", "url": "https://a.example/" },\n    { "id": "b", "url": "https://b.example/" }\n  ],\n  "x": 1\n}' },
    { id: 'zzz', expected: undefined },
  ];
  it.each(cases)('removes $id', ({ id, expected }) => expect(removeSource(text, id)).toBe(expected));

  it('leaves an empty array when the last source goes', () => {
    expect(removeSource('{"sources": [ {"id": "a", "url": "https://a.example/"} ], "y": "]"}', 'a')).toBe('{"sources": [], "y": "]"}');
  });

  it('removes from the shipped config and nothing else', () => {
    const edited = removeSource(SHIPPED, 'phoronix') ?? '';
    const before = parseConfig(SHIPPED, 'x.json');
    const after = parseConfig(edited, 'x.json');
    expect(after.sources.map((s) => s.id)).toEqual(before.sources.map((s) => s.id).filter((id) => id !== 'phoronix'));
    expect(SHIPPED.length - edited.length).toBeLessThan(300);
    expect(edited.split('\n').length).toBe(SHIPPED.split('\n').length - 9);
  });
});
