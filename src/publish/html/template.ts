import { stripInvalidChars } from '../xml-text.js';

/** HTML that is safe to insert as-is: built by `html` or explicitly trusted with `raw`. */
export class SafeHtml {
  readonly #html: string;

  constructor(html: string) {
    this.#html = html;
  }

  toString(): string {
    return this.#html;
  }
}

/** What may be interpolated into `html`: text (escaped), numbers, SafeHtml (kept), nothing, or a list of these. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripInvalidChars(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Trust a string as HTML. Only for HTML that was sanitised before it was stored (feed summaries and content). */
export function raw(html: string): SafeHtml {
  return new SafeHtml(stripInvalidChars(html));
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/**
 * Escape-by-default template tag: every interpolation is escaped unless it is SafeHtml; lists are
 * concatenated; null, undefined and false render nothing. Attribute values must be quoted.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Join values with a separator, escaping as `html` does. */
export function joinHtml(values: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return new SafeHtml(values.map(render).join(render(separator)));
}
