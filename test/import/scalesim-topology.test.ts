import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EinsimError, type Issue } from '../../src/errors.js';
import { classifyEinsum } from '../../src/einsum/contraction.js';
import { evaluate } from '../../src/einsum/evaluate.js';
import { importScaleSimTopology } from '../../src/import/scalesim-topology.js';
import { scaleSimHyperparams, scaleSimLayersOf } from '../../src/import/scalesim-layers.js';
import { readRefCsv, refPath } from '../helpers/ref.js';

const TOPOLOGIES = refPath('scalesim', 'inputs', 'topologies');
const topologyFiles = readdirSync(TOPOLOGIES).flatMap((dir) =>
  readdirSync(`${TOPOLOGIES}/${dir}`)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => ({ id: `${dir}/${f.replace(/\.csv$/, '')}`, path: `${TOPOLOGIES}/${dir}/${f}` })),
);
const results = readRefCsv('scalesim', 'results.csv');

function issuesOf(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof EinsimError) return e.issues;
    throw e;
  }
  throw new Error('expected an EinsimError');
}

const points = (ranks: { extent: number }[]) => ranks.reduce((p, r) => p * r.extent, 1);

describe('importScaleSimTopology on every reference topology', () => {
  it('covers every topology the reference results use', () => {
    const ids = new Set(topologyFiles.map((t) => t.id));
    for (const topology of new Set(results.map((r) => r.topology))) expect(ids).toContain(topology);
    expect(topologyFiles.length).toBeGreaterThanOrEqual(21);
  });

  for (const { id, path } of topologyFiles) {
    it(`imports ${id} with SCALE-Sim's layers, shapes and MACs`, () => {
      const text = readFileSync(path, 'utf8');
      const cascade = importScaleSimTopology(text, path);
      // One layer per non-blank line after the header (no DP rows in the reference files).
      const dataLines = text.split(/\r\n|\r|\n/).slice(1).filter((l) => l.trim() !== '');
      expect(cascade.einsums).toHaveLength(dataLines.length);
      const layers = scaleSimLayersOf(cascade);
      expect(layers).toHaveLength(dataLines.length);
      const type = id.startsWith('conv_nets/') ? 'conv' : 'gemm';
      expect(layers.every((l) => l.inputType === type)).toBe(true);

      const rows = results.filter((r) => r.topology === id);
      for (const row of rows) {
        expect(row.input_type).toBe(type);
        const layer = layers[Number(row.layer_id)];
        const hyper = scaleSimHyperparams(layer);
        expect(layer.name).toBe(row.layer_name);
        expect([layer.ifmapH, layer.ifmapW, layer.filterH, layer.filterW, layer.channels, layer.numFilters, layer.strideH, layer.strideW]).toEqual(
          ['ifmap_h', 'ifmap_w', 'filter_h', 'filter_w', 'channels', 'num_filters', 'stride_h', 'stride_w'].map((k) => Number(row[k])),
        );
        expect([hyper.ofmapH, hyper.ofmapW, hyper.macs]).toEqual([Number(row.ofmap_h), Number(row.ofmap_w), Number(row.macs)]);
        const einsum = cascade.einsums.find((e) => e.id === layer.einsum)!;
        expect(points(einsum.ranks)).toBe(Number(row.macs));
        // The GEMM the engines see is SCALE-Sim's (M = ofmap pixels, N = filters, K = window).
        const k = classifyEinsum(cascade, einsum);
        if (k.kind !== 'contraction') throw new Error(k.reason);
        expect(k.gemm).toEqual({
          M: Number(row.ofmap_h) * Number(row.ofmap_w),
          N: Number(row.num_filters),
          K: Number(row.filter_h) * Number(row.filter_w) * Number(row.channels),
          batch: 1,
        });
        if (type === 'gemm') expect([row.gemm_M, row.gemm_N, row.gemm_K].map(Number)).toEqual([k.gemm.M, k.gemm.N, k.gemm.K]);
        else expect(k.conv).toMatchObject({ H: layer.ifmapH, W: layer.ifmapW, Fh: layer.filterH, Fw: layer.filterW, P: hyper.ofmapH, Q: hyper.ofmapW });
      }
      if (!['GEMM_mnk/gpt2'].includes(id)) expect(rows.length).toBeGreaterThan(0);
    });
  }
});

describe('importScaleSimTopology: reading rules', () => {
  const conv = (rows: string) => `Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n${rows}`;

  it('drops the last field of every line, so a row without a trailing comma loses its stride', () => {
    const issues = issuesOf(() => importScaleSimTopology(conv('L1, 8, 8, 3, 3, 2, 4, 1'), 't.csv'));
    expect(issues[0]).toMatchObject({ file: 't.csv', line: 2, code: 'missing', path: 'L1' });
  });

  it('skips the header and blank lines; strips fields; reads \\r\\n and a last line without newline', () => {
    const text = 'whatever header\r\n\r\n  L1 ,  8 , 9 ,3, 2 ,2,4, 1 , \r\n\r\nL2,5,5,1,1,3,3,2,';
    const c = importScaleSimTopology(text, 't.csv', { type: 'conv' });
    expect(scaleSimLayersOf(c).map((l) => [l.name, l.ifmapH, l.ifmapW, l.filterH, l.filterW, l.channels, l.numFilters, l.strideH, l.strideW])).toEqual([
      ['L1', 8, 9, 3, 2, 2, 4, 1, 1],
      ['L2', 5, 5, 1, 1, 3, 3, 2, 2],
    ]);
    expect(c.einsums.map((e) => e.loc.line)).toEqual([3, 5]);
    expect(c.name).toBe('t');
  });

  it('uses an optional 9th field as the column stride', () => {
    const c = importScaleSimTopology(conv('L1, 9, 9, 3, 3, 1, 1, 1, 2,'), 't.csv');
    expect(scaleSimLayersOf(c)[0]).toMatchObject({ strideH: 1, strideW: 2 });
    expect(c.tensors.O1.shape).toEqual([7, 4, 1]);
    expect(c.einsums[0].text).toBe('O1[p, q, n] = I1[p + r, 2*q + t, c] * W1[n, r, t, c]');
  });

  it('recognises GEMM files by their M, N, K header and builds O[m,n] = I[m,k] · W[n,k]', () => {
    const c = importScaleSimTopology('Layer Name, M, N, K,\nT1, 3, 5, 7,\n', 'g.csv');
    expect(c.einsums[0].text).toBe('O1[m, n] = I1[m, k] * W1[n, k]');
    expect(scaleSimLayersOf(c)[0]).toMatchObject({ inputType: 'gemm', ifmapH: 3, ifmapW: 7, filterH: 1, filterW: 7, channels: 1, numFilters: 5 });
    // Forcing conv reads the same file as conv rows, which are too short.
    expect(issuesOf(() => importScaleSimTopology('Layer Name, M, N, K,\nT1, 3, 5, 7,\n', 'g.csv', { type: 'conv' }))[0].code).toBe('missing');
  });

  it('ignores extra fields as SCALE-Sim does, with a warning', () => {
    const c = importScaleSimTopology(conv('L1, 9, 9, 3, 3, 1, 1, 1, 2, 7,'), 't.csv');
    expect(scaleSimLayersOf(c)[0].strideW).toBe(2);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatchObject({ line: 2, severity: 'warning' });
  });

  it('names line and column for a filter larger than the ifmap, and collects every issue', () => {
    const issues = issuesOf(() => importScaleSimTopology(conv('A, 4, 4, 5, 3, 1, 1, 1,\nB, 4, 4, 3, 3, x, 1, 1,\nC, 4, 4, 1, 3, 1, 1, 0,\nD, 4, 2, 1, 3, 1, 1, 1,'), 't.csv'));
    expect(issues.map((i) => [i.line, i.code, i.path])).toEqual([
      [2, 'range', 'A: column 4 (Filter Height)'],
      [3, 'invalid_type', 'B: column 6 (Channels)'],
      [4, 'invalid_value', 'C: column 8 (Strides)'],
      [5, 'range', 'D: column 5 (Filter Width)'],
    ]);
    expect(issues[0].expected).toBe('Filter Height ≤ IFMAP Height (4)');
  });

  it('refuses a file with no layer rows', () => {
    expect(issuesOf(() => importScaleSimTopology('header,\n\n', 'e.csv'))[0].code).toBe('missing');
  });
});

describe('importScaleSimTopology: DP rows and partial windows', () => {
  it('keeps a DP row as one depthwise Einsum that SCALE-Sim runs as one layer per channel', () => {
    const text = 'h,\nConv1, 8, 8, 3, 3, 2, 4, 1,\nConv2_DP, 8, 8, 3, 3, 5, 2, 2,\nConv3, 4, 4, 1, 1, 5, 6, 1,\n';
    const c = importScaleSimTopology(text, 'dp.csv');
    expect(c.einsums.map((e) => e.id)).toEqual(['O1', 'O2', 'O3']);
    const layers = scaleSimLayersOf(c);
    expect(layers.map((l) => l.name)).toEqual(['Conv1', ...[0, 1, 2, 3, 4].map((i) => `Conv2_DPChannel_${i}`), 'Conv3']);
    expect(layers.slice(1, 6).every((l) => l.channels === 1 && l.numFilters === 2 && l.einsum === 'O2')).toBe(true);
    expect(c.einsums.map((e) => e.annotations['scalesim.layerId'])).toEqual([0, 1, 6]);
    const dp = c.einsums[1];
    expect(points(dp.ranks)).toBe(5 * scaleSimHyperparams(layers[1]).macs);
    const k = classifyEinsum(c, dp);
    if (k.kind !== 'contraction') throw new Error(k.reason);
    expect(k.conv).toMatchObject({ groups: 5, C: 5, N: 10, strideH: 2 });
    expect(k.gemm).toEqual({ M: 16, N: 2, K: 9, batch: 5 });
  });

  it('pads the ifmap bottom/right exactly as far as SCALE-Sim\'s partial windows reach, reading zeros there', () => {
    // H = 6, Fh = 3, stride 2: Eh = ceil((6 − 3 + 2)/2) = 3, the last window covers rows 4..6 → 1 row of padding;
    // W = 5, Fw = 2: Ew = ceil((5 − 2 + 2)/2) = 3, the last window covers columns 4..5 → 1 column.
    const c = importScaleSimTopology('h,\nL, 6, 5, 3, 2, 2, 3, 2,\n', 'p.csv');
    expect(c.tensors.I1.padding).toEqual({ h: [0, 1], w: [0, 1] });
    expect(c.tensors.O1.shape).toEqual([3, 3, 3]);
    const r = evaluate(c, {}, { seed: 4 });
    const [H, W, C, Fh, Fw, N, s] = [6, 5, 2, 3, 2, 3, 2];
    for (let p = 0; p < 3; p++) {
      for (let q = 0; q < 3; q++) {
        for (let n = 0; n < N; n++) {
          let sum = 0;
          for (let i = 0; i < Fh; i++) {
            for (let j = 0; j < Fw; j++) {
              for (let ch = 0; ch < C; ch++) {
                const [h, w] = [s * p + i, s * q + j];
                // SCALE-Sim's −1 (no access) entries contribute nothing.
                if (h < H && w < W) sum += r.I1[(h * W + w) * C + ch] * r.W1[((n * Fh + i) * Fw + j) * C + ch];
              }
            }
          }
          expect(r.O1[(p * 3 + q) * N + n]).toBeCloseTo(sum, 12);
        }
      }
    }
  });
});
