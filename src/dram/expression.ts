// Latency expressions of the timing table ("RL + tBURST - WL + tRTRS", "max(tBURST, tCCD_L)").
// A tiny arithmetic language instead of mathjs: the grammar needs only + - * / ( ) and
// max/min, names are checked against the timing names at compile time (Ramulator 2's spec.py
// rejects constraints naming unknown timings the same way), and importing mathjs costs about
// 1.5 s of start-up, which would dominate a DRAM run. Expressions are compiled once per
// configuration into closures, never evaluated per command.

export type TimingValues = Readonly<Record<string, number>>;
export type CompiledExpression = (values: TimingValues) => number;

export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    readonly expected: string,
    readonly received?: string,
  ) {
    super(`in "${expression}": expected ${expected}${received !== undefined ? `, received ${received}` : ''}`);
  }
}

const FUNCTIONS: Record<string, (args: number[]) => number> = {
  max: (a) => Math.max(...a),
  min: (a) => Math.min(...a),
};

/** Names an expression refers to (to validate a table against a timing set). */
export function expressionNames(expression: string): string[] {
  return tokenize(expression)
    .filter((t, i, all) => t.kind === 'name' && all[i + 1]?.text !== '(')
    .map((t) => t.text);
}

/** Compile `expression`; every name must be in `knownNames` (the timing parameters). */
export function compileExpression(expression: string, knownNames: ReadonlySet<string>): CompiledExpression {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos]?.text;
  const expect = (text: string) => {
    if (tokens[pos]?.text !== text) throw new ExpressionError(expression, `"${text}"`, tokens[pos]?.text ?? 'end of expression');
    pos++;
  };

  // sum := product (('+'|'-') product)* ; product := unary (('*'|'/') unary)* ; unary := '-' unary | atom
  function sum(): CompiledExpression {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++].text;
      const l = left;
      const r = product();
      left = op === '+' ? (v) => l(v) + r(v) : (v) => l(v) - r(v);
    }
    return left;
  }
  function product(): CompiledExpression {
    let left = unary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[pos++].text;
      const l = left;
      const r = unary();
      left = op === '*' ? (v) => l(v) * r(v) : (v) => l(v) / r(v);
    }
    return left;
  }
  function unary(): CompiledExpression {
    if (peek() === '-') {
      pos++;
      const inner = unary();
      return (v) => -inner(v);
    }
    return atom();
  }
  function atom(): CompiledExpression {
    const token = tokens[pos];
    if (!token) throw new ExpressionError(expression, 'a number, a timing name or "("', 'end of expression');
    pos++;
    if (token.kind === 'number') {
      const value = Number(token.text);
      return () => value;
    }
    if (token.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (token.kind === 'name') {
      if (peek() === '(') {
        const fn = FUNCTIONS[token.text];
        if (!fn) throw new ExpressionError(expression, `a function (${Object.keys(FUNCTIONS).join(', ')})`, token.text);
        pos++;
        const args = [sum()];
        while (peek() === ',') {
          pos++;
          args.push(sum());
        }
        expect(')');
        return (v) => fn(args.map((a) => a(v)));
      }
      if (!knownNames.has(token.text)) {
        throw new ExpressionError(expression, `a timing name (${[...knownNames].join(', ')})`, token.text);
      }
      const name = token.text;
      return (v) => {
        const value = v[name];
        if (value === undefined) throw new ExpressionError(expression, `a value for ${name}`, 'none');
        return value;
      };
    }
    throw new ExpressionError(expression, 'a number, a timing name or "("', token.text);
  }

  const compiled = sum();
  if (pos !== tokens.length) throw new ExpressionError(expression, 'an operator or the end', tokens[pos].text);
  return compiled;
}

interface Token {
  kind: 'number' | 'name' | 'symbol';
  text: string;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;
  let index = 0;
  while (index < expression.length) {
    if (/^\s*$/.test(expression.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(expression);
    if (!m) throw new ExpressionError(expression, 'a number, name, operator or parenthesis', expression.slice(index).trim());
    if (m[1] !== undefined) tokens.push({ kind: 'number', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2] });
    else tokens.push({ kind: 'symbol', text: m[3] });
    index = re.lastIndex;
  }
  return tokens;
}
