// The end of an ImageNet CNN: global average pooling, then the fully connected classifier.
import type { WorkloadWriter } from './yaml-writer.js';

/** `pool[c] = mean over p, q of input`, `logits = W_fc · pool + B_fc`; POOL must be a param (H·W). */
export function classifierHead(w: WorkloadWriter, input: string, channels: string, pool: string): void {
  w.section('global average pool and the fully connected classifier');
  w.tensor(pool, ['c'], [channels]);
  w.einsum(`${pool}[c] = sum(p, q) ${input}[c,p,q] / POOL`, { layer: pool });
  w.tensor('W_fc', ['k', 'c'], ['CLASSES', channels]);
  w.tensor('B_fc', ['k'], ['CLASSES']);
  w.tensor('fc', ['k'], ['CLASSES']);
  w.tensor('logits', ['k'], ['CLASSES']);
  w.einsum(`fc[k] = ${pool}[c] * W_fc[k,c]`, { layer: 'fc' });
  w.einsum('logits[k] = fc[k] + B_fc[k]', { layer: 'fc' });
}
