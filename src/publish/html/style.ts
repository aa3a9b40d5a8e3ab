import { createHash } from 'node:crypto';
import { OPERATOR_CSS } from './operator-style.js';

/** The stylesheet every page inlines: small, mobile-first, light and dark. */
export const PAGE_CSS = `
:root{color-scheme:light dark;--fg:#1d1f21;--muted:#5c6166;--bg:#fff;--line:#dde1e5;--accent:#0b5cad;--badge:#eef3f8;--bad:#a4161a}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--muted:#a0a6ad;--bg:#16181a;--line:#2e3338;--accent:#7cb7ff;--badge:#23303d;--bad:#ff8787}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--line)}
.site{font-weight:700;font-size:1.25rem;color:var(--fg);text-decoration:none}
nav ul{list-style:none;margin:.5rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
a{color:var(--accent)}
a[aria-current=page]{font-weight:700;text-decoration:none}
h1{font-size:1.5rem;line-height:1.25;margin:1.25rem 0 .5rem}
h2{font-size:1.125rem;line-height:1.3;margin:0 0 .25rem}
.entries{list-style:none;margin:0;padding:0}
.entry{padding:1rem 0;border-bottom:1px solid var(--line)}
.meta,.also,.muted,footer{color:var(--muted);font-size:.875rem}
.meta,.also{margin:.25rem 0}
.badges{list-style:none;margin:.25rem 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.badge{background:var(--badge);border-radius:.25rem;padding:0 .4rem;font-size:.8rem}
.summary{overflow-wrap:anywhere}
.summary img{max-width:100%;height:auto}
.summary pre{overflow-x:auto}
.empty,.notice{border:1px solid var(--line);border-radius:.375rem;padding:.75rem 1rem;margin:1rem 0}
.bad{color:var(--bad)}
.pager{display:flex;justify-content:space-between;gap:1rem;margin:1rem 0}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.875rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--line)}
footer{border-top:1px solid var(--line);margin-top:2rem;padding-top:.75rem;padding-bottom:2rem}
.share-links{margin:1.5rem 0 0}
.share-links h2{display:inline;font-size:1rem;margin:0 .5rem 0 0}
.share-links ul,.return-links ul{display:inline;list-style:none;margin:0;padding:0}
.share-links li,.return-links li{display:inline-block;margin-right:.75rem;white-space:nowrap}
.return-links{margin:1.5rem 0 0;padding-top:.75rem;border-top:1px solid var(--line)}
@media print{
@page{margin:1.5cm}
header,footer,nav,.share-links,.search,.pager{display:none}
body{font:11pt/1.4 Georgia,"Times New Roman",serif;color:#000;background:#fff}
header,main,footer{max-width:none;padding:0}
a{color:#000}
.meta,.also,.muted{color:#333}
.badge{background:none;border:1px solid #999}
.table{overflow:visible}
th,td{border-bottom:1px solid #999}
.original a::after,.outlets td a::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
.summary img{max-height:12cm}
}
` + OPERATOR_CSS;

/** The CSP source expression allowing exactly the inline stylesheet above. */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS, 'utf8').digest('base64')}'`;

/**
 * Content-Security-Policy for every HTML page: no scripts at all, only our hashed inline style
 * (style attributes inside feed HTML are ignored), images over https only (feed summaries embed
 * outlets' images; http ones would be mixed content and are dropped), no frames or base, forms only to this site.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${PAGE_STYLE_HASH}`,
  'img-src https:',
  "base-uri 'none'",
  // The search box submits to this site.
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
