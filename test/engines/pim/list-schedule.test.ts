// The two-resource list schedule on hand-made graphs: dependences hold, a resource runs one task
// at a time, the longest remaining path goes first, independent work fills the gaps, and a
// resource waits briefly for an urgent task rather than start a long filler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listSchedule, unionLength, type Resource } from '../../../src/engines/pim/list-schedule.js';

interface T {
  resource: Resource;
  deps: number[];
  duration: number;
}

function schedule(tasks: T[], priority = tasks.map(() => 0)) {
  return listSchedule(tasks, priority, tasks.map((t) => t.duration), (i, start) => ({ finish: start + tasks[i].duration, freeAt: start + tasks[i].duration }));
}

describe('listSchedule', () => {
  it('runs a chain back to back, and independent tasks on the two resources at once', () => {
    const chain = schedule([
      { resource: 'banks', deps: [], duration: 10 },
      { resource: 'host', deps: [0], duration: 5 },
      { resource: 'banks', deps: [1], duration: 10 },
    ]);
    expect(chain.map((x) => [x.start, x.finish])).toEqual([[0, 10], [10, 15], [15, 25]]);
    const parallel = schedule([
      { resource: 'banks', deps: [], duration: 10 },
      { resource: 'host', deps: [], duration: 5 },
    ]);
    expect(parallel.map((x) => x.start)).toEqual([0, 0]);
  });

  it('starts the task with the longest remaining path first, and fills the host gap with independent bank work', () => {
    // 0 (banks) → 1 (host) → 2 (banks); 3 (banks) is independent. Priority: 0 before 3.
    const tasks: T[] = [
      { resource: 'banks', deps: [], duration: 10 },
      { resource: 'host', deps: [0], duration: 8 },
      { resource: 'banks', deps: [1], duration: 10 },
      { resource: 'banks', deps: [], duration: 8 },
    ];
    const t = schedule(tasks, [28, 18, 10, 8]);
    expect(t[0].start).toBe(0);
    expect(t[3].start).toBe(10); // while the host works
    expect(t[2].start).toBe(18);
    expect(Math.max(...t.map((x) => x.finish))).toBe(28);
  });

  it('waits for an urgent task that is ready within a quarter of the filler’s time instead of starting the filler', () => {
    const tasks: T[] = [
      { resource: 'host', deps: [], duration: 2 },
      { resource: 'banks', deps: [0], duration: 10 }, // urgent, ready at 2
      { resource: 'banks', deps: [], duration: 20 }, // filler, ready at 0
    ];
    const t = schedule(tasks, [100, 50, 20]);
    expect(t[1].start).toBe(2);
    expect(t[2].start).toBe(12);
    // A filler shorter than 4× the wait goes first.
    const short = schedule([tasks[0], tasks[1], { resource: 'banks', deps: [], duration: 4 }], [100, 50, 4]);
    expect(short[2].start).toBe(0);
  });

  it('a resource becomes free at freeAt, while dependants wait for finish', () => {
    const tasks: T[] = [
      { resource: 'banks', deps: [], duration: 10 },
      { resource: 'banks', deps: [], duration: 10 },
      { resource: 'host', deps: [0], duration: 1 },
    ];
    const t = listSchedule(tasks, [3, 2, 1], [10, 10, 1], (i, start) => (i === 0 ? { finish: start + 10, freeAt: start + 7 } : { finish: start + tasks[i].duration, freeAt: start + tasks[i].duration }));
    expect(t[1].start).toBe(7);
    expect(t[2].start).toBe(10);
  });

  it('on random graphs: no task before its producers finish, one task per resource at a time, never slower than one after another', () => {
    const graph = fc.array(fc.record({ host: fc.boolean(), duration: fc.integer({ min: 1, max: 20 }), deps: fc.array(fc.nat(), { maxLength: 3 }) }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(graph, (raw) => {
        const tasks: T[] = raw.map((r, i) => ({ resource: r.host ? 'host' : 'banks', duration: r.duration, deps: i === 0 ? [] : [...new Set(r.deps.map((d) => d % i))] }));
        const t = schedule(tasks, tasks.map((_, i) => -i));
        tasks.forEach((task, i) => task.deps.forEach((d) => expect(t[i].start).toBeGreaterThanOrEqual(t[d].finish)));
        for (const res of ['banks', 'host'] as const) {
          const mine = t.filter((_, i) => tasks[i].resource === res).sort((a, b) => a.start - b.start);
          for (let k = 1; k < mine.length; k++) expect(mine[k].start).toBeGreaterThanOrEqual(mine[k - 1].freeAt);
        }
        const end = Math.max(...t.map((x) => x.finish));
        const busy = (res: Resource) => tasks.filter((x) => x.resource === res).reduce((s, x) => s + x.duration, 0);
        expect(end).toBeGreaterThanOrEqual(Math.max(busy('banks'), busy('host')));
        // Never slower than running everything one after another.
        expect(end).toBeLessThanOrEqual(busy('banks') + busy('host'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('unionLength', () => {
  it('counts overlapping intervals once', () => {
    expect(unionLength([{ start: 0, finish: 10 }, { start: 5, finish: 15 }, { start: 20, finish: 25 }, { start: 21, finish: 22 }])).toBe(20);
    expect(unionLength([])).toBe(0);
  });
});
