/**
 * A reader for the Python expressions in feedparser's `Expect:` lines: tokenizer, parser and
 * evaluator for the subset they use (literals with every Python escape, tuples, lists, dicts,
 * subscripts, attributes, `.get`/`.has_key`, `in`, chained comparisons, `and`/`or`/`not`, `+`,
 * `len`, `ord`, `isinstance`, `locals()`, `datetime.timedelta`).
 */
import { evaluate } from './pyexpr/evaluate.js';
import { explainFalsy } from './pyexpr/explain.js';
import { parseExpression } from './pyexpr/parse.js';
import { NotApplicable, isTruthy, pyRepr } from './pyexpr/values.js';
import type { PyNode } from './pyexpr/parse.js';
import type { PyMapping, PyValue } from './pyexpr/values.js';

export { evaluate } from './pyexpr/evaluate.js';
export { explainFalsy } from './pyexpr/explain.js';
export { parseExpression } from './pyexpr/parse.js';
export type { CompareOp, PyNode } from './pyexpr/parse.js';
export { PyExprSyntaxError, tokenize } from './pyexpr/tokens.js';
export type { Token } from './pyexpr/tokens.js';
export {
  NotApplicable,
  PyDict,
  PyRuntimeError,
  PyTimedelta,
  PyTuple,
  isMapping,
  isTruthy,
  pyEquals,
  pyRepr,
} from './pyexpr/values.js';
export type { PyCallable, PyMapping, PyModule, PyValue } from './pyexpr/values.js';

/** How one Expect line fared: `pass`/`fail` as Python would judge it, or `not-applicable` with what was missing. */
export type CheckOutcome =
  | { status: 'pass' }
  | { status: 'fail'; detail: string }
  | { status: 'not-applicable'; detail: string };

function explain(tree: PyNode, scope: PyMapping, value: PyValue): string {
  try {
    return explainFalsy(tree, scope);
  } catch {
    return `evaluated to ${pyRepr(value)}`;
  }
}

/**
 * Evaluate an Expect expression against a result mapping. A Python exception (KeyError, ...) is a
 * failure, as it is upstream; NotApplicable means our model cannot answer. Syntax errors throw.
 */
export function check(source: string, scope: PyMapping): CheckOutcome {
  const tree = parseExpression(source);
  try {
    const value = evaluate(tree, scope);
    return isTruthy(value) ? { status: 'pass' } : { status: 'fail', detail: explain(tree, scope, value) };
  } catch (error) {
    if (error instanceof NotApplicable) return { status: 'not-applicable', detail: error.what };
    if (error instanceof Error && error.name === 'PyRuntimeError') return { status: 'fail', detail: error.message };
    throw error;
  }
}
