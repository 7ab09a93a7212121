import { Analysis } from './analysisFlags';
import { seqGt, seqLe, seqLt, u32, type DirectionState } from './direction';
import { TcpFlag } from '../decode/types';

/** One segment as the analysis sees it: RAW seq/ack, times in ns since the capture's first packet. */
export interface AnalysisInput {
  frame: number;
  time: number;
  seq: number;
  ack: number;
  len: number;
  flags: number;
  /** Raw window field. */
  window: number;
}

/** What the analysis concludes for one segment. */
export interface AnalysisResult {
  flags: number;
  dupAckNum: number;
  dupAckFrame: number;
  /** Frame this segment acknowledges (0 = none) and the RTT sample in ns. */
  acksFrame: number;
  ackRtt: number;
  /** Bytes in flight after this segment (-1 = not computed). */
  bytesInFlight: number;
}

const MAX_UNACKED = 10000;
const SYN_FIN_RST = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST;
const DUP_MAX = 0xffffffff;
const FAST_RETRANSMISSION_WINDOW_NS = 20_000_000;
const DEFAULT_OOO_THRESHOLD_NS = 3_000_000;

/**
 * Wireshark 4.0's TCP sequence analysis (tcp_analyze_sequence_number in packet-tcp.c), rule by
 * rule in its order and with its precedence; see docs/notes/wireshark-tcp-analysis.md §4 for
 * each rule and the oracle frames that pin it down. `firstRtt` is the conversation's handshake
 * RTT (ns), 0 while unknown.
 */
export function analyzeSequence(fwd: DirectionState, rev: DirectionState, s: AnalysisInput, firstRtt: number, out: AnalysisResult): void {
  let flags = 0;
  const seq = s.seq;
  const ack = s.ack;
  const seglen = s.len;
  const win = s.window;
  const hasAck = (s.flags & TcpFlag.ACK) !== 0;
  const synOrFin = (s.flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
  const noSfr = (s.flags & SYN_FIN_RST) === 0;
  out.dupAckNum = 0;
  out.dupAckFrame = 0;
  out.acksFrame = 0;
  out.ackRtt = 0;
  out.bytesInFlight = -1;
  if (hasAck) rev.validBif = true; // any ACK re-enables the other side's bytes-in-flight

  fwdChecks: {
    // 1 ZERO WINDOW PROBE: one byte at the next expected seq while the peer's window is zero.
    if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
      flags |= Analysis.ZeroWindowProbe;
      break fwdChecks;
    }
    // 2 ZERO WINDOW: a zero window that is not on a SYN, FIN or RST.
    if (win === 0 && noSfr) flags |= Analysis.ZeroWindow;
    // 3 PREVIOUS SEGMENT NOT CAPTURED: beyond the next expected seq (not for RSTs).
    if (fwd.nextseq !== 0 && seqGt(seq, fwd.nextseq) && (s.flags & TcpFlag.RST) === 0) {
      flags |= Analysis.LostSegment;
      fwd.validBif = false;
    }
    // 4 KEEP-ALIVE: 0 or 1 byte starting one byte before the next expected seq.
    if (seglen <= 1 && seq === u32(fwd.nextseq - 1) && noSfr) flags |= Analysis.KeepAlive;
    // 5 WINDOW UPDATE: an empty segment that only changes the window.
    if (seglen === 0 && win !== 0 && win !== fwd.window && seq === fwd.nextseq && ack === fwd.lastack && noSfr) {
      flags |= Analysis.WindowUpdate;
    }
    // 6 WINDOW FULL: data reaching exactly the right edge of the peer's advertised window
    // (the peer's window is unscaled while its SYN is its latest ACK).
    if (seglen > 0 && rev.winScale !== -1 && noSfr) {
      const k = rev.isFirstAck || rev.winScale === -2 ? 0 : rev.winScale;
      if (u32(seq + seglen) === u32(rev.lastack + rev.window * 2 ** k)) flags |= Analysis.WindowFull;
    }
    const same = seglen === 0 && seq === fwd.nextseq && ack === fwd.lastack && noSfr;
    // 7 KEEP-ALIVE ACK: repeats the last ACK right after a keep-alive from the peer.
    if (same && win !== 0 && win === fwd.window && (rev.lastSegmentFlags & Analysis.KeepAlive) !== 0) {
      flags |= Analysis.KeepAliveAck;
      break fwdChecks;
    }
    // 8 ZERO WINDOW PROBE ACK: repeats the zero window right after a probe from the peer.
    if (same && win === 0 && fwd.window === 0 && (rev.lastSegmentFlags & Analysis.ZeroWindowProbe) !== 0) {
      flags |= Analysis.ZeroWindowProbeAck;
      break fwdChecks;
    }
    // 9 DUPLICATE ACK: same seq, ack and window as before, no data.
    if (same && win !== 0 && win === fwd.window) {
      fwd.dupacknum = fwd.dupacknum === DUP_MAX ? 1 : fwd.dupacknum + 1;
      flags |= Analysis.DuplicateAck;
      out.dupAckNum = fwd.dupacknum;
      out.dupAckFrame = fwd.lastnondupack;
    }
  }
  if (ack !== fwd.lastack) {
    fwd.lastnondupack = s.frame;
    fwd.dupacknum = 0;
  }

  // 10 ACKED UNSEEN SEGMENT (4.0.17's variant: without a hole it fires only while the peer's
  // dup-ACK counter is 0, and leaves that counter at 0xFFFFFFFF — which later reads as "≥ 2
  // duplicate ACKs" for the fast-retransmission rule, exactly as tshark 4.0.17 behaves).
  if (rev.maxseqtobeacked !== 0 && seqGt(ack, rev.maxseqtobeacked) && hasAck) {
    if (rev.maxseqtobeacked < rev.nextseq) {
      rev.maxseqtobeacked = rev.nextseq;
      flags |= Analysis.AckLostSegment;
    } else {
      if (rev.dupacknum === 0) flags |= Analysis.AckLostSegment;
      rev.dupacknum = DUP_MAX;
    }
  }

  // 11 RETRANSMISSION family: only segments that occupy sequence space; at most one applies.
  if (seglen > 0 || synOrFin) {
    let notAdvanced = fwd.nextseq !== 0 && seqLt(seq, fwd.nextseq);
    retrans: {
      if (flags & Analysis.KeepAlive) break retrans;
      if (seglen > 1 && u32(fwd.nextseq - 1) === seq) notAdvanced = false; // data after a probe byte
      // 11a spurious: everything in it was already acknowledged.
      if (seglen > 0 && rev.lastack !== 0 && seqLe(u32(seq + seglen), rev.lastack)) {
        flags |= Analysis.SpuriousRetransmission;
        break retrans;
      }
      // 11b fast: the peer sent ≥ 2 duplicate ACKs for this seq, less than 20 ms ago.
      const sinceAck = s.time - rev.lastackTime; // unsigned in Wireshark: time going backwards never counts
      if (notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && sinceAck >= 0 && sinceAck < FAST_RETRANSMISSION_WINDOW_NS) {
        flags |= Analysis.FastRetransmission;
        break retrans;
      }
      // 11c out of order: shortly after the highest segment (the handshake RTT, else 3 ms).
      const threshold = firstRtt !== 0 ? firstRtt : DEFAULT_OOO_THRESHOLD_NS;
      const dt = s.time - fwd.nextseqTime;
      if (notAdvanced && dt >= 0 && dt < threshold && fwd.nextseq !== u32(seq + seglen + (synOrFin ? 1 : 0))) {
        flags |= Analysis.OutOfOrder;
        break retrans;
      }
      // 11d plain retransmission.
      if (notAdvanced) flags |= Analysis.Retransmission;
    }
  }

  // 12 bookkeeping for this direction.
  let end = u32(seq + seglen);
  if ((seglen > 0 || synOrFin) && fwd.unackedCount < MAX_UNACKED) {
    if (synOrFin) end = u32(end + 1);
    fwd.pushUnacked(s.frame, seq, end, s.time);
  }
  const probe = (flags & Analysis.ZeroWindowProbe) !== 0;
  if ((seqGt(end, fwd.nextseq) || fwd.nextseq === 0) && !probe) {
    fwd.nextseq = end;
    fwd.nextseqFrame = s.frame;
    fwd.nextseqTime = s.time;
  }
  if ((seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0) && !probe) fwd.maxseqtobeacked = fwd.nextseq;
  fwd.window = win;
  fwd.lastack = ack;
  fwd.lastackTime = s.time;
  fwd.lastSegmentFlags = flags;

  // 13 what this ACK covers in the peer's unacknowledged list (raw ack, even without ACK set).
  // Oldest first, compacting in place: the oldest exact match is the frame reported (Wireshark
  // walks newest first and lets every exact match overwrite, which comes to the same).
  const u = rev.unacked;
  const count = rev.unackedCount;
  let w = 0;
  for (let i = 0; i < count; i++) {
    const o = i * 4;
    const useq = u[o + 1];
    const uend = u[o + 2];
    let keep: boolean;
    if (ack === uend) {
      if (out.acksFrame === 0) {
        out.acksFrame = u[o];
        out.ackRtt = s.time - u[o + 3];
      }
      keep = false;
    } else if (seqGt(ack, useq) && seqLe(ack, uend)) {
      u[o + 1] = ack; // partly acknowledged: keep the rest
      keep = true;
    } else {
      keep = seqGt(uend, ack);
    }
    if (keep) {
      if (w !== i) {
        const d = w * 4;
        u[d] = u[o]; u[d + 1] = u[o + 1]; u[d + 2] = u[o + 2]; u[d + 3] = u[o + 3];
      }
      w++;
    }
  }
  rev.unackedCount = w;

  // 14 bytes in flight: span of this side's unacked data, less the peer's SACKed bytes.
  if (seglen !== 0 && fwd.unackedCount > 0 && fwd.validBif) {
    const fu = fwd.unacked;
    let lo = u32(fu[1] - fwd.base);
    let hi = u32(fu[2] - fwd.base);
    for (let i = 1; i < fwd.unackedCount; i++) {
      const a = u32(fu[i * 4 + 1] - fwd.base);
      const b = u32(fu[i * 4 + 2] - fwd.base);
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    const inFlight = u32(hi - lo - rev.sackSpan);
    if (inFlight > 0 && inFlight < 2_000_000_000) out.bytesInFlight = inFlight - (synOrFin ? 1 : 0);
  }
  out.flags = flags;
}
