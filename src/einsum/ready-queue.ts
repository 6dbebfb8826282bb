// The ready set of Kahn's algorithm (graph.ts): take the node with the smallest priority, ties to
// the node that became ready first. A binary heap on (priority, arrival), so a network with a
// thousand ready weights costs log n per step instead of a scan of the whole set.

export class ReadyQueue {
  private readonly heap: { node: string; priority: number; arrival: number }[] = [];
  private arrivals = 0;

  constructor(private readonly priorityOf: (node: string) => number) {}

  get size(): number {
    return this.heap.length;
  }

  push(node: string): void {
    const heap = this.heap;
    heap.push({ node, priority: this.priorityOf(node), arrival: this.arrivals++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The first node in (priority, arrival) order; the queue must not be empty. */
  pop(): string {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as (typeof heap)[number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let first = i;
        if (left < heap.length && before(heap[left], heap[first])) first = left;
        if (right < heap.length && before(heap[right], heap[first])) first = right;
        if (first === i) break;
        [heap[i], heap[first]] = [heap[first], heap[i]];
        i = first;
      }
    }
    return top.node;
  }
}

function before(a: { priority: number; arrival: number }, b: { priority: number; arrival: number }): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.arrival < b.arrival);
}
