/**
 * Finds the connection of a packet by its address/port 4-tuple without building a string
 * key: the tuple is hashed straight from the packet bytes into an open-addressing table of
 * connection ids (typed arrays), and candidates are confirmed by comparing bytes. Both
 * directions of a connection hash alike, so one lookup finds it either way round.
 */
export interface FlowEndpoints {
  ipVersion: number;
  /** Address bytes of endpoint A (the first packet's source) and B. */
  addrA: Uint8Array;
  addrB: Uint8Array;
  portA: number;
  portB: number;
}

const EMPTY = -1;

function mix(h: number, v: number): number {
  h ^= v;
  return Math.imul(h, 0x01000193) >>> 0; // FNV-1a step on 32-bit words
}

export class FlowTable<T extends FlowEndpoints> {
  private slots: Int32Array;
  private hashes: Uint32Array;
  private mask: number;
  private count = 0;
  readonly flows: T[] = [];

  constructor(initialSlots = 1024) {
    let n = 16;
    while (n < initialSlots) n *= 2;
    this.slots = new Int32Array(n).fill(EMPTY);
    this.hashes = new Uint32Array(n);
    this.mask = n - 1;
  }

  /** Direction-independent hash of the tuple in `d`. */
  static hash(d: Uint8Array, srcOff: number, dstOff: number, alen: number, sport: number, dport: number): number {
    let hs = 0x811c9dc5, hd = 0x811c9dc5;
    for (let i = 0; i < alen; i += 4) {
      hs = mix(hs, (d[srcOff + i] << 24) | (d[srcOff + i + 1] << 16) | (d[srcOff + i + 2] << 8) | d[srcOff + i + 3]);
      hd = mix(hd, (d[dstOff + i] << 24) | (d[dstOff + i + 1] << 16) | (d[dstOff + i + 2] << 8) | d[dstOff + i + 3]);
    }
    hs = mix(hs, sport);
    hd = mix(hd, dport);
    // Symmetric combination: (a,b) and (b,a) give the same value.
    return (Math.imul(hs ^ hd, 0x9e3779b1) + hs + hd) >>> 0;
  }

  /**
   * The id of the flow for this tuple, or -1. `dirOut[0]` is set to 0 when the packet goes
   * A→B, 1 when B→A.
   */
  find(d: Uint8Array, srcOff: number, dstOff: number, alen: number, sport: number, dport: number, hash: number, dirOut: Int32Array): number {
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i];
      if (id === EMPTY) return -1;
      if (this.hashes[i] !== hash) continue;
      const f = this.flows[id];
      if (f.addrA.length !== alen) continue;
      if (f.portA === sport && f.portB === dport && same(f.addrA, d, srcOff) && same(f.addrB, d, dstOff)) {
        dirOut[0] = 0;
        return id;
      }
      if (f.portB === sport && f.portA === dport && same(f.addrB, d, srcOff) && same(f.addrA, d, dstOff)) {
        dirOut[0] = 1;
        return id;
      }
    }
  }

  /** Adds a flow (or replaces the tuple's current flow, for port reuse); returns its id. */
  insert(flow: T, hash: number, replaceId = -1): number {
    const id = this.flows.length;
    this.flows.push(flow);
    if (replaceId >= 0) {
      for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
        if (this.slots[i] === replaceId) {
          this.slots[i] = id;
          return id;
        }
      }
    }
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(id, hash);
    this.count++;
    return id;
  }

  private place(id: number, hash: number): void {
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      if (this.slots[i] === EMPTY) {
        this.slots[i] = id;
        this.hashes[i] = hash;
        return;
      }
    }
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    const n = oldSlots.length * 2;
    this.slots = new Int32Array(n).fill(EMPTY);
    this.hashes = new Uint32Array(n);
    this.mask = n - 1;
    for (let i = 0; i < oldSlots.length; i++) if (oldSlots[i] !== EMPTY) this.place(oldSlots[i], oldHashes[i]);
  }
}

function same(a: Uint8Array, d: Uint8Array, off: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== d[off + i]) return false;
  return true;
}
