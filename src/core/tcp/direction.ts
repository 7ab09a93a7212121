/**
 * What the analysis remembers about one direction of a connection (one sender), modelled on
 * Wireshark 4.0's per-flow `tcp_flow_t` / `tcp_analyze_seq_info` so that the analysis flags
 * come out as tshark computes them (docs/notes/wireshark-tcp-analysis.md). Sequence numbers
 * here are RAW, and, as in Wireshark, 0 doubles as "not yet set" for nextseq,
 * maxseqtobeacked and lastack.
 */
export class DirectionState {
  /** Relative numbering base (ISN, or first seq − 1 when the SYN was not captured). */
  base = 0;
  baseSet = false;
  /** Window scale shift: -1 unknown (no SYN seen), -2 scaling not in use, else 0..14. */
  winScale = -1;
  /** Last raw window field; 0xFFFFFFFF before this side sent anything (never "zero"). */
  window = 0xffffffff;
  /** Set by a SYN, cleared by the first non-SYN ACK: the SYN's window is never scaled. */
  isFirstAck = false;
  /** Sum of (right − left) of this side's latest SACK blocks (up to 3), for bytes in flight. */
  sackSpan = 0;

  nextseq = 0;
  nextseqFrame = 0;
  nextseqTime = 0;
  maxseqtobeacked = 0;
  lastack = 0;
  lastackTime = 0;
  lastSegmentFlags = 0;
  /** Unsigned 32-bit in Wireshark; 4.0.17 sets it to 0xFFFFFFFF after an ACKed-unseen check. */
  dupacknum = 0;
  lastnondupack = 0;
  /** Bytes-in-flight tracking is suspended after a lost segment until data is acknowledged. */
  validBif = true;

  /**
   * Segments sent but not yet acknowledged, newest last: [frame, seq, nextseq, time] × count.
   * Kept in one growable Float64Array (no object per segment).
   */
  unacked: Float64Array = EMPTY_UNACKED;
  unackedCount = 0;

  /**
   * Payload bytes by sequence space: the span from the first byte to the highest seen, so a
   * retransmission does not count twice (`payloadBytes` counts every segment's tcp.len).
   */
  sequenceBytes(): number {
    if (this.nextseq === 0 || !this.baseSet) return 0;
    const span = u32(this.nextseq - this.base - 1);
    const fin = this.finFrame !== 0 ? 1 : 0;
    return span >= fin && span < 0x80000000 ? span - fin : 0;
  }

  /** Handshake and accounting facts for this sender. */
  isn = 0;
  synFrame = 0;
  synTime = 0;
  synCount = 0;
  /** SYNs without ACK sent (more than one: the SYN was retransmitted). */
  bareSyns = 0;
  /** This side has sent a SYN-ACK. */
  sentSynAck = false;
  mss = -1;
  /** Window-scale shift offered on this side's SYN (-1 = none). */
  synWscale = -1;
  sackPermitted = false;
  timestamps = false;
  tfoCookie = false;
  ecnSetup = false;
  dataOnSyn = 0;
  packets = 0;
  payloadBytes = 0;
  capturedBytes = 0;
  firstFrame = 0;
  lastFrame = 0;
  finFrame = 0;
  /** Relative sequence number of this side's first FIN (the FIN occupies seq = finSeq). */
  finSeq = -1;
  rstFrame = 0;

  pushUnacked(frame: number, seq: number, nextseq: number, time: number): void {
    const i = this.unackedCount * 4;
    if (i + 4 > this.unacked.length) {
      const bigger = new Float64Array(Math.max(32, this.unacked.length * 2));
      bigger.set(this.unacked);
      this.unacked = bigger;
    }
    this.unacked[i] = frame;
    this.unacked[i + 1] = seq;
    this.unacked[i + 2] = nextseq;
    this.unacked[i + 3] = time;
    this.unackedCount++;
  }

}

/** Shared empty list: most directions never hold more than a few unacknowledged segments. */
const EMPTY_UNACKED = new Float64Array(0);

/** Relative sequence arithmetic on the 32-bit circle (RFC 1982 style), as Wireshark's GT_SEQ etc. */
export function seqGt(a: number, b: number): boolean {
  return ((b - a) | 0) < 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function u32(x: number): number {
  return x >>> 0;
}
