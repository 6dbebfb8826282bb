// MobileNet v1 (1.0, 224) for one image, every layer: Howard et al., "MobileNets: Efficient
// Convolutional Neural Networks for Mobile Vision Applications", arXiv 1704.04861, 2017, Table 1.
// Strides follow TensorFlow's reference implementation (tf-slim mobilenet_v1.py, _CONV_DEFS): the
// 13th depthwise layer has stride 1 and keeps 7x7 — Table 1's "Conv dw / s2" on a 7x7 input
// (and its 7x7 output) is a known typo. Padding is TensorFlow's SAME, as in that implementation:
// for stride 2 the total padding max((out−1)·2 + 3 − in, 0) is split floor(total/2) before, the
// rest after.
import { classifierHead } from './classifier-head.js';
import { WorkloadWriter, slide, times } from './yaml-writer.js';

/** Depthwise-separable layers 1..13: (stride, output channels as a multiple of WIDTH = 32). */
const SEPARABLE: [number, number][] = [
  [1, 2], [2, 4], [1, 4], [2, 8], [1, 8], [2, 16],
  [1, 16], [1, 16], [1, 16], [1, 16], [1, 16], [2, 32], [1, 32],
];

export function mobilenetV1(): string {
  const w = new WorkloadWriter({
    name: 'mobilenet-v1',
    description:
      'MobileNet v1 (width multiplier 1.0, 224x224) inference on one image: the 3x3/2 stem convolution, 13 ' +
      'depthwise 3x3 + pointwise 1x1 pairs, batch norm folded into a per-channel bias, ReLU, global average ' +
      'pooling and the 1000-way fully connected layer. WIDTH = 32 * alpha is the paper\'s width multiplier; ' +
      'IMG its resolution multiplier. Shrink it with --param IMG=32 --param WIDTH=2 to evaluate it.',
    source:
      'Howard et al., "MobileNets", arXiv 1704.04861, 2017, Table 1 (body) and Table 8 (569 M mult-adds); ' +
      'strides and SAME padding as tensorflow/models research/slim/nets/mobilenet_v1.py (_CONV_DEFS).',
    precision: 'int8',
  });
  w.param('IMG', 224, 'input height = width').param('WIDTH', 32, 'stem channels (32 x width multiplier)').param('CLASSES', 1000, 'ImageNet classes');

  // SAME padding of each stride-2 layer k: S<k> = ceil(S<k-1> / 2), PT = total, PB before, PA after.
  const sizes = ['IMG'];
  const downsample = (): { size: string; before: string; after: string } => {
    const k = sizes.length;
    const prev = sizes[k - 1];
    const size = `S${k}`;
    w.param(size, `ceil(${prev} / 2)`)
      .param(`PT${k}`, `max((${size} - 1)*2 + 3 - ${prev}, 0)`, 'SAME: total padding')
      .param(`PB${k}`, `floor(PT${k} / 2)`)
      .param(`PA${k}`, `PT${k} - PB${k}`);
    sizes.push(size);
    const pads = { before: `PB${k}`, after: `PA${k}` };
    return { size, ...pads };
  };

  w.tensor('X', ['c', 'h', 'w'], [3, 'IMG', 'IMG']);
  const act = (name: string, ch: string, size: string): string => {
    w.tensor(`A_${name}`, ['n', 'p', 'q'], [ch, size, size]);
    w.einsum(`A_${name}[n,p,q] = relu(${name}[n,p,q] + B_${name}[n])`, { layer: name });
    return `A_${name}`;
  };

  w.section('conv0: 3x3/2 standard convolution, 3 -> WIDTH');
  const d0 = downsample();
  w.padSpatial('X', d0.before, d0.after);
  w.tensor('W_conv0', ['n', 'c', 'r', 't'], ['WIDTH', 3, 3, 3]);
  w.tensor('B_conv0', ['n'], ['WIDTH']);
  w.tensor('conv0', ['n', 'p', 'q'], ['WIDTH', d0.size, d0.size]);
  w.einsum(`conv0[n,p,q] = X[c, ${slide(2, 'p', 'r', d0.before)}, ${slide(2, 'q', 't', d0.before)}] * W_conv0[n,c,r,t]`, { layer: 'conv0' });
  let input = act('conv0', 'WIDTH', d0.size);
  let ch = 'WIDTH';
  let size = d0.size;

  SEPARABLE.forEach(([stride, mult], i) => {
    const k = i + 1;
    const out = times(mult, 'WIDTH');
    w.section(`layer ${k}: depthwise 3x3${stride === 2 ? '/2' : ''} on ${ch} channels, pointwise 1x1 -> ${out}`);
    const dw = `dw${k}`;
    let before: string | number = 1;
    if (stride === 2) {
      const d = downsample();
      size = d.size;
      before = d.before;
      w.padSpatial(input, d.before, d.after);
    } else w.padSpatial(input, 1, 1);
    w.tensor(`W_${dw}`, ['c', 'r', 't'], [ch, 3, 3]);
    w.tensor(`B_${dw}`, ['n'], [ch]);
    w.tensor(dw, ['c', 'p', 'q'], [ch, size, size]);
    w.einsum(`${dw}[c,p,q] = ${input}[c, ${slide(stride, 'p', 'r', before)}, ${slide(stride, 'q', 't', before)}] * W_${dw}[c,r,t]`, { layer: dw });
    const adw = act(dw, ch, size);
    const pw = `pw${k}`;
    w.tensor(`W_${pw}`, ['n', 'c', 'r', 't'], [out, ch, 1, 1]);
    w.tensor(`B_${pw}`, ['n'], [out]);
    w.tensor(pw, ['n', 'p', 'q'], [out, size, size]);
    w.einsum(`${pw}[n,p,q] = ${adw}[c, p + r, q + t] * W_${pw}[n,c,r,t]`, { layer: pw });
    input = act(pw, out, size);
    ch = out;
  });

  w.param('POOL', `${size} * ${size}`, 'pixels averaged by the global pool');
  classifierHead(w, input, ch, 'pool');
  return w.toYaml();
}
