// One decode step of Llama 3 8B for one token: Meta, "The Llama 3 Herd of Models", arXiv
// 2407.21783, 2024, Table 3 (8B: 32 layers, model dimension 4096, FFN dimension 14336, 32
// attention heads, 8 key/value heads, vocabulary 128K, RoPE base 500000) and the HuggingFace
// meta-llama/Meta-Llama-3-8B config (vocab_size 128256, rms_norm_eps 1e-5, head_dim 128, untied
// lm_head). Pre-norm blocks with RMSNorm, rotary position embedding on q and k (HuggingFace's
// rotate_half form: pairs i and i + head_dim/2), grouped-query attention (4 query heads per KV
// head) and a SwiGLU MLP (Touvron et al. 2023 §2.2).
import { decodeAttention } from './decode-attention.js';
import { rmsNorm } from './layer-norm.js';
import { WorkloadWriter } from './yaml-writer.js';

const LAYERS = 32;

export function llamaDecodeGqa(): string {
  const w = new WorkloadWriter({
    name: 'llama-decode-gqa',
    description:
      'One decode step of Llama 3 8B for one token with a KV cache of L earlier tokens: 32 blocks of RMSNorm, ' +
      'Q/K/V projections (32 query heads, 8 KV heads: grouped-query attention with ranks g = KV head, r = query ' +
      'head within the group), rotary position embedding of q and k, attention over the cache and the new token ' +
      'with a stable softmax, output projection, residual, RMSNorm, SwiGLU MLP (silu(gate) * up, down), residual; ' +
      'then the final RMSNorm and the logits. X0 is the embedded token; COS and SIN are the rotary tables at the ' +
      'token position (SIN[0,i] = -sin, SIN[1,i] = +sin, so rotate_half needs no sign in the Einsum); KC<i>, VC<i> ' +
      'are layer i\'s cache of already-rotated keys and values.',
    source:
      'Llama Team, Meta, "The Llama 3 Herd of Models", arXiv 2407.21783, 2024, Table 3 (8B); HuggingFace ' +
      'meta-llama/Meta-Llama-3-8B config.json (hidden_size 4096, intermediate_size 14336, num_attention_heads 32, ' +
      'num_key_value_heads 8, num_hidden_layers 32, vocab_size 128256, rms_norm_eps 1e-5, max_position_embeddings ' +
      '8192). Block structure: Touvron et al., "LLaMA", arXiv 2302.13971, Section 2.2; GQA: Ainslie et al., EMNLP 2023.',
    precision: 'bf16',
  });
  w.param('L', 8191, 'tokens already in the KV cache (8191 = a full 8192 context)')
    .param('D', 4096, 'hidden_size')
    .param('H', 32, 'num_attention_heads')
    .param('KVH', 8, 'num_key_value_heads')
    .param('NREP', 'H / KVH', 'query heads per KV head (4)')
    .param('E', 'D / H', 'head_dim (128)')
    .param('HALF', 'E / 2', 'rotary pairs per head')
    .param('J', 14336, 'intermediate_size')
    .param('VOCAB', 128256, 'vocab_size')
    .param('EPS', '1e-5', 'rms_norm_eps')
    .param('SCALE', '1 / sqrt(E)', 'attention logit scale');

  let x = w.tensor('X0', ['d'], ['D']);
  w.tensor('COS', ['z', 'i'], [2, 'HALF']);
  w.tensor('SIN', ['z', 'i'], [2, 'HALF']);
  for (let i = 0; i < LAYERS; i++) {
    const p = `l${i}_`;
    const layer = `l${i}`;
    w.section(`layer ${i}: RMSNorm, Q/K/V projections (no biases)`);
    w.tensor(`${p}attn_norm_g`, ['d'], ['D']);
    rmsNorm(w, { x, out: `${p}xn`, gamma: `${p}attn_norm_g`, prefix: `${p}attn_norm_`, layer });
    w.tensor(`W_${p}q`, ['d', 'g', 'r', 'e'], ['D', 'KVH', 'NREP', 'E']);
    w.tensor(`W_${p}k`, ['d', 'g', 'e'], ['D', 'KVH', 'E']);
    w.tensor(`W_${p}v`, ['d', 'g', 'f'], ['D', 'KVH', 'E']);
    w.tensor(`${p}q`, ['g', 'r', 'e'], ['KVH', 'NREP', 'E']);
    w.tensor(`${p}k`, ['g', 'e'], ['KVH', 'E']);
    w.tensor(`${p}v`, ['g', 'f'], ['KVH', 'E']);
    w.einsum(`${p}q[g,r,e] = ${p}xn[d] * W_${p}q[d,g,r,e]`, { layer });
    w.einsum(`${p}k[g,e] = ${p}xn[d] * W_${p}k[d,g,e]`, { layer });
    w.einsum(`${p}v[g,f] = ${p}xn[d] * W_${p}v[d,g,f]`, { layer });

    w.section(`layer ${i}: rotary embedding, halves z = 0, 1 of each head (rotate_half pairs i with i + HALF)`);
    w.tensor(`${p}q2`, ['g', 'r', 'z', 'i'], ['KVH', 'NREP', 2, 'HALF'], { view: `${p}q[g, r, HALF*z + i]` });
    w.tensor(`${p}k2`, ['g', 'z', 'i'], ['KVH', 2, 'HALF'], { view: `${p}k[g, HALF*z + i]` });
    w.tensor(`${p}qr`, ['g', 'r', 'z', 'i'], ['KVH', 'NREP', 2, 'HALF']);
    w.tensor(`${p}kr`, ['g', 'z', 'i'], ['KVH', 2, 'HALF']);
    w.einsum(`${p}qr[g,r,z,i] = ${p}q2[g,r,z,i] * COS[z,i] + ${p}q2[g,r,1 - z,i] * SIN[z,i]`, { layer });
    w.einsum(`${p}kr[g,z,i] = ${p}k2[g,z,i] * COS[z,i] + ${p}k2[g,1 - z,i] * SIN[z,i]`, { layer });

    w.section(`layer ${i}: grouped-query attention over the KV cache and the new token`);
    w.tensor(`KC${i}`, ['g', 'm', 'e'], ['KVH', 'L', 'E']);
    w.tensor(`VC${i}`, ['g', 'm', 'f'], ['KVH', 'L', 'E']);
    const av = decodeAttention(w, {
      prefix: p,
      layer,
      heads: ['g', 'r'],
      headShape: ['KVH', 'NREP'],
      kv: ['g'],
      cacheScores: `${p}qr[g,r,z,i] * KC${i}[g,m,HALF*z + i]`,
      newScore: `${p}qr[g,r,z,i] * ${p}kr[g,z,i]`,
      vc: `VC${i}`,
      vNew: `${p}v`,
    });

    w.section(`layer ${i}: output projection and residual`);
    w.tensor(`W_${p}o`, ['g', 'r', 'f', 'd'], ['KVH', 'NREP', 'E', 'D']);
    w.tensor(`${p}ao`, ['d'], ['D']);
    w.tensor(`${p}h`, ['d'], ['D']);
    w.einsum(`${p}ao[d] = ${av}[g,r,f] * W_${p}o[g,r,f,d]`, { layer });
    w.einsum(`${p}h[d] = ${p}ao[d] + ${x}[d]`, { layer });

    w.section(`layer ${i}: RMSNorm, SwiGLU MLP, residual`);
    w.tensor(`${p}ffn_norm_g`, ['d'], ['D']);
    rmsNorm(w, { x: `${p}h`, out: `${p}hn`, gamma: `${p}ffn_norm_g`, prefix: `${p}ffn_norm_`, layer });
    w.tensor(`W_${p}gate`, ['d', 'j'], ['D', 'J']);
    w.tensor(`W_${p}up`, ['d', 'j'], ['D', 'J']);
    w.tensor(`W_${p}down`, ['j', 'd'], ['J', 'D']);
    w.tensor(`${p}gate`, ['j'], ['J']);
    w.tensor(`${p}up`, ['j'], ['J']);
    w.tensor(`${p}swiglu`, ['j'], ['J']);
    w.tensor(`${p}down`, ['d'], ['D']);
    const next = w.tensor(`X${i + 1}`, ['d'], ['D']);
    w.einsum(`${p}gate[j] = ${p}hn[d] * W_${p}gate[d,j]`, { layer });
    w.einsum(`${p}up[j] = ${p}hn[d] * W_${p}up[d,j]`, { layer });
    w.einsum(`${p}swiglu[j] = silu(${p}gate[j]) * ${p}up[j]`, { layer });
    w.einsum(`${p}down[d] = ${p}swiglu[j] * W_${p}down[j,d]`, { layer });
    w.einsum(`X${i + 1}[d] = ${p}down[d] + ${p}h[d]`, { layer });
    x = next;
  }
  w.section('final RMSNorm and the (untied) output projection');
  w.tensor('norm_g', ['d'], ['D']);
  rmsNorm(w, { x, out: 'xf', gamma: 'norm_g', prefix: 'norm_', layer: 'norm' });
  w.tensor('W_lm_head', ['v', 'd'], ['VOCAB', 'D']);
  w.tensor('logits', ['v'], ['VOCAB']);
  w.einsum('logits[v] = xf[d] * W_lm_head[v,d]', { layer: 'lm_head' });
  return w.toYaml();
}
