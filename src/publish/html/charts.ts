import { html, type SafeHtml } from './template.js';

/** One bar: its value, the class that colours it, and the tooltip a pointer shows (SVG `<title>`, no script). */
export interface Bar {
  value: number;
  /** A class of the stylesheet: `ok`, `nm` (not modified), `err`, or none for the neutral colour. */
  tone?: 'ok' | 'nm' | 'err';
  label: string;
}

const BAR = 6;
const GAP = 2;
const HEIGHT = 40;

/**
 * A small bar chart as inline SVG, drawn on the server: one `<rect class="bar">` per value (a zero draws a
 * one-unit stub, so every point is there to hover), scaled to the largest value, stretched to its box by CSS.
 * `label` says what it shows, for screen readers (`role="img"`) and as its `<title>`. With `slots` more than the
 * bars, the bars sit at the right (the newest end) of that many places, so that a new source's few attempts are
 * not drawn as one wide block.
 */
export function barChart(bars: readonly Bar[], label: string, slots = bars.length): SafeHtml {
  const places = Math.max(slots, bars.length);
  const offset = places - bars.length;
  const width = Math.max(1, places * (BAR + GAP) - GAP);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const rects = bars.map((bar, i) => {
    const h = max > 0 && bar.value > 0 ? Math.max(2, Math.round((bar.value / max) * HEIGHT * 10) / 10) : 1;
    const tone = bar.tone ? ` ${bar.tone}` : '';
    return html`<rect class="bar${tone}" x="${(offset + i) * (BAR + GAP)}" y="${HEIGHT - h}" width="${BAR}" height="${h}"><title>${bar.label}</title></rect>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${width} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${label}"><title>${label}</title>${rects}</svg>`;
}

/** A horizontal bar for a share of a whole (a story's outlets among the most any story had). */
export function shareBar(value: number, max: number, label: string): SafeHtml {
  const width = max > 0 ? Math.max(2, Math.round((value / max) * 100)) : 0;
  return html`<svg class="share" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${label}"><rect class="bar" x="0" y="0" width="${width}" height="8"/></svg>`;
}
