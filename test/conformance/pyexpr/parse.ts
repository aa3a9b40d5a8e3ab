import { PyExprSyntaxError, tokenize } from './tokens.js';
import type { Token } from './tokens.js';

/** A comparison operator, including the two-word ones. */
export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'in' | 'not in' | 'is' | 'is not';

/** The syntax tree of the Python expression subset Expect lines use. */
export type PyNode =
  | { type: 'literal'; value: null | boolean | number | string }
  | { type: 'name'; name: string }
  | { type: 'tuple'; items: PyNode[] }
  | { type: 'list'; items: PyNode[] }
  | { type: 'dict'; entries: [PyNode, PyNode][] }
  | { type: 'subscript'; target: PyNode; index: PyNode }
  | { type: 'attribute'; target: PyNode; name: string }
  | { type: 'call'; callee: PyNode; args: PyNode[] }
  | { type: 'unary'; op: 'not' | '-' | '+'; operand: PyNode }
  | { type: 'binary'; op: '+' | '-' | '*' | '%'; left: PyNode; right: PyNode }
  | { type: 'bool'; op: 'and' | 'or'; left: PyNode; right: PyNode }
  | { type: 'compare'; first: PyNode; rest: [CompareOp, PyNode][] };

const KEYWORD_LITERALS: Readonly<Record<string, null | boolean>> = { None: null, True: true, False: false };
const RESERVED = new Set(['and', 'or', 'not', 'in', 'is', 'lambda', 'if', 'else', 'for']);

/** A recursive-descent parser following Python's grammar precedence (or < and < not < comparison < + < * < unary < trailers). */
class Parser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseAll(): PyNode {
    const node = this.orTest();
    const next = this.peek();
    if (next.type !== 'end') this.fail('unexpected token');
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)] ?? { type: 'end', at: this.source.length };
  }

  private fail(message: string): never {
    throw new PyExprSyntaxError(message, this.source, this.peek().at);
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'op' && token.value === value;
  }

  private isKeyword(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'name' && token.value === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) this.fail(`expected ${value}`);
    this.position += 1;
  }

  private orTest(): PyNode {
    let left = this.andTest();
    while (this.isKeyword('or')) {
      this.position += 1;
      left = { type: 'bool', op: 'or', left, right: this.andTest() };
    }
    return left;
  }

  private andTest(): PyNode {
    let left = this.notTest();
    while (this.isKeyword('and')) {
      this.position += 1;
      left = { type: 'bool', op: 'and', left, right: this.notTest() };
    }
    return left;
  }

  private notTest(): PyNode {
    if (this.isKeyword('not')) {
      this.position += 1;
      return { type: 'unary', op: 'not', operand: this.notTest() };
    }
    return this.comparison();
  }

  private compareOp(): CompareOp | undefined {
    const token = this.peek();
    if (token.type === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(token.value)) {
      this.position += 1;
      return token.value as CompareOp;
    }
    if (this.isKeyword('in')) {
      this.position += 1;
      return 'in';
    }
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.position += 2;
      return 'not in';
    }
    if (this.isKeyword('is')) {
      this.position += 1;
      if (!this.isKeyword('not')) return 'is';
      this.position += 1;
      return 'is not';
    }
    return undefined;
  }

  private comparison(): PyNode {
    const first = this.arith();
    const rest: [CompareOp, PyNode][] = [];
    for (let op = this.compareOp(); op !== undefined; op = this.compareOp()) rest.push([op, this.arith()]);
    return rest.length === 0 ? first : { type: 'compare', first, rest };
  }

  private arith(): PyNode {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.isOp('+') ? '+' : '-';
      this.position += 1;
      left = { type: 'binary', op, left, right: this.term() };
    }
    return left;
  }

  private term(): PyNode {
    let left = this.factor();
    while (this.isOp('*') || this.isOp('%')) {
      const op = this.isOp('*') ? '*' : '%';
      this.position += 1;
      left = { type: 'binary', op, left, right: this.factor() };
    }
    return left;
  }

  private factor(): PyNode {
    if (this.isOp('-') || this.isOp('+')) {
      const op = this.isOp('-') ? '-' : '+';
      this.position += 1;
      return { type: 'unary', op, operand: this.factor() };
    }
    return this.trailers(this.atom());
  }

  private trailers(start: PyNode): PyNode {
    let node = start;
    for (;;) {
      if (this.isOp('.')) {
        this.position += 1;
        const name = this.peek();
        if (name.type !== 'name') this.fail('expected attribute name');
        this.position += 1;
        node = { type: 'attribute', target: node, name: name.value };
      } else if (this.isOp('[')) {
        this.position += 1;
        const index = this.orTest();
        this.expectOp(']');
        node = { type: 'subscript', target: node, index };
      } else if (this.isOp('(')) {
        this.position += 1;
        node = { type: 'call', callee: node, args: this.sequence(')').items };
      } else {
        return node;
      }
    }
  }

  /** Comma-separated expressions up to `close`; `trailingComma` tells `(x,)` from `(x)`. */
  private sequence(close: string): { items: PyNode[]; trailingComma: boolean } {
    const items: PyNode[] = [];
    let trailingComma = false;
    while (!this.isOp(close)) {
      items.push(this.orTest());
      trailingComma = false;
      if (!this.isOp(',')) break;
      this.position += 1;
      trailingComma = true;
    }
    this.expectOp(close);
    return { items, trailingComma };
  }

  private atom(): PyNode {
    const token = this.peek();
    this.position += 1;
    if (token.type === 'number') return { type: 'literal', value: token.value };
    if (token.type === 'string') {
      // Adjacent literals concatenate: 'a' 'b' == 'ab'.
      let value = token.value;
      for (let next = this.peek(); next.type === 'string'; next = this.peek()) {
        value += next.value;
        this.position += 1;
      }
      return { type: 'literal', value };
    }
    if (token.type === 'name') {
      if (token.value in KEYWORD_LITERALS) return { type: 'literal', value: KEYWORD_LITERALS[token.value] ?? null };
      if (RESERVED.has(token.value)) this.fail(`unexpected keyword ${token.value}`);
      return { type: 'name', name: token.value };
    }
    if (token.type === 'op' && token.value === '(') {
      const { items, trailingComma } = this.sequence(')');
      const only = items[0];
      return items.length === 1 && !trailingComma && only ? only : { type: 'tuple', items };
    }
    if (token.type === 'op' && token.value === '[') return { type: 'list', items: this.sequence(']').items };
    if (token.type === 'op' && token.value === '{') return this.dict();
    this.position -= 1;
    return this.fail('unexpected token');
  }

  private dict(): PyNode {
    const entries: [PyNode, PyNode][] = [];
    while (!this.isOp('}')) {
      const key = this.orTest();
      this.expectOp(':');
      entries.push([key, this.orTest()]);
      if (!this.isOp(',')) break;
      this.position += 1;
    }
    this.expectOp('}');
    return { type: 'dict', entries };
  }
}

/** Parse one Python expression (the subset Expect lines use). Throws PyExprSyntaxError. */
export function parseExpression(source: string): PyNode {
  return new Parser(source, tokenize(source)).parseAll();
}
