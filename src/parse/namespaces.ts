import type { XmlElement } from './xml/index.js';

/** Namespace URIs feeds use, by the short key the format modules match on (alternative spellings included). */
const NAMESPACES: Record<string, readonly string[]> = {
  atom: ['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#', 'http://www.w3.org/2005/atom/'],
  rss: [
    'http://backend.userland.com/rss',
    'http://backend.userland.com/rss2',
    'http://blogs.law.harvard.edu/tech/rss',
    'http://purl.org/rss/1.0',
    'http://my.netscape.com/rdf/simple/0.9',
    'http://example.com/newformat#',
    'http://schemas.xmlsoap.org/soap/envelope',
  ],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  dc: ['http://purl.org/dc/elements/1.1', 'http://purl.org/dc/elements/1.0'],
  dcterms: ['http://purl.org/dc/terms'],
  content: ['http://purl.org/rss/1.0/modules/content'],
  media: ['http://search.yahoo.com/mrss', 'http://video.search.yahoo.com/mrss', 'http://search.yahoo.com/rss'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'http://example.com/dtds/podcast-1.0.dtd'],
  googleplay: ['http://www.google.com/schemas/play-podcasts/1.0'],
  sy: ['http://purl.org/rss/1.0/modules/syndication'],
  xhtml: ['http://www.w3.org/1999/xhtml'],
  admin: ['http://webns.net/mvcb'],
  feedburner: ['http://rssnamespace.org/feedburner/ext/1.0'],
  cc: ['http://backend.userland.com/creativecommonsrssmodule', 'http://web.resource.org/cc'],
  creativecommons: ['http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html'],
  slash: ['http://purl.org/rss/1.0/modules/slash'],
  wfw: ['http://wellformedweb.org/commentapi'],
  thr: ['http://purl.org/syndication/thread/1.0'],
  georss: ['http://www.georss.org/georss'],
};

const BY_URI = new Map<string, string>();
for (const [key, uris] of Object.entries(NAMESPACES)) for (const uri of uris) BY_URI.set(uri, key);

/** The URIs to assume for well-known prefixes a feed uses without declaring them. */
export const UNDECLARED_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['dc', 'http://purl.org/dc/elements/1.1/'],
  ['dcterms', 'http://purl.org/dc/terms/'],
  ['content', 'http://purl.org/rss/1.0/modules/content/'],
  ['media', 'http://search.yahoo.com/mrss/'],
  ['itunes', 'http://www.itunes.com/dtds/podcast-1.0.dtd'],
  ['sy', 'http://purl.org/rss/1.0/modules/syndication/'],
  ['atom', 'http://www.w3.org/2005/Atom'],
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['xhtml', 'http://www.w3.org/1999/xhtml'],
  ['admin', 'http://webns.net/mvcb/'],
  ['feedburner', 'http://rssnamespace.org/feedburner/ext/1.0'],
  ['slash', 'http://purl.org/rss/1.0/modules/slash/'],
  ['wfw', 'http://wellformedweb.org/CommentAPI/'],
  ['thr', 'http://purl.org/syndication/thread/1.0'],
  ['georss', 'http://www.georss.org/georss'],
]);

const keyCache = new Map<string, string>();

/** The short key of a namespace URI (`dc`, `atom`, `media` ...), "" for no namespace, `?` for unknown ones. */
export function namespaceKey(uri: string): string {
  if (uri === '') return '';
  let key = keyCache.get(uri);
  if (key === undefined) {
    const normalised = uri.trim().toLowerCase().replace(/\/$/, '');
    key = BY_URI.get(normalised) ?? BY_URI.get(`${normalised}/`) ?? '?';
    if (keyCache.size < 1000) keyCache.set(uri, key);
  }
  return key;
}

/**
 * The name a format module matches an element by: the bare local name for elements in the format's own
 * namespace (or none), `key:local` for known extension namespaces (`dc:creator`), `?:local` for unknown ones.
 */
export function elementKey(el: XmlElement, homeKey: string, homeNamespace = ''): string {
  if (el.ns === homeNamespace) return el.local;
  const key = namespaceKey(el.ns);
  if (key === '' || key === homeKey) return el.local;
  return `${key}:${el.local}`;
}
