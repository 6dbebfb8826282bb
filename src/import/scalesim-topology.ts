// Import a SCALE-Sim v2 topology CSV as a cascade, so SCALE-Sim users can bring their files.
// Reading follows scalesim/topology_utils.py exactly (reference/scalesim.md §1; docs/import.md):
// - lines are stripped; the first line is the header and is always skipped; blank lines too;
// - a line is split on ',' and its LAST field dropped (data lines end with a trailing comma);
// - fields are integers after stripping (Python int());
// - conv rows: name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride[, col stride];
//   Filter H ≤ IFMAP H and Filter W ≤ IFMAP W; a name containing `DP` is depthwise and SCALE-Sim
//   expands it into Channels layers `<name>Channel_<i>` with Channels = 1;
// - GEMM files (header columns M, N, K, or `type: 'gemm'`): name, M, N, K; SCALE-Sim runs them as
//   the conv [H=M, W=K, Fh=1, Fw=K, C=1, N=N, stride 1].
// Each row becomes one Einsum over its own tensors I<i>, W<i>, O<i> (layers are independent, as
// SCALE-Sim simulates them), laid out as SCALE-Sim addresses them: ifmap [h, w, c] (NHWC),
// filter [n, r, t, c] (FL[j][n] = n·K + j), ofmap [p, q, n] (OF[p][n] = p·N + n). Output extents
// are SCALE-Sim's Eh = ceil((H − Fh + sh)/sh); where that lets the last window run past the
// ifmap (SCALE-Sim's −1 entries), the ifmap gets that much bottom/right zero padding. Tensors
// are int8: SCALE-Sim's word is 1 byte (single_layer_sim.run, reference/scalesim.md §1).
import { basename } from 'node:path';
import { EinsimError, type Issue } from '../errors.js';
import type { Cascade, Einsum, TensorDecl } from '../einsum/types.js';
import { accessText } from '../einsum/eval/plan.js';
import { access, affine, bare } from './affine.js';
import { SCALESIM_KEYS, scaleSimHyperparams, type ScaleSimLayer } from './scalesim-layers.js';

export interface ScaleSimImportOptions {
  /** Force the row format; by default a header whose columns 2–4 are M, N, K means GEMM. */
  type?: 'conv' | 'gemm';
}

const CONV_COLUMNS = ['Layer name', 'IFMAP Height', 'IFMAP Width', 'Filter Height', 'Filter Width', 'Channels', 'Num Filter', 'Strides', 'Column stride'];
const GEMM_COLUMNS = ['Layer', 'M', 'N', 'K'];

/** A row as read, before it becomes an Einsum. */
interface Row {
  line: number;
  layer: Omit<ScaleSimLayer, 'einsum'>;
  gemm: { M: number; N: number; K: number } | null;
  /** Per-channel layers of a DP row (null otherwise). */
  dpLayers: number | null;
}

/** Python's int() on a stripped field: optional sign, digits, single underscores between digits. */
const PY_INT = /^[+-]?\d+(?:_\d+)*$/;

/** The name SCALE-Sim gives a topology: the file name without its extension. */
function topologyName(file: string): string {
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function isGemmHeader(header: string): boolean {
  const cols = header.split(',').map((c) => c.trim().toUpperCase());
  return cols[1] === 'M' && cols[2] === 'N' && cols[3] === 'K';
}

function readRows(text: string, file: string, type: 'conv' | 'gemm'): { rows: Row[]; issues: Issue[]; warnings: Issue[] } {
  const rows: Row[] = [];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  // Python text mode reads \n, \r\n and \r as line ends (universal newlines).
  const lines = text.split(/\r\n|\r|\n/);
  const columns = type === 'gemm' ? GEMM_COLUMNS : CONV_COLUMNS;
  // Fields a row must have, and fields SCALE-Sim uses (a conv row's 9th is the column stride).
  const minFields = type === 'gemm' ? 4 : 8;
  const usedFields = type === 'gemm' ? 4 : 9;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const row = raw.trim();
    if (i === 0 || row === '') return;
    const fields = row.split(',').slice(0, -1);
    const name = (fields[0] ?? '').trim();
    const at = (col: number): string => `${name || `line ${line}`}: column ${col + 1} (${columns[Math.min(col, columns.length - 1)]})`;
    if (fields.length < minFields) {
      issues.push({
        file,
        line,
        path: name || `line ${line}`,
        code: 'missing',
        expected: `${minFields} fields (${columns.slice(0, minFields).join(', ')}), each followed by a comma`,
        received: `${fields.length} (SCALE-Sim drops the field after the last comma)`,
      });
      return;
    }
    // SCALE-Sim int()-parses every conv field and only M, N, K of a GEMM row.
    const parsedCount = type === 'gemm' ? usedFields : fields.length;
    const values: number[] = [];
    let ok = true;
    for (let col = 1; col < parsedCount; col++) {
      const f = fields[col].trim();
      if (!PY_INT.test(f)) {
        issues.push({ file, line, path: at(col), code: 'invalid_type', expected: 'an integer', received: JSON.stringify(f) });
        ok = false;
        continue;
      }
      const v = Number(f.replace(/_/g, ''));
      if (col < usedFields && v < 1) {
        issues.push({ file, line, path: at(col), code: 'invalid_value', expected: 'a positive integer', received: String(v) });
        ok = false;
      }
      values.push(v);
    }
    if (fields.length > usedFields) {
      warnings.push({
        file,
        line,
        path: at(usedFields),
        code: 'unknown_key',
        expected: `at most ${usedFields} fields; SCALE-Sim ignores the rest`,
        received: `${fields.length}`,
        severity: 'warning',
      });
    }
    if (!ok) return;
    if (type === 'gemm') {
      const [M, N, K] = values;
      const layer = { name, ifmapH: M, ifmapW: K, filterH: 1, filterW: K, channels: 1, numFilters: N, strideH: 1, strideW: 1, inputType: 'gemm' as const };
      rows.push({ line, layer, gemm: { M, N, K }, dpLayers: null });
      return;
    }
    const [H, W, Fh, Fw, C, N, sh] = values;
    const sw = fields.length >= 9 ? values[7] : sh;
    if (Fh > H) issues.push({ file, line, path: at(3), code: 'range', expected: `Filter Height ≤ IFMAP Height (${H})`, received: String(Fh) });
    if (Fw > W) issues.push({ file, line, path: at(4), code: 'range', expected: `Filter Width ≤ IFMAP Width (${W})`, received: String(Fw) });
    if (Fh > H || Fw > W) return;
    const dp = name.includes('DP');
    const layer = { name, ifmapH: H, ifmapW: W, filterH: Fh, filterW: Fw, channels: dp ? 1 : C, numFilters: N, strideH: sh, strideW: sw, inputType: 'conv' as const };
    rows.push({ line, layer, gemm: null, dpLayers: dp ? C : null });
  });
  return { rows, issues, warnings };
}

function tensor(name: string, ranks: string[], shape: number[], loc: Einsum['loc'], padding: TensorDecl['padding'] = {}): TensorDecl {
  return { name, ranks, shape, precision: 'int8', role: 'input', init: null, viewOf: null, padding, loc };
}

/** One row's tensors and Einsum (`i` is the 1-based row number among data rows). */
function layerEinsum(row: Row, i: number, layerId: number, file: string): { einsum: Einsum; tensors: TensorDecl[] } {
  const l = row.layer;
  const loc = { file, line: row.line, path: l.name };
  const [I, W, O] = [`I${i}`, `W${i}`, `O${i}`];
  const annotations: Einsum['annotations'] = {
    [SCALESIM_KEYS.layer]: l.name,
    [SCALESIM_KEYS.layerId]: layerId,
    [SCALESIM_KEYS.inputType]: l.inputType,
    [SCALESIM_KEYS.ifmapH]: l.ifmapH,
    [SCALESIM_KEYS.ifmapW]: l.ifmapW,
    [SCALESIM_KEYS.filterH]: l.filterH,
    [SCALESIM_KEYS.filterW]: l.filterW,
    [SCALESIM_KEYS.channels]: l.channels,
    [SCALESIM_KEYS.numFilters]: l.numFilters,
    [SCALESIM_KEYS.strideH]: l.strideH,
    [SCALESIM_KEYS.strideW]: l.strideW,
    ...(row.dpLayers !== null ? { [SCALESIM_KEYS.dpLayers]: row.dpLayers } : {}),
  };
  const build = (
    out: ReturnType<typeof access>,
    inp: ReturnType<typeof access>,
    wgt: ReturnType<typeof access>,
    kept: [string, number][],
    reduced: [string, number][],
  ): Einsum => ({
    id: O,
    text: `${accessText(out)} = ${accessText(inp)} * ${accessText(wgt)}`,
    output: out,
    expr: { kind: 'call', op: 'mul', args: [{ kind: 'access', access: inp }, { kind: 'access', access: wgt }] },
    reduce: { op: 'sum', ranks: reduced.map(([r]) => r) },
    ranks: [...kept, ...reduced].map(([name, extent]) => ({ name, extent })),
    iterative: null,
    annotations,
    loc,
  });

  if (row.gemm) {
    const { M, N, K } = row.gemm;
    const einsum = build(access(O, [bare('m'), bare('n')]), access(I, [bare('m'), bare('k')]), access(W, [bare('n'), bare('k')]), [['m', M], ['n', N]], [['k', K]]);
    return { einsum, tensors: [tensor(I, ['m', 'k'], [M, K], loc), tensor(W, ['n', 'k'], [N, K], loc), { ...tensor(O, ['m', 'n'], [M, N], loc), role: 'output' }] };
  }
  const { ofmapH: P, ofmapW: Q } = scaleSimHyperparams(l);
  // How far the last (partial) window runs past the ifmap: SCALE-Sim's −1 entries.
  const padBottom = Math.max(0, l.strideH * (P - 1) + l.filterH - l.ifmapH);
  const padRight = Math.max(0, l.strideW * (Q - 1) + l.filterW - l.ifmapW);
  const padding: TensorDecl['padding'] = {};
  if (padBottom > 0) padding.h = [0, padBottom];
  if (padRight > 0) padding.w = [0, padRight];
  const h = affine([[l.strideH, 'p'], [1, 'r']]);
  const w = affine([[l.strideW, 'q'], [1, 't']]);
  const window: [string, number][] = [['r', l.filterH], ['t', l.filterW]];
  const [H, Wd, NF] = [l.ifmapH, l.ifmapW, l.numFilters];
  if (row.dpLayers !== null) {
    const G = row.dpLayers;
    const einsum = build(
      access(O, [bare('p'), bare('q'), bare('g'), bare('n')]),
      access(I, [h, w, bare('g')]),
      access(W, [bare('g'), bare('n'), bare('r'), bare('t')]),
      [['p', P], ['q', Q], ['g', G], ['n', NF]],
      window,
    );
    return {
      einsum,
      tensors: [
        tensor(I, ['h', 'w', 'g'], [H, Wd, G], loc, padding),
        tensor(W, ['g', 'n', 'r', 't'], [G, NF, l.filterH, l.filterW], loc),
        { ...tensor(O, ['p', 'q', 'g', 'n'], [P, Q, G, NF], loc), role: 'output' },
      ],
    };
  }
  const C = l.channels;
  const einsum = build(
    access(O, [bare('p'), bare('q'), bare('n')]),
    access(I, [h, w, bare('c')]),
    access(W, [bare('n'), bare('r'), bare('t'), bare('c')]),
    [['p', P], ['q', Q], ['n', NF]],
    [...window, ['c', C]],
  );
  return {
    einsum,
    tensors: [
      tensor(I, ['h', 'w', 'c'], [H, Wd, C], loc, padding),
      tensor(W, ['n', 'r', 't', 'c'], [NF, l.filterH, l.filterW, C], loc),
      { ...tensor(O, ['p', 'q', 'n'], [P, Q, NF], loc), role: 'output' },
    ],
  };
}

/**
 * Read a SCALE-Sim topology CSV (`text`, named `file` in messages) into a cascade of independent
 * layer Einsums. Throws one EinsimError listing every problem found.
 */
export function importScaleSimTopology(text: string, file: string, opts: ScaleSimImportOptions = {}): Cascade {
  const header = text.split(/\r\n|\r|\n/)[0] ?? '';
  const type = opts.type ?? (isGemmHeader(header) ? 'gemm' : 'conv');
  const { rows, issues, warnings } = readRows(text, file, type);
  if (issues.length === 0 && rows.length === 0) {
    issues.push({ file, path: '', code: 'missing', expected: 'a header line and at least one layer row', received: 'no layer rows' });
  }
  if (issues.length > 0) throw new EinsimError(issues);

  const tensors: Record<string, TensorDecl> = {};
  const einsums: Einsum[] = [];
  let layerId = 0;
  rows.forEach((row, k) => {
    const { einsum, tensors: ts } = layerEinsum(row, k + 1, layerId, file);
    einsums.push(einsum);
    for (const t of ts) tensors[t.name] = t;
    layerId += row.dpLayers ?? 1;
  });
  const name = topologyName(file);
  return {
    name,
    description: `SCALE-Sim ${type} topology ${name}: ${rows.length} rows, ${layerId} SCALE-Sim layers`,
    source: `SCALE-Sim topology CSV ${file}`,
    file,
    params: {},
    ranks: {},
    tensors,
    einsums,
    recurrences: [],
    warnings,
  };
}
