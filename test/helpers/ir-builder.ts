// Builds Cascade IR directly in tests, without the YAML parser: a tiny recursive-descent reader
// for single Einsum lines (`SN[m,p] = exp(QK[m,p] - GM[p])`), rank extents inferred from bare
// indices of tensors with known shapes, roles from producers/consumers. Only what tests need:
// the reduction op is passed as an option instead of the `max(m0) X` prefix syntax.
import type { Access, AffineIndex, Cascade, Einsum, Expr, MapOp, Precision, ReduceOp, TensorDecl } from '../../src/einsum/types.js';

export type Params = Record<string, number>;

const FUNCTIONS = new Set<MapOp>([
  'add', 'sub', 'mul', 'div', 'max', 'min', 'neg', 'exp', 'log', 'sqrt', 'rsqrt', 'reciprocal',
  'tanh', 'relu', 'gelu', 'sigmoid', 'silu', 'abs', 'square', 'copy',
]);

function tokenize(text: string): string[] {
  const tokens = text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_][A-Za-z_0-9]*|[-+*/()[\],=]/g);
  if (!tokens || tokens.join('') !== text.replace(/\s+/g, '')) throw new Error(`cannot tokenize: ${text}`);
  return tokens;
}

/** Parse an affine index (`2*p + r - 1`, `m1*M0 + m0`, `M1`); upper-case names are params. */
export function idx(text: string, params: Params = {}): AffineIndex {
  const terms: Record<string, number> = {};
  let constant = 0;
  const value = (name: string): number | null => (/^\d/.test(name) ? Number(name) : name in params ? params[name] : null);
  for (const raw of text.replace(/\s+/g, '').replace(/-/g, '+-').split('+').filter((s) => s !== '')) {
    const sign = raw.startsWith('-') ? -1 : 1;
    const factors = raw.replace(/^-/, '').split('*');
    let coef = sign;
    let rank: string | null = null;
    for (const f of factors) {
      const v = value(f);
      if (v !== null) coef *= v;
      else if (rank === null) rank = f;
      else throw new Error(`index ${text} is not affine`);
    }
    if (rank === null) constant += coef;
    else terms[rank] = (terms[rank] ?? 0) + coef;
  }
  return { terms, constant, text };
}

class Reader {
  private pos = 0;
  constructor(private readonly tokens: string[], private readonly params: Params) {}
  peek(): string | undefined {
    return this.tokens[this.pos];
  }
  next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new Error('unexpected end of Einsum');
    return t;
  }
  expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new Error(`expected ${t}, got ${got}`);
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }
  /** `T[i, j+1]`: the raw index texts between the brackets, split at top-level commas. */
  access(name: string): Access {
    this.expect('[');
    const indices: string[] = [];
    let cur: string[] = [];
    for (let t = this.next(); t !== ']'; t = this.next()) {
      if (t === ',') {
        indices.push(cur.join(''));
        cur = [];
      } else cur.push(t);
    }
    if (cur.length) indices.push(cur.join(''));
    return { tensor: name, indices: indices.map((i) => idx(i, this.params)) };
  }
  expr(): Expr {
    let left = this.term();
    while (this.peek() === '+' || this.peek() === '-') {
      const op: MapOp = this.next() === '+' ? 'add' : 'sub';
      left = { kind: 'call', op, args: [left, this.term()] };
    }
    return left;
  }
  term(): Expr {
    let left = this.unary();
    while (this.peek() === '*' || this.peek() === '/') {
      const op: MapOp = this.next() === '*' ? 'mul' : 'div';
      left = { kind: 'call', op, args: [left, this.unary()] };
    }
    return left;
  }
  unary(): Expr {
    if (this.peek() === '-') {
      this.next();
      return { kind: 'call', op: 'neg', args: [this.unary()] };
    }
    return this.primary();
  }
  primary(): Expr {
    const t = this.next();
    if (t === '(') {
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (/^\d/.test(t)) return { kind: 'const', value: Number(t) };
    if (t === 'inf') return { kind: 'const', value: Infinity };
    if (this.peek() === '[') return { kind: 'access', access: this.access(t) };
    if (this.peek() === '(' && FUNCTIONS.has(t as MapOp)) {
      this.next();
      const args = [this.expr()];
      while (this.peek() === ',') {
        this.next();
        args.push(this.expr());
      }
      this.expect(')');
      return { kind: 'call', op: t as MapOp, args };
    }
    if (t in this.params) return { kind: 'const', value: this.params[t] };
    throw new Error(`unknown name ${t}`);
  }
}

export interface TensorSpec {
  ranks: string[];
  shape: number[];
  precision?: Precision;
  padding?: Record<string, [number, number]>;
  init?: { rank: string; at?: number; value: number };
  /** `K[e, m1*M0 + m0]`: this tensor is a view of that access (its indices use this tensor's ranks). */
  view?: string;
}

export interface EinsumSpec {
  text: string;
  reduce?: ReduceOp;
  iterative?: string;
  annotations?: Einsum['annotations'];
}

export interface CascadeSpec {
  name?: string;
  params?: Params;
  /** Extents of ranks that no tensor indexes bare (e.g. a reduced rank only in `s*p + r`). */
  ranks?: Record<string, number>;
  tensors: Record<string, TensorSpec>;
  einsums: (string | EinsumSpec)[];
  recurrences?: { rank: string; einsums: string[] }[];
}

function ranksOfExpr(e: Expr, out: string[]): void {
  if (e.kind === 'access') {
    for (const ix of e.access.indices) for (const r of Object.keys(ix.terms)) if (!out.includes(r)) out.push(r);
  } else if (e.kind === 'call') e.args.forEach((a) => ranksOfExpr(a, out));
}

function accessesOf(e: Expr): Access[] {
  return e.kind === 'access' ? [e.access] : e.kind === 'call' ? e.args.flatMap(accessesOf) : [];
}

/** Build a Cascade. Throws plain Errors on malformed specs (tests only). */
export function buildCascade(spec: CascadeSpec): Cascade {
  const params = spec.params ?? {};
  const file = '<test>';
  const tensors: Record<string, TensorDecl> = {};
  for (const [name, t] of Object.entries(spec.tensors)) {
    let viewOf: Access | null = null;
    if (t.view) {
      const tokens = tokenize(t.view);
      const r = new Reader(tokens.slice(1), params);
      viewOf = r.access(tokens[0]);
    }
    tensors[name] = {
      name,
      ranks: t.ranks,
      shape: t.shape,
      precision: t.precision ?? 'fp16',
      role: 'input',
      init: t.init ? { rank: t.init.rank, at: t.init.at ?? 0, value: t.init.value } : null,
      viewOf,
      padding: t.padding ?? {},
      loc: { file, path: `tensors.${name}` },
    };
  }
  const einsums: Einsum[] = spec.einsums.map((raw, i) => {
    const es: EinsumSpec = typeof raw === 'string' ? { text: raw } : raw;
    const tokens = tokenize(es.text);
    const reader = new Reader(tokens.slice(1), params);
    const output = reader.access(tokens[0]);
    reader.expect('=');
    const expr = reader.expr();
    if (!reader.done()) throw new Error(`trailing tokens in ${es.text}`);
    const outRanks: string[] = [];
    for (const ix of output.indices) for (const r of Object.keys(ix.terms)) if (!outRanks.includes(r)) outRanks.push(r);
    const all: string[] = [];
    ranksOfExpr(expr, all);
    const reduced = all.filter((r) => !outRanks.includes(r));
    const extentOf = (rank: string): number => {
      for (const a of [output, ...accessesOf(expr)]) {
        const t = tensors[a.tensor];
        if (!t) throw new Error(`unknown tensor ${a.tensor}`);
        const d = a.indices.findIndex((ix) => ix.constant === 0 && Object.keys(ix.terms).length === 1 && ix.terms[rank] === 1);
        // A recurrence output indexed m1+1 has extent M1+1 along m1; the rank itself runs M1.
        if (d >= 0) return t.shape[d] - (t.init?.rank === t.ranks[d] && es.iterative === rank ? 1 : 0);
      }
      const fromSpec = spec.ranks?.[rank] ?? params[rank.toUpperCase()];
      if (fromSpec === undefined) throw new Error(`no extent for rank ${rank} in ${es.text}`);
      return fromSpec;
    };
    return {
      id: output.tensor,
      text: es.text,
      output,
      expr,
      reduce: reduced.length > 0 || es.reduce ? { op: es.reduce ?? 'sum', ranks: reduced } : null,
      ranks: [...outRanks, ...reduced].map((name) => ({ name, extent: extentOf(name) })),
      iterative: es.iterative ?? null,
      annotations: es.annotations ?? {},
      loc: { file, path: `einsums[${i}]` },
    };
  });
  const consumed = new Set(einsums.flatMap((e) => accessesOf(e.expr).map((a) => a.tensor)));
  for (const t of Object.values(tensors)) if (t.viewOf) consumed.add(t.viewOf.tensor);
  for (const e of einsums) tensors[e.output.tensor].role = consumed.has(e.output.tensor) ? 'intermediate' : 'output';
  return {
    name: spec.name ?? 'test',
    description: '',
    source: '',
    file,
    params,
    ranks: spec.ranks ?? {},
    tensors,
    einsums,
    recurrences: spec.recurrences ?? [],
    warnings: [],
  };
}
