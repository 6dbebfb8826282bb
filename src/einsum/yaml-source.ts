// Reading a YAML document while keeping where every value came from. The workload parser walks
// the YAML node tree (not the plain JS value) so each issue can name the 1-based line of the field
// it is about. Anchors and aliases are rejected: they are rarely needed in a workload and a
// self-referencing alias would make the walk unbounded.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Issue, IssueCode } from '../errors.js';

/** Collects issues for one file so independent problems are all reported, not just the first. */
export class IssueList {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];

  constructor(readonly file: string) {}

  error(path: string, line: number | undefined, code: IssueCode, expected: string, received?: string): void {
    this.errors.push(issue(this.file, path, line, code, expected, received));
  }

  warn(path: string, line: number | undefined, code: IssueCode, expected: string, received?: string): void {
    this.warnings.push({ ...issue(this.file, path, line, code, expected, received), severity: 'warning' });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

function issue(file: string, path: string, line: number | undefined, code: IssueCode, expected: string, received?: string): Issue {
  const out: Issue = { file, path: oneLine(path), code, expected: oneLine(expected) };
  if (line !== undefined) out.line = line;
  if (received !== undefined) out.received = oneLine(received);
  return out;
}

/** The CLI prints one line per issue; text quoted from a multi-line YAML string must not break it. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** A parsed YAML document with a way to turn a node into its line. */
export interface YamlSource {
  root: Node | null;
  lineOf(node: Node | null | undefined): number | undefined;
}

/**
 * Parses YAML text; syntax errors and duplicate keys go to `issues`. A sweep or a reproduction
 * parses the same text once per design point with other params; the YAML tree does not depend on
 * them, and parsing it is the larger part of loading a whole network, so the last few texts are
 * kept (the tree is only ever read).
 */
export function readYaml(text: string, issues: IssueList): YamlSource {
  let parsed = recentTexts.get(text);
  if (parsed === undefined) {
    parsed = parseYaml(text);
    recentTexts.set(text, parsed);
    if (recentTexts.size > RECENT_TEXTS) recentTexts.delete(recentTexts.keys().next().value as string);
  }
  for (const e of parsed.errors) issues.error('', e.line, e.code, e.expected, e.received);
  return parsed.source;
}

interface ParsedYaml {
  source: YamlSource;
  errors: { line: number; code: IssueCode; expected: string; received: string }[];
}

/** Two: the FuseMax reproduction alternates between its 1-pass and 3-pass layer files. */
const RECENT_TEXTS = 2;
const recentTexts = new Map<string, ParsedYaml>();

function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const errors = doc.errors.map((e) => {
    const code: IssueCode = e.code === 'DUPLICATE_KEY' ? 'duplicate' : 'parse';
    const expected = code === 'duplicate' ? 'each key once in a map' : 'valid YAML';
    return { line: lineAt(e.pos[0]), code, expected, received: firstLine(e.message) };
  });
  return {
    source: { root: (doc.contents as Node | null) ?? null, lineOf: (node) => (node?.range ? lineAt(node.range[0]) : undefined) },
    errors,
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 160);
}

/** A YAML map's entries as (key, value node, key line). Non-string keys are reported. */
export interface Entry {
  key: string;
  value: Node | null;
  line: number | undefined;
}

/** Shallow view of a node: what kind it is and its scalar value. */
export type Shape =
  | { kind: 'map'; entries: Entry[] }
  | { kind: 'seq'; items: (Node | null)[] }
  | { kind: 'scalar'; value: string | number | boolean | null }
  | { kind: 'alias' }
  | { kind: 'other'; value: unknown };

export function shapeOf(src: YamlSource, node: Node | null | undefined): Shape {
  if (node === null || node === undefined) return { kind: 'scalar', value: null };
  if (isAlias(node)) return { kind: 'alias' };
  if (isMap(node)) {
    const entries: Entry[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '<non-scalar key>';
      entries.push({ key, value: (pair.value as Node | null) ?? null, line: src.lineOf(keyNode) ?? src.lineOf(pair.value as Node) });
    }
    return { kind: 'map', entries };
  }
  if (isSeq(node)) return { kind: 'seq', items: node.items as (Node | null)[] };
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { kind: 'scalar', value: v };
    return { kind: 'other', value: v };
  }
  return { kind: 'other', value: node };
}

/** How a node looks, for "received ..." in messages. */
export function describe(shape: Shape): string {
  switch (shape.kind) {
    case 'map':
      return 'a map';
    case 'seq':
      return 'a list';
    case 'alias':
      return 'a YAML alias (anchors and aliases are not supported: write the value out)';
    case 'other':
      return 'an unsupported YAML value';
    case 'scalar':
      if (shape.value === null) return 'nothing';
      return typeof shape.value === 'string' ? JSON.stringify(shape.value) : String(shape.value);
  }
}
