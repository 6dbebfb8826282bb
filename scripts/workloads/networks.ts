// The generated network workloads, by file name (workloads/<name>.yaml).
import { bertBaseEncoder } from './bert-base-encoder.js';
import { gpt2Decode } from './gpt2-decode.js';
import { llamaDecodeGqa } from './llama-decode-gqa.js';
import { mobilenetV1 } from './mobilenet-v1.js';
import { resnet50 } from './resnet50.js';

export const NETWORK_WORKLOADS: Record<string, () => string> = {
  resnet50,
  'mobilenet-v1': mobilenetV1,
  'bert-base-encoder': bertBaseEncoder,
  'gpt2-decode': gpt2Decode,
  'llama-decode-gqa': llamaDecodeGqa,
};
