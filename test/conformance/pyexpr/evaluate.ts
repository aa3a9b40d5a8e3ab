import type { CompareOp, PyNode } from './parse.js';
import {
  NotApplicable,
  PyDict,
  PyRuntimeError,
  PyTimedelta,
  PyTuple,
  isMapping,
  isTruthy,
  pyEquals,
  pyIs,
  pyRepr,
} from './values.js';
import type { PyCallable, PyMapping, PyModule, PyValue } from './values.js';

function callable(name: string, call: (args: PyValue[]) => PyValue): PyCallable {
  return { kind: 'callable', name, call };
}

function isCallable(value: PyValue): value is PyCallable {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'callable';
}

function isModule(value: PyValue): value is PyModule {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'module';
}

/** Python strings index by code point, not UTF-16 unit. */
function codePoints(text: string): string[] {
  return Array.from(text);
}

function sequenceOf(value: PyValue): readonly PyValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof PyTuple) return value.items;
  return undefined;
}

function pyLen(value: PyValue): number {
  if (typeof value === 'string') return codePoints(value).length;
  const sequence = sequenceOf(value);
  if (sequence) return sequence.length;
  if (isMapping(value)) return value.keys().length;
  throw new PyRuntimeError('TypeError', `object of this type has no len(): ${pyRepr(value)}`);
}

function pyOrd(value: PyValue): number {
  const points = typeof value === 'string' ? codePoints(value) : [];
  if (points.length !== 1) throw new PyRuntimeError('TypeError', `ord() expected a character, got ${pyRepr(value)}`);
  return points[0]?.codePointAt(0) ?? 0;
}

function timedelta(args: PyValue[]): PyValue {
  const [days = 0, seconds = 0, micros = 0, millis = 0, minutes = 0, hours = 0, weeks = 0] = args.map((arg) => {
    if (typeof arg !== 'number') throw new PyRuntimeError('TypeError', 'timedelta() takes numbers');
    return arg;
  });
  return new PyTimedelta(days + weeks * 7, seconds + minutes * 60 + hours * 3600, micros + millis * 1000);
}

/** `feedparser.*` (exception classes and constants): feedloom has no equivalent to compare with. */
const FEEDPARSER_MODULE: PyModule = {
  kind: 'module',
  name: 'feedparser',
  attribute: (name) => {
    throw new NotApplicable(`feedparser.${name}`);
  },
};

const DATETIME_MODULE: PyModule = {
  kind: 'module',
  name: 'datetime',
  attribute: (name) => {
    if (name === 'timedelta') return callable('timedelta', timedelta);
    throw new PyRuntimeError('AttributeError', `module 'datetime' has no attribute '${name}'`);
  },
};

function builtin(name: string, scope: PyMapping): PyValue | undefined {
  switch (name) {
    case 'len':
      return callable('len', (args) => pyLen(args[0] ?? null));
    case 'ord':
      return callable('ord', (args) => pyOrd(args[0] ?? null));
    case 'locals':
      return callable('locals', () => scope);
    case 'isinstance':
      return callable('isinstance', (args) => {
        const kind = args[1] ?? null;
        throw new NotApplicable(`isinstance(..., ${isModule(kind) ? kind.name : pyRepr(kind)})`);
      });
    case 'datetime':
      return DATETIME_MODULE;
    case 'feedparser':
      return FEEDPARSER_MODULE;
    default:
      return undefined;
  }
}

function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyRuntimeError('TypeError', "'in <string>' requires a string");
    return container.includes(item);
  }
  const sequence = sequenceOf(container);
  if (sequence) return sequence.some((element) => pyEquals(element, item));
  if (isMapping(container)) {
    if (typeof item !== 'string') return false;
    return container.has ? container.has(item) : container.lookup(item) !== undefined;
  }
  throw new PyRuntimeError('TypeError', `argument of type ${pyRepr(container)} is not iterable`);
}

function order(left: PyValue, right: PyValue): number {
  const numeric = (v: PyValue): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(left) && numeric(right)) return Number(left) - Number(right);
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  throw new PyRuntimeError('TypeError', `cannot order ${pyRepr(left)} and ${pyRepr(right)}`);
}

function compare(op: CompareOp, left: PyValue, right: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEquals(left, right);
    case '!=':
      return !pyEquals(left, right);
    case '<':
      return order(left, right) < 0;
    case '>':
      return order(left, right) > 0;
    case '<=':
      return order(left, right) <= 0;
    case '>=':
      return order(left, right) >= 0;
    case 'in':
      return contains(right, left);
    case 'not in':
      return !contains(right, left);
    case 'is':
      return pyIs(left, right);
    case 'is not':
      return !pyIs(left, right);
  }
}

function subscript(target: PyValue, index: PyValue): PyValue {
  if (isMapping(target)) {
    if (typeof index !== 'string') throw new PyRuntimeError('KeyError', pyRepr(index));
    const value = target.lookup(index);
    if (value === undefined) throw new PyRuntimeError('KeyError', pyRepr(index));
    return value;
  }
  const sequence = typeof target === 'string' ? codePoints(target) : sequenceOf(target);
  if (!sequence) throw new PyRuntimeError('TypeError', `${pyRepr(target)} is not subscriptable`);
  if (typeof index !== 'number' && typeof index !== 'boolean') throw new PyRuntimeError('TypeError', 'indices must be integers');
  const position = Number(index) < 0 ? sequence.length + Number(index) : Number(index);
  const value = sequence[position];
  if (!Number.isInteger(position) || value === undefined) throw new PyRuntimeError('IndexError', `index ${Number(index)} out of range`);
  return value;
}

function attribute(target: PyValue, name: string): PyValue {
  if (isModule(target)) return target.attribute(name);
  if (!isMapping(target)) throw new PyRuntimeError('AttributeError', `${pyRepr(target)} has no attribute '${name}'`);
  if (name === 'get') return callable('get', (args) => target.lookup(String(args[0])) ?? args[1] ?? null);
  if (name === 'has_key') return callable('has_key', (args) => contains(target, args[0] ?? null));
  if (name === 'keys') return callable('keys', () => target.keys());
  const value = target.lookup(name);
  if (value === undefined) throw new PyRuntimeError('AttributeError', `object has no attribute '${name}'`);
  return value;
}

function arithmetic(op: '+' | '-' | '*' | '%', left: PyValue, right: PyValue): PyValue {
  const numeric = (v: PyValue): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(left) && numeric(right)) {
    const [a, b] = [Number(left), Number(right)];
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (op === '*') return a * b;
    return ((a % b) + b) % b;
  }
  if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
  if (op === '+' && Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  if (op === '+' && left instanceof PyTuple && right instanceof PyTuple) return new PyTuple([...left.items, ...right.items]);
  throw new PyRuntimeError('TypeError', `unsupported operands for ${op}: ${pyRepr(left)}, ${pyRepr(right)}`);
}

/** Evaluate a parsed expression with `scope` (feedparser's result dict) as the local names. */
export function evaluate(node: PyNode, scope: PyMapping): PyValue {
  const run = (child: PyNode): PyValue => evaluate(child, scope);
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'name': {
      const value = builtin(node.name, scope) ?? scope.lookup(node.name);
      if (value === undefined) throw new PyRuntimeError('NameError', `name '${node.name}' is not defined`);
      return value;
    }
    case 'tuple':
      return new PyTuple(node.items.map(run));
    case 'list':
      return node.items.map(run);
    case 'dict':
      return new PyDict(
        node.entries.map(([key, value]): [string, PyValue] => {
          const name = run(key);
          if (typeof name !== 'string') throw new PyRuntimeError('TypeError', 'only string keys are supported');
          return [name, run(value)];
        }),
      );
    case 'subscript':
      return subscript(run(node.target), run(node.index));
    case 'attribute':
      return attribute(run(node.target), node.name);
    case 'call': {
      const callee = run(node.callee);
      if (!isCallable(callee)) throw new PyRuntimeError('TypeError', `${pyRepr(callee)} is not callable`);
      return callee.call(node.args.map(run));
    }
    case 'unary': {
      const operand = run(node.operand);
      if (node.op === 'not') return !isTruthy(operand);
      if (typeof operand !== 'number' && typeof operand !== 'boolean') throw new PyRuntimeError('TypeError', 'bad operand for unary -');
      return node.op === '-' ? -Number(operand) : Number(operand);
    }
    case 'binary':
      return arithmetic(node.op, run(node.left), run(node.right));
    case 'bool': {
      const left = run(node.left);
      if (node.op === 'and') return isTruthy(left) ? run(node.right) : left;
      return isTruthy(left) ? left : run(node.right);
    }
    case 'compare': {
      let left = run(node.first);
      for (const [op, rightNode] of node.rest) {
        const right = run(rightNode);
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    }
  }
}
