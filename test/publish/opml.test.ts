import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderOpml, type OpmlInput } from '../../src/publish/index.js';
import { expectFixture } from './support/expect-fixture.js';

const INPUT: OpmlInput = {
  title: 'Hosting & Cloud Headlines: sources',
  sources: [
    { id: 'lwn', title: 'LWN.net', url: 'https://lwn.net/headlines/rss', siteUrl: 'https://lwn.net/', tags: ['linux'] },
    {
      id: 'register',
      title: 'The Register — "Data Centre"',
      url: 'https://www.theregister.com/data_centre/headlines.atom?a=1&b=2',
      siteUrl: null,
      tags: ['cloud', 'data/centre', 'hosting,news'],
    },
    { id: 'untitled', title: '  ', url: 'http://feeds.example.com/x.xml', tags: [] },
  ],
};

describe('renderOpml', () => {
  it('matches the fixture', () => {
    expectFixture('sources.opml', renderOpml(INPUT));
  });

  it('is well-formed OPML 2.0 with one rss outline per source', () => {
    const opml = renderOpml(INPUT);
    expect(XMLValidator.validate(opml)).toBe(true);
    expect(opml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<opml version="2\.0">/);
    expect(opml.match(/<outline type="rss" /g)).toHaveLength(3);
  });

  it.each([
    ['escapes names and URLs', 'text="The Register — &quot;Data Centre&quot;"'],
    ['escapes & in URLs', 'xmlUrl="https://www.theregister.com/data_centre/headlines.atom?a=1&amp;b=2"'],
    ['writes tags as a comma list without slashes or commas inside a tag', 'category="cloud,data centre,hosting news"'],
    ['falls back to the id when the title is blank', 'text="untitled" title="untitled"'],
    ['adds htmlUrl when the site is known', 'htmlUrl="https://lwn.net/"'],
  ])('%s', (_what, expected) => {
    expect(renderOpml(INPUT)).toContain(expected);
  });

  it('is the same bytes for the same list (no dates inside)', () => {
    expect(renderOpml(INPUT)).toBe(renderOpml(structuredClone(INPUT)));
  });
});
