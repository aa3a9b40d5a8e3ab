import { elementKey } from '../namespaces.js';
import type { XmlElement } from '../xml/index.js';
import type { Handler, HandlerTable, ParseContext } from './model.js';

/** Build a handler table from an object literal (keys lower-case). */
export function handlers<T>(entries: Record<string, Handler<T>>): HandlerTable<T> {
  return new Map(Object.entries(entries));
}

/** A copy of a table with every key put under a namespace key (`link` → `atom:link`), for use in another format. */
export function prefixed<T>(prefix: string, table: HandlerTable<T>): HandlerTable<T> {
  return new Map([...table].map(([key, handler]) => [`${prefix}:${key}`, handler]));
}

/** Merge handler tables; later tables win on the same key. */
export function merged<T>(...tables: Array<HandlerTable<T>>): HandlerTable<T> {
  return new Map(tables.flatMap((t) => [...t]));
}

/**
 * Run the matching handler for each child element of `container`. Element names match case-insensitively,
 * as in feedparser (feeds write `pubdate`, `PubDate`, `managingeditor` ...).
 */
export function dispatchChildren<T>(
  container: XmlElement,
  homeKey: string,
  table: HandlerTable<T>,
  target: T,
  ctx: ParseContext,
): void {
  for (const child of container.children) {
    if (child.kind !== 'element') continue;
    const handler = table.get(elementKey(child, homeKey, ctx.homeNamespace).toLowerCase());
    if (handler) handler(child, target, ctx);
  }
}
