import { grown, type Column } from './grow';
import type { PacketRecord } from '../capture/types';
import type { DecodedPacket } from '../decode/types';

/**
 * The per-packet columnar model: one typed array per field, grown by doubling, so ten
 * million packets cost ~60 bytes each instead of an object each. Row i is frame i+1.
 * Addresses are not stored per packet: the connection table (tcp/) holds them once.
 */
export class PacketTable {
  length = 0;
  private cap: number;
  /** Offset of the record in the (decompressed) stream — lets a view re-read the raw bytes. */
  offset: Float64Array;
  tsSec: Float64Array;
  tsNsec: Uint32Array;
  caplen: Uint32Array;
  wirelen: Uint32Array;
  iface: Uint16Array;
  /** 0 none, 4, 6. */
  ipVersion: Uint8Array;
  /** Bit 0: TCP decoded; other bits: Problem flags shifted left by 1 (see decode/types.ts). */
  status: Uint16Array;
  sport: Uint16Array;
  dport: Uint16Array;
  seq: Uint32Array;
  ack: Uint32Array;
  flags: Uint16Array;
  window: Uint16Array;
  payloadLength: Uint32Array;
  /** Connection index filled by the TCP tracker; -1 when not TCP. */
  conn: Int32Array;

  /**
   * Rows to reserve for a capture of `bytes` bytes: an upper bound on its packet count (the
   * smallest useful record is ~56 bytes). Reserving up front avoids copying columns as they
   * grow; pages never written are never touched, so the unused reserve costs no memory.
   */
  static capacityForFileSize(bytes: number): number {
    return Math.max(1024, Math.ceil(bytes / 56));
  }

  constructor(initialCapacity = 1024) {
    this.cap = initialCapacity;
    this.offset = new Float64Array(initialCapacity);
    this.tsSec = new Float64Array(initialCapacity);
    this.tsNsec = new Uint32Array(initialCapacity);
    this.caplen = new Uint32Array(initialCapacity);
    this.wirelen = new Uint32Array(initialCapacity);
    this.iface = new Uint16Array(initialCapacity);
    this.ipVersion = new Uint8Array(initialCapacity);
    this.status = new Uint16Array(initialCapacity);
    this.sport = new Uint16Array(initialCapacity);
    this.dport = new Uint16Array(initialCapacity);
    this.seq = new Uint32Array(initialCapacity);
    this.ack = new Uint32Array(initialCapacity);
    this.flags = new Uint16Array(initialCapacity);
    this.window = new Uint16Array(initialCapacity);
    this.payloadLength = new Uint32Array(initialCapacity);
    this.conn = new Int32Array(initialCapacity);
  }

  /** Appends one packet; returns its row. */
  append(rec: PacketRecord, p: DecodedPacket): number {
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    this.offset[i] = rec.offset;
    this.tsSec[i] = rec.tsSec;
    this.tsNsec[i] = rec.tsNsec;
    this.caplen[i] = rec.caplen;
    this.wirelen[i] = rec.wirelen;
    this.iface[i] = rec.iface;
    this.ipVersion[i] = p.ipVersion;
    this.status[i] = (p.isTcp ? 1 : 0) | (p.problems << 1);
    this.conn[i] = -1;
    if (p.isTcp) {
      this.sport[i] = p.sport;
      this.dport[i] = p.dport;
      this.seq[i] = p.seq;
      this.ack[i] = p.ack;
      this.flags[i] = p.flags;
      this.window[i] = p.window;
      this.payloadLength[i] = p.payloadLength;
    }
    return i;
  }

  isTcp(i: number): boolean {
    return (this.status[i] & 1) === 1;
  }

  /** Bytes held by the columns (capacity, not length). */
  byteSize(): number {
    return this.cap * (8 + 8 + 4 + 4 + 4 + 2 + 1 + 2 + 2 + 2 + 4 + 4 + 2 + 2 + 4 + 4);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Column>(a: T): T => grown(a, cap);
    this.offset = g(this.offset);
    this.tsSec = g(this.tsSec);
    this.tsNsec = g(this.tsNsec);
    this.caplen = g(this.caplen);
    this.wirelen = g(this.wirelen);
    this.iface = g(this.iface);
    this.ipVersion = g(this.ipVersion);
    this.status = g(this.status);
    this.sport = g(this.sport);
    this.dport = g(this.dport);
    this.seq = g(this.seq);
    this.ack = g(this.ack);
    this.flags = g(this.flags);
    this.window = g(this.window);
    this.payloadLength = g(this.payloadLength);
    this.conn = g(this.conn);
    this.cap = cap;
  }
}
