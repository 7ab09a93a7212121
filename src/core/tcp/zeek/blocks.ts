/**
 * The sequence-space bookkeeping of Zeek's reassembler, without the bytes: a sorted list of
 * disjoint [lo, hi) ranges of relative sequence numbers, kept per segment exactly as Zeek keeps
 * its DataBlocks (zeek/src/Reassem.cc, DataBlockList::Insert / Trim). Blocks are not merged:
 * Zeek trims whole blocks only (a block is dropped once an ack covers its upper end), and
 * "has blocks" decides whether a close is deferred, so merging would change observable results.
 *
 * Two parallel number arrays (no object per block); in-order arrival, by far the common case,
 * is a push.
 */
export class BlockList {
  private readonly los: number[] = [];
  private readonly his: number[] = [];
  /** Sum of block sizes (DataBlockList::DataSize). */
  dataSize = 0;

  get length(): number {
    return this.los.length;
  }

  lo(i: number): number {
    return this.los[i];
  }

  hi(i: number): number {
    return this.his[i];
  }

  lastUpper(): number {
    return this.his[this.his.length - 1];
  }

  clear(): void {
    this.los.length = 0;
    this.his.length = 0;
    this.dataSize = 0;
  }

  /** Inserts [lo, hi) as a new block at index i (no overlap checks). */
  private rawInsert(i: number, lo: number, hi: number): number {
    if (i === this.los.length) {
      this.los.push(lo);
      this.his.push(hi);
    } else {
      this.los.splice(i, 0, lo);
      this.his.splice(i, 0, hi);
    }
    this.dataSize += hi - lo;
    return i;
  }

  /**
   * Adds the parts of [seq, upper) not already covered, as Zeek's DataBlockList::Insert does,
   * and returns the index Zeek would return: the first newly inserted piece, or the existing
   * block in which `seq` falls when no piece starts before it (Zeek then hands that block to
   * BlockInserted, which delivers nothing new from it).
   */
  insert(seq: number, upper: number): number {
    // First block whose upper end lies beyond seq (blocks are sorted and disjoint).
    const n = this.los.length;
    let i = n;
    if (n > 0 && this.his[n - 1] > seq) {
      let a = 0;
      let b = n - 1;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.his[m] > seq) b = m;
        else a = m + 1;
      }
      i = a;
    }
    if (i === n) return this.rawInsert(n, seq, upper);
    if (upper <= this.los[i]) return this.rawInsert(i, seq, upper);
    let rval: number;
    let rvalIsExisting = false;
    if (seq < this.los[i]) {
      rval = this.rawInsert(i, seq, this.los[i]);
      i++; // the block we overlap moved one place up
      seq = this.los[i];
    } else {
      rval = i;
      rvalIsExisting = true;
    }
    const bHi = this.his[i];
    if (upper > bHi) {
      // Recurse on the remainder beyond the overlapped block.
      const r = this.insert(bHi, upper);
      if (rvalIsExisting) rval = r;
    }
    return rval;
  }

  /** Removes the first `k` blocks. */
  removeFront(k: number): void {
    if (k <= 0) return;
    for (let j = 0; j < k; j++) this.dataSize -= this.his[j] - this.los[j];
    this.los.splice(0, k);
    this.his.splice(0, k);
  }
}
