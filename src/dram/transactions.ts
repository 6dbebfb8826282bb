// Transactions (one read or write of `requestBytes`) in struct-of-arrays form: the controller
// passes integer ids around and never allocates an object per request. Arrays grow by
// doubling, so a run of N requests allocates O(log N) times.

export class TransactionStore {
  size = 0;
  address = new Float64Array(0);
  isWrite = new Uint8Array(0);
  /** Cycle the controller accepted the transaction (DRAMsim3 added_cycle). */
  addedCycle = new Float64Array(0);
  /** Cycle the data is back (reads) or the write is acknowledged; -1 while pending. */
  completeCycle = new Float64Array(0);
  channel = new Int32Array(0);
  /** Bank index inside the channel (see ChannelState.bankIndex). */
  bank = new Int32Array(0);
  row = new Int32Array(0);
  column = new Int32Array(0);
  /** Next pending read of the same address (reads to one address share one RD), -1 at the end. */
  nextSameAddress = new Int32Array(0);

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  add(address: number, isWrite: boolean): number {
    if (this.size === this.address.length) this.grow(this.size * 2);
    const id = this.size++;
    this.address[id] = address;
    this.isWrite[id] = isWrite ? 1 : 0;
    this.addedCycle[id] = -1;
    this.completeCycle[id] = -1;
    this.nextSameAddress[id] = -1;
    return id;
  }

  private grow(capacity: number): void {
    const c = Math.max(capacity, 16);
    this.address = copy(new Float64Array(c), this.address);
    this.isWrite = copy(new Uint8Array(c), this.isWrite);
    this.addedCycle = copy(new Float64Array(c), this.addedCycle);
    this.completeCycle = copy(new Float64Array(c), this.completeCycle);
    this.channel = copy(new Int32Array(c), this.channel);
    this.bank = copy(new Int32Array(c), this.bank);
    this.row = copy(new Int32Array(c), this.row);
    this.column = copy(new Int32Array(c), this.column);
    this.nextSameAddress = copy(new Int32Array(c), this.nextSameAddress);
  }
}

function copy<T extends Float64Array | Int32Array | Uint8Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}
