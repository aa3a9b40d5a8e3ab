/**
 * Styles of the search box, search results and the status charts (appended to the page stylesheet, so the one
 * CSP hash covers them). Chart colours are classes, never inline styles, which the CSP would refuse.
 */
export const OPERATOR_CSS = `
:root{--ok:#2f7d32;--nm:#8a94a0;--err:#c62828;--barfill:#0b5cad}
@media (prefers-color-scheme:dark){:root{--ok:#66bb6a;--nm:#6b7580;--err:#ff6b6b;--barfill:#7cb7ff}}
.search{display:flex;gap:.5rem;margin:.5rem 0 .75rem}
.search input{flex:1;min-width:0;font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:.375rem;background:var(--bg);color:var(--fg)}
.search button{font:inherit;padding:.35rem .75rem;border:1px solid var(--line);border-radius:.375rem;background:var(--badge);color:var(--fg);cursor:pointer}
mark{background:#ffe58f;color:#1d1f21;border-radius:.15rem;padding:0 .1rem}
.snippet{margin:.25rem 0;overflow-wrap:anywhere}
.chart{display:block;width:100%;height:2.5rem;background:var(--badge);border-radius:.25rem}
.chart .bar{fill:var(--barfill)}
.chart .bar.ok{fill:var(--ok)}
.chart .bar.nm{fill:var(--nm)}
.chart .bar.err{fill:var(--err)}
figure{margin:.5rem 0}
figcaption{color:var(--muted);font-size:.8rem}
.key::before{content:"";display:inline-block;width:.6rem;height:.6rem;margin-right:.2rem;border-radius:.1rem;background:var(--barfill)}
.key.ok::before{background:var(--ok)}
.key.nm::before{background:var(--nm)}
.key.err::before{background:var(--err)}
.activity-cell{min-width:12rem}
.cards{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.card{border:1px solid var(--line);border-radius:.375rem;padding:.75rem;min-width:0}
.card h3{font-size:1rem;margin:0 0 .25rem}
.widest{padding-left:1.25rem}
.widest li{margin:.5rem 0}
.share{display:block;width:100%;height:.4rem;margin-top:.15rem}
.share .bar{fill:var(--barfill)}
`;
