// One decode step of GPT-2 small for one token: Radford et al., "Language Models are Unsupervised
// Multitask Learners", 2019, Table 2 (117M: 12 layers, d_model 768) and the HuggingFace `gpt2`
// config (n_head 12, n_ctx 1024, vocab 50257, layer_norm_epsilon 1e-5, activation gelu_new = tanh
// GELU). Pre-LayerNorm blocks (GPT-2 §2.3), fused c_attn projection (768 → 3·768), output logits
// through the tied token embedding.
import { decodeAttention } from './decode-attention.js';
import { layerNorm } from './layer-norm.js';
import { WorkloadWriter } from './yaml-writer.js';

const LAYERS = 12;

export function gpt2Decode(): string {
  const w = new WorkloadWriter({
    name: 'gpt2-decode',
    description:
      'One decode step of GPT-2 small (124M) for one token with a KV cache of L earlier tokens: 12 pre-LayerNorm ' +
      'blocks (fused QKV projection, 12-head attention over the cache and the new token with a stable softmax, ' +
      'output projection, residual, LayerNorm, GELU MLP, residual), the final LayerNorm and the logits through the ' +
      'tied embedding. X0 is the embedded token (wte + wpe); KC<i>, VC<i> are layer i\'s cache. The new keys and ' +
      'values (h<i>_qkvb[1..2]) are what the host appends to the cache.',
    source:
      'Radford et al., "Language Models are Unsupervised Multitask Learners", OpenAI 2019, Section 2.3 and Table 2; ' +
      'dimensions from the HuggingFace gpt2 config.json (n_embd 768, n_head 12, n_layer 12, n_ctx 1024, vocab_size ' +
      '50257, layer_norm_epsilon 1e-5, activation_function gelu_new).',
    precision: 'fp16',
  });
  w.param('L', 1023, 'tokens already in the KV cache (1023 = a full 1024 context)')
    .param('D', 768, 'n_embd')
    .param('H', 12, 'n_head')
    .param('E', 'D / H', 'head size (64)')
    .param('J', '4 * D', 'MLP size (3072)')
    .param('VOCAB', 50257, 'vocab_size')
    .param('EPS', '1e-5', 'layer_norm_epsilon')
    .param('SCALE', '1 / sqrt(E)', 'attention logit scale');

  let x = w.tensor('X0', ['d'], ['D']);
  for (let i = 0; i < LAYERS; i++) {
    const p = `h${i}_`;
    const layer = `h${i}`;
    w.section(`block ${i}: LayerNorm, fused QKV projection`);
    w.tensor(`${p}ln1_g`, ['d'], ['D']);
    w.tensor(`${p}ln1_b`, ['d'], ['D']);
    layerNorm(w, { x, out: `${p}ln1`, gamma: `${p}ln1_g`, beta: `${p}ln1_b`, prefix: `${p}ln1_`, tok: '', tokShape: [], layer });
    w.tensor(`W_${p}attn`, ['d', 'z', 'h', 'e'], ['D', 3, 'H', 'E']);
    w.tensor(`B_${p}attn`, ['z', 'h', 'e'], [3, 'H', 'E']);
    w.tensor(`${p}qkv`, ['z', 'h', 'e'], [3, 'H', 'E']);
    w.tensor(`${p}qkvb`, ['z', 'h', 'e'], [3, 'H', 'E']);
    w.tensor(`${p}q`, ['h', 'e'], ['H', 'E'], { view: `${p}qkvb[0, h, e]` });
    w.tensor(`${p}k`, ['h', 'e'], ['H', 'E'], { view: `${p}qkvb[1, h, e]` });
    w.tensor(`${p}v`, ['h', 'f'], ['H', 'E'], { view: `${p}qkvb[2, h, f]` });
    w.einsum(`${p}qkv[z,h,e] = ${p}ln1[d] * W_${p}attn[d,z,h,e]`, { layer });
    w.einsum(`${p}qkvb[z,h,e] = ${p}qkv[z,h,e] + B_${p}attn[z,h,e]`, { layer });

    w.section(`block ${i}: attention over the KV cache and the new token`);
    w.tensor(`KC${i}`, ['h', 'm', 'e'], ['H', 'L', 'E']);
    w.tensor(`VC${i}`, ['h', 'm', 'f'], ['H', 'L', 'E']);
    const av = decodeAttention(w, {
      prefix: p,
      layer,
      heads: ['h'],
      headShape: ['H'],
      kv: ['h'],
      cacheScores: `${p}q[h,e] * KC${i}[h,m,e]`,
      newScore: `${p}q[h,e] * ${p}k[h,e]`,
      vc: `VC${i}`,
      vNew: `${p}v`,
    });

    w.section(`block ${i}: output projection and residual`);
    w.tensor(`W_${p}proj`, ['h', 'f', 'd'], ['H', 'E', 'D']);
    w.tensor(`B_${p}proj`, ['d'], ['D']);
    w.tensor(`${p}ao`, ['d'], ['D']);
    w.tensor(`${p}r1`, ['d'], ['D']);
    w.einsum(`${p}ao[d] = ${av}[h,f] * W_${p}proj[h,f,d]`, { layer });
    w.einsum(`${p}r1[d] = ${p}ao[d] + B_${p}proj[d] + ${x}[d]`, { layer });

    w.section(`block ${i}: LayerNorm, GELU MLP, residual`);
    w.tensor(`${p}ln2_g`, ['d'], ['D']);
    w.tensor(`${p}ln2_b`, ['d'], ['D']);
    layerNorm(w, { x: `${p}r1`, out: `${p}ln2`, gamma: `${p}ln2_g`, beta: `${p}ln2_b`, prefix: `${p}ln2_`, tok: '', tokShape: [], layer });
    w.tensor(`W_${p}fc`, ['d', 'j'], ['D', 'J']);
    w.tensor(`B_${p}fc`, ['j'], ['J']);
    w.tensor(`W_${p}mp`, ['j', 'd'], ['J', 'D']);
    w.tensor(`B_${p}mp`, ['d'], ['D']);
    w.tensor(`${p}fc`, ['j'], ['J']);
    w.tensor(`${p}gelu`, ['j'], ['J']);
    w.tensor(`${p}mp`, ['d'], ['D']);
    const next = w.tensor(`X${i + 1}`, ['d'], ['D']);
    w.einsum(`${p}fc[j] = ${p}ln2[d] * W_${p}fc[d,j]`, { layer });
    w.einsum(`${p}gelu[j] = gelu(${p}fc[j] + B_${p}fc[j])`, { layer });
    w.einsum(`${p}mp[d] = ${p}gelu[j] * W_${p}mp[j,d]`, { layer });
    w.einsum(`X${i + 1}[d] = ${p}mp[d] + B_${p}mp[d] + ${p}r1[d]`, { layer });
    x = next;
  }
  w.section('final LayerNorm and logits through the tied token embedding (wte)');
  w.tensor('lnf_g', ['d'], ['D']);
  w.tensor('lnf_b', ['d'], ['D']);
  layerNorm(w, { x, out: 'lnf', gamma: 'lnf_g', beta: 'lnf_b', prefix: 'lnf_', tok: '', tokShape: [], layer: 'ln_f' });
  w.tensor('WTE', ['v', 'd'], ['VOCAB', 'D']);
  w.tensor('logits', ['v'], ['VOCAB']);
  w.einsum('logits[v] = lnf[d] * WTE[v,d]', { layer: 'lm_head' });
  return w.toYaml();
}
