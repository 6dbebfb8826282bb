// A two-array list scheduler: how long a kernel's Einsums take when each array runs one job at a
// time and a job starts once its array is free and its inputs are ready.
//
// A kernel is a stream of query tiles; a tile runs its pre-loop jobs, `iterations` copies of the
// loop body, then its post-loop jobs. Jobs wait for the same iteration's producers, for the
// previous iteration's producers of a carried read (RM[m1] read by the Einsum writing RM[m1+1]),
// and for the last iteration when read after the loop. When an array is free it starts the ready
// job that comes first in stream order (tile, iteration, then cascade order) — so it can run the
// next tile's or iteration's work while it waits (FuseMax's interleaved binding, FLAT's QK of the
// next rows during the softmax of these). `window` bounds how many loop iterations (tiles, when
// there is no loop) may be in flight: 2 when interleaving, 1 when an iteration must finish before
// the next starts. Dependency latencies (a reduction draining across the array) count only when
// `exposeLatency` is set.
//
// Simulating every tile of a 1M-token run is out of the question, so the scheduler simulates a
// few tiles of a few iterations and extrapolates with the steady-state tile period and iteration
// cost it measured; when the run is that small it is simulated exactly.
import type { ArrayName } from './structure.js';

export interface JobTemplate {
  id: string;
  array: ArrayName;
  /** Cycles of one instance (one tile, one iteration for body jobs). */
  duration: number;
  phase: 'pre' | 'body' | 'post';
}

export interface JobDep {
  from: string;
  to: string;
  /** The read is of the previous iteration's value. */
  carried: boolean;
  latency: number;
}

export interface ScheduleSpec {
  /** In cascade order. */
  jobs: JobTemplate[];
  deps: JobDep[];
  tiles: number;
  iterations: number;
  window: number;
  exposeLatency: boolean;
}

export interface ScheduledJob {
  id: string;
  array: ArrayName;
  tile: number;
  iteration: number;
  start: number;
  end: number;
}

const SIM_TILES = 3;
const SIM_ITERATIONS = 8;

/** Makespan in cycles of the whole stream. */
export function makespan(spec: ScheduleSpec): number {
  const hasBody = spec.jobs.some((j) => j.phase === 'body');
  const iterations = hasBody ? spec.iterations : 1;
  const st = Math.min(spec.tiles, SIM_TILES);
  const si = Math.min(iterations, SIM_ITERATIONS);
  const exactTiles = spec.tiles <= SIM_TILES && Number.isInteger(spec.tiles);
  const base = simulate(spec, Math.ceil(st), si).makespan;
  let total = base;
  if (!exactTiles && st >= 2) {
    const fewer = simulate(spec, Math.ceil(st) - 1, si).makespan;
    total += (spec.tiles - Math.ceil(st)) * (base - fewer);
  } else if (!exactTiles) {
    total = base * spec.tiles;
  }
  if (iterations > si) {
    const shorter = simulate(spec, Math.ceil(st), si - 1).makespan;
    total += spec.tiles * (iterations - si) * ((base - shorter) / Math.ceil(st));
  }
  return total;
}

/** The first tiles of the stream, job by job (for traces and `explain`). */
export function sampleSchedule(spec: ScheduleSpec, tiles = 2, iterations = 4): ScheduledJob[] {
  const hasBody = spec.jobs.some((j) => j.phase === 'body');
  return simulate(spec, Math.max(1, Math.min(tiles, Math.ceil(spec.tiles))), hasBody ? Math.min(iterations, spec.iterations) : 1).jobs;
}

interface Instance {
  t: JobTemplate;
  tile: number;
  iteration: number;
  /** Window unit (-1: not windowed). */
  unit: number;
  deps: { idx: number; latency: number }[];
  start: number;
  end: number;
}

function simulate(spec: ScheduleSpec, tiles: number, iterations: number): { makespan: number; jobs: ScheduledJob[] } {
  const hasBody = spec.jobs.some((j) => j.phase === 'body');
  const order = new Map(spec.jobs.map((j, i) => [j.id, i]));
  const inst: Instance[] = [];
  const index = new Map<string, number>();
  const key = (id: string, tile: number, it: number): string => `${id}|${tile}|${it}`;
  for (let tile = 0; tile < tiles; tile++) {
    const push = (j: JobTemplate, it: number, unit: number): void => {
      index.set(key(j.id, tile, it), inst.length);
      inst.push({ t: j, tile, iteration: it, unit, deps: [], start: NaN, end: NaN });
    };
    for (const j of spec.jobs) if (j.phase === 'pre') push(j, 0, hasBody ? -1 : tile);
    for (let it = 0; it < (hasBody ? iterations : 0); it++) for (const j of spec.jobs) if (j.phase === 'body') push(j, it, tile * iterations + it);
    for (const j of spec.jobs) if (j.phase === 'post') push(j, iterations - 1, -1);
  }
  const phaseOf = new Map(spec.jobs.map((j) => [j.id, j.phase]));
  for (const x of inst) {
    for (const d of spec.deps) {
      if (d.to !== x.t.id) continue;
      const fromPhase = phaseOf.get(d.from);
      let it: number;
      if (fromPhase !== 'body') it = fromPhase === 'post' ? iterations - 1 : 0;
      else if (x.t.phase === 'body') it = d.carried ? x.iteration - 1 : x.iteration;
      else it = iterations - 1; // read after the loop: the last iteration's value
      if (it < 0) continue;
      const idx = index.get(key(d.from, x.tile, it));
      if (idx !== undefined) x.deps.push({ idx, latency: spec.exposeLatency ? d.latency : 0 });
    }
  }
  // Stream order: tile, iteration, then cascade order (post jobs after their tile's last iteration).
  const prio = (x: Instance): number => (x.tile * (iterations + 2) + (x.t.phase === 'pre' ? 0 : x.t.phase === 'body' ? 1 + x.iteration : iterations + 1)) * spec.jobs.length + (order.get(x.t.id) ?? 0);
  const sorted = inst.map((_, i) => i).sort((a, b) => prio(inst[a]) - prio(inst[b]));
  const units = Math.max(0, ...inst.map((x) => x.unit)) + 1;
  const unitLeft = new Array<number>(units).fill(0);
  const unitEnd = new Array<number>(units).fill(0);
  for (const x of inst) if (x.unit >= 0) unitLeft[x.unit]++;

  const arrays: ArrayName[] = ['2d', '1d'];
  const freeAt: Record<ArrayName, number> = { '2d': 0, '1d': 0 };
  const done = new Array<boolean>(inst.length).fill(false);
  let left = inst.length;
  let first = 0;
  let now = 0;
  const windowOpenAt = (x: Instance): number => {
    if (x.unit < 0 || x.unit - spec.window < 0) return 0;
    const u = x.unit - spec.window;
    return unitLeft[u] === 0 ? unitEnd[u] : Infinity;
  };
  const readyAt = (x: Instance): number => {
    let r = windowOpenAt(x);
    for (const d of x.deps) {
      if (!done[d.idx]) return Infinity;
      r = Math.max(r, inst[d.idx].end + d.latency);
    }
    return r;
  };
  const scanLimit = spec.jobs.length * (spec.window + 3);
  const start = (i: number, a: ArrayName): void => {
    const x = inst[i];
    x.start = now;
    x.end = now + x.t.duration;
    done[i] = true;
    left--;
    freeAt[a] = x.end;
    if (x.unit >= 0) {
      unitLeft[x.unit]--;
      unitEnd[x.unit] = Math.max(unitEnd[x.unit], x.end);
    }
  };
  // An array's choice at `now`: the first job in stream order whose readiness is known; if it is
  // not ready yet, a later job that is ready may run only if it ends before that one is ready
  // (conservative backfilling: a lower-priority job never delays a higher-priority one).
  const choose = (a: ArrayName): { index: number; rank: number } | null => {
    let head: { index: number; rank: number; ready: number } | null = null;
    for (let k = first, seen = 0; k < sorted.length && seen < scanLimit; k++, seen++) {
      const i = sorted[k];
      if (done[i] || inst[i].t.array !== a) continue;
      const r = readyAt(inst[i]);
      if (r === Infinity) continue;
      if (!head) {
        if (r <= now) return { index: i, rank: k };
        head = { index: i, rank: k, ready: r };
        continue;
      }
      if (r <= now && now + inst[i].t.duration <= head.ready) return { index: i, rank: k };
    }
    return null;
  };
  while (left > 0) {
    while (first < sorted.length && done[sorted[first]]) first++;
    // Free arrays pick in stream order of their choices, so a job that readies another array's
    // higher-priority work is placed before that array decides.
    const picks = arrays.filter((a) => freeAt[a] <= now).map((a) => ({ a, pick: choose(a) })).filter((p) => p.pick !== null);
    if (picks.length > 0) {
      picks.sort((p, q) => p.pick!.rank - q.pick!.rank);
      start(picks[0].pick!.index, picks[0].a);
      continue;
    }
    // Next event: an array finishing, or a waiting job becoming ready.
    let next = Infinity;
    for (const a of arrays) if (freeAt[a] > now) next = Math.min(next, freeAt[a]);
    for (let k = first, seen = 0; k < sorted.length && seen < scanLimit; k++, seen++) {
      const i = sorted[k];
      if (done[i]) continue;
      const r = readyAt(inst[i]);
      if (r > now && r < next) next = r;
    }
    if (next === Infinity) throw new Error('spatial scheduler: no job can ever start (a dependency cycle in the loop body?)');
    now = next;
  }
  const jobs = inst.map((x) => ({ id: x.t.id, array: x.t.array, tile: x.tile, iteration: x.iteration, start: x.start, end: x.end }));
  return { makespan: Math.max(0, ...inst.map((x) => x.end)), jobs };
}
