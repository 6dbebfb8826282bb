// A non-preemptive list schedule of a dependence graph on two resources, the banks and the host.
// Each resource runs one task at a time. Whenever a resource can start something, it starts,
// among the tasks whose producers have all finished by then, the one with the highest priority
// (the longest remaining path, so the critical chain goes first and independent work fills the
// gaps); it idles only when nothing is ready, or when a task of higher priority becomes ready
// within a quarter of the time the ready one would take (starting the filler would delay the
// critical chain by more than the wait costs, and the filler can fill a later gap). Decisions are taken in time order, so a bank task
// is issued to the DRAM model in the order of its start cycle and the channel state only moves
// forward. The caller runs a task when it starts and returns when it finishes (a bank task's
// duration is what the DRAM timing makes of its commands).

export type Resource = 'banks' | 'host';

/** A resource waits for a more urgent task if the wait is at most this share of the ready task's estimated duration. */
export const LOOKAHEAD = 0.25;

export interface SchedulableTask {
  resource: Resource;
  /** Tasks (indices, all smaller than this task's) whose results this task reads. */
  deps: readonly number[];
}

export interface TaskTiming {
  start: number;
  /** When its results are available to the tasks that read them. */
  finish: number;
  /** When its resource may start the next task (≤ finish: a bank task's last read-out may still be on the bus). */
  freeAt: number;
}

/**
 * Schedule `tasks` (a topological order: deps point backwards) by `priority` (higher first; ties
 * to the earlier task). `run(i, start)` executes task i from `start` and says when its results
 * are ready and when its resource is free again.
 */
export function listSchedule(tasks: readonly SchedulableTask[], priority: ArrayLike<number>, estimate: ArrayLike<number>, run: (task: number, start: number) => { finish: number; freeAt: number }): TaskTiming[] {
  const n = tasks.length;
  const timing: TaskTiming[] = new Array(n);
  const waiting = new Int32Array(n);
  const readyAt = new Float64Array(n);
  const successors: number[][] = Array.from({ length: n }, () => []);
  tasks.forEach((t, i) => {
    waiting[i] = t.deps.length;
    for (const d of t.deps) {
      if (d >= i) throw new Error(`task ${i} depends on a later task ${d}`);
      successors[d].push(i);
    }
  });
  const released: Record<Resource, number[]> = { banks: [], host: [] };
  const free: Record<Resource, number> = { banks: 0, host: 0 };
  for (let i = 0; i < n; i++) if (waiting[i] === 0) released[tasks[i].resource].push(i);

  /** The task `resource` would start next and when, or null when it has nothing released. */
  const choose = (resource: Resource): { task: number; at: number; slot: number } | null => {
    const list = released[resource];
    if (list.length === 0) return null;
    let at = Infinity;
    for (const i of list) at = Math.min(at, Math.max(free[resource], readyAt[i]));
    const better = (i: number, j: number) => priority[i] > priority[j] || (priority[i] === priority[j] && i < j);
    let best = -1;
    let first = 0;
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      if (better(i, list[first])) first = k;
      if (readyAt[i] > at) continue;
      if (best < 0 || better(i, list[best])) best = k;
    }
    const wait = Math.max(free[resource], readyAt[list[first]]) - at;
    if (first !== best && wait <= LOOKAHEAD * estimate[list[best]]) return { task: list[first], at: at + wait, slot: first };
    return { task: list[best], at, slot: best };
  };

  for (let done = 0; done < n; done++) {
    const h = choose('host');
    const b = choose('banks');
    // The earlier decision first; on a tie the host (a zero-length host task can release a bank task at the same cycle).
    let pick: { task: number; at: number; slot: number; resource: Resource };
    if (h && (!b || h.at <= b.at)) pick = { ...h, resource: 'host' };
    else if (b) pick = { ...b, resource: 'banks' };
    else throw new Error('dependence cycle among PIM tasks');
    const list = released[pick.resource];
    list[pick.slot] = list[list.length - 1];
    list.pop();
    const { finish, freeAt } = run(pick.task, pick.at);
    timing[pick.task] = { start: pick.at, finish, freeAt };
    free[pick.resource] = freeAt;
    for (const s of successors[pick.task]) {
      readyAt[s] = Math.max(readyAt[s], finish);
      if (--waiting[s] === 0) released[tasks[s].resource].push(s);
    }
  }
  return timing;
}

/** Total length of the union of intervals (start, finish). */
export function unionLength(intervals: Iterable<{ start: number; finish: number }>): number {
  const list = [...intervals].filter((x) => x.finish > x.start).sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -Infinity;
  for (const x of list) {
    if (x.start >= end) {
      total += x.finish - x.start;
      end = x.finish;
    } else if (x.finish > end) {
      total += x.finish - end;
      end = x.finish;
    }
  }
  return total;
}
