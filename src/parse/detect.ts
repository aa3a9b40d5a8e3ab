import { NotAFeedError, type FeedFormat } from '../model/index.js';
import { attr, childElements, looseAttr, XMLNS_NAMESPACE, type XmlElement } from './xml/index.js';

const RSS090_NAMESPACE = 'http://my.netscape.com/rdf/simple/0.9/';
const ATOM10_NAMESPACE = 'http://www.w3.org/2005/atom';
const ATOM03_NAMESPACE = 'http://purl.org/atom/ns#';

const RSS_VERSIONS: Record<string, FeedFormat> = {
  '0.90': 'rss0.90',
  '0.9': 'rss0.90',
  '0.91': 'rss0.91',
  '0.92': 'rss0.92',
  '0.93': 'rss0.93',
  '0.94': 'rss0.94',
};

const HTML_PAGE = /^(?:<!--[\s\S]*?-->\s*|<\?[\s\S]*?\?>\s*|<!doctype\s+html[^>]*>\s*)*<html[\s>]/i;

/** True when the text starts like an HTML page (`<!DOCTYPE html>`, `<html>`), whatever came before in comments. */
export function looksLikeHtmlPage(text: string): boolean {
  return HTML_PAGE.test(text.slice(0, 4096));
}

/** True when the text is a JSON document (object or array), not markup. */
export function looksLikeJson(text: string): boolean {
  return text.startsWith('{') || text.startsWith('[');
}

/** An `<rss>` document's version: 0.9x and 2.x as stated; none (or one no spec has) is plain "rss", as feedparser says. */
function rssVersion(root: XmlElement): FeedFormat {
  const version = looseAttr(root, 'version')?.trim() ?? '';
  return RSS_VERSIONS[version] ?? (version.startsWith('2') ? 'rss2.0' : 'rss');
}

/** RSS 1.0 and 0.90 share `<rdf:RDF>`; the channel's (or item's) namespace tells them apart. */
function rdfVersion(root: XmlElement): FeedFormat {
  const first = childElements(root).find((el) => ['channel', 'item'].includes(el.local.toLowerCase()));
  if (first) return first.ns.toLowerCase() === RSS090_NAMESPACE ? 'rss0.90' : 'rss1.0';
  // An empty document: the namespaces it declares still tell.
  const declares090 = root.attributes.some((a) => a.ns === XMLNS_NAMESPACE && a.value.toLowerCase() === RSS090_NAMESPACE);
  return declares090 ? 'rss0.90' : 'rss1.0';
}

function atomVersion(root: XmlElement): FeedFormat {
  const ns = root.ns.toLowerCase();
  if (ns === ATOM03_NAMESPACE) return 'atom0.3';
  if (ns === ATOM10_NAMESPACE || ns === `${ATOM10_NAMESPACE}/`) return 'atom1.0';
  const version = attr(root, 'version')?.trim() ?? '';
  return /^0\.[0-3]$/.test(version) ? 'atom0.3' : 'atom1.0';
}

/** True when an XML document is an (X)HTML page: its root is <html>, or its DOCTYPE says html (and it is no feed). */
export function isHtmlRoot(root: XmlElement, doctypeRoot: string | undefined): boolean {
  const local = root.local.toLowerCase();
  return local === 'html' || (doctypeRoot?.toLowerCase() === 'html' && !['channel', 'rss', 'rdf', 'feed'].includes(local));
}

/** Which syndication format an XML document is, from its root element; throws NotAFeedError for anything else. */
export function detectXmlFormat(root: XmlElement, doctypeRoot: string | undefined): FeedFormat {
  const local = root.local.toLowerCase();
  if (local === 'rss') return rssVersion(root);
  if (local === 'rdf') return rdfVersion(root);
  if (local === 'feed') return atomVersion(root);
  if (isHtmlRoot(root, doctypeRoot)) throw new NotAFeedError('an HTML page, not a feed');
  throw new NotAFeedError(`not a feed: the root element is <${root.qname}>, not <rss>, <rdf:RDF> or <feed>`);
}
