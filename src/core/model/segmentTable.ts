import { grown, type Column } from './grow';
/**
 * The per-segment model every view reads: one row per TCP segment, one typed array per
 * column, 47 bytes a row. Row order is capture order.
 */
export class SegmentTable {
  length = 0;
  private cap: number;
  /** 1-based frame number. */
  frame: Uint32Array;
  /** Connection (stream) index. */
  conn: Uint32Array;
  /** Nanoseconds since the capture's first packet (exact integers up to 104 days). */
  time: Float64Array;
  /** Relative sequence / acknowledgement numbers (tshark's tcp.seq / tcp.ack). */
  seq: Uint32Array;
  ack: Uint32Array;
  /** TCP payload length (tshark's tcp.len). */
  len: Uint32Array;
  /** Raw window field, and the window in bytes (scaled when the scale is known: tshark's tcp.window_size). */
  window: Uint16Array;
  windowBytes: Uint32Array;
  /** Low 12 bits: TCP flags; bit 15: sent by endpoint B (the first packet's destination). */
  flagsDir: Uint16Array;
  /** Analysis bits (tcp/analysisFlags.ts). */
  analysis: Uint16Array;
  /** Endpoint A's state (low nibble) and B's (high nibble) after this segment (tcp/state.ts). */
  states: Uint8Array;
  /** Frame this segment acknowledges (0 = none). */
  acksFrame: Uint32Array;
  /** Bytes in flight after this segment, -1 when not computed. */
  bytesInFlight: Int32Array;
  /** Rare per-segment facts kept sparsely: duplicate-ACK number and original frame, by row. */
  readonly dupAck = new Map<number, { num: number; frame: number }>();

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity);
    const n = this.cap;
    this.frame = new Uint32Array(n);
    this.conn = new Uint32Array(n);
    this.time = new Float64Array(n);
    this.seq = new Uint32Array(n);
    this.ack = new Uint32Array(n);
    this.len = new Uint32Array(n);
    this.window = new Uint16Array(n);
    this.windowBytes = new Uint32Array(n);
    this.flagsDir = new Uint16Array(n);
    this.analysis = new Uint16Array(n);
    this.states = new Uint8Array(n);
    this.acksFrame = new Uint32Array(n);
    this.bytesInFlight = new Int32Array(n);
  }

  /** Bytes per row of the columns above. */
  static readonly ROW_BYTES = 4 + 4 + 8 + 4 + 4 + 4 + 2 + 4 + 2 + 2 + 1 + 4 + 4;

  /** Reserves a row and returns its index; the caller fills the columns. */
  add(): number {
    if (this.length === this.cap) this.grow();
    return this.length++;
  }

  byteSize(): number {
    return this.cap * SegmentTable.ROW_BYTES;
  }

  /** Row of `frame` (frames increase with rows), or -1. */
  rowOfFrame(frame: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.frame[mid];
      if (v === frame) return mid;
      if (v < frame) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  fromB(row: number): boolean {
    return (this.flagsDir[row] & 0x8000) !== 0;
  }

  tcpFlags(row: number): number {
    return this.flagsDir[row] & 0x0fff;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Column>(a: T): T => grown(a, cap);
    this.frame = g(this.frame);
    this.conn = g(this.conn);
    this.time = g(this.time);
    this.seq = g(this.seq);
    this.ack = g(this.ack);
    this.len = g(this.len);
    this.window = g(this.window);
    this.windowBytes = g(this.windowBytes);
    this.flagsDir = g(this.flagsDir);
    this.analysis = g(this.analysis);
    this.states = g(this.states);
    this.acksFrame = g(this.acksFrame);
    this.bytesInFlight = g(this.bytesInFlight);
    this.cap = cap;
  }
}
