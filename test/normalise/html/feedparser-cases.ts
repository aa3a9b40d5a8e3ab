/**
 * Reads feedparser's sanitize corpus for the sanitiser's conformance test: the Expect header of each
 * feed, when it is a plain `not bozo and <field> == '<literal>'`, and the HTML input of that field,
 * pulled out of the feed with a small regex-level XML reader (no feed parser involved).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One corpus case: the HTML handed to the sanitiser and what feedparser returned. */
export interface SanitizeCase {
  file: string;
  field: string;
  input: string;
  base?: string;
  expected: string;
}

const CORPUS = path.resolve(process.cwd(), '../shared/corpora/feedparser');

/** Decode the Python string literals of `'a' + "b" + '''c'''`; undefined for anything else. */
export function pythonStringConcatenation(source: string): string | undefined {
  let i = 0;
  let result = '';
  const skipSpaces = () => {
    while (source[i] === ' ') i++;
  };
  for (;;) {
    skipSpaces();
    const quote = source[i];
    if (quote !== "'" && quote !== '"') return undefined;
    const triple = source.startsWith(quote.repeat(3), i);
    const delimiter = triple ? quote.repeat(3) : quote;
    i += delimiter.length;
    for (;;) {
      if (i >= source.length) return undefined;
      if (source.startsWith(delimiter, i)) break;
      const c = source[i] as string;
      if (c !== '\\') {
        result += c;
        i++;
        continue;
      }
      const next = source[i + 1] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
      if (next in simple) {
        result += simple[next];
        i += 2;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        result += String.fromCodePoint(Number.parseInt(source.slice(i + 2, i + 2 + width), 16));
        i += 2 + width;
      } else {
        result += c;
        i++;
      }
    }
    i += delimiter.length;
    skipSpaces();
    if (i >= source.length) return result;
    if (source[i] !== '+') return undefined;
    i++;
  }
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data of an XML element's content: CDATA sections kept, entities decoded. */
function xmlText(content: string): string {
  return content
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) =>
      part.startsWith('<![CDATA[')
        ? part.slice(9, -3)
        : part.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
            if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
            if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
            return XML_ENTITIES[name] ?? whole;
          }),
    )
    .join('');
}

/** Elements that may carry each field, in order of preference. */
const CANDIDATES: Record<string, string[]> = {
  'entries.description': ['description', 'summary', 'content:encoded', 'fullitem', 'xhtml:body', 'body', 'content'],
  'entries.summary': ['summary', 'description', 'content:encoded', 'fullitem', 'xhtml:body', 'body', 'content'],
  'entries.content': ['content', 'content:encoded', 'xhtml:body', 'body', 'fullitem', 'description'],
  'entries.title': ['title'],
  'feed.title': ['title'],
  'feed.tagline': ['tagline', 'subtitle', 'description'],
  'feed.subtitle': ['subtitle', 'tagline', 'description'],
  'feed.description': ['description', 'subtitle', 'tagline'],
  'feed.info': ['info'],
  'feed.copyright': ['copyright', 'rights', 'dc:rights'],
};

const TARGET = /^not bozo and (entries\[0\]\['(\w+)'\](?:\[0\]\['value'\])?|feed\['(\w+)'\]) == (.+)$/;

function findElement(scope: string, name: string): { attributes: string; content: string; index: number } | undefined {
  const escaped = name.replace(':', '\\:');
  const match = new RegExp(`<${escaped}(\\s[^>]*)?>([\\s\\S]*?)</${escaped}>`).exec(scope);
  if (!match) return undefined;
  return { attributes: match[1] ?? '', content: match[2] ?? '', index: match.index };
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`${name}=["']([^"']*)["']`).exec(attributes)?.[1];
}

/** The HTML feedparser would sanitise for an element, as the parse stage hands it over. */
function elementHtml(name: string, attributes: string, content: string): string {
  const mode = attribute(attributes, 'mode');
  const type = attribute(attributes, 'type');
  if (mode === 'base64') return Buffer.from(content.trim(), 'base64').toString('utf8');
  const inline = mode === 'xml' || type === 'xhtml' || type === 'application/xhtml+xml' || name.endsWith('body');
  if (!inline) return xmlText(content);
  const trimmed = content.trim();
  // Atom 1.0 xhtml content: the wrapping div is the container, not content.
  const wrapper = /^<div\b[^>]*>([\s\S]*)<\/div>$/.exec(trimmed);
  return type === 'xhtml' && wrapper ? (wrapper[1] ?? '') : trimmed;
}

/**
 * The base URI of the element starting at `index`: the xml:base of each open ancestor and of the element
 * itself, resolved in turn against the document's URL (Content-Location header, else where the harness
 * serves it over HTTP).
 */
function baseAt(body: string, index: number, ownAttributes: string, documentUrl: string | undefined): string | undefined {
  const open: Array<{ name: string; base: string | undefined }> = [];
  for (const [, closing, name = '', attributes = '', selfClosing] of body.slice(0, index).matchAll(/<(\/?)([\w:.-]+)([^>]*?)(\/?)>/g)) {
    if (closing) {
      const at = open.map((element) => element.name).lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else if (!selfClosing) {
      open.push({ name, base: attribute(attributes, 'xml:base') });
    }
  }
  let base = documentUrl;
  for (const relative of [...open.map((element) => element.base), attribute(ownAttributes, 'xml:base')]) {
    if (relative === undefined) continue;
    try {
      base = new URL(relative, base).href;
    } catch {
      base = relative;
    }
  }
  return base;
}

/** Parse one corpus file into a case; undefined when its Expect is not the plain form. */
export function readCase(file: string, documentUrl?: string): SanitizeCase | undefined {
  const xml = readFileSync(file, 'utf8');
  const expect = /Expect:\s*(.*)$/m.exec(xml)?.[1]?.trim();
  const target = expect === undefined ? undefined : TARGET.exec(expect);
  if (!target) return undefined;
  const expected = pythonStringConcatenation(target[4] ?? '');
  if (expected === undefined) return undefined;
  const field = target[2] !== undefined ? `entries.${target[2]}` : `feed.${target[3]}`;
  const body = xml.replace(/^[\s\S]*?-->/, '');
  const contentLocation = /^Header:\s+Content-Location:\s*(\S+)/m.exec(xml)?.[1];
  const entry = /<(item|entry)\b[\s\S]*?<\/\1>/.exec(body)?.[0];
  const scope = field.startsWith('entries.') ? entry : body.replace(/<(item|entry)\b[\s\S]*?<\/\1>/g, '');
  if (scope === undefined) return undefined;
  for (const name of CANDIDATES[field] ?? []) {
    const element = findElement(scope, name);
    if (!element) continue;
    const base = baseAt(body, body.indexOf(scope) + element.index, element.attributes, contentLocation ?? documentUrl);
    const input = elementHtml(name, element.attributes, element.content);
    return { file: path.basename(file), field, input, expected, ...(base === undefined ? {} : { base }) };
  }
  return undefined;
}

/** Every plain-form case of a corpus folder (e.g. `wellformed/sanitize`). */
export function readCases(folder: string): { cases: SanitizeCase[]; skipped: string[] } {
  const dir = path.join(CORPUS, folder);
  const cases: SanitizeCase[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.xml')).sort()) {
    // Upstream fetches files whose path says `http` from a local server, which makes their URL the base.
    const url = name.includes('http') ? `http://127.0.0.1:8097/tests/${folder}/${name}` : undefined;
    const found = readCase(path.join(dir, name), url);
    if (found) cases.push(found);
    else skipped.push(name);
  }
  return { cases, skipped };
}
