// Transactions (one read or write of `requestBytes`) in struct-of-arrays form: the controller
// passes integer ids around and never allocates an object per request. Ids are recycled: a
// transaction's slot returns to the pool once its data has been scheduled (RD/WR issued) or it
// was served without a command, so the arrays hold only what is in flight (a few hundred
// slots) however long the run. That matters for speed, not only memory: first touches of
// fresh pages cost more than the whole simulation of the requests that use them.

export class TransactionStore {
  /** Slots in use. */
  size = 0;
  address = new Float64Array(0);
  isWrite = new Uint8Array(0);
  /** Cycle the controller accepted the transaction (DRAMsim3 added_cycle). */
  addedCycle = new Float64Array(0);
  /** Bank index inside the channel (see ChannelState.bankIndex). */
  bank = new Int32Array(0);
  /** Command queue inside the channel (the bank's, or the rank's for per-rank queues). */
  queue = new Int32Array(0);
  row = new Int32Array(0);
  column = new Int32Array(0);
  /** Next pending read of the same address (reads to one address share one RD), -1 at the end. */
  nextSameAddress = new Int32Array(0);
  /** Arrival order and next transaction in the same transaction-queue FIFO (transaction-queue.ts). */
  seq = new Float64Array(0);
  link = new Int32Array(0);
  private free = new Int32Array(0);
  private freeCount = 0;

  constructor(initialCapacity = 256) {
    this.grow(Math.max(16, initialCapacity));
  }

  add(address: number, isWrite: boolean): number {
    if (this.freeCount === 0) this.grow(this.address.length * 2);
    const id = this.free[--this.freeCount];
    this.size++;
    this.address[id] = address;
    this.isWrite[id] = isWrite ? 1 : 0;
    this.addedCycle[id] = -1;
    this.nextSameAddress[id] = -1;
    return id;
  }

  /** Return a slot to the pool (the caller holds no other reference to `id`). */
  release(id: number): void {
    this.free[this.freeCount++] = id;
    this.size--;
  }

  private grow(capacity: number): void {
    const old = this.address.length;
    this.address = copy(new Float64Array(capacity), this.address);
    this.isWrite = copy(new Uint8Array(capacity), this.isWrite);
    this.addedCycle = copy(new Float64Array(capacity), this.addedCycle);
    this.bank = copy(new Int32Array(capacity), this.bank);
    this.queue = copy(new Int32Array(capacity), this.queue);
    this.row = copy(new Int32Array(capacity), this.row);
    this.column = copy(new Int32Array(capacity), this.column);
    this.nextSameAddress = copy(new Int32Array(capacity), this.nextSameAddress);
    this.seq = copy(new Float64Array(capacity), this.seq);
    this.link = copy(new Int32Array(capacity), this.link);
    const free = new Int32Array(capacity);
    free.set(this.free.subarray(0, this.freeCount));
    // New slots go on the stack highest first, so ids are handed out in increasing order.
    for (let id = capacity - 1; id >= old; id--) free[this.freeCount++] = id;
    this.free = free;
  }
}

function copy<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}
