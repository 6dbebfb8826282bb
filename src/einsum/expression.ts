// Numeric expressions of a workload file (params, shapes, extents, padding): arithmetic over the
// params defined so far, evaluated with mathjs. The parsed tree is checked against a short list of
// node kinds before it is evaluated, so a hostile string (`import(...)`, `f(x) = ...`, `1:1e9`,
// `a.b`) is refused with a message instead of reaching mathjs' evaluator, and nothing can loop.
//
// mathjs's module build is hundreds of small files and takes about a second to import; its
// single-file bundle (same API) loads in about 0.1 s. It is still loaded lazily, on the first
// expression that is neither a plain number nor a bare param name, so a file whose shapes only
// name params never pays for it.
//
// A whole network repeats the same few strings thousands of times (`shape: [D, KVH, E]` on every
// layer's tensors), so each distinct string is parsed and compiled once per process; only the
// check against the current scope and the evaluation run per call.
import { createRequire } from 'node:module';
import type { EvalFunction, MathNode } from 'mathjs';

type MathJs = typeof import('mathjs');
let mathjs: MathJs | null = null;
function math(): MathJs {
  mathjs ??= createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJs;
  return mathjs;
}

/** Operators allowed in an expression (mathjs' OperatorNode `fn` names). */
const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'mod']);
/** Functions allowed in an expression. */
export const EXPRESSION_FUNCTIONS = ['floor', 'ceil', 'round', 'min', 'max', 'abs', 'sqrt', 'log2'] as const;
const FUNCTIONS = new Set<string>(EXPRESSION_FUNCTIONS);

/** Longer expressions are refused: no honest shape needs them, and they bound parse time. */
export const MAX_EXPRESSION_CHARS = 400;

/** Why an expression could not be evaluated, phrased for an issue's `expected` / `received`. */
export class ExpressionProblem extends Error {
  constructor(
    readonly expected: string,
    readonly received: string,
    readonly unknownName?: string,
  ) {
    super(`expected ${expected}, received ${received}`);
  }
}

/**
 * Evaluates `text` with `scope` as the only names. Returns a finite number or throws
 * ExpressionProblem.
 */
export function evaluateExpression(text: string, scope: Readonly<Record<string, number>>): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new ExpressionProblem('a number or an arithmetic expression', 'an empty string');
  if (trimmed.length > MAX_EXPRESSION_CHARS) {
    throw new ExpressionProblem(`an expression of at most ${MAX_EXPRESSION_CHARS} characters`, `${trimmed.length} characters`);
  }
  // A plain number needs no parser.
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return finite(Number(trimmed), trimmed);
  // A bare param name is what mathjs would make a SymbolNode of and look up in the scope.
  if (isPlainSymbol(trimmed) && Object.hasOwn(scope, trimmed) && !Object.hasOwn(scope, MATHJS_KEYWORD)) return checkedNumber(scope[trimmed], trimmed);
  const parsed = parseOnce(trimmed);
  checkNode(parsed.node, scope, trimmed);
  let value: unknown;
  try {
    parsed.code ??= parsed.node.compile();
    value = parsed.code.evaluate(new Map(Object.entries(scope)));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ExpressionProblem('an expression that evaluates to a number', `${JSON.stringify(trimmed)} (${why.slice(0, 120)})`);
  }
  return checkedNumber(value, trimmed);
}

function checkedNumber(value: unknown, text: string): number {
  if (typeof value !== 'number') throw new ExpressionProblem('an expression that evaluates to a number', JSON.stringify(text));
  return finite(value, text);
}

/**
 * Words mathjs' parser does not turn into a SymbolNode (parse.js: CONSTANTS, NUMERIC_CONSTANTS,
 * NAMED_DELIMITERS), so a param with one of these names must still go through mathjs.
 */
const NOT_SYMBOLS = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'mod', 'to', 'in', 'and', 'xor', 'or', 'not']);

/** mathjs refuses to evaluate anything with this name in the scope (expression/keywords.js), so neither may the shortcut. */
const MATHJS_KEYWORD = 'end';

/** A name mathjs parses to a lone SymbolNode (its names also allow `$` and other letters; those go to mathjs). */
function isPlainSymbol(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) && !NOT_SYMBOLS.has(text);
}

interface Parsed {
  node: MathNode;
  /** Compiled on first evaluation, inside the same error handling as before caching. */
  code?: EvalFunction;
}

/** Parse results (or the syntax problem) per trimmed text. */
const parsedTexts = new Map<string, Parsed | ExpressionProblem>();
/** Enough for every distinct string of many workloads; a long fuzzing session starts over. */
const MAX_PARSED_TEXTS = 10_000;

function parseOnce(text: string): Parsed {
  let parsed = parsedTexts.get(text);
  if (parsed === undefined) {
    try {
      parsed = { node: math().parse(text) };
    } catch (e) {
      // mathjs reports syntax errors (and a RangeError for absurd nesting) by throwing.
      const why = e instanceof Error ? e.message : String(e);
      parsed = new ExpressionProblem('an arithmetic expression over params', `${JSON.stringify(text)} (${why.slice(0, 120)})`);
    }
    if (parsedTexts.size >= MAX_PARSED_TEXTS) parsedTexts.clear();
    parsedTexts.set(text, parsed);
  }
  if (parsed instanceof ExpressionProblem) throw new ExpressionProblem(parsed.expected, parsed.received);
  return parsed;
}

function finite(value: number, text: string): number {
  if (!Number.isFinite(value)) throw new ExpressionProblem('a finite number', `${JSON.stringify(text)} = ${value}`);
  return value;
}

function checkNode(root: MathNode, scope: Readonly<Record<string, number>>, text: string): void {
  const stack: MathNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as MathNode;
    const n = node as MathNode & { fn?: unknown; name?: string; value?: unknown; op?: string; args?: MathNode[]; content?: MathNode };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') throw new ExpressionProblem('numbers only', `${JSON.stringify(text)}`);
        break;
      case 'SymbolNode':
        if (!Object.hasOwn(scope, n.name as string)) {
          throw new ExpressionProblem('a param defined earlier', `${JSON.stringify(n.name)} in ${JSON.stringify(text)}`, n.name);
        }
        break;
      case 'ParenthesisNode':
        stack.push(n.content as MathNode);
        break;
      case 'OperatorNode':
        if (!OPERATORS.has(n.fn as string)) {
          throw new ExpressionProblem('only + - * / ^ % in an expression', `${JSON.stringify(n.op)} in ${JSON.stringify(text)}`);
        }
        stack.push(...(n.args as MathNode[]));
        break;
      case 'FunctionNode': {
        const fn = n.fn as MathNode & { name?: string };
        const name = fn.type === 'SymbolNode' ? (fn.name as string) : '?';
        if (!FUNCTIONS.has(name)) {
          throw new ExpressionProblem(`one of the functions ${EXPRESSION_FUNCTIONS.join(', ')}`, `${JSON.stringify(name)} in ${JSON.stringify(text)}`);
        }
        stack.push(...(n.args as MathNode[]));
        break;
      }
      default:
        throw new ExpressionProblem('arithmetic over params (numbers, names, + - * / ^ %, a few functions)', `${node.type.replace(/Node$/, '')} in ${JSON.stringify(text)}`);
    }
  }
}

/** Rounds values within floating-point noise of an integer (0.1*30); leaves others alone. */
export function snapInteger(value: number): number {
  const r = Math.round(value);
  return Math.abs(value - r) <= 1e-9 * Math.max(1, Math.abs(value)) ? r : value;
}
