// The order in which the reference evaluator runs a cascade: single Einsums and recurrence
// groups (Cascade.recurrences; an Einsum with an iterative rank but no group forms its own),
// each unit after every unit that produces a tensor it reads. Among ready units the one
// listed first in cascade.einsums goes first, so a valid topological order is kept as is.
import { EinsimError } from '../../errors.js';
import type { Cascade, Einsum } from '../types.js';
import { accessOrder } from './map-ops.js';
import { issueAt } from './plan.js';

export type Unit =
  | { kind: 'single'; einsum: Einsum }
  | { kind: 'recurrence'; rank: string; einsums: Einsum[] };

/** The tensor that holds a tensor's data: a view's base, followed to the end. */
export function baseTensor(cascade: Cascade, name: string): string {
  const seen = new Set<string>();
  let decl = cascade.tensors[name];
  while (decl?.viewOf && !seen.has(decl.name)) {
    seen.add(decl.name);
    decl = cascade.tensors[decl.viewOf.tensor];
  }
  return decl?.name ?? name;
}

export function scheduleUnits(cascade: Cascade): Unit[] {
  const byId = new Map(cascade.einsums.map((e) => [e.id, e]));
  const unitOf = new Map<string, number>();
  const units: Unit[] = [];
  for (const group of cascade.recurrences) {
    const members = group.einsums.map((id) => {
      const e = byId.get(id);
      if (!e) {
        throw new EinsimError(issueAt(cascade, null, { path: 'recurrences', code: 'unknown_name', expected: 'an Einsum id', received: id }));
      }
      return e;
    });
    members.forEach((e) => unitOf.set(e.id, units.length));
    units.push({ kind: 'recurrence', rank: group.rank, einsums: members });
  }
  for (const e of cascade.einsums) {
    if (unitOf.has(e.id)) continue;
    unitOf.set(e.id, units.length);
    units.push(e.iterative ? { kind: 'recurrence', rank: e.iterative, einsums: [e] } : { kind: 'single', einsum: e });
  }
  const producer = new Map(cascade.einsums.map((e) => [e.output.tensor, e.id]));
  const membersOf = (u: Unit): Einsum[] => (u.kind === 'single' ? [u.einsum] : u.einsums);
  const deps = units.map((u, i) => {
    const d = new Set<number>();
    for (const e of membersOf(u)) {
      for (const a of accessOrder(e.expr)) {
        const p = producer.get(baseTensor(cascade, a.tensor));
        if (p === undefined) continue;
        const j = unitOf.get(p)!;
        if (j !== i) d.add(j);
        else if (u.kind === 'single') {
          throw new EinsimError(
            issueAt(cascade, e, { code: 'cycle', expected: 'an Einsum that does not read its own output (or a recurrence over an iterative rank)', received: e.text }),
          );
        }
      }
    }
    return d;
  });
  const listed = new Map(cascade.einsums.map((e, i) => [e.id, i]));
  const position = units.map((u) => Math.min(...membersOf(u).map((e) => listed.get(e.id)!)));
  const pending = units.map((_, i) => i).sort((a, b) => position[a] - position[b]);
  const done = new Set<number>();
  const order: Unit[] = [];
  while (pending.length > 0) {
    const k = pending.findIndex((i) => [...deps[i]].every((j) => done.has(j)));
    if (k < 0) {
      const stuck = pending.flatMap((i) => membersOf(units[i]).map((e) => e.id));
      throw new EinsimError(
        issueAt(cascade, null, { path: 'einsums', code: 'cycle', expected: 'a cascade whose only cycles are declared recurrences', received: stuck.join(', ') }),
      );
    }
    const [i] = pending.splice(k, 1);
    done.add(i);
    order.push(units[i]);
  }
  return order;
}
