import { describe, expect, it } from 'vitest';
import { EinsumSyntaxError, parseAccessText, parseEinsumText, tokenize } from '../../src/einsum/einsum-syntax.js';

describe('tokenize', () => {
  it('splits names, numbers and punctuation with 0-based positions', () => {
    expect(tokenize('RM[m1+1,p]').map((t) => `${t.kind}:${t.text}@${t.pos}`)).toEqual([
      'name:RM@0', 'punct:[@2', 'name:m1@3', 'punct:+@5', 'num:1@6', 'punct:,@7', 'name:p@8', 'punct:]@9', 'end:@10',
    ]);
  });

  it('names the column of a character it does not know', () => {
    expect(() => tokenize('A[m] = B[m] $ 2')).toThrowError(/column 13/);
  });
});

describe('parseEinsumText', () => {
  it('reads a reduction prefix followed by an expression', () => {
    const s = parseEinsumText('LM[m1,p] = max(m0) BQK[m1,m0,p]');
    expect(s.reduce).toEqual({ op: 'max', ranks: ['m0'], col: 12 });
    expect(s.expr.kind).toBe('access');
  });

  it('reads a reduction prefix followed by a negated operand', () => {
    const s = parseEinsumText('Y[] = sum(m) -X[m]');
    expect(s.reduce).toEqual({ op: 'sum', ranks: ['m'], col: 7 });
    expect(s.expr).toMatchObject({ kind: 'neg', arg: { kind: 'access' } });
    expect(parseEinsumText('Y[p] = max(m) - X[m,p] * 2').reduce).toMatchObject({ op: 'max', ranks: ['m'] });
  });

  it('reads max(a, b) as an element-wise map, not a reduction', () => {
    const s = parseEinsumText('RM[m1+1,p] = max(RM[m1,p], LM[m1,p])');
    expect(s.reduce).toBeNull();
    expect(s.expr).toMatchObject({ kind: 'call', name: 'max', args: [{ kind: 'access' }, { kind: 'access' }] });
    expect(s.output.indices.map((i) => i.text)).toEqual(['m1+1', 'p']);
  });

  it('gives * and / precedence over + and -, and binds unary minus tightly', () => {
    const s = parseEinsumText('Y[m] = -X[m] + X[m] * 2 / 3');
    expect(s.expr).toMatchObject({
      kind: 'bin',
      op: '+',
      left: { kind: 'neg' },
      right: { kind: 'bin', op: '/', left: { kind: 'bin', op: '*' } },
    });
  });

  it('keeps the text and column of each index', () => {
    const s = parseEinsumText('O[k,p,q] = I[c, stride*p + r, q] * W[k,c,r,q]');
    const access = (s.expr as { left: { access: { indices: { text: string; col: number }[] } } }).left.access;
    expect(access.indices.map((i) => [i.text, i.col])).toEqual([['c', 14], ['stride*p + r', 17], ['q', 31]]);
  });

  it.each([
    ['Z[m,n] = A[m,k] * * B[k,n]', 19, 'a tensor access'],
    ['Z[m,n] A[m,k]', 8, '`=` after the output tensor'],
    ['Z[m,n = A[m]', 7, '`,` or `]`'],
    ['Z[m] = A[m] B[m]', 13, 'an operator'],
    ['Z[m] = A[X[m]]', 10, 'an affine index'],
    ['Z[m] = exp(A[m]', 16, '`,` or `)`'],
    ['Z[m] = A[m] * max(m) B[m]', 15, 'a reduction prefix'],
    ['= A[m]', 1, 'a tensor name'],
  ])('reports %s at column %i', (text, col, expected) => {
    let err: unknown;
    try {
      parseEinsumText(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EinsumSyntaxError);
    expect((err as EinsumSyntaxError).col).toBe(col);
    expect((err as EinsumSyntaxError).expected).toContain(expected);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseEinsumText(`Y[m] = ${'('.repeat(5000)}X[m]${')'.repeat(5000)}`)).toThrowError(EinsumSyntaxError);
    expect(() => parseEinsumText(`Y[m] = ${'-'.repeat(5000)}X[m]`)).toThrowError(EinsumSyntaxError);
  });
});

describe('parseAccessText', () => {
  it('reads a view definition', () => {
    expect(parseAccessText('K[e, m1*M0 + m0]').indices.map((i) => i.text)).toEqual(['e', 'm1*M0 + m0']);
  });
  it('refuses trailing text', () => {
    expect(() => parseAccessText('K[e] + 1')).toThrowError(EinsumSyntaxError);
  });
});
