import { describe, expect, it } from 'vitest';
import { IssueList, readYaml, shapeOf } from '../../src/einsum/yaml-source.js';

describe('readYaml, the same text again (kept for sweeps)', () => {
  it('reports the YAML errors again, under the file of this read', () => {
    const text = 'name: a\nname: b\ntensors: [\n';
    const first = new IssueList('first.yaml');
    readYaml(text, first);
    const second = new IssueList('second.yaml');
    readYaml(text, second);
    expect(first.errors.length).toBeGreaterThan(1);
    expect(second.errors).toEqual(first.errors.map((e) => ({ ...e, file: 'second.yaml' })));
  });

  it('gives the same tree and lines, and forgets texts beyond the last two', () => {
    const texts = ['a: 1\nb: 2\n', 'c: 3\n', 'd: 4\n'];
    const issues = new IssueList('x.yaml');
    const src = readYaml(texts[0], issues);
    expect(readYaml(texts[0], issues).root).toBe(src.root);
    readYaml(texts[1], issues);
    readYaml(texts[2], issues);
    const again = readYaml(texts[0], issues);
    expect(again.root).not.toBe(src.root);
    const entries = (s: typeof src) => {
      const shape = shapeOf(s, s.root);
      return shape.kind === 'map' ? shape.entries.map((e) => [e.key, e.line]) : [];
    };
    expect(entries(again)).toEqual([['a', 1], ['b', 2]]);
    expect(issues.ok).toBe(true);
  });
});
