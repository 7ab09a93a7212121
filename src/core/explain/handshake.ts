import type { Lang } from '../session/captureSession';
import { u32 } from '../tcp/direction';
import { TcpState } from '../tcp/state';
import { closeKind, type TcpTracker } from '../tcp/tracker';
import { ConnView } from './context';
import { durationText } from './format';
import { messages, type Messages } from './messages';
import { NarrativeParts, type NarrativeOptions } from './narrative';
import { negotiated, optionList } from './options';
import { stateLines } from './states';
import type { ExplainFormat, HandshakeCase, Narrative } from './types';

/**
 * The story of how a connection opened (or did not), step by step with the capture's numbers:
 * x, x+1, y, y+1 as raw ISNs, the options each side offered and what they settle, the handshake
 * RTT, the states each step causes, and why it takes three steps (RFC 9293 §3.5). Each case the
 * capture can show has its own story (see HandshakeCase).
 */
export function explainHandshake(
  tracker: TcpTracker, stream: number, lang: Lang = 'en', format: ExplainFormat = 'markdown', options: NarrativeOptions = {},
): Narrative {
  const v = new ConnView(tracker, stream);
  const m = messages(lang);
  const kase = handshakeCase(v);
  const p = new NarrativeParts(v, m);
  const story = new HandshakeStory(v, m, p);
  switch (kase) {
    case 'complete': story.complete(); break;
    case 'no-final-ack': story.noFinalAck(); break;
    case 'syn-not-captured': story.synNotCaptured(); break;
    case 'simultaneous-open': story.simultaneous(); break;
    case 'refused': story.refused(); break;
    case 'unanswered': story.unanswered(); break;
    case 'aborted': story.aborted(); break;
    case 'odd-answer': story.oddAnswer(); break;
    case 'not-captured': story.notCaptured(); break;
  }
  const title = m.title.handshake({ stream, client: v.address(v.endpoint('client')), server: v.address(v.endpoint('server')) });
  return p.finish('handshake', kase, title, lang, format, options);
}

/** Which story the capture tells (first match wins). */
export function handshakeCase(v: ConnView): HandshakeCase {
  const c = v.c;
  const cd = c.dirs[v.endpoint('client')];
  const sd = c.dirs[v.endpoint('server')];
  if (cd.synFrame === 0 && sd.synFrame === 0) return 'not-captured';
  if (c.simultaneousOpen) return 'simultaneous-open';
  if (cd.synFrame === 0) return 'syn-not-captured';
  if (closeKind(c) === 'rejected') return 'refused';
  if (sd.packets === 0) return cd.rstFrame !== 0 ? 'aborted' : 'unanswered';
  if (!sd.sentSynAck) return 'odd-answer';
  if (c.handshakeAckFrame === 0) return 'no-final-ack';
  return 'complete';
}

/** Each gap about twice the one before (RFC 6298 §5.5 backoff), with at least two gaps to compare. */
function doubling(gaps: number[]): boolean {
  if (gaps.length < 2) return false;
  for (let k = 1; k < gaps.length; k++) {
    const r = gaps[k] / gaps[k - 1];
    if (!(r >= 1.6 && r <= 2.5)) return false;
  }
  return true;
}

class HandshakeStory {
  private readonly ce: number;
  private readonly se: number;
  private readonly cl: string;
  private readonly sv: string;

  constructor(private readonly v: ConnView, private readonly m: Messages, private readonly p: NarrativeParts) {
    this.ce = v.endpoint('client');
    this.se = 1 - this.ce;
    this.cl = m.side('client');
    this.sv = m.side('server');
  }

  /** Indexes of endpoint e's SYNs (bare) or SYN-ACKs, in capture order. */
  private syns(e: number, ack: boolean): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.v.count; j++) if (this.v.sender(j) === e && this.v.syn(j) && this.v.hasAck(j) === ack) out.push(j);
    return out;
  }

  private since(j: number, k: number): string {
    return durationText(this.v.time(j) - this.v.time(k));
  }

  /** Step 1: the client's SYN(s), with options, data on the SYN and retransmission timings. */
  private synStep(): number[] {
    const { v, m } = this;
    const cd = v.c.dirs[this.ce];
    const syns = this.syns(this.ce, false);
    const paras = [m.hs.syn({ x: cd.isn }), m.opt.offered({ who: 'client', list: optionList(cd, false, m) })];
    if (cd.dataOnSyn > 0) paras.push(m.hs.synData({ len: cd.dataOnSyn, tfo: cd.tfoCookie }));
    else if (cd.tfoCookie) paras.push(m.hs.tfoRequest);
    if (syns.length > 1) {
      const times = syns.slice(1).map((j) => m.hs.retransAt({ frame: v.frame(j), after: this.since(j, syns[0]) }));
      paras.push(m.hs.synRetrans({ times: m.list(times) }));
      const gaps = syns.slice(1).map((j, k) => v.time(j) - v.time(syns[k]));
      const gapText = m.list(gaps.map(durationText));
      paras.push(doubling(gaps) ? m.hs.synBackoff({ gaps: gapText }) : m.hs.synGaps({ gaps: gapText }));
      if (v.c.dirs[this.se].sentSynAck) paras.push(m.hs.synRetransAnswered);
    }
    this.p.step(syns.map((j) => v.frame(j)), m.hs.stepSyn({ from: this.cl, to: this.sv }), paras);
    return syns;
  }

  /** Step 2: the server's SYN-ACK(s): y, ack = x+1 and why, the options answered. */
  private synAckStep(x: number): number[] {
    const { v, m } = this;
    const cd = v.c.dirs[this.ce];
    const sd = v.c.dirs[this.se];
    const acks = this.syns(this.se, true);
    const sa = acks[0];
    const ackRaw = v.ackRaw(sa);
    const paras: string[] = [];
    if (cd.dataOnSyn > 0 && ackRaw === u32(x + 1 + cd.dataOnSyn)) {
      paras.push(m.hs.synAckData({ y: sd.isn, x, len: cd.dataOnSyn, ack: ackRaw }));
    } else {
      paras.push(m.hs.synAck({ y: sd.isn, x, x1: ackRaw }));
      if (cd.dataOnSyn > 0) paras.push(m.hs.synAckDataRefused({ len: cd.dataOnSyn }));
    }
    paras.push(m.opt.answered({ who: 'server', list: optionList(sd, true, m) }));
    if (acks.length > 1) paras.push(m.hs.synAckRetrans({ frames: acks.slice(1).map((j) => v.frame(j)) }));
    this.p.step(acks.map((j) => v.frame(j)), m.hs.stepSynAck({ from: this.sv, to: this.cl }), paras);
    return acks;
  }

  /** Step 3: the client's ACK of y+1. */
  private ackStep(k: number): void {
    const { v, m } = this;
    const sd = v.c.dirs[this.se];
    const paras = [m.hs.ack({ y: sd.isn, y1: v.ackRaw(k), seq: v.seq(k), seqRaw: v.seqRaw(k) })];
    if (v.len(k) > 0) paras.push(m.hs.ackData({ len: v.len(k) }));
    if (v.stateAfter(k, 0) === TcpState.Established && v.stateAfter(k, 1) === TcpState.Established) paras.push(m.hs.bothEstablished);
    this.p.step([v.frame(k)], m.hs.stepAck({ from: this.cl, to: this.sv }), paras);
  }

  private why(simultaneous = false): void {
    const m = this.m;
    this.p.section(m.hs.whyTitle, simultaneous ? [m.hs.why1, m.hs.why2, m.hs.whySimultaneous] : [m.hs.why1, m.hs.why2]);
  }

  private result(rtt: string[]): void {
    this.p.section(this.m.hs.resultTitle, [...rtt, ...negotiated(this.v, this.m)]);
  }

  complete(): void {
    const { v, m } = this;
    const c = v.c;
    const syns = this.synStep();
    const acks = this.synAckStep(c.dirs[this.ce].isn);
    const k = v.indexOfFrame(c.handshakeAckFrame);
    this.ackStep(k);
    const sa = acks[0];
    const rtt = durationText(c.firstRtt);
    this.p.summary.push(m.hs.sumComplete({ rtt }));
    // The SYN the SYN-ACK answers: the last one sent before it (tshark's iRTT starts there too).
    const before = syns.filter((j) => j < sa);
    if (before.length === 0) {
      this.p.summary.push(m.hs.sumReordered({ synAck: v.frame(sa), syn: v.frame(syns[0]) }));
      this.result([m.hs.rttOnly({ rtt, syn: v.frame(syns[syns.length - 1]), ack: v.frame(k) })]);
    } else {
      const s = before[before.length - 1];
      this.result([m.hs.rtt({
        rtt, syn: v.frame(s), ack: v.frame(k), synToSynAck: this.since(sa, s), synAckToAck: this.since(k, sa),
      })]);
    }
    this.why();
  }

  noFinalAck(): void {
    const { v, m } = this;
    const syns = this.synStep();
    const acks = this.synAckStep(v.c.dirs[this.ce].isn);
    this.p.step([], m.hs.stepAckMissing, [m.hs.noAck]);
    this.p.summary.push(m.hs.sumNoFinalAck);
    const s = syns.filter((j) => j < acks[0]).pop() ?? syns[0];
    this.result([m.hs.synAckRtt({ rtt: this.since(acks[0], s), syn: v.frame(s), synAck: v.frame(acks[0]) })]);
    this.why();
  }

  synNotCaptured(): void {
    const { v, m } = this;
    const acks = this.syns(this.se, true);
    const x = u32(v.ackRaw(acks[0]) - 1);
    this.p.summary.push(m.hs.sumSynNotCaptured);
    this.p.step([], m.hs.stepSynMissing, [m.hs.synAckInferredX({ x, ackRaw: v.ackRaw(acks[0]), frame: v.frame(acks[0]) })]);
    this.synAckStep(x);
    const k = v.firstAckCovering(this.ce, 0, acks[0] + 1);
    if (k >= 0) this.ackStep(k);
    else this.p.step([], m.hs.stepAckMissing, [m.hs.noAck]);
    this.p.section(m.hs.unknownTitle, [
      k >= 0 ? m.hs.synNotCapturedUnknown({ rtt: this.since(k, acks[0]) }) : m.hs.synNotCapturedNoRtt,
    ]);
    this.why();
  }

  simultaneous(): void {
    const { v, m } = this;
    const c = v.c;
    const cd = c.dirs[this.ce];
    const sd = c.dirs[this.se];
    const cSyn = this.syns(this.ce, false);
    const sSyn = this.syns(this.se, false);
    this.p.summary.push(m.hs.sumSimultaneous);
    this.p.step(cSyn.map((j) => v.frame(j)), m.hs.stepSyn({ from: this.cl, to: this.sv }), [
      m.hs.syn({ x: cd.isn }), m.opt.offered({ who: 'client', list: optionList(cd, false, m) }),
    ]);
    this.p.step(sSyn.map((j) => v.frame(j)), m.hs.stepSyn({ from: this.sv, to: this.cl }), [
      m.hs.simSyn2({ y: sd.isn }), m.opt.offered({ who: 'server', list: optionList(sd, false, m) }),
    ]);
    for (const e of [this.ce, this.se]) {
      const sa = this.syns(e, true)[0];
      if (sa === undefined) continue;
      const who = v.side(e);
      const peer = v.side(1 - e);
      const mine = who === 'client';
      this.p.step([v.frame(sa)], m.hs.stepSynAck({ from: m.side(who), to: m.side(peer) }), [m.hs.simSynAck({
        who, peer, own: mine ? 'x' : 'y', isn: v.seqRaw(sa), other: mine ? 'y' : 'x', ack: v.ackRaw(sa),
      })]);
    }
    const rtt: string[] = [];
    if (c.handshakeAckFrame !== 0 && c.firstRtt !== 0) {
      rtt.push(m.hs.rttOnly({ rtt: durationText(c.firstRtt), syn: v.frame(sSyn[sSyn.length - 1] ?? cSyn[0]), ack: c.handshakeAckFrame }));
    }
    this.result(rtt);
    this.p.section(m.hs.notesTitle, [m.hs.simNoListen]);
    this.why(true);
  }

  refused(): void {
    const { v, m } = this;
    const c = v.c;
    const cd = c.dirs[this.ce];
    const syns = this.synStep();
    const r = v.indexOfFrame(c.firstRstFrame);
    const s = syns.filter((j) => j < r).pop() ?? syns[0];
    this.p.summary.push(m.hs.sumRefused({ port: v.port(this.se) }));
    this.p.step([c.firstRstFrame], m.hs.stepRst({ from: this.sv, to: this.cl }), [
      m.hs.refusedRst({ x: cd.isn, x1: v.ackRaw(r), dt: this.since(r, s) }),
    ]);
    this.p.section(m.hs.notesTitle, [m.hs.refusedWhy]);
  }

  unanswered(): void {
    const m = this.m;
    const syns = this.synStep();
    const span = this.since(syns[syns.length - 1], syns[0]);
    this.p.summary.push(m.hs.sumUnanswered({ n: syns.length, span }));
    this.p.section(m.hs.unknownTitle, [m.hs.unansweredWhy]);
  }

  aborted(): void {
    const { v, m } = this;
    const syns = this.synStep();
    const r = v.indexOfFrame(v.c.dirs[this.ce].rstFrame);
    this.p.summary.push(m.hs.sumAborted);
    this.p.step([v.frame(r)], m.hs.stepRst({ from: this.cl, to: this.sv }), [m.hs.abortedRst({ dt: this.since(r, syns[0]) })]);
  }

  oddAnswer(): void {
    const { v, m } = this;
    const cd = v.c.dirs[this.ce];
    this.synStep();
    this.p.summary.push(m.hs.sumOddAnswer);
    let a = -1;
    for (let j = 0; j < v.count && a < 0; j++) if (v.sender(j) === this.se) a = j;
    // Named by its flags only: what matters is that it is not a SYN-ACK.
    const label = v.rst(a) ? m.kind.rst : v.len(a) > 0 ? m.kind.data(v.len(a)) : m.kind.ack;
    this.p.step([v.frame(a)], m.hs.stepOther({ label, from: this.sv, to: this.cl }), [
      m.hs.oddAnswer({ label, ackRaw: v.ackRaw(a), x1: u32(cd.isn + 1) }),
    ]);
    let r = -1;
    for (let j = a + 1; j < v.count && r < 0; j++) if (v.sender(j) === this.ce && v.rst(j)) r = j;
    if (r >= 0) {
      // RFC 9293 §3.10.7.3: the reset for an unacceptable ACK takes its seq from that ACK's ack field.
      const para = v.hasAck(a) && v.seqRaw(r) === v.ackRaw(a) ? m.hs.oddAnswerRst({ seqRaw: v.seqRaw(r) }) : m.hs.abortedRst({ dt: this.since(r, 0) });
      this.p.step([v.frame(r)], m.hs.stepRst({ from: this.cl, to: this.sv }), [para]);
    }
  }

  notCaptured(): void {
    const { v, m } = this;
    const c = v.c;
    this.p.summary.push(m.hs.sumNotCaptured({ frame: c.firstFrame }));
    const paras = [m.hs.midUnknown];
    if (c.rolesInferred) paras.push(m.hs.midRoles({ port: v.port(this.se) }));
    // The first non-reset segment shows a raw window whose scale cannot be known.
    for (let j = 0; j < v.count; j++) {
      if (!v.rst(j)) {
        paras.push(m.hs.midWindow({ raw: v.winRaw(j), frame: v.frame(j) }));
        break;
      }
    }
    paras.push(...stateLines(v, c.firstFrame, m));
    this.p.section(m.hs.unknownTitle, paras);
  }
}
