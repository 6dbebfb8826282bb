// YAML text → plain value, remembering where each field sits so every issue can name its line.
// Duplicate keys are an error (YAML itself allows a loader to keep the last one silently, which
// hides typos such as ZigZag's doubled `ports:`).
import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { EinsimError, type Issue } from '../errors.js';
import type { PathSegment } from './path.js';

export interface YamlSource {
  file: string;
  value: unknown;
  /** 1-based line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => ({
      file,
      line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
      path: '',
      code: 'parse',
      expected: e.code === 'DUPLICATE_KEY' ? 'each key once' : 'valid YAML',
      received: firstLine(e.message),
    }));
    throw new EinsimError(issues);
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return { file, value, lineOf: (path) => lineOfPath(doc, lineCounter, path) };
}

function lineOfPath(doc: Document, lines: LineCounter, path: readonly PathSegment[]): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = rangeLine(node, lines);
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(seg));
      if (!pair) break;
      best = rangeLine(pair.key, lines) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (node === undefined) break;
      best = rangeLine(node, lines) ?? best;
    } else break;
  }
  return best;
}

function keyText(key: unknown): string {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return String(key);
}

function rangeLine(node: unknown, lines: LineCounter): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
