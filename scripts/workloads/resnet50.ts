// ResNet-50 for one 224×224 image, every layer: He et al., "Deep Residual Learning for Image
// Recognition", CVPR 2016, Table 1 (50-layer column), with the stride of each downsampling
// bottleneck on its 3×3 convolution as torchvision's resnet50 does ("ResNet v1.5"; the paper's
// Caffe model strides the first 1×1 instead: same output shapes, 4.1 vs 3.9 GMACs).
import { classifierHead } from './classifier-head.js';
import { WorkloadWriter, slide, times } from './yaml-writer.js';

/** Bottleneck blocks per stage conv2_x … conv5_x (He et al. 2016, Table 1, 50-layer). */
const BLOCKS = [3, 4, 6, 3];

export function resnet50(): string {
  const w = new WorkloadWriter({
    name: 'resnet50',
    description:
      'ResNet-50 inference on one image: every convolution (the 7x7 stem, 16 bottleneck blocks of 1x1 / 3x3 / 1x1 ' +
      'convolutions, and the four 1x1 projection shortcuts), batch norm folded into a per-channel bias, ReLU, ' +
      '3x3/2 max pooling, the residual additions, global average pooling and the 1000-way fully connected layer. ' +
      'Downsampling blocks stride their 3x3 convolution (torchvision, "ResNet v1.5"). Shrink it with ' +
      '--param IMG=32 --param WIDTH=2 to evaluate it.',
    source:
      'He et al., "Deep Residual Learning for Image Recognition", CVPR 2016, Table 1 (50-layer); stride placement ' +
      'and padding as torchvision.models.resnet50 (Bottleneck: stride on conv2, padding 1 for 3x3, 3 for the 7x7 stem).',
    precision: 'int8',
  });
  w.param('IMG', 224, 'input height = width')
    .param('WIDTH', 64, 'stem channels = conv2_x bottleneck width')
    .param('CLASSES', 1000, 'ImageNet classes')
    .param('H1', 'floor((IMG + 2*3 - 7) / 2) + 1', 'conv1 output (112)')
    .param('H2', 'floor((H1 + 2*1 - 3) / 2) + 1', 'after max pool: conv2_x (56)')
    .param('H3', 'floor((H2 + 2*1 - 3) / 2) + 1', 'conv3_x (28)')
    .param('H4', 'floor((H3 + 2*1 - 3) / 2) + 1', 'conv4_x (14)')
    .param('H5', 'floor((H4 + 2*1 - 3) / 2) + 1', 'conv5_x (7)')
    .param('POOL', 'H5 * H5', 'pixels averaged by the global pool');
  w.rank('u', 3, 'max-pool window rows').rank('v', 3, 'max-pool window columns');

  w.tensor('X', ['c', 'h', 'w'], [3, 'IMG', 'IMG'], { padding: { h: [3, 3], w: [3, 3] } });

  /** A convolution plus its bias (folded batch norm); returns the conv output's name. */
  const conv = (name: string, input: string, cin: string, cout: string, k: number, stride: number, pad: number, hout: string): string => {
    w.tensor(`W_${name}`, ['n', 'c', 'r', 't'], [cout, cin, k, k]);
    w.tensor(`B_${name}`, ['n'], [cout]);
    w.tensor(name, ['n', 'p', 'q'], [cout, hout, hout]);
    if (pad > 0) w.padSpatial(input, pad, pad);
    w.einsum(`${name}[n,p,q] = ${input}[c, ${slide(stride, 'p', 'r', pad)}, ${slide(stride, 'q', 't', pad)}] * W_${name}[n,c,r,t]`, { layer: name });
    return name;
  };
  /** ReLU(conv + bias [+ more terms]) as A_<name>. */
  const act = (name: string, cout: string, hout: string, extra = ''): string => {
    w.tensor(`A_${name}`, ['n', 'p', 'q'], [cout, hout, hout]);
    w.einsum(`A_${name}[n,p,q] = relu(${name}[n,p,q] + B_${name}[n]${extra})`, { layer: name });
    return `A_${name}`;
  };

  w.section('conv1: 7x7/2, then 3x3/2 max pool (zero padding = -inf padding here: ReLU outputs are >= 0)');
  conv('conv1', 'X', '3', 'WIDTH', 7, 2, 3, 'H1');
  const a1 = act('conv1', 'WIDTH', 'H1');
  w.padSpatial(a1, 1, 1);
  w.tensor('pool1', ['n', 'p', 'q'], ['WIDTH', 'H2', 'H2']);
  w.einsum(`pool1[n,p,q] = max(u, v) ${a1}[n, 2*p + u - 1, 2*q + v - 1]`, { layer: 'pool1' });

  let input = 'pool1';
  let cin = 'WIDTH';
  BLOCKS.forEach((blocks, s) => {
    const stage = s + 2;
    const width = times(2 ** s, 'WIDTH');
    const cout = times(4 * 2 ** s, 'WIDTH');
    const hin0 = `H${s === 0 ? 2 : stage - 1}`;
    const hout = `H${stage}`;
    for (let b = 1; b <= blocks; b++) {
      const stride = b === 1 && s > 0 ? 2 : 1;
      const hin = b === 1 ? hin0 : hout;
      const id = `conv${stage}_${b}`;
      w.section(`conv${stage}_x block ${b}: 1x1 ${width}, 3x3 ${width}${stride === 2 ? ' /2' : ''}, 1x1 ${cout}${b === 1 ? ', projection shortcut' : ''}`);
      conv(`${id}a`, input, cin, width, 1, 1, 0, hin);
      const aa = act(`${id}a`, width, hin);
      conv(`${id}b`, aa, width, width, 3, stride, 1, hout);
      const ab = act(`${id}b`, width, hout);
      conv(`${id}c`, ab, width, cout, 1, 1, 0, hout);
      let shortcut = ` + ${input}[n,p,q]`;
      if (b === 1) {
        conv(`${id}s`, input, cin, cout, 1, stride, 0, hout);
        shortcut = ` + ${id}s[n,p,q] + B_${id}s[n]`;
      }
      input = act(`${id}c`, cout, hout, shortcut);
      cin = cout;
    }
  });

  classifierHead(w, input, cin, 'pool5');
  return w.toYaml();
}
