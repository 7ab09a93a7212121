import { readU16, readU32 } from './bytes';

/**
 * Cuts a byte stream that arrives in arbitrary chunks into the format's units (pcap records,
 * pcapng blocks) without copying whole chunks: units that lie inside one chunk are handed
 * over as views of it; only a unit that straddles a chunk boundary is assembled in a carry
 * buffer, which grows to the largest such unit (bounded by the format's own size limit).
 */
export abstract class UnitFramer {
  /** Byte order of the headers being read (set by the format's file/section header). */
  protected le = true;
  /** Stream offset of the first byte of the chunk being pushed. */
  protected streamOffset = 0;
  private carry = new Uint8Array(64 * 1024);
  private carryLength = 0;
  private carryOffset = 0;
  protected stopped = false;

  protected u32(b: Uint8Array, o: number): number {
    return readU32(b, o, this.le);
  }

  protected u16(b: Uint8Array, o: number): number {
    return readU16(b, o, this.le);
  }

  /** Bytes needed before `unitSize` can be called. */
  protected abstract headerSize(): number;
  /** Total size of the unit starting at `off` (header present), or -1 to stop (fatal, already reported). */
  protected abstract unitSize(buf: Uint8Array, off: number, streamOffset: number): number;
  /** Handle one complete unit. */
  protected abstract unit(buf: Uint8Array, off: number, size: number, streamOffset: number): void;

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    const n = chunk.length;
    let pos = 0;
    // 1. Finish the unit carried over from earlier chunks.
    while (this.carryLength > 0 && pos < n && !this.stopped) {
      const h = this.headerSize();
      if (this.carryLength < h) {
        pos += this.appendCarry(chunk, pos, Math.min(h - this.carryLength, n - pos));
        if (this.carryLength < h) break;
      }
      const size = this.unitSize(this.carry, 0, this.carryOffset);
      if (size < 0) { this.stopped = true; break; }
      pos += this.appendCarry(chunk, pos, Math.min(size - this.carryLength, n - pos));
      if (this.carryLength === size) {
        this.carryLength = 0;
        this.unit(this.carry, 0, size, this.carryOffset);
      }
    }
    // 2. Units wholly inside this chunk: zero-copy.
    while (!this.stopped && this.carryLength === 0) {
      const avail = n - pos;
      if (avail === 0 || avail < this.headerSize()) break;
      const size = this.unitSize(chunk, pos, this.streamOffset + pos);
      if (size < 0) { this.stopped = true; break; }
      if (avail < size) break;
      this.unit(chunk, pos, size, this.streamOffset + pos);
      pos += size;
    }
    // 3. Keep the incomplete tail.
    if (!this.stopped && pos < n) {
      if (this.carryLength === 0) this.carryOffset = this.streamOffset + pos;
      this.appendCarry(chunk, pos, n - pos);
    }
    this.streamOffset += n;
  }

  /** Bytes held back because the stream ended inside a unit. */
  protected pendingBytes(): number {
    return this.carryLength;
  }

  protected pendingOffset(): number {
    return this.carryOffset;
  }

  protected pendingView(): Uint8Array {
    return this.carry.subarray(0, this.carryLength);
  }

  private appendCarry(src: Uint8Array, from: number, count: number): number {
    if (count <= 0) return 0;
    const need = this.carryLength + count;
    if (need > this.carry.length) {
      let cap = this.carry.length;
      while (cap < need) cap *= 2;
      const bigger = new Uint8Array(cap);
      bigger.set(this.carry.subarray(0, this.carryLength));
      this.carry = bigger;
    }
    this.carry.set(src.subarray(from, from + count), this.carryLength);
    this.carryLength = need;
    return count;
  }
}
