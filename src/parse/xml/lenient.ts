import { Parser } from 'htmlparser2';
import { position, tooDeep } from '../limits.js';
import type { XmlEventSink } from './strict.js';

/**
 * HTML elements that never have content, so an unclosed `<br>` in an RSS description does not swallow
 * the rest. (`link`, `source`, `meta` are left out: RSS has elements of those names with content.)
 */
const VOID_ELEMENTS = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'param', 'wbr']);

/**
 * htmlparser2 keeps unclosed void elements open, and its work per tag grows with how many are open: at most
 * this many times maxDepth may be open at once, void elements included.
 */
const OPEN_ELEMENTS_PER_LEVEL = 4;

/**
 * Parse a document that is not well-formed with htmlparser2 in XML mode, which recovers the way a
 * browser's loose parser would: a stray end tag closes the open elements up to its match, and bare
 * `&` or `<` stay text. Elements nested deeper than `maxDepth` throw TOO_COMPLEX.
 */
export function parseLeniently(text: string, builder: XmlEventSink, maxDepth: number): void {
  let inCdata = false;
  let cdata = '';
  // Mirrors htmlparser2's stack: true for HTML void elements (`<br>`), which we close at once.
  const voids: boolean[] = [];
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const isVoid = VOID_ELEMENTS.has(name.toLowerCase());
        if (!isVoid && depth >= maxDepth) throw tooDeep(maxDepth, position(text, parser.startIndex));
        if (voids.length >= maxDepth * OPEN_ELEMENTS_PER_LEVEL) {
          const detail = `; ${voids.length} elements left open, unclosed <br> and the like included`;
          throw tooDeep(maxDepth, position(text, parser.startIndex), detail);
        }
        builder.open(name, Object.entries(attributes));
        if (isVoid) builder.close();
        else depth++;
        voids.push(isVoid);
      },
      onclosetag() {
        if (!voids.pop()) {
          builder.close();
          depth--;
        }
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
  parser.end(text);
}
