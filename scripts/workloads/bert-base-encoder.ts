// One encoder layer of BERT-base: Devlin et al., "BERT: Pre-training of Deep Bidirectional
// Transformers for Language Understanding", NAACL 2019, §3 (L = 12, H = 768, A = 12, feed-forward
// 4H = 3072) on the architecture of Vaswani et al. 2017 (post-LayerNorm residual blocks). The
// LayerNorm epsilon 1e-12 is google-research/bert's modeling.py (layer_norm); GELU is its tanh form.
import { layerNorm } from './layer-norm.js';
import { WorkloadWriter } from './yaml-writer.js';

export function bertBaseEncoder(): string {
  const w = new WorkloadWriter({
    name: 'bert-base-encoder',
    description:
      'One BERT-base encoder layer over a 512-token sequence: Q/K/V projections with biases, 12-head scaled ' +
      'dot-product attention with a numerically stable softmax (max, exp, sum, divide), the output projection, ' +
      'residual add and LayerNorm, then the GELU feed-forward network, residual add and LayerNorm. X is the ' +
      'layer input (token rank p, also read as key rank m); Y its output. No attention mask (no padding tokens).',
    source:
      'Devlin et al., "BERT", NAACL 2019, Section 3: BERT-BASE L=12, H=768, A=12, feed-forward 4H; maximum ' +
      'sequence 512. Layer structure: Vaswani et al., NeurIPS 2017, Section 3; LayerNorm eps 1e-12 and tanh ' +
      'GELU from google-research/bert modeling.py.',
    precision: 'fp16',
  });
  w.param('S', 512, 'tokens in the sequence')
    .param('D', 768, 'hidden size')
    .param('H', 12, 'attention heads')
    .param('E', 'D / H', 'query/key size per head (64)')
    .param('F', 'E', 'value size per head')
    .param('J', '4 * D', 'feed-forward size (3072)')
    .param('EPS', '1e-12', 'LayerNorm epsilon')
    .param('SCALE', '1 / sqrt(E)', 'attention logit scale');

  w.tensor('X', ['p', 'd'], ['S', 'D']);
  for (const [n, r] of [['Q', 'e'], ['K', 'e'], ['V', 'f']] as const) {
    w.tensor(`W_${n}`, ['d', 'h', r], ['D', 'H', r === 'e' ? 'E' : 'F']);
    w.tensor(`B_${n}`, ['h', r], ['H', r === 'e' ? 'E' : 'F']);
  }
  w.section('Q, K, V projections (multi-head: d -> h, e); the 1/sqrt(E) scale is folded into Q');
  w.tensor('QP', ['h', 'e', 'p'], ['H', 'E', 'S']);
  w.tensor('Q', ['h', 'e', 'p'], ['H', 'E', 'S']);
  w.tensor('KP', ['h', 'e', 'm'], ['H', 'E', 'S']);
  w.tensor('K', ['h', 'e', 'm'], ['H', 'E', 'S']);
  w.tensor('VP', ['h', 'f', 'm'], ['H', 'F', 'S']);
  w.tensor('V', ['h', 'f', 'm'], ['H', 'F', 'S']);
  w.einsum('QP[h,e,p] = X[p,d] * W_Q[d,h,e]', { layer: 'attention' });
  w.einsum('Q[h,e,p] = (QP[h,e,p] + B_Q[h,e]) * SCALE', { layer: 'attention' });
  w.einsum('KP[h,e,m] = X[m,d] * W_K[d,h,e]', { layer: 'attention' });
  w.einsum('K[h,e,m] = KP[h,e,m] + B_K[h,e]', { layer: 'attention' });
  w.einsum('VP[h,f,m] = X[m,d] * W_V[d,h,f]', { layer: 'attention' });
  w.einsum('V[h,f,m] = VP[h,f,m] + B_V[h,f]', { layer: 'attention' });

  w.section('scaled dot-product attention per head, stable softmax over keys m');
  w.tensor('QK', ['h', 'm', 'p'], ['H', 'S', 'S']);
  w.tensor('GM', ['h', 'p'], ['H', 'S']);
  w.tensor('SN', ['h', 'm', 'p'], ['H', 'S', 'S']);
  w.tensor('SD', ['h', 'p'], ['H', 'S']);
  w.tensor('A', ['h', 'm', 'p'], ['H', 'S', 'S']);
  w.tensor('AV', ['h', 'f', 'p'], ['H', 'F', 'S']);
  w.einsum('QK[h,m,p] = Q[h,e,p] * K[h,e,m]', { layer: 'attention' });
  w.einsum('GM[h,p] = max(m) QK[h,m,p]', { layer: 'attention' });
  w.einsum('SN[h,m,p] = exp(QK[h,m,p] - GM[h,p])', { layer: 'attention' });
  w.einsum('SD[h,p] = sum(m) SN[h,m,p]', { layer: 'attention' });
  w.einsum('A[h,m,p] = SN[h,m,p] / SD[h,p]', { layer: 'attention' });
  w.einsum('AV[h,f,p] = A[h,m,p] * V[h,f,m]', { layer: 'attention' });

  w.section('output projection (concatenated heads), residual, LayerNorm');
  w.tensor('W_O', ['h', 'f', 'd'], ['H', 'F', 'D']);
  w.tensor('B_O', ['d'], ['D']);
  w.tensor('AO', ['p', 'd'], ['S', 'D']);
  w.tensor('R1', ['p', 'd'], ['S', 'D']);
  w.einsum('AO[p,d] = AV[h,f,p] * W_O[h,f,d]', { layer: 'attention' });
  w.einsum('R1[p,d] = AO[p,d] + B_O[d] + X[p,d]', { layer: 'attention' });
  w.tensor('G_LN1', ['d'], ['D']);
  w.tensor('B_LN1', ['d'], ['D']);
  layerNorm(w, { x: 'R1', out: 'LN1', gamma: 'G_LN1', beta: 'B_LN1', prefix: 'LN1_', tok: 'p', tokShape: ['S'], layer: 'attention' });

  w.section('feed-forward network with GELU, residual, LayerNorm');
  w.tensor('W_1', ['d', 'j'], ['D', 'J']);
  w.tensor('B_1', ['j'], ['J']);
  w.tensor('W_2', ['j', 'd'], ['J', 'D']);
  w.tensor('B_2', ['d'], ['D']);
  w.tensor('F1', ['p', 'j'], ['S', 'J']);
  w.tensor('G1', ['p', 'j'], ['S', 'J']);
  w.tensor('F2', ['p', 'd'], ['S', 'D']);
  w.tensor('R2', ['p', 'd'], ['S', 'D']);
  w.einsum('F1[p,j] = LN1[p,d] * W_1[d,j]', { layer: 'ffn' });
  w.einsum('G1[p,j] = gelu(F1[p,j] + B_1[j])', { layer: 'ffn' });
  w.einsum('F2[p,d] = G1[p,j] * W_2[j,d]', { layer: 'ffn' });
  w.einsum('R2[p,d] = F2[p,d] + B_2[d] + LN1[p,d]', { layer: 'ffn' });
  w.tensor('G_LN2', ['d'], ['D']);
  w.tensor('B_LN2', ['d'], ['D']);
  layerNorm(w, { x: 'R2', out: 'Y', gamma: 'G_LN2', beta: 'B_LN2', prefix: 'LN2_', tok: 'p', tokShape: ['S'], layer: 'ffn' });
  return w.toYaml();
}
