import { TcpState } from '../tcp/state';
import { closeKind } from '../tcp/tracker';
import { seqGt } from '../tcp/direction';
import type { ConnView } from './context';
import { durationText } from './format';
import { isRepeatedSyn, type SegmentKind } from './kind';
import type { Messages } from './messages';

/**
 * Which step of the connection's life the segment is: handshake step 1–3, a FIN of the close
 * (first, second, crossing, also acknowledging), the ACK of a FIN, a refusal or an abort.
 * Flag-driven kinds (keep-alive, duplicate ACK…) get no role line: their flag paragraph says it.
 */
export function roleParagraphs(v: ConnView, i: number, kind: SegmentKind, m: Messages): string[] {
  const r = m.role;
  const e = v.sender(i);
  const who = v.side(e);
  const peer = v.side(1 - e);
  const c = v.c;
  const out: string[] = [];
  switch (kind) {
    case 'syn':
      if (c.simultaneousOpen) out.push(r.synSimultaneous({ who, peer }));
      else if (isRepeatedSyn(v, i)) {
        const first = c.dirs[e].synFrame;
        const fi = v.indexOfFrame(first);
        out.push(r.synAgain({ who, n: synNumber(v, i), first, after: durationText(v.time(i) - (fi >= 0 ? v.time(fi) : v.time(i))) }));
      } else out.push(r.synStep1({ who, peer }));
      break;
    case 'synAck':
      out.push(c.simultaneousOpen ? r.synAckSimultaneous({ who, peer }) : r.synAckStep2({ who, peer }));
      if (isRepeatedSyn(v, i)) out.push(r.synAckAgain({ first: firstSynAck(v, e) }));
      break;
    case 'handshakeAck':
      out.push(c.simultaneousOpen ? r.handshakeAckSimultaneous({ who, peer }) : r.handshakeAck({ who, peer }));
      if (v.len(i) > 0) out.push(r.handshakeAckData({ len: v.len(i) }));
      break;
    case 'data':
      out.push(r.data({ who, len: v.len(i) }));
      dataAfterPeerFin(v, i, m, out);
      break;
    case 'dataFin':
    case 'fin':
      if (kind === 'dataFin') out.push(r.data({ who, len: v.len(i) }));
      finRole(v, i, m, out);
      break;
    case 'ackOfFin': {
      const fin = c.dirs[1 - e].finFrame;
      out.push(r.ackOfFin({ who, peer, fin }));
      // The ACK of the second FIN ends the close: the peer leaves LAST_ACK for CLOSED.
      if (v.stateAfter(i, 1 - e) === TcpState.Closed && (i === 0 || v.stateAfter(i - 1, 1 - e) === TcpState.LastAck)) out.push(r.lastAck({ peer }));
      break;
    }
    case 'rst':
      out.push(rstRole(v, i, m));
      break;
    case 'ack':
      out.push(r.pureAck({ who }));
      break;
    case 'other':
      out.push(r.other);
      break;
    default:
      break;
  }
  return out;
}

/** 1-based count of bare SYNs (or SYN-ACKs) from i's sender up to i. */
function synNumber(v: ConnView, i: number): number {
  let n = 0;
  for (let j = 0; j <= i; j++) if (v.sender(j) === v.sender(i) && v.syn(j) && v.hasAck(j) === v.hasAck(i)) n++;
  return n;
}

function firstSynAck(v: ConnView, e: number): number {
  for (let j = 0; j < v.count; j++) if (v.sender(j) === e && v.syn(j) && v.hasAck(j)) return v.frame(j);
  return 0;
}

function dataAfterPeerFin(v: ConnView, i: number, m: Messages, out: string[]): void {
  const pf = v.c.dirs[1 - v.sender(i)].finFrame;
  if (pf !== 0 && pf < v.frame(i)) out.push(m.role.dataHalfClosed({ peer: v.side(1 - v.sender(i)), fin: pf }));
}

function finRole(v: ConnView, i: number, m: Messages, out: string[]): void {
  const r = m.role;
  const e = v.sender(i);
  const who = v.side(e);
  const peer = v.side(1 - e);
  const own = v.c.dirs[e];
  const other = v.c.dirs[1 - e];
  if (own.finFrame !== v.frame(i)) {
    out.push(r.finAgain({ first: own.finFrame }));
    return;
  }
  if (other.finFrame === 0 || other.finFrame > v.frame(i)) {
    out.push(r.firstFin({ who, peer }));
    return;
  }
  out.push(r.secondFin({ who, peer, fin: other.finFrame }));
  const coversPeerFin = v.hasAck(i) && other.finSeq >= 0 && seqGt(v.ack(i), other.finSeq);
  if (!coversPeerFin) out.push(r.finCrossed({ who, peer, fin: other.finFrame }));
  else if (v.firstAckCovering(e, other.finSeq, 0) === i) out.push(r.finAlsoAcks({ peer }));
}

function rstRole(v: ConnView, i: number, m: Messages): string {
  const e = v.sender(i);
  const who = v.side(e);
  const c = v.c;
  if (closeKind(c) === 'rejected' && c.firstRstFrame === v.frame(i)) return m.role.rstRefused({ who, port: v.port(e) });
  // Its own side was still opening (SYN_SENT or SYN_RECEIVED) just before the reset.
  const before = i > 0 ? v.stateAfter(i - 1, e) : TcpState.Closed;
  if (before === TcpState.SynSent) return m.role.rstOwnAttempt({ who });
  return m.role.rstAbort({ who });
}
