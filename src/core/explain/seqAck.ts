import { Analysis } from '../tcp/analysisFlags';
import { seqGt, seqLt, u32 } from '../tcp/direction';
import type { ConnView } from './context';
import { durationText } from './format';
import { isRepeatedSyn } from './kind';
import type { Messages } from './messages';

/** Adds a frame to `related` once. */
export function addRelated(related: number[], frame: number): void {
  if (frame > 0 && !related.includes(frame)) related.push(frame);
}

/**
 * What the segment's seq means: the ISN on a SYN (and that a SYN consumes one number), the byte
 * range of data, the number a FIN occupies, or none at all; raw beside relative throughout.
 */
export function seqParagraphs(v: ConnView, i: number, m: Messages): string[] {
  const out: string[] = [];
  const e = v.sender(i);
  const who = v.side(e);
  const rel = v.seq(i);
  const raw = v.seqRaw(i);
  const len = v.len(i);
  const d = v.c.dirs[e];
  if (v.syn(i)) {
    out.push(m.seq.synIsn({ who, rel, raw }));
    if (d.synFrame !== 0 && d.synFrame !== v.frame(i) && raw === d.isn) out.push(m.seq.synIsnAgain({ first: d.synFrame }));
    else if (isRepeatedSyn(v, i)) out.push(m.seq.synIsnAgain({ first: d.synFrame }));
    if (len > 0) out.push(m.seq.synData({ len }));
    return out;
  }
  if (v.rst(i)) {
    out.push(m.seq.rst({ rel, raw }));
    const acked = v.acksFrame(i) ? v.indexOfFrame(v.acksFrame(i)) : -1;
    if (raw === 0 && acked >= 0 && v.syn(acked) && !v.hasAck(acked)) out.push(m.seq.rstZero({ rel }));
  } else if (v.fin(i)) {
    out.push(m.seq.fin({ rel, raw, len, finSeq: u32(rel + len) }));
  } else if (len > 0) {
    // Behind the highest byte already sent (a retransmission or reordering): no "next new byte".
    const high = v.highestBefore(i, e);
    out.push(high && seqLt(rel, high.end) ? m.seq.dataAgain({ who, rel, raw, len }) : m.seq.data({ who, rel, raw, len }));
  } else {
    out.push(m.seq.empty({ rel, raw }));
  }
  const refusal = v.rst(i) && raw === 0 && v.acksFrame(i) !== 0;
  if (d.synFrame === 0 && !refusal) {
    const peer = v.c.dirs[1 - e];
    // A SYN-ACK captured before this side's first segment set its base to ack − 1: the ISN.
    if (peer.sentSynAck && peer.synFrame !== 0 && peer.synFrame < d.firstFrame) out.push(m.seq.baseFromSynAck({ who, frame: peer.synFrame }));
    else out.push(m.seq.baseGuessed({ who }));
  }
  return out;
}

/**
 * What the ack acknowledges, with the arithmetic on the acknowledged segment (tshark's
 * acks_frame, added to `related`): "ack 97 = seq 1 + 96 bytes of frame 4"; the x+1 of a SYN-ACK
 * and the y+1 of the handshake ACK with raw ISNs; a partial, repeated or unseen ACK otherwise.
 */
export function ackParagraphs(v: ConnView, i: number, m: Messages, related: number[]): string[] {
  const out: string[] = [];
  const e = v.sender(i);
  const who = v.side(e);
  const peer = v.side(1 - e);
  const peerDir = v.c.dirs[1 - e];
  if (!v.hasAck(i)) {
    out.push(v.syn(i) ? m.ack.synNone : m.ack.none({ raw: v.ackRaw(i) }));
    return out;
  }
  const a = v.ack(i);
  const aRaw = v.ackRaw(i);
  // ISN letters as in the handshake narrative: x is the client's, y the server's.
  const ol = who === 'client' ? 'x' : 'y';
  const pl = who === 'client' ? 'y' : 'x';
  const af = v.acksFrame(i);
  const j = af ? v.indexOfFrame(af) : -1;
  if (j >= 0) addRelated(related, af);
  const rtt = (): void => {
    if (j >= 0) out.push(m.ack.rtt({ rtt: durationText(v.time(i) - v.time(j)), frame: af }));
  };

  if (v.syn(i)) {
    const y = v.seqRaw(i);
    if (j >= 0 && v.syn(j) && !v.hasAck(j)) {
      const len = v.len(j);
      const x = v.seqRaw(j);
      out.push(len > 0 ? m.ack.synAckData({ who, x, len, ack: aRaw, synFrame: af, y }) : m.ack.synAck({ who, peer, pl, pisn: x, ack: aRaw, synFrame: af, ol, oisn: y }));
      rtt();
      return out;
    }
    const x = u32(aRaw - 1);
    if (peerDir.synFrame !== 0 && peerDir.isn === x) {
      // The SYN is in the capture but not as the acknowledged segment (captured after its SYN-ACK).
      addRelated(related, peerDir.synFrame);
      out.push(m.ack.synAck({ who, peer, pl, pisn: x, ack: aRaw, synFrame: peerDir.synFrame, ol, oisn: y }));
      return out;
    }
    if (peerDir.synFrame !== 0 && peerDir.dataOnSyn > 0 && aRaw === u32(peerDir.isn + 1)) {
      addRelated(related, peerDir.synFrame);
      out.push(m.ack.synAck({ who, peer, pl, pisn: peerDir.isn, ack: aRaw, synFrame: peerDir.synFrame, ol, oisn: y }));
      out.push(m.ack.synAckDataRefused({ peer, len: peerDir.dataOnSyn }));
      return out;
    }
    if (peerDir.synFrame === 0) {
      out.push(m.ack.synAckNoSyn({ peer, x, ackRaw: aRaw, y, who }));
      return out;
    }
  }

  if (j >= 0) {
    if (v.syn(j) && v.hasAck(j)) {
      out.push(m.ack.handshake({ peer, pl, pisn: v.seqRaw(j), ack: aRaw, frame: af }));
    } else if (v.syn(j) && v.rst(i)) {
      out.push(m.ack.refused({ x: v.seqRaw(j), x1: aRaw, frame: af }));
    } else {
      out.push(m.ack.arith({ ack: a, seq: v.seq(j), len: v.len(j), syn: v.syn(j), fin: v.fin(j), frame: af }));
      out.push(m.ack.meaning({ ack: a, raw: aRaw, peer }));
      if (v.fin(j)) out.push(m.ack.finMeaning);
    }
    rtt();
    return out;
  }

  // The first ACK of the peer's SYN when the tracker could not pair it (SYN-ACK captured out of order).
  if (peerDir.synFrame !== 0 && peerDir.synFrame < v.frame(i) && aRaw === u32(peerDir.isn + 1) && v.firstAckCovering(e, 0, 0) === i) {
    addRelated(related, peerDir.synFrame);
    out.push(m.ack.handshake({ peer, pl, pisn: peerDir.isn, ack: aRaw, frame: peerDir.synFrame }));
    return out;
  }
  // Relative ack 0 = the peer's ISN itself: not even its SYN is acknowledged.
  if (peerDir.synFrame !== 0 && peerDir.synFrame < v.frame(i) && a === 0) {
    out.push(m.ack.belowSyn({ ack: a, raw: aRaw, peer, pl, need: u32(peerDir.isn + 1) }));
    return out;
  }
  const p = v.partlyAcked(i);
  if (p >= 0) {
    addRelated(related, v.frame(p));
    const from = v.seq(p);
    out.push(m.ack.partial({ ack: a, frame: v.frame(p), from, to: u32(from + Math.max(1, v.len(p)) - 1), n: u32(a - from), len: v.len(p) }));
  } else {
    const prev = v.lastFrom(e, i, true);
    const high = v.highestBefore(i, 1 - e);
    if (prev >= 0 && v.ack(prev) === a) {
      // A duplicate ACK's own paragraph names the ack and its original; nothing to add here.
      if (!v.flagged(i, Analysis.DuplicateAck)) out.push(m.ack.repeat({ ack: a, raw: aRaw, frame: v.frame(prev), peer }));
      return out;
    }
    if (!high) out.push(m.ack.nothingYet({ ack: a, peer }));
    else if (seqGt(a, high.end)) out.push(m.ack.unseen({ ack: a, end: high.end, peer }));
    else {
      for (let k = i - 1; k >= 0; k--) {
        if (v.sender(k) === 1 - e && v.end(k) === a) {
          out.push(m.ack.covers({ ack: a, frame: v.frame(k) }));
          break;
        }
      }
    }
  }
  out.push(m.ack.meaning({ ack: a, raw: aRaw, peer }));
  return out;
}
