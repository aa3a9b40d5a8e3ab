import { EXTERNAL_LINK_REL } from '../../normalise/html/index.js';
import { httpUrl } from '../safe-url.js';
import { html, type HtmlValue, type SafeHtml } from './template.js';

/** What every link to another site carries (the sanitiser's rule for republished HTML too). */
const EXTERNAL_REL = EXTERNAL_LINK_REL.join(' ');

/**
 * `<a href rel="noopener noreferrer">` to an absolute http(s) URL; when the URL is anything else (or none), just the
 * content.
 */
export function externalLink(url: string | null | undefined, content: HtmlValue): SafeHtml {
  const href = httpUrl(url);
  return href ? html`<a href="${href}" rel="${EXTERNAL_REL}">${content}</a>` : html`${content}`;
}

/** `<a href>` to one of our own site paths (anything not starting with a single `/` becomes `/`). */
export function siteLink(
  path: string,
  content: HtmlValue,
  options: { current?: boolean; className?: string; rel?: string } = {},
): SafeHtml {
  const href = path.startsWith('/') && !path.startsWith('//') ? path : '/';
  const cls = options.className ? html` class="${options.className}"` : null;
  const rel = options.rel ? html` rel="${options.rel}"` : null;
  const current = options.current ? html` aria-current="page"` : null;
  return html`<a${cls} href="${href}"${rel}${current}>${content}</a>`;
}
