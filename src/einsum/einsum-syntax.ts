// The text of one Einsum, `RM[m1+1,p] = max(RM[m1,p], LM[m1,p])`, as a syntax tree. A small
// tokenizer and a recursive-descent parser; every error names the 1-based column in the Einsum
// text and what was expected there. Names are not resolved here (is `M1` a param or a rank?):
// that is src/einsum/einsum-resolve.ts, which knows the params and tensors.
//
// Grammar:
//   einsum  := access '=' rhs END
//   rhs     := [ REDUCE '(' name {',' name} ')' ] expr     -- a reduction prefix, `max(m0) X[..]`
//   expr    := term { ('+' | '-') term }        term := unary { ('*' | '/') unary }
//   unary   := '-' unary | primary
//   primary := NUMBER | name '[' [index {',' index}] ']' | name '(' expr {',' expr} ')' | name | '(' expr ')'
//   index   := iterm { ('+' | '-') iterm }    iterm := ifactor { ('*' | '/') ifactor }
//   ifactor := NUMBER | name | '(' index ')' | '-' ifactor

export type IndexSyntax =
  | { kind: 'num'; value: number; col: number }
  | { kind: 'name'; name: string; col: number }
  | { kind: 'neg'; arg: IndexSyntax; col: number }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: IndexSyntax; right: IndexSyntax; col: number };

export interface AccessSyntax {
  tensor: string;
  col: number;
  indices: { node: IndexSyntax; text: string; col: number }[];
}

export type ExprSyntax =
  | { kind: 'num'; value: number; col: number }
  | { kind: 'name'; name: string; col: number }
  | { kind: 'access'; access: AccessSyntax; col: number }
  | { kind: 'call'; name: string; args: ExprSyntax[]; col: number }
  | { kind: 'neg'; arg: ExprSyntax; col: number }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: ExprSyntax; right: ExprSyntax; col: number };

export interface EinsumSyntax {
  output: AccessSyntax;
  reduce: { op: string; ranks: string[]; col: number } | null;
  expr: ExprSyntax;
}

/** A syntax error: the 1-based column, what was expected there and what was found. */
export class EinsumSyntaxError extends Error {
  constructor(
    readonly col: number,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`column ${col}: expected ${expected}, received ${received}`);
  }
}

/** Reduction operators that may prefix the right-hand side. */
export const REDUCE_PREFIXES = ['sum', 'max', 'min'] as const;

/** Nesting beyond this is refused rather than risking the call stack on hostile input. */
const MAX_DEPTH = 64;

type TokenKind = 'name' | 'num' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset in the text. */
  pos: number;
}

/**
 * A name a workload may define or use: letters, digits and _, not starting with a digit, and not
 * a property every JS object has (`constructor`, `__proto__`), which would alias lookups in the
 * plain objects the IR is made of.
 */
export function isName(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !(text in Object.prototype) && text !== '__proto__';
}

type BinaryOp = '+' | '-' | '*' | '/';
const ADDITIVE: readonly BinaryOp[] = ['+', '-'];
const MULTIPLICATIVE: readonly BinaryOp[] = ['*', '/'];

const PUNCT = new Set(['[', ']', '(', ')', ',', '=', '+', '-', '*', '/']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      if (!isName(m[0])) throw new EinsumSyntaxError(i + 1, 'a name that is not reserved by JavaScript objects', JSON.stringify(m[0]));
      tokens.push({ kind: 'name', text: m[0], pos: i });
      i += m[0].length;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i));
      if (!m) throw new EinsumSyntaxError(i + 1, 'a number', JSON.stringify(c));
      tokens.push({ kind: 'num', text: m[0], pos: i });
      i += m[0].length;
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
    } else {
      throw new EinsumSyntaxError(i + 1, 'a name, a number or one of [ ] ( ) , = + - * /', JSON.stringify(c));
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

export function parseEinsumText(text: string): EinsumSyntax {
  return new Parser(text).einsum();
}

/** Parses a lone access, `K[e, m1*M0 + m0]` (the `view:` of a tensor). */
export function parseAccessText(text: string): AccessSyntax {
  const p = new Parser(text);
  const access = p.access();
  p.expectEnd();
  return access;
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  einsum(): EinsumSyntax {
    const output = this.access();
    this.expectPunct('=', '`=` after the output tensor');
    const reduce = this.reducePrefix();
    const expr = this.expr();
    this.expectEnd();
    return { output, reduce, expr };
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'end') throw this.error(t, 'an operator (+ - * /) or the end of the Einsum');
  }

  access(): AccessSyntax {
    const name = this.peek();
    if (name.kind !== 'name') throw this.error(name, 'a tensor name');
    this.i++;
    this.expectPunct('[', `\`[\` after tensor ${name.text}`);
    const indices: AccessSyntax['indices'] = [];
    if (!this.atPunct(']')) {
      for (;;) {
        const start = this.peek().pos;
        const node = this.index();
        indices.push({ node, text: this.text.slice(start, this.peek().pos).trim(), col: start + 1 });
        if (this.atPunct(',')) this.i++;
        else break;
      }
    }
    this.expectPunct(']', '`,` or `]` in the index list');
    return { tensor: name.text, col: name.pos + 1, indices };
  }

  /** `max(m0) X[...]`: a reduction op over a list of bare names, followed by an expression. */
  private reducePrefix(): EinsumSyntax['reduce'] {
    const t = this.peek();
    if (t.kind !== 'name' || !(REDUCE_PREFIXES as readonly string[]).includes(t.text)) return null;
    if (this.tokens[this.i + 1].text !== '(') return null;
    // Scan `( name {, name} )` and look at what follows: an expression start makes it a prefix.
    let j = this.i + 2;
    const ranks: string[] = [];
    for (;;) {
      const r = this.tokens[j];
      if (r.kind !== 'name' || this.tokens[j + 1].text === '[' || this.tokens[j + 1].text === '(') return null;
      ranks.push(r.text);
      const sep = this.tokens[j + 1];
      if (sep.text === ',') j += 2;
      else if (sep.text === ')') break;
      else return null;
    }
    const after = this.tokens[j + 2];
    // A leading minus starts an expression too (`sum(m) -X[m]`): no reduction op is also a
    // one-argument function (max and min take two), so `max(m) - X[m]` cannot be a call.
    const startsExpr = after.kind === 'name' || after.kind === 'num' || after.text === '(' || after.text === '-';
    if (!startsExpr) return null;
    this.i = j + 2;
    return { op: t.text, ranks, col: t.pos + 1 };
  }

  private expr(): ExprSyntax {
    this.enter();
    const out = this.leftAssociative(ADDITIVE, () => this.leftAssociative(MULTIPLICATIVE, () => this.unary()));
    this.depth--;
    return out;
  }

  /** `operand {op operand}` for ops of one precedence level, folded to the left. */
  private leftAssociative<T extends ExprSyntax | IndexSyntax>(ops: readonly BinaryOp[], operand: () => T): T {
    let left = operand();
    while (ops.some((op) => this.atPunct(op))) {
      const op = this.next();
      left = { kind: 'bin', op: op.text as BinaryOp, left, right: operand(), col: op.pos + 1 } as unknown as T; // same shape in both trees
    }
    return left;
  }

  private unary(): ExprSyntax {
    if (this.atPunct('-')) {
      const op = this.next();
      this.enter();
      const arg = this.unary();
      this.depth--;
      return { kind: 'neg', arg, col: op.pos + 1 };
    }
    return this.primary();
  }

  private primary(): ExprSyntax {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      return { kind: 'num', value: Number(t.text), col: t.pos + 1 };
    }
    if (t.kind === 'name') {
      const after = this.tokens[this.i + 1];
      if (after.text === '[') return { kind: 'access', access: this.access(), col: t.pos + 1 };
      if (after.text === '(') return this.call();
      this.i++;
      return { kind: 'name', name: t.text, col: t.pos + 1 };
    }
    if (this.atPunct('(')) {
      this.i++;
      const inner = this.expr();
      this.expectPunct(')', '`)`');
      return inner;
    }
    throw this.error(t, 'a tensor access, a number, a param, a function call or `(`');
  }

  private call(): ExprSyntax {
    const name = this.next();
    this.i++; // '('
    const args: ExprSyntax[] = [];
    if (!this.atPunct(')')) {
      for (;;) {
        args.push(this.expr());
        if (this.atPunct(',')) this.i++;
        else break;
      }
    }
    this.expectPunct(')', '`,` or `)` in the argument list');
    const after = this.peek();
    if ((REDUCE_PREFIXES as readonly string[]).includes(name.text) && (after.kind === 'name' || after.kind === 'num' || after.text === '(')) {
      throw new EinsumSyntaxError(name.pos + 1, `a reduction prefix such as \`${name.text}(m)\` only at the start of the right-hand side, with rank names in the parentheses`, JSON.stringify(this.text.slice(name.pos, after.pos).trim()));
    }
    return { kind: 'call', name: name.text, args, col: name.pos + 1 };
  }

  index(): IndexSyntax {
    this.enter();
    const out = this.leftAssociative(ADDITIVE, () => this.leftAssociative(MULTIPLICATIVE, () => this.ifactor()));
    this.depth--;
    return out;
  }

  private ifactor(): IndexSyntax {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      return { kind: 'num', value: Number(t.text), col: t.pos + 1 };
    }
    if (t.kind === 'name') {
      const after = this.tokens[this.i + 1];
      if (after.text === '[' || after.text === '(') {
        throw new EinsumSyntaxError(t.pos + 1, 'an affine index (ranks, params, integers, + - *)', `${JSON.stringify(t.text + after.text)}`);
      }
      this.i++;
      return { kind: 'name', name: t.text, col: t.pos + 1 };
    }
    if (this.atPunct('-')) {
      this.i++;
      this.enter();
      const arg = this.ifactor();
      this.depth--;
      return { kind: 'neg', arg, col: t.pos + 1 };
    }
    if (this.atPunct('(')) {
      this.i++;
      const inner = this.index();
      this.expectPunct(')', '`)`');
      return inner;
    }
    throw this.error(t, 'an index expression (a rank, a param or an integer)');
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw this.error(this.peek(), `at most ${MAX_DEPTH} levels of nesting`);
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private atPunct(p: string): boolean {
    const t = this.tokens[this.i];
    return t.kind === 'punct' && t.text === p;
  }

  private expectPunct(p: string, what: string): void {
    if (!this.atPunct(p)) throw this.error(this.peek(), what);
    this.i++;
  }

  private error(t: Token, expected: string): EinsumSyntaxError {
    return new EinsumSyntaxError(t.pos + 1, expected, t.kind === 'end' ? 'the end of the text' : JSON.stringify(t.text));
  }
}
