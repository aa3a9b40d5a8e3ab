// Finds what would be executable in HTML: script/style-loading elements, event-handler attributes
// and URL attributes that are not http(s) or site paths. Our renderers escape every `<` in text,
// so every `<name ...>` left in the output is a real tag.

/** One tag found in markup, with its attributes (values decoded for the common entities). */
export interface FoundTag {
  name: string;
  attributes: Record<string, string>;
}

/** Every start tag in an HTML string. */
export function startTags(html: string): FoundTag[] {
  const tags: FoundTag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const attributes: Record<string, string> = {};
    for (const attr of (match[2] ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const rawValue = attr[2] ?? '';
      const value = rawValue.replace(/^["']|["']$/g, '');
      attributes[(attr[1] ?? '').toLowerCase()] = decodeEntities(value);
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attributes });
  }
  return tags;
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset'];

/** Each way the markup could run script: a description per problem (empty when safe). */
export function executableProblems(html: string): string[] {
  const problems: string[] = [];
  for (const tag of startTags(html)) {
    if (['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'base'].includes(tag.name)) {
      problems.push(`<${tag.name}> element`);
    }
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (name.startsWith('on')) problems.push(`<${tag.name} ${name}=...> event handler`);
      // An empty URL (what the sanitiser leaves of a javascript: one) points at the page itself; mailto: opens mail.
      if (URL_ATTRIBUTES.includes(name) && !/^(https?:\/\/|mailto:|\/(?!\/)|#|$)/i.test(value.trim())) {
        problems.push(`<${tag.name} ${name}="${value}"> is not an http(s) URL or a site path`);
      }
    }
  }
  return problems;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const SEARCH_BOX = /<form class="search" role="search" method="get" action="(?:\/[a-z0-9-]+)*\/search"><input type="search" name="q" value="[^"<>]*" aria-label="Search stories" placeholder="Search stories" maxlength="200"><button type="submit">Search<\/button><\/form>/g;

/**
 * A whole page without the site's own search box (a plain GET form to /search, in every page's header), so that
 * the scan still finds any form that came from a feed. Throws when the page has no such box, or more than one.
 */
export function withoutSearchBox(page: string): string {
  const boxes = page.match(SEARCH_BOX) ?? [];
  if (boxes.length !== 1) throw new Error(`expected one search box in the page, found ${boxes.length}`);
  return page.replace(SEARCH_BOX, '');
}
