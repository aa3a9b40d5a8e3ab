/**
 * The HTML sanitiser's allowlists, modelled on Python feedparser's `HTMLSanitizer`.
 *
 * Kept from feedparser: the HTML element and attribute allowlists below, `script`/`style`/`applet` dropped
 * with their content, every other unknown element dropped with its text kept, the SVG and MathML subsets
 * (foreign-policy.ts), the CSS property/keyword filter (css.ts) and the URI scheme allowlist (url.ts).
 *
 * Deliberate deviations (feedloom republishes untrusted HTML: no script, event handlers, javascript: URLs,
 * forms, styles that load URLs):
 * - Form controls and forms are dropped (their text is kept): form, input, button, select, option,
 *   optgroup, textarea, keygen, datalist. Harmless form furniture (label, fieldset, legend, output, meter,
 *   progress) is kept.
 * - SVG animation elements are dropped (animate, animateColor, animateMotion, animateTransform, set):
 *   `attributeName="href"` can turn a link into `javascript:`.
 * - Every URL-bearing attribute (URL_ATTRIBUTES) is scheme-checked and resolved, not only `href`;
 *   this includes `xlink:href` and `xml:base`, which feedparser passes through unchecked.
 * - SVG paint attributes may reference only local fragments (`url(#id)`); any other `url(` drops them.
 * - Comments, processing instructions and declarations are dropped (feedparser keeps comments).
 * - Output is always balanced: unclosed elements are closed, stray end tags dropped, nesting is capped
 *   at MAX_DEPTH (deeper tags are dropped, their text kept).
 * - Duplicate attributes: the first wins (as in browsers); feedparser keeps the last.
 * - `type` values are lower-cased only when they are MIME types (`<ol type="I">` keeps its case).
 * - Valueless attributes are written `name=""` (feedparser: `name="name"`); an empty URL stays empty
 *   (feedparser resolves `href=""` to the base).
 * Event handlers (`on*`), `srcdoc`, `formaction` and `srcset` are simply absent from the allowlists.
 */

/** Split a whitespace-separated word list. */
function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

/** feedparser's `acceptable_elements`, as it stands. */
export const FEEDPARSER_ELEMENTS: ReadonlySet<string> = new Set(
  words(`
    a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite
    code col colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em event-source
    fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd keygen label
    legend li m map menu meter multicol nav nextid noscript ol optgroup option output p pre progress q rp rt
    ruby s samp section select small sound source spacer span strike strong sub sup table tbody td textarea
    tfoot th thead time tr tt u ul var video
  `),
);

/** Form elements feedparser keeps and feedloom drops (text kept). */
const FORM_ELEMENTS = words('form input button select option optgroup textarea keygen datalist');

/** SVG animation elements feedparser keeps and feedloom drops. */
const SVG_ANIMATION_ELEMENTS = words('animate animateColor animateMotion animateTransform set');

/** Element names feedparser keeps that feedloom drops, for conformance harnesses to name. */
export const SANITIZER_DEVIATIONS: readonly string[] = [...FORM_ELEMENTS, ...SVG_ANIMATION_ELEMENTS];

/** SVG animation element names, lower-cased, for the SVG allowlist to exclude. */
export const DROPPED_SVG_ELEMENTS: ReadonlySet<string> = new Set(
  SVG_ANIMATION_ELEMENTS.map((name) => name.toLowerCase()),
);

/** HTML elements kept (with their allowed attributes). */
export const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  [...FEEDPARSER_ELEMENTS].filter((name) => !FORM_ELEMENTS.includes(name)),
);

/** Elements dropped together with everything inside them. */
export const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set(words('script style applet'));

/** Elements written as `<x />` and never given an end tag (feedparser's `elements_no_end_tag`). */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(
  words('area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'),
);

/** feedparser's `acceptable_attributes` for HTML elements. */
export const HTML_ATTRIBUTES: ReadonlySet<string> = new Set(
  words(`
    abbr accept accept-charset accesskey action align alt autocomplete autofocus axis background balance
    bgcolor bgproperties border bordercolor bordercolordark bordercolorlight bottompadding cellpadding
    cellspacing ch challenge char charoff charset checked choff cite class clear color cols colspan compact
    contenteditable controls coords data datafld datapagesize datasrc datetime default delay dir disabled
    draggable dynsrc enctype end face for form frame galleryimg gutter headers height hidden hidefocus high
    href hreflang hspace icon id inputmode ismap keytype label lang leftspacing list longdesc loop loopcount
    loopend loopstart low lowsrc max maxlength media method min multiple name nohref noshade nowrap open
    optimum pattern ping point-size poster pqg preload prompt radiogroup readonly rel repeat-max repeat-min
    replace required rev rightspacing rows rowspan rules scope selected shape size span src start step style
    summary suppress tabindex target template title toppadding type unselectable urn usemap valign value
    variable volume vrml vspace width wrap xml:lang
  `),
);

/** Attributes whose value is a URL: scheme-checked (unsafe → "") and resolved against the base. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(
  words('action background cite data datasrc dynsrc href icon longdesc lowsrc poster src usemap xlink:href xml:base'),
);

/** Attributes whose values feedparser lower-cases (feedloom: `type` only when a MIME type, not `<ol type="A">`). */
export const LOWERCASED_VALUE_ATTRIBUTES: ReadonlySet<string> = new Set(['rel', 'type']);

/**
 * Maximum depth of open elements; deeper start tags are dropped (their text kept).
 * Browsers' HTML parsers cap nesting at the same depth (Blink: 512).
 */
export const MAX_DEPTH = 512;

/**
 * Start tags that implicitly close the element on top of the stack (HTML optional end tags),
 * after htmlparser2's table (cells fixed to close each other): `<p>a<p>b` becomes `<p>a</p><p>b</p>`.
 */
export const IMPLIED_END_TAGS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const p = new Set(['p']);
  const map = new Map<string, ReadonlySet<string>>([
    ['tr', new Set(['tr', 'th', 'td'])],
    ['th', new Set(['th', 'td'])],
    ['td', new Set(['th', 'td'])],
    ['li', new Set(['li'])],
    ['dd', new Set(['dd', 'dt'])],
    ['dt', new Set(['dd', 'dt'])],
    ['rt', new Set(['rt', 'rp'])],
    ['rp', new Set(['rt', 'rp'])],
    ['tbody', new Set(['thead', 'tbody'])],
    ['tfoot', new Set(['thead', 'tbody'])],
  ]);
  const closesP = words(`
    p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer
    header hr main nav ol pre section table ul
  `);
  for (const name of closesP) map.set(name, p);
  return map;
})();
