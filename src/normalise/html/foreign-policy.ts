/**
 * The SVG and MathML subsets the sanitiser keeps, from feedparser's `HTMLSanitizer` (svgtiny minus
 * animation, see policy.ts). Names are matched lower-cased; SVG's camelCase spellings are restored on output.
 */
import { DROPPED_SVG_ELEMENTS } from './policy.js';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
export const MATHML_NAMESPACE = 'http://www.w3.org/1998/Math/MathML';
export const XLINK_NAMESPACE = 'http://www.w3.org/1999/xlink';

/** Map each lower-cased name to its proper spelling. */
function spellings(list: string, exclude: ReadonlySet<string> = new Set()): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const name of list.trim().split(/\s+/)) {
    const lower = name.toLowerCase();
    if (!exclude.has(lower)) map.set(lower, name);
  }
  return map;
}

/** MathML elements kept inside `<math xmlns="…MathML">`. */
export const MATHML_ELEMENTS: ReadonlyMap<string, string> = spellings(`
  annotation annotation-xml maction maligngroup malignmark math menclose merror mfenced mfrac mglyph mi
  mlabeledtr mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries mscarry
  msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd mtext mtr munder munderover
  none semantics
`);

/** Attributes kept on MathML elements. */
export const MATHML_ATTRIBUTES: ReadonlyMap<string, string> = spellings(`
  accent accentunder actiontype align alignmentscope altimg altimg-height altimg-valign altimg-width alttext
  bevelled charalign close columnalign columnlines columnspacing columnspan columnwidth crossout decimalpoint
  denomalign depth dir display displaystyle edge encoding equalcolumns equalrows fence fontstyle fontweight
  form frame framespacing groupalign height href id indentalign indentalignfirst indentalignlast indentshift
  indentshiftfirst indentshiftlast indenttarget infixlinebreakstyle largeop length linebreak
  linebreakmultchar linebreakstyle lineleading linethickness location longdivstyle lquote lspace
  mathbackground mathcolor mathsize mathvariant maxsize minlabelspacing minsize movablelimits notation
  numalign open other overflow position rowalign rowlines rowspacing rowspan rquote rspace scriptlevel
  scriptminsize scriptsizemultiplier selection separator separators shift side src stackalign stretchy
  subscriptshift superscriptshift symmetric voffset width xlink:href xlink:show xlink:type xmlns xmlns:xlink
`);

/** SVG elements kept inside `<svg xmlns="…svg">`. */
export const SVG_ELEMENTS: ReadonlyMap<string, string> = spellings(
  `
  a animate animateColor animateMotion animateTransform circle defs desc ellipse font-face font-face-name
  font-face-src foreignObject g glyph hkern line linearGradient marker metadata missing-glyph mpath path
  polygon polyline radialGradient rect set stop svg switch text title tspan use
`,
  DROPPED_SVG_ELEMENTS,
);

/** Attributes kept on SVG elements (no `style`: feedparser drops it there). */
export const SVG_ATTRIBUTES: ReadonlyMap<string, string> = spellings(`
  accent-height accumulate additive alphabetic arabic-form ascent attributeName attributeType baseProfile
  bbox begin by calcMode cap-height class color color-rendering content cx cy d descent display dur dx dy
  end fill fill-opacity fill-rule font-family font-size font-stretch font-style font-variant font-weight
  from fx fy g1 g2 glyph-name gradientUnits hanging height horiz-adv-x horiz-origin-x id ideographic k
  keyPoints keySplines keyTimes lang marker-end marker-mid marker-start markerHeight markerUnits markerWidth
  mathematical max min name offset opacity orient origin overline-position overline-thickness panose-1
  path pathLength points preserveAspectRatio r refX refY repeatCount repeatDur requiredExtensions
  requiredFeatures restart rotate rx ry slope stemh stemv stop-color stop-opacity strikethrough-position
  strikethrough-thickness stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin
  stroke-miterlimit stroke-opacity stroke-width systemLanguage target text-anchor to transform type u1 u2
  underline-position underline-thickness unicode unicode-range units-per-em values version viewBox
  visibility width widths x x-height x1 x2 xlink:actuate xlink:arcrole xlink:href xlink:role xlink:show
  xlink:title xlink:type xml:base xml:lang xml:space xmlns xmlns:xlink y y1 y2 zoomAndPan
`);

/** SVG attributes that take a paint or marker reference, where `url(…)` may load a resource. */
export const SVG_REFERENCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'fill',
  'stroke',
  'marker-end',
  'marker-mid',
  'marker-start',
]);

/**
 * True when an SVG reference attribute value only points inside the document (`url(#id)`), or
 * names no URL at all.
 */
export function isLocalSvgReference(value: string): boolean {
  // CSS escapes can spell `url(` (as `\75 rl(`): refuse any backslash.
  if (value.includes('\\')) return false;
  if (!/url\s*\(/i.test(value)) return true;
  // Bounded repetition keeps this linear on hostile input.
  const withoutLocal = value.replace(/url\(\s{0,8}['"]?#[\w.:-]{1,256}['"]?\s{0,8}\)/gi, '');
  return !/url\s*\(/i.test(withoutLocal);
}
