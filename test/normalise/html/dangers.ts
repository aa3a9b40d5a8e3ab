/** A regex-level reading of sanitised HTML for anything a browser could run or load (test helper). */

/** Very small decoder for the character references the sanitiser may write back. */
function decodeReferences(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const hex = body[1] === 'x' || body[1] === 'X';
      const codePoint = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
    }
    return named[body.toLowerCase()] ?? whole;
  });
}

/** Everything a browser could run or load from sanitised output, by a regex-level reading of it. */
export function dangers(html: string): string[] {
  const found: string[] = [];
  const tags = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g;
  for (const [, name = '', attributes = ''] of html.matchAll(tags)) {
    if (/^(script|style|iframe|frame|frameset|object|embed|applet|meta|base|link|form|input|button|textarea|select|template|xmp|plaintext)$/i.test(name)) {
      found.push(`element <${name}>`);
    }
    for (const [, attribute = '', raw = ''] of attributes.matchAll(/\s([^\s=]+)="([^"]*)"/g)) {
      const value = decodeReferences(raw).replace(/[\u0000-\u0020]/g, '');
      if (/^on/i.test(attribute) || /^(srcdoc|formaction|srcset)$/i.test(attribute)) found.push(`attribute ${attribute}`);
      if (/^(javascript|vbscript|data|livescript):/i.test(value)) found.push(`${attribute}=${value}`);
      if (/url\s*\(|expression\s*\(|@import|\\/i.test(value) && !/^url\(#[\w-]+\)$/.test(value)) found.push(`${attribute} loads ${value}`);
    }
  }
  return found;
}
