// Writes the whole-network workload files (workloads/resnet50.yaml, ...). Run from the repository
// root with `npx tsx scripts/gen-network-workloads.ts`; the files are committed, and
// test/einsum/network-workloads.test.ts fails if they differ from what this script writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NETWORK_WORKLOADS } from './workloads/networks.js';

for (const [name, build] of Object.entries(NETWORK_WORKLOADS)) {
  const path = join('workloads', `${name}.yaml`);
  writeFileSync(path, build());
  process.stdout.write(`wrote ${path}\n`);
}
