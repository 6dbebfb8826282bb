// Workload YAML text → Cascade. The stages run in order (YAML → top-level keys → params → ranks →
// tensors → views → Einsums → graph); each stage collects every independent issue, and the parser
// stops after the first stage that found any, since later stages would only report echoes.
// The format is documented in docs/workloads.md.
import type { Node } from 'yaml';
import { isName } from './einsum-syntax.js';
import { EinsimError } from '../errors.js';
import { parseSite, resolveEinsum, shiftedPositions, type EinsumSite } from './einsum-resolve.js';
import type { EinsumSyntax } from './einsum-syntax.js';
import { analyseGraph, buildGraph, tensorNode, tensorRoles } from './graph.js';
import { readParams } from './params.js';
import { evalInteger, isPrecision, key, PRECISION_LIST, readPrecision, readString, type ParseContext } from './parse-context.js';
import { readTensors, resolveViews, type TensorDraft } from './tensors.js';
import type { Cascade, Einsum, Precision, TensorDecl } from './types.js';
import { IssueList, describe, readYaml, shapeOf, type Entry } from './yaml-source.js';

const TOP_KEYS = ['name', 'description', 'source', 'precision', 'params', 'ranks', 'tensors', 'einsums'];

/**
 * Parses one workload file's text. `overrides` replace params before later params are evaluated
 * (the CLI's `--param K=V`). Throws EinsimError listing every issue found; warnings that do not
 * stop the parse are returned in `Cascade.warnings`.
 */
export function parseWorkload(text: string, file: string, overrides: Record<string, number> = {}): Cascade {
  const issues = new IssueList(file);
  const src = readYaml(text, issues);
  stopIfErrors(issues);

  const root = shapeOf(src, src.root);
  if (root.kind !== 'map') {
    issues.error('', src.lineOf(src.root) ?? 1, 'invalid_type', 'a YAML map with name, tensors and einsums', describe(root));
    stopIfErrors(issues);
    return unreachable();
  }
  const top = new Map<string, Entry>();
  for (const entry of root.entries) {
    if (TOP_KEYS.includes(entry.key)) top.set(entry.key, entry);
    else issues.error(entry.key, entry.line, 'unknown_key', `one of ${TOP_KEYS.join(', ')}`, JSON.stringify(entry.key));
  }
  for (const required of ['name', 'tensors', 'einsums']) {
    if (!top.has(required)) issues.error(required, undefined, 'missing', `a \`${required}:\` field`);
  }
  const ctx: ParseContext = { src, issues, params: {}, rankExtents: {} };
  const name = top.has('name') ? (readString(ctx, top.get('name')!.value, 'name') ?? '') : '';
  const description = top.has('description') ? (readString(ctx, top.get('description')!.value, 'description') ?? '') : '';
  const source = top.has('source') ? (readString(ctx, top.get('source')!.value, 'source') ?? '') : '';
  const precision: Precision = top.has('precision') ? (readPrecision(ctx, top.get('precision')!.value, 'precision') ?? 'fp16') : 'fp16';

  ctx.params = readParams(ctx, top.get('params')?.value ?? null, overrides);
  ctx.rankExtents = readRankExtents(ctx, top.get('ranks')?.value ?? null);
  stopIfErrors(issues);

  const drafts = readTensors(ctx, top.get('tensors')?.value ?? null, precision);
  stopIfErrors(issues);
  resolveViews(ctx, drafts);
  stopIfErrors(issues);

  const einsums = readEinsums(ctx, drafts, top.get('einsums')?.value ?? null);
  stopIfErrors(issues);

  const tensors: Record<string, TensorDecl> = {};
  for (const [tname, d] of drafts) tensors[tname] = d.decl;
  const ordered = orderCascade(ctx, tensors, einsums);
  stopIfErrors(issues);

  return { name, description, source, file, params: ctx.params, ranks: ctx.rankExtents, tensors, einsums: ordered.einsums, recurrences: ordered.recurrences, warnings: issues.warnings };
}

function stopIfErrors(issues: IssueList): void {
  if (!issues.ok) throw new EinsimError(issues.errors);
}

function unreachable(): never {
  throw new Error('unreachable: stopIfErrors should have thrown');
}

function readRankExtents(ctx: ParseContext, node: Node | null): Record<string, number> {
  const out: Record<string, number> = {};
  if (node === null) return out;
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'map') {
    ctx.issues.error('ranks', ctx.src.lineOf(node), 'invalid_type', 'a map of rank name to extent', describe(shape));
    return out;
  }
  for (const e of shape.entries) {
    const path = key('ranks', e.key);
    if (!isName(e.key)) {
      ctx.issues.error(path, e.line, 'invalid_value', 'a rank name (letters, digits, _)', JSON.stringify(e.key));
      continue;
    }
    const extent = evalInteger(ctx, e.value, path, 1);
    if (extent !== undefined) out[e.key] = extent;
  }
  return out;
}

const EINSUM_KEY = 'einsum';

function readEinsums(ctx: ParseContext, drafts: Map<string, TensorDraft>, node: Node | null): Einsum[] {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind !== 'seq' || shape.items.length === 0) {
    ctx.issues.error('einsums', ctx.src.lineOf(node), 'invalid_type', 'a non-empty list of Einsums', describe(shape));
    return [];
  }
  const sites: { site: EinsumSite; syntax: EinsumSyntax }[] = [];
  shape.items.forEach((item, i) => {
    const site = readSite(ctx, item, `einsums[${i}]`);
    const syntax = site && parseSite(ctx, site);
    if (site && syntax) sites.push({ site, syntax });
  });
  const shifted = shiftedPositions(ctx, sites.map((s) => s.syntax));
  const einsums: Einsum[] = [];
  const producers = new Map<string, string>();
  for (const { site, syntax } of sites) {
    const einsum = resolveEinsum(ctx, drafts, site, syntax, shifted);
    if (!einsum) continue;
    const earlier = producers.get(einsum.id);
    if (earlier !== undefined) {
      ctx.issues.error(site.path, site.line, 'duplicate', `one Einsum per output tensor (${einsum.id} is already written by ${earlier})`, einsum.text);
      continue;
    }
    producers.set(einsum.id, site.path);
    einsums.push(einsum);
  }
  return einsums;
}

/** An Einsum item: a string, or a map with `einsum:` and annotations (scalar values). */
function readSite(ctx: ParseContext, node: Node | null, path: string): EinsumSite | null {
  const shape = shapeOf(ctx.src, node);
  if (shape.kind === 'scalar' && typeof shape.value === 'string') {
    return { text: shape.value, path, line: ctx.src.lineOf(node), annotations: {} };
  }
  if (shape.kind !== 'map') {
    ctx.issues.error(path, ctx.src.lineOf(node), 'invalid_type', 'an Einsum string, or a map with `einsum:` and annotations', describe(shape));
    return null;
  }
  let site: EinsumSite | null = null;
  const annotations: EinsumSite['annotations'] = {};
  let ok = true;
  for (const e of shape.entries) {
    const v = shapeOf(ctx.src, e.value);
    if (e.key === EINSUM_KEY) {
      const text = readString(ctx, e.value, `${path}.${EINSUM_KEY}`);
      if (text !== undefined) site = { text, path, line: ctx.src.lineOf(e.value) ?? e.line, annotations };
      continue;
    }
    if (!isName(e.key)) {
      ctx.issues.error(key(path, e.key), e.line, 'invalid_value', 'an annotation name (letters, digits, _)', JSON.stringify(e.key));
      ok = false;
    } else if (e.key === 'precision' && !isPrecision(v.kind === 'scalar' ? v.value : undefined)) {
      ctx.issues.error(key(path, e.key), e.line, 'invalid_value', `one of ${PRECISION_LIST}`, describe(v));
      ok = false;
    } else if (v.kind !== 'scalar' || v.value === null) {
      ctx.issues.error(key(path, e.key), e.line, 'invalid_type', 'an annotation value (a string, number or boolean)', describe(v));
      ok = false;
    } else {
      annotations[e.key] = v.value;
    }
  }
  if (!site && !ctx.issues.errors.some((x) => x.path === `${path}.${EINSUM_KEY}`)) {
    ctx.issues.error(path, ctx.src.lineOf(node), 'missing', 'an `einsum:` field with the Einsum text');
  }
  return ok ? site : null;
}

/**
 * Builds the graph: roles, recurrences, order; checks that recurrence tensors have `init`, that
 * `init` is only on recurrence tensors, and warns about inputs nobody reads.
 */
function orderCascade(ctx: ParseContext, tensors: Record<string, TensorDecl>, einsums: Einsum[]): Pick<Cascade, 'einsums' | 'recurrences'> {
  const g = buildGraph({ tensors, einsums });
  const byId = new Map(einsums.map((e) => [e.id, e]));
  const { order, recurrences, problems } = analyseGraph(g, einsums.map((e) => e.id));
  for (const p of problems) {
    const e = byId.get(p.einsum) as Einsum;
    if (p.kind === 'cycle') {
      ctx.issues.error(e.loc.path, e.loc.line, 'cycle', 'no dependency cycle, except through a read at an earlier position of an iterative rank (like RM[m1,p] read to write RM[m1+1,p])', `a cycle through ${p.tensors.join(', ')}`);
    } else {
      ctx.issues.error(e.loc.path, e.loc.line, 'unsupported', 'a recurrence over one iterative rank', `ranks ${p.ranks.join(', ')}`);
    }
  }
  for (const r of recurrences) for (const id of r.einsums) (byId.get(id) as Einsum).iterative = r.rank;

  checkInits(ctx, tensors, einsums);
  const roles = tensorRoles(g, tensors);
  for (const t of Object.values(tensors)) {
    t.role = roles[t.name];
    if (t.role === 'input' && (g.successors(tensorNode(t.name)) ?? []).length === 0) {
      ctx.issues.warn(t.loc.path, t.loc.line, 'invalid_value', 'every input to be read by an Einsum', `${t.name} is never read`);
    }
  }
  return { einsums: order.map((id) => byId.get(id) as Einsum), recurrences };
}

function checkInits(ctx: ParseContext, tensors: Record<string, TensorDecl>, einsums: Einsum[]): void {
  const shiftedWrites = new Map<string, Einsum>();
  for (const e of einsums) {
    const decl = tensors[e.output.tensor];
    e.output.indices.forEach((index, i) => {
      if (index.constant === 0) return;
      shiftedWrites.set(decl.name, e);
      if (index.constant !== 1) {
        // One init position covers exactly the one position a shift by one leaves unwritten.
        ctx.issues.error(e.loc.path, e.loc.line, 'unsupported', `a recurrence written one position ahead (${decl.ranks[i]}+1), so that init gives the one position it reads first`, `${decl.name} written at ${index.text}`);
      } else if (decl.init?.rank !== decl.ranks[i]) {
        ctx.issues.error(`${decl.loc.path}.init`, decl.loc.line, 'missing', `init for rank ${decl.ranks[i]} (${e.id} writes ${decl.name} at ${index.text}, so position 0 must be initialised), e.g. init: { ${decl.ranks[i]}: 0, value: 0 }`);
      } else if (decl.init.at !== 0) {
        ctx.issues.error(`${decl.loc.path}.init`, decl.loc.line, 'invalid_value', `init at ${decl.ranks[i]}: 0 (${e.id} writes ${decl.name} at ${index.text}, so position 0 is the one never written)`, `${decl.ranks[i]}: ${decl.init.at}`);
      }
    });
  }
  for (const t of Object.values(tensors)) {
    if (t.init && !shiftedWrites.has(t.name)) {
      ctx.issues.error(`${t.loc.path}.init`, t.loc.line, 'invalid_value', 'init only on a tensor an Einsum writes at a shifted position (like RM[m1+1,p])', `${t.name} is not written that way`);
    }
  }
}
