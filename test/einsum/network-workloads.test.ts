// The whole-network workloads: generated files are up to date, every shipped workload parses, and
// each network has the size its sources state (MACs, parameter counts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyEinsum } from '../../src/einsum/contraction.js';
import { loadWorkload } from '../../src/einsum/load.js';
import type { Cascade } from '../../src/einsum/types.js';
import { NETWORK_WORKLOADS } from '../../scripts/workloads/networks.js';
import { readRefCsv, REPO_ROOT } from '../helpers/ref.js';

const WORKLOADS = join(REPO_ROOT, 'workloads');
const cache = new Map<string, Cascade>();
const load = (name: string): Cascade => {
  if (!cache.has(name)) cache.set(name, loadWorkload(join(WORKLOADS, `${name}.yaml`)));
  return cache.get(name)!;
};

/** Σ batch·M·N·K over the contractions, and how many contractions / conv views there are. */
function contractions(c: Cascade) {
  let macs = 0;
  let count = 0;
  let convs = 0;
  for (const e of c.einsums) {
    const k = classifyEinsum(c, e);
    if (k.kind !== 'contraction') continue;
    macs += k.gemm.batch * k.gemm.M * k.gemm.N * k.gemm.K;
    count++;
    if (k.conv) convs++;
  }
  return { macs, count, convs };
}

const elements = (c: Cascade, names: (name: string) => boolean) =>
  Object.values(c.tensors)
    .filter((t) => names(t.name))
    .reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);

describe('network workload files', () => {
  for (const [name, build] of Object.entries(NETWORK_WORKLOADS)) {
    it(`${name}.yaml is what scripts/gen-network-workloads.ts writes`, () => {
      expect(readFileSync(join(WORKLOADS, `${name}.yaml`), 'utf8')).toBe(build());
    });
  }

  it('every shipped workload parses', () => {
    const files = readdirSync(WORKLOADS).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(Object.keys(NETWORK_WORKLOADS).map((n) => `${n}.yaml`)));
    for (const f of files) expect(load(f.replace(/\.yaml$/, '')).einsums.length).toBeGreaterThan(0);
  });

  it('each network parses without warnings, is named after its file and cites its source', () => {
    for (const name of Object.keys(NETWORK_WORKLOADS)) {
      const c = load(name);
      expect(c.warnings).toEqual([]);
      expect(c.name).toBe(name);
      expect(c.source).toMatch(/\d{4}/); // a dated citation
    }
  });
});

describe('network sizes match their sources', () => {
  it('resnet50: 53 convolutions + FC, 4.09 GMACs (torchvision: 4.09 GFLOPS), 25.56 M parameters', () => {
    const c = load('resnet50');
    const k = contractions(c);
    expect(k.convs).toBe(53); // 1 stem + 16 blocks × 3 + 4 projection shortcuts
    expect(k.count).toBe(54);
    expect(k.macs).toBe(4_089_184_256);
    // torchvision resnet50 has 25,557,032 parameters: conv and FC weights, the FC bias, and batch
    // norm's γ and β per channel, which the workload folds into one bias per channel.
    const weights = elements(c, (n) => n.startsWith('W_'));
    const foldedBias = elements(c, (n) => n.startsWith('B_conv'));
    expect(weights + 1000 + 2 * foldedBias).toBe(25_557_032);
  });

  it('mobilenet-v1: 27 convolutions (13 depthwise) + FC, 569 M mult-adds and 4.2 M parameters (Table 8)', () => {
    const c = load('mobilenet-v1');
    const k = contractions(c);
    expect(k.convs).toBe(27);
    const depthwise = c.einsums.filter((e) => {
      const x = classifyEinsum(c, e);
      return x.kind === 'contraction' && x.conv && x.conv.groups > 1;
    });
    expect(depthwise).toHaveLength(13);
    expect(Math.round(k.macs / 1e6)).toBe(569);
    expect(Math.round(elements(c, (n) => n.startsWith('W_')) / 1e5) / 10).toBe(4.2);
  });

  it('bert-base-encoder: 4.03 GMACs for 512 tokens, 7.09 M parameters per layer', () => {
    const c = load('bert-base-encoder');
    const [S, D, J] = [512, 768, 3072];
    // Q, K, V, O projections; QKᵀ and AV (12 heads × 64); the two FFN matrices.
    expect(contractions(c).macs).toBe(4 * S * D * D + 2 * S * S * D + 2 * S * D * J);
    const params = elements(c, (n) => /^(W_|B_|G_LN)/.test(n));
    expect(params).toBe(4 * D * D + 4 * D + 2 * D * J + J + D + 4 * D); // 7,087,872
    expect(params).toBe(7_087_872);
  });

  it('gpt2-decode: weights equal PIM-GPT\'s GPT2-small model sizes (84.9 M non-embedding, 38.6 M LM head)', () => {
    const c = load('gpt2-decode');
    const ref = readRefCsv('pim', 'pimgpt_models_derived.csv').find((r) => r.model === 'GPT2-small')!;
    const layerWeights = elements(c, (n) => /^W_h\d+_/.test(n));
    expect((layerWeights / 1e6).toFixed(1)).toBe(ref.nonembedding_params_M);
    expect((elements(c, (n) => n === 'WTE') / 1e6).toFixed(1)).toBe(ref.lm_head_params_M);
    // All of HuggingFace gpt2's 124,439,808 parameters except the position table wpe (1024 × 768),
    // which only feeds the embedded input X0.
    const params = elements(c, (n) => !/^(X\d+|KC\d+|VC\d+)$/.test(n) && c.tensors[n].role === 'input');
    expect(params).toBe(124_439_808 - 1024 * 768);
    expect(c.params.L).toBe(1023);
  });

  it('llama-decode-gqa: Llama 3 8B\'s 8.03 B parameters, 8 KV heads shared by 4 query heads each', () => {
    const c = load('llama-decode-gqa');
    const params = elements(c, (n) => !/^(X\d+|KC\d+|VC\d+|COS|SIN)$/.test(n) && c.tensors[n].role === 'input');
    // HuggingFace Meta-Llama-3-8B: 8,030,261,248 parameters, of which the input embedding table
    // (128256 × 4096) only feeds X0.
    expect(params).toBe(8_030_261_248 - 128256 * 4096);
    const scores = c.einsums.find((e) => e.id === 'l0_sc')!;
    const k = classifyEinsum(c, scores);
    if (k.kind !== 'contraction') throw new Error(k.reason);
    expect(k.gemm).toEqual({ batch: 8, M: 4, N: 8191, K: 128 });
  });
});
