/** A Content-Type header split into its media type and charset parameter. */
export interface ContentTypeInfo {
  /** Lower-case `type/subtype`, or "" when there was none. */
  mediaType: string;
  /** The charset parameter, unquoted and lower-cased, when present and well-formed enough to read. */
  charset?: string;
}

/**
 * Parse a Content-Type header, tolerating the malformed forms servers send:
 * `charset= "us-ascii"`, `charset = us-ascii`, `charset='x'`, a trailing `;`. A parameter written
 * `charset:iso-8859-1` is not a charset parameter and is ignored, as feedparser does.
 */
export function parseContentType(header: string | undefined): ContentTypeInfo {
  if (!header) return { mediaType: '' };
  const [type = '', ...params] = header.split(';');
  const info: ContentTypeInfo = { mediaType: type.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^["']|["']$/g, '')
      .trim()
      .toLowerCase();
    if (value) info.charset = value;
  }
  return info;
}

const XML_APPLICATION_TYPES = new Set(['application/xml', 'application/xml-dtd', 'application/xml-external-parsed-entity']);
const XML_TEXT_TYPES = new Set(['text/xml', 'text/xml-external-parsed-entity']);
const JSON_TYPES = new Set(['application/feed+json', 'application/json']);

/** How RFC 3023 (and RFC 8259 for JSON) classify a media type for choosing an encoding. */
export type MediaTypeClass = 'xml-application' | 'xml-text' | 'json' | 'other-text' | 'other';

/** Classify a media type the way RFC 3023 does: application XML, text XML, JSON, other text, or other. */
export function classifyMediaType(mediaType: string): MediaTypeClass {
  if (XML_APPLICATION_TYPES.has(mediaType)) return 'xml-application';
  if (mediaType.startsWith('application/') && mediaType.endsWith('+xml')) return 'xml-application';
  if (XML_TEXT_TYPES.has(mediaType)) return 'xml-text';
  if (mediaType.startsWith('text/') && mediaType.endsWith('+xml')) return 'xml-text';
  if (JSON_TYPES.has(mediaType) || (mediaType.startsWith('application/') && mediaType.endsWith('+json'))) return 'json';
  if (mediaType.startsWith('text/')) return 'other-text';
  return 'other';
}
