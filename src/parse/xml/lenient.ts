import { Parser } from 'htmlparser2';
import type { TreeBuilder } from './tree-builder.js';

/** The lenient parser stops reading a document nested deeper than this. */
export const MAX_LENIENT_DEPTH = 1024;

/**
 * HTML elements that never have content, so an unclosed `<br>` in an RSS description does not swallow
 * the rest. (`link`, `source`, `meta` are left out: RSS has elements of those names with content.)
 */
const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'param', 'wbr']);

/**
 * Parse a document that is not well-formed with htmlparser2 in XML mode, which recovers the way a
 * browser's loose parser would: a stray end tag closes the open elements up to its match, and bare
 * `&` or `<` stay text.
 */
export function parseLeniently(text: string, builder: TreeBuilder): void {
  let inCdata = false;
  let cdata = '';
  // Mirrors htmlparser2's stack: true for HTML void elements (`<br>`), which we close at once.
  const voids: boolean[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (voids.length >= MAX_LENIENT_DEPTH) {
          // htmlparser2's stack work grows with depth; a document this deep is cut off here.
          builder.truncated(`elements nested deeper than ${MAX_LENIENT_DEPTH} levels; the rest of the document is ignored`);
          parser.pause();
          return;
        }
        builder.open(name, Object.entries(attributes));
        const isVoid = VOID_ELEMENTS.has(name.toLowerCase());
        if (isVoid) builder.close();
        voids.push(isVoid);
      },
      onclosetag() {
        if (!voids.pop()) builder.close();
      },
      ontext(data) {
        if (inCdata) cdata += data;
        else builder.text(data);
      },
      oncdatastart() {
        inCdata = true;
        cdata = '';
      },
      oncdataend() {
        inCdata = false;
        builder.cdata(cdata);
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.write(text);
  if (!builder.isTruncated()) parser.end();
}
