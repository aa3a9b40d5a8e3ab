import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from '../../../src/normalise/html/index.js';
import { dangers } from './dangers.js';

/** Milliseconds taken by `run` (the machine is shared and slow: bounds are generous but far below quadratic). */
function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** A small deterministic pseudo-random generator (mulberry32), so failures can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REALISTIC =
  '<div class="post"><p>VMware &amp; Broadcom <a href="/news/1?a=1&amp;b=2" onclick="x()">announce</a> ' +
  '<img src="i.png" onerror="alert(1)" style="width: 100px; background: url(x)"></p><script>track()</script>' +
  '<ul><li>one<li>two</ul><svg><circle r="1"/></svg><!-- c --><table><tr><td>a<td>b</table></div>\n';

describe('sanitizeHtml robustness', () => {
  it('sanitises 5 MB of realistic HTML in linear time', () => {
    const input = REALISTIC.repeat(Math.ceil((5 * 1024 * 1024) / REALISTIC.length));
    let output = '';
    const ms = timed(() => {
      output = sanitizeHtml(input, { base: 'http://example.com/' });
    });
    expect(output).toContain('<a href="http://example.com/news/1?a=1&amp;b=2">announce</a>');
    expect(output).not.toContain('<script');
    expect(output).not.toContain('onerror');
    expect(ms).toBeLessThan(20_000);
  });

  it.each([
    ['nested divs', '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000)],
    ['unclosed nested spans', '<span>'.repeat(100_000) + 'deep'],
    ['nested svg', '<svg>'.repeat(100_000) + 'deep'],
    ['nested applets', '<applet>'.repeat(100_000) + 'hidden'],
    ['nested list items', '<ul>' + '<li><ul>'.repeat(100_000) + 'deep'],
    ['alternating stray end tags', '<b><i>'.repeat(50_000) + '</b>'.repeat(100_000) + 'deep'],
  ])('handles 100k-deep nesting without stack overflow: %s', (_name, input) => {
    let output = '';
    const ms = timed(() => {
      output = sanitizeHtml(input);
    });
    expect(typeof output).toBe('string');
    expect(ms).toBeLessThan(10_000);
    // Balanced: every element opened is closed.
    const opened = (output.match(/<(?!\/)[a-z][^>]*[^/]>|<[a-z]+>/g) ?? []).length;
    const closed = (output.match(/<\//g) ?? []).length;
    expect(closed).toBe(opened);
    expect(htmlToText(input).length).toBeLessThanOrEqual(input.length);
  });

  it('caps nesting depth at 512 open elements, keeping the text', () => {
    const output = sanitizeHtml('<div>'.repeat(1000) + 'deep');
    expect(output.match(/<div>/g)).toHaveLength(512);
    expect(output).toContain('deep');
  });

  it.each([
    ['long run of spaces in a URL', `<a href="${' '.repeat(1_000_000)}x${' '.repeat(1_000_000)}">x</a>`],
    ['long style attribute', `<p style="${'color: red; '.repeat(100_000)}">x</p>`],
    ['many url( in a style', `<p style="${'url('.repeat(2_000)}">x</p>`],
    ['long style word', `<p style="${'a-'.repeat(1_000_000)}">x</p>`],
    ['many unclosed comments', '<!-- --a>x'.repeat(100_000) + '<!--'],
    ['many comment openers', '<!--'.repeat(200_000)],
    ['many ampersands', '&'.repeat(1_000_000)],
    ['many numeric references', '&#38;'.repeat(200_000)],
    ['many less-thans', '<'.repeat(1_000_000)],
    ['many attributes', `<span ${'a="1" '.repeat(200_000)}>x</span>`],
    ['long tag name', `<${'a'.repeat(1_000_000)}>`],
    ['unterminated attribute', `<a title="${'x'.repeat(1_000_000)}`],
    ['many svg paint urls', `<svg><rect fill="${'url(#a)'.repeat(100_000)}"/></svg>`],
  ])('stays fast on %s', (_name, input) => {
    const ms = timed(() => {
      sanitizeHtml(input);
      htmlToText(input);
    });
    expect(ms).toBeLessThan(10_000);
  });

  it('never throws, never emits anything dangerous, and is idempotent on random markup', () => {
    const next = random(20240601);
    const pieces = [
      '<', '>', '/', '=', '"', "'", '&', ';', '#', 'x', ' ', '\n', '\t', '\u0000', '-', '!', '?', '[', ']', ':',
      'a', 'b', 'p', 'svg', 'math', 'script', 'style', 'img', 'src', 'href', 'on', 'onerror', 'javascript',
      'url(', ')', 'style=', 'xlink:href', '<!--', '-->', '<![CDATA[', ']]>', '&lt;', '&#x3c;', '&amp;', 'noscript',
      'textarea', 'title', 'applet', 'foreignObject', 'animate', 'set', 'use', 'data:', 'vbscript', '\\', '@import',
    ];
    for (let round = 0; round < 3000; round++) {
      let input = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) input += pieces[Math.floor(next() * pieces.length)];
      const once = sanitizeHtml(input, { base: 'http://example.com/a/' });
      expect(dangers(once), input).toEqual([]);
      expect(sanitizeHtml(once, { base: 'http://example.com/a/' }), input).toBe(once);
      expect(() => htmlToText(input)).not.toThrow();
    }
  });

  it('returns "" for non-string input instead of throwing', () => {
    const untyped = sanitizeHtml as (html: unknown) => string;
    expect(untyped(undefined)).toBe('');
    expect(untyped(42)).toBe('');
    expect((htmlToText as (html: unknown) => string)(null)).toBe('');
  });
});
