import { describe, expect, it } from 'vitest';
import { sanitizeStyle } from '../../../src/normalise/html/css.js';

describe('sanitizeStyle (feedparser sanitize_style)', () => {
  it.each([
    ['color: red;', 'color: red;'],
    ['color: #999999', 'color: #999999;'],
    ['color: rgb(0, 128, 0);', 'color: rgb(0, 128, 0);'],
    ['TEXT-INDENT: 0.5in', 'TEXT-INDENT: 0.5in;'],
    ["font-family: 'Lucida Console';", "font-family: 'Lucida Console';"],
    ['font-family: arial,sans-serif;', 'font-family: arial,sans-serif;'],
    ['display: block; width: 100%; height: 100%; background-color: black; background-x: center; background-y: center;',
      'display: block; width: 100%; height: 100%; background-color: black; background-x: center; background-y: center;'],
    ['border: medium none ;', 'border: medium none ;'],
    ['margin: 0px !important;', 'margin: 0px !important;'],
    ['border: 1px solid rgb(0, 0, 0);', 'border: 1px solid rgb(0, 0, 0);'],
    ['padding: 0 0 12px 12px', 'padding: 0 0 12px 12px;'],
    ['border: 1px solid #CCC', ''],
    ['background-repeat: repeat-x;', ''],
    ['background-color: #000; background-image: url(/images/x.jpg); background-repeat: no-repeat;', 'background-color: #000;'],
    ['position: absolute; top: 0', ''],
    ['color: red;; font-weight: bold', ''],
    ['color red', ''],
    ['color: red font-weight: bold', ''],
    ['width: expression(alert(1))', ''],
    ['background: url("javascript:alert(1)")', ''],
    ['color: re\\64', ''],
    ['@import "x.css"', ''],
    ['color: red /* comment */', ''],
    ['font-family: "Шрифт"', 'font-family: "Шрифт";'],
    ['', ''],
  ])('%j', (style, expected) => {
    expect(sanitizeStyle(style, false)).toBe(expected);
  });

  it('allows SVG paint properties only inside SVG', () => {
    expect(sanitizeStyle('fill: red; stroke-width: 2', false)).toBe('');
    expect(sanitizeStyle('fill: red; stroke-width: 2', true)).toBe('fill: red; stroke-width: 2;');
  });

  it('drops absurdly long styles outright', () => {
    expect(sanitizeStyle(`color: ${'a'.repeat(10_000)}`, false)).toBe('');
  });
});
