import { evaluate } from './evaluate.js';
import type { PyNode } from './parse.js';
import { isTruthy, pyRepr } from './values.js';
import type { PyMapping } from './values.js';

function describe(node: PyNode): string {
  switch (node.type) {
    case 'name':
      return node.name;
    case 'literal':
      return pyRepr(node.value);
    case 'subscript':
      return `${describe(node.target)}[${describe(node.index)}]`;
    case 'attribute':
      return `${describe(node.target)}.${node.name}`;
    case 'call':
      return `${describe(node.callee)}(${node.args.map(describe).join(', ')})`;
    case 'unary':
      return `${node.op === 'not' ? 'not ' : node.op}${describe(node.operand)}`;
    default:
      return `<${node.type}>`;
  }
}

/** Where two long strings part, with some context on each side. */
function stringDiff(got: string, wanted: string): string {
  if (got.length + wanted.length < 300) return `${pyRepr(got)} == ${pyRepr(wanted)}`;
  let at = 0;
  while (at < got.length && got[at] === wanted[at]) at += 1;
  const around = (text: string): string => JSON.stringify(text.slice(Math.max(0, at - 40), at + 80));
  return `differs at ${at}: got ...${around(got)}... wanted ...${around(wanted)}...`;
}

/**
 * Why a falsy expression is falsy: the first falsy operand of an `and` chain, with both sides of a
 * failed comparison (`feed['title']: 'got' == 'wanted'`). For failure messages only.
 */
export function explainFalsy(node: PyNode, scope: PyMapping): string {
  if (node.type === 'bool' && node.op === 'and') {
    return isTruthy(evaluate(node.left, scope)) ? explainFalsy(node.right, scope) : explainFalsy(node.left, scope);
  }
  if (node.type === 'compare') {
    const [op, right] = node.rest[0] ?? [];
    if (node.rest.length === 1 && op === '==' && right) {
      const [got, wanted] = [evaluate(node.first, scope), evaluate(right, scope)];
      if (typeof got === 'string' && typeof wanted === 'string') return `${describe(node.first)}: ${stringDiff(got, wanted)}`;
    }
    const values = [node.first, ...node.rest.map(([, operand]) => operand)].map((operand) => pyRepr(evaluate(operand, scope)));
    const ops = node.rest.map(([op]) => op);
    return `${describe(node.first)}: ${values.map((value, i) => (i === 0 ? value : `${ops[i - 1]} ${value}`)).join(' ')}`;
  }
  return `${describe(node)} is ${pyRepr(evaluate(node, scope))}`;
}
