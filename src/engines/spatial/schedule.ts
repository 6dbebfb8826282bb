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
const SIM_ITERATIONS = 6;

/** Makespan in cycles of the whole stream. */
export function makespan(spec: ScheduleSpec): number {
  const hasBody = spec.jobs.some((j) => j.phase === 'body');
  const iterations = hasBody ? spec.iterations : 1;
  // On one array nothing overlaps: the makespan is the work (no latencies cross arrays).
  if (new Set(spec.jobs.map((j) => j.array)).size <= 1) {
    return spec.tiles * spec.jobs.reduce((a, j) => a + j.duration * (j.phase === 'body' ? iterations : 1), 0);
  }
  const st = Math.min(Math.ceil(spec.tiles), SIM_TILES);
  const si = Math.min(iterations, SIM_ITERATIONS);
  const sim = simulate(spec, st, si);
  const base = sim.makespan;
  // Steady state: each further tile adds what the last simulated one added to the makespan, and
  // each further iteration what one iteration period of the simulated loop takes. With no more
  // tiles than simulated the tile count is exact (a fractional tile scales).
  let total = spec.tiles <= st ? (base * spec.tiles) / st : base + (spec.tiles - st) * (base - simulate(spec, st - 1, si).makespan);
  if (iterations > si) {
    const firstJob = spec.jobs.find((j) => j.phase === 'body')!.id;
    const startOf = (tile: number, it: number): number => {
      for (let i = 0; i < sim.template.length; i++) if (sim.template[i].id === firstJob && sim.tileOf[i] === tile && sim.iterOf[i] === it) return sim.start[i];
      return NaN;
    };
    const mid = Math.floor((st - 1) / 2);
    const iterationPeriod = (startOf(mid, si - 1) - startOf(mid, si - 3)) / 2;
    total += spec.tiles * (iterations - si) * iterationPeriod;
  }
  return total;
}

/** The first tiles of the stream, job by job (for traces and `explain`). */
export function sampleSchedule(spec: ScheduleSpec, tiles = 2, iterations = 4): ScheduledJob[] {
  const hasBody = spec.jobs.some((j) => j.phase === 'body');
  return listJobs(simulate(spec, Math.max(1, Math.min(tiles, Math.ceil(spec.tiles))), hasBody ? Math.min(iterations, spec.iterations) : 1));
}

/** Where a dependency's producer instance sits relative to its consumer's tile. */
interface DepRef {
  from: number;
  /** 'same': same iteration; 'previous': iteration − 1; 'last': the last iteration; 'once': a pre/post job. */
  which: 'same' | 'previous' | 'last' | 'once';
  latency: number;
}

interface Simulated {
  makespan: number;
  /** Start cycle of every instance, and which template, tile and iteration it is. */
  start: Float64Array;
  end: Float64Array;
  template: JobTemplate[];
  tileOf: Int32Array;
  iterOf: Int32Array;
}

function simulate(spec: ScheduleSpec, tiles: number, iterations: number): Simulated {
  // Instances in stream order: per tile, the pre jobs, each iteration's body jobs, the post jobs.
  const pre = spec.jobs.filter((j) => j.phase === 'pre');
  const body = spec.jobs.filter((j) => j.phase === 'body');
  const post = spec.jobs.filter((j) => j.phase === 'post');
  const hasBody = body.length > 0;
  const perTile = pre.length + iterations * body.length + post.length;
  const n = tiles * perTile;
  const offsetOf = new Map<string, (it: number) => number>();
  pre.forEach((j, k) => offsetOf.set(j.id, () => k));
  body.forEach((j, k) => offsetOf.set(j.id, (it) => pre.length + it * body.length + k));
  post.forEach((j, k) => offsetOf.set(j.id, () => pre.length + iterations * body.length + k));
  const phaseOf = new Map(spec.jobs.map((j) => [j.id, j.phase]));
  const depsOf = new Map<string, DepRef[]>(spec.jobs.map((j) => [j.id, []]));
  for (const d of spec.deps) {
    const fromPhase = phaseOf.get(d.from);
    const toPhase = phaseOf.get(d.to);
    if (!fromPhase || !toPhase) continue;
    const which: DepRef['which'] = fromPhase !== 'body' ? 'once' : toPhase === 'body' ? (d.carried ? 'previous' : 'same') : 'last';
    depsOf.get(d.to)!.push({ from: spec.jobs.findIndex((j) => j.id === d.from), which, latency: spec.exposeLatency ? d.latency : 0 });
  }

  const template = new Array<JobTemplate>(n);
  const tileOf = new Int32Array(n);
  const iterOf = new Int32Array(n);
  const unit = new Int32Array(n);
  const deps: { idx: number; latency: number }[][] = new Array(n);
  for (let tile = 0; tile < tiles; tile++) {
    const place = (j: JobTemplate, it: number): void => {
      const i = tile * perTile + offsetOf.get(j.id)!(it);
      template[i] = j;
      tileOf[i] = tile;
      iterOf[i] = it;
      unit[i] = j.phase === 'body' ? tile * iterations + it : hasBody ? -1 : tile;
      const list: { idx: number; latency: number }[] = [];
      for (const d of depsOf.get(j.id)!) {
        const from = spec.jobs[d.from];
        const at = d.which === 'same' ? it : d.which === 'previous' ? it - 1 : d.which === 'last' ? iterations - 1 : 0;
        if (at < 0) continue;
        list.push({ idx: tile * perTile + offsetOf.get(from.id)!(at), latency: d.latency });
      }
      deps[i] = list;
    };
    for (const j of pre) place(j, 0);
    for (let it = 0; it < iterations; it++) for (const j of body) place(j, it);
    for (const j of post) place(j, iterations - 1);
  }

  const units = hasBody ? tiles * iterations : tiles;
  const unitLeft = new Int32Array(units);
  const unitEnd = new Float64Array(units);
  for (let i = 0; i < n; i++) if (unit[i] >= 0) unitLeft[unit[i]]++;
  const start = new Float64Array(n).fill(NaN);
  const end = new Float64Array(n).fill(NaN);
  const done = new Uint8Array(n);
  const arrays: ArrayName[] = ['2d', '1d'];
  const freeAt: Record<ArrayName, number> = { '2d': 0, '1d': 0 };
  let left = n;
  let first = 0;
  let now = 0;
  const readyAt = (i: number): number => {
    let r = 0;
    if (unit[i] >= 0 && unit[i] - spec.window >= 0) {
      const u = unit[i] - spec.window;
      if (unitLeft[u] > 0) return Infinity;
      r = unitEnd[u];
    }
    for (const d of deps[i]) {
      if (!done[d.idx]) return Infinity;
      r = Math.max(r, end[d.idx] + d.latency);
    }
    return r;
  };
  const scanLimit = spec.jobs.length * (spec.window + 3);
  const begin = (i: number, a: ArrayName): void => {
    start[i] = now;
    end[i] = now + template[i].duration;
    done[i] = 1;
    left--;
    freeAt[a] = end[i];
    const u = unit[i];
    if (u >= 0) {
      unitLeft[u]--;
      unitEnd[u] = Math.max(unitEnd[u], end[i]);
    }
  };
  // An array's choice at `now`: the first job in stream order whose readiness is known; if it is
  // not ready yet, a later job that is ready may run only if it ends before that one is ready
  // (conservative backfilling: a lower-priority job never delays a higher-priority one).
  const choose = (a: ArrayName): number => {
    let headReady = -1;
    for (let i = first, seen = 0; i < n && seen < scanLimit; i++, seen++) {
      if (done[i] || template[i].array !== a) continue;
      const r = readyAt(i);
      if (r === Infinity) continue;
      if (headReady < 0) {
        if (r <= now) return i;
        headReady = r;
        continue;
      }
      if (r <= now && now + template[i].duration <= headReady) return i;
    }
    return -1;
  };
  while (left > 0) {
    while (first < n && done[first]) first++;
    // Free arrays pick in stream order of their choices, so a job that readies another array's
    // higher-priority work is placed before that array decides.
    let pick = -1;
    let pickArray: ArrayName = '2d';
    for (const a of arrays) {
      if (freeAt[a] > now) continue;
      const i = choose(a);
      if (i >= 0 && (pick < 0 || i < pick)) {
        pick = i;
        pickArray = a;
      }
    }
    if (pick >= 0) {
      begin(pick, pickArray);
      continue;
    }
    // Next event: an array finishing, or a waiting job becoming ready.
    let next = Infinity;
    for (const a of arrays) if (freeAt[a] > now) next = Math.min(next, freeAt[a]);
    for (let i = first, seen = 0; i < n && seen < scanLimit; i++, seen++) {
      if (done[i]) continue;
      const r = readyAt(i);
      if (r > now && r < next) next = r;
    }
    if (next === Infinity) throw new Error('spatial scheduler: no job can ever start (a dependency cycle in the loop body?)');
    now = next;
  }
  let makespan = 0;
  for (let i = 0; i < n; i++) makespan = Math.max(makespan, end[i]);
  return { makespan, start, end, template, tileOf, iterOf };
}

function listJobs(sim: Simulated): ScheduledJob[] {
  return sim.template.map((t, i) => ({ id: t.id, array: t.array, tile: sim.tileOf[i], iteration: sim.iterOf[i], start: sim.start[i], end: sim.end[i] }));
}
