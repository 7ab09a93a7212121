import { Analysis } from '../tcp/analysisFlags';
import { u32 } from '../tcp/direction';
import type { ConnView } from './context';
import { durationText } from './format';
import type { Messages } from './messages';
import { addRelated } from './seqAck';

/** Wireshark's out-of-order threshold when no handshake RTT is known (docs/notes/wireshark-tcp-analysis.md §4, 11c). */
const DEFAULT_OOO_NS = 3_000_000;

/**
 * One paragraph per analysis flag of segment i, each saying the rule that raised it with this
 * capture's numbers (the rules are Wireshark 4.0's, docs/notes/wireshark-tcp-analysis.md §4).
 * The "before this segment" values (next expected seq, the peer's last ack and window) are
 * re-derived from the earlier rows, as the analysis saw them.
 */
export function flagParagraphs(v: ConnView, i: number, m: Messages, related: number[]): string[] {
  const out: string[] = [];
  const f = m.flag;
  const e = v.sender(i);
  const peer = 1 - e;
  const seq = v.seq(i);
  const has = (a: Analysis): boolean => v.flagged(i, a);
  const high = v.highestBefore(i, e);

  if (has(Analysis.ReusedPorts)) out.push(reused(v, i, m));

  // The retransmission family: at most one applies (Wireshark stops at the first).
  if (has(Analysis.SpuriousRetransmission)) {
    const k = v.lastFrom(peer, i, true);
    if (k >= 0) {
      addRelated(related, v.frame(k));
      out.push(f.spurious({ from: seq, to: u32(seq + v.len(i) - 1), ack: v.ack(k), frame: v.frame(k) }));
    }
  } else if (has(Analysis.FastRetransmission)) {
    const k = lastDupAckFor(v, i, peer, seq);
    if (k >= 0) {
      addRelated(related, v.frame(k));
      const last = v.lastFrom(peer, i);
      out.push(f.fast({ seq, count: v.dupAck(k)!.num, dupFrame: v.frame(k), lastFrame: v.frame(last), dt: durationText(v.time(i) - v.time(last)) }));
    } else out.push(f.fastNoDup({ seq }));
  } else if (has(Analysis.OutOfOrder) && high) {
    const rtt = v.c.firstRtt;
    out.push(f.outOfOrder({
      seq, next: high.end, frame: v.frame(high.index), dt: durationText(v.time(i) - v.time(high.index)),
      threshold: durationText(rtt || DEFAULT_OOO_NS), rtt: rtt !== 0,
    }));
  } else if (has(Analysis.Retransmission)) {
    const o = v.originalOf(i);
    if (o >= 0) addRelated(related, v.frame(o));
    const after = o >= 0 ? durationText(v.time(i) - v.time(o)) : '';
    // Less than 1 µs after the original: no sender retransmits that fast; the capture recorded it twice.
    if (o >= 0 && v.time(i) - v.time(o) < 1000) out.push(f.duplicateCapture({ orig: v.frame(o) }));
    else if (v.syn(i) && o >= 0) out.push(f.retransSyn({ first: v.frame(o), after }));
    else if (v.fin(i) && v.len(i) === 0 && o >= 0 && v.fin(o)) out.push(f.retransFin({ first: v.frame(o), after }));
    else if (high && o >= 0) out.push(f.retrans({ seq, next: high.end, nextFrame: v.frame(high.index), orig: v.frame(o), after }));
    else if (high) out.push(f.retransUnseen({ seq, next: high.end, nextFrame: v.frame(high.index) }));
  }

  if (has(Analysis.LostSegment) && high) out.push(f.lost({ seq, next: high.end, gap: u32(seq - high.end) }));
  if (has(Analysis.AckLostSegment)) {
    const ph = v.highestBefore(i, peer);
    out.push(f.ackedUnseen({ ack: v.ack(i), end: ph ? ph.end : 0, peer: v.side(peer) }));
  }
  if (has(Analysis.DuplicateAck)) {
    const d = v.dupAck(i);
    if (d) {
      addRelated(related, d.frame);
      out.push(f.dupAck({ n: d.num, frame: d.frame, ack: v.ack(i) }));
    }
  }
  if (has(Analysis.ZeroWindow)) out.push(f.zeroWindow({ who: v.side(e) }));
  if (has(Analysis.ZeroWindowProbe)) out.push(f.zeroWindowProbe({ seq }));
  if (has(Analysis.ZeroWindowProbeAck)) {
    const k = lastFlagged(v, i, peer, Analysis.ZeroWindowProbe);
    if (k >= 0) {
      addRelated(related, v.frame(k));
      out.push(f.zeroWindowProbeAck({ frame: v.frame(k) }));
    }
  }
  if (has(Analysis.WindowFull)) {
    const k = v.lastFrom(peer, i);
    if (k >= 0) {
      addRelated(related, v.frame(k));
      out.push(f.windowFull({ end: u32(seq + v.len(i)), ack: v.ack(k), win: v.winBytes(k), frame: v.frame(k) }));
    }
  }
  if (has(Analysis.KeepAlive) && high) {
    out.push(f.keepAlive({ seq, next: high.end }));
    const k = v.lastFrom(peer, i);
    if (k >= 0 && v.winRaw(k) === 0 && !v.rst(k)) out.push(f.keepAliveZeroWindow({ frame: v.frame(k) }));
  }
  if (has(Analysis.KeepAliveAck)) {
    const k = lastFlagged(v, i, peer, Analysis.KeepAlive);
    if (k >= 0) {
      addRelated(related, v.frame(k));
      out.push(f.keepAliveAck({ frame: v.frame(k) }));
    }
  }
  if (has(Analysis.WindowUpdate)) {
    const k = v.lastFrom(e, i);
    if (k >= 0) out.push(f.windowUpdate({ from: v.winBytes(k), to: v.winBytes(i), frame: v.frame(k) }));
    else out.push(f.windowUpdateFirst({ who: v.side(e) }));
  }
  return out;
}

/** The peer's latest duplicate ACK before i that asks for `seq`, or -1. */
function lastDupAckFor(v: ConnView, i: number, peer: number, seq: number): number {
  for (let k = i - 1; k >= 0; k--) {
    if (v.sender(k) !== peer) continue;
    if (v.dupAck(k) && v.ack(k) === seq) return k;
  }
  return -1;
}

function lastFlagged(v: ConnView, i: number, e: number, a: Analysis): number {
  for (let k = i - 1; k >= 0; k--) if (v.sender(k) === e && v.flagged(k, a)) return k;
  return -1;
}

/** Reused ports: the earlier connection on the same addresses and ports (Wireshark 4.0, §2.2 of the notes). */
function reused(v: ConnView, i: number, m: Messages): string {
  const isn = v.seqRaw(i);
  if (v.hasAck(i)) return m.flag.reusedSynAck({ isn });
  const c = v.c;
  const conns = v.tracker.connections;
  for (let s = c.stream - 1; s >= 0; s--) {
    const o = conns[s];
    if (o.ipVersion !== c.ipVersion) continue;
    const same = (o.portA === c.portA && o.portB === c.portB && eq(o.addrA, c.addrA) && eq(o.addrB, c.addrB)) ||
      (o.portA === c.portB && o.portB === c.portA && eq(o.addrA, c.addrB) && eq(o.addrB, c.addrA));
    if (same) return m.flag.reusedPorts({ prev: s, last: o.lastFrame, isn });
  }
  return m.flag.reusedSynAck({ isn });
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
