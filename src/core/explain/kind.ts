import { Analysis } from '../tcp/analysisFlags';
import type { ConnView } from './context';
import type { Messages } from './messages';

/** What a segment is in the story of its connection (one per segment, most specific first). */
export type SegmentKind =
  | 'syn' | 'synAck' | 'handshakeAck' | 'data' | 'dataFin' | 'fin' | 'rst' | 'ackOfFin'
  | 'keepAlive' | 'keepAliveAck' | 'zeroWindowProbe' | 'zeroWindowProbeAck' | 'dupAck' | 'windowUpdate' | 'ack' | 'other';

const RETRANSMITTED = Analysis.Retransmission | Analysis.FastRetransmission | Analysis.SpuriousRetransmission;

/** The first ACK from i's sender that covers the peer's FIN (ack > the FIN's seq) is i. */
export function acksPeerFin(v: ConnView, i: number): boolean {
  const e = v.sender(i);
  const finSeq = v.c.dirs[1 - e].finSeq;
  if (finSeq < 0 || !v.hasAck(i)) return false;
  return v.firstAckCovering(e, finSeq, 0) === i;
}

export function segmentKind(v: ConnView, i: number): SegmentKind {
  if (v.rst(i)) return 'rst';
  if (v.syn(i)) return v.hasAck(i) ? 'synAck' : 'syn';
  if (v.fin(i)) return v.len(i) > 0 ? 'dataFin' : 'fin';
  if (v.frame(i) === v.c.handshakeAckFrame) return 'handshakeAck';
  if (v.flagged(i, Analysis.ZeroWindowProbe)) return 'zeroWindowProbe';
  if (v.flagged(i, Analysis.KeepAlive)) return 'keepAlive';
  if (v.len(i) > 0) return 'data';
  if (!v.hasAck(i)) return 'other';
  if (acksPeerFin(v, i)) return 'ackOfFin';
  if (v.flagged(i, Analysis.KeepAliveAck)) return 'keepAliveAck';
  if (v.flagged(i, Analysis.ZeroWindowProbeAck)) return 'zeroWindowProbeAck';
  if (v.flagged(i, Analysis.DuplicateAck)) return 'dupAck';
  if (v.flagged(i, Analysis.WindowUpdate)) return 'windowUpdate';
  return 'ack';
}

/** The title's label: "SYN-ACK", "data (96 bytes)", "duplicate ACK #2", "…, retransmitted". */
export function kindLabel(v: ConnView, i: number, kind: SegmentKind, m: Messages): string {
  const k = m.kind;
  const len = v.len(i);
  let label: string;
  switch (kind) {
    case 'syn': label = k.syn; break;
    case 'synAck': label = k.synAck; break;
    case 'handshakeAck': label = len > 0 ? k.handshakeAckData(len) : k.handshakeAck; break;
    case 'data': label = k.data(len); break;
    case 'dataFin': label = k.dataFin(len); break;
    case 'fin': label = k.fin; break;
    case 'rst': label = k.rst; break;
    case 'ackOfFin': label = k.ackOfFin; break;
    case 'keepAlive': label = k.keepAlive; break;
    case 'keepAliveAck': label = k.keepAliveAck; break;
    case 'zeroWindowProbe': label = k.zeroWindowProbe; break;
    case 'zeroWindowProbeAck': label = k.zeroWindowProbeAck; break;
    case 'dupAck': label = k.dupAck(v.dupAck(i)?.num ?? 1); break;
    case 'windowUpdate': label = k.windowUpdate; break;
    case 'ack': label = k.ack; break;
    default: label = k.other;
  }
  if (v.flagged(i, RETRANSMITTED) || isRepeatedSyn(v, i)) return k.again(label);
  if (v.flagged(i, Analysis.OutOfOrder)) return k.outOfOrder(label);
  return label;
}

/**
 * A SYN (or SYN-ACK) with the ISN of an earlier one from the same side. Wireshark flags these as
 * retransmissions, except the SYN-ACKs of a simultaneous open, which are not (the tracker clears it).
 */
export function isRepeatedSyn(v: ConnView, i: number): boolean {
  if (!v.syn(i)) return false;
  const e = v.sender(i);
  for (let j = 0; j < i; j++) {
    if (v.sender(j) === e && v.syn(j) && v.hasAck(j) === v.hasAck(i) && v.seq(j) === v.seq(i)) return true;
  }
  return false;
}
