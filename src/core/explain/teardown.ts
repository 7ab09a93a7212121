import { TcpFlag } from '../decode/types';
import type { Lang } from '../session/captureSession';
import { stateName, TcpState } from '../tcp/state';
import { closeKind, DEFAULT_TIME_WAIT_SECONDS, type TcpTracker } from '../tcp/tracker';
import { ConnView, type Side } from './context';
import { durationText } from './format';
import { messages, type Messages } from './messages';
import { NarrativeParts, type NarrativeOptions } from './narrative';
import type { ExplainFormat, Narrative, TeardownCase } from './types';

/**
 * The story of how a connection ended: who closed first, each FIN and its ACK with the +1
 * arithmetic, the states on both sides (FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT on the closer,
 * CLOSE_WAIT → LAST_ACK → CLOSED on the other), the half-close when the other side kept
 * sending, why it takes four steps and why TIME_WAIT lasts 2·MSL (RFC 9293 §3.6, §3.10.7.4);
 * or the 3-segment close, the simultaneous close, a reset, a close the capture does not show.
 */
export function explainTeardown(
  tracker: TcpTracker, stream: number, lang: Lang = 'en', format: ExplainFormat = 'markdown', options: NarrativeOptions = {},
): Narrative {
  const v = new ConnView(tracker, stream);
  const m = messages(lang);
  const p = new NarrativeParts(v, m);
  const story = new TeardownStory(v, m, p, options.timeWaitSeconds);
  const kase = teardownCase(v);
  switch (kase) {
    case 'never-opened': p.summary.push(m.td.sumNeverOpened); break;
    case 'not-captured': story.notCaptured(); break;
    case 'rst': story.reset(); break;
    default: story.fins(kase); break;
  }
  const title = m.title.teardown({ stream, client: v.address(v.endpoint('client')), server: v.address(v.endpoint('server')) });
  return p.finish('teardown', kase, title, lang, format, options);
}

export function teardownCase(v: ConnView): TeardownCase {
  switch (closeKind(v.c)) {
    case 'rejected': case 'unanswered': return 'never-opened';
    case 'open': return 'not-captured';
    case 'rst-client': case 'rst-server': return 'rst';
    case 'half-closed': return 'half-closed';
    case 'fin-3way': return 'fin-3way';
    case 'fin-simultaneous': return 'fin-simultaneous';
    default: return 'fin-4way';
  }
}

class TeardownStory {
  constructor(private readonly v: ConnView, private readonly m: Messages, private readonly p: NarrativeParts, private readonly timeWaitSeconds?: number) {}

  private since(j: number, k: number): string {
    return durationText(this.v.time(j) - this.v.time(k));
  }

  private name(e: number): string {
    return this.m.side(this.v.side(e));
  }

  /** Frames of e's FIN segments: the first one and its retransmissions. */
  private finFrames(e: number): number[] {
    return this.v.indexesWith(e, TcpFlag.FIN).map((j) => this.v.frame(j));
  }

  /** The step of endpoint e's ACK of the peer's FIN (first ACK covering it, from index `from`). */
  private ackStep(e: number, from: number, last: boolean): number {
    const { v, m } = this;
    const finSeq = v.c.dirs[1 - e].finSeq;
    const k = v.firstAckCovering(e, finSeq, from);
    const who = v.side(e);
    const peer = v.side(1 - e);
    if (k < 0) {
      this.p.step([], m.td.stepAck({ from: this.name(e), to: this.name(1 - e) }), [m.td.ackFinNotCaptured({ peer })]);
      return -1;
    }
    const fin = v.indexOfFrame(v.c.dirs[1 - e].finFrame);
    const para = last
      ? m.td.lastAck({ who, peer, ack: v.ack(k), finSeq })
      : m.td.ackFin({ who, peer, ack: v.ack(k), finSeq, dt: this.since(k, fin) });
    this.p.step([v.frame(k)], m.td.stepAck({ from: this.name(e), to: this.name(1 - e) }), [para]);
    return k;
  }

  /** The FIN step of endpoint e; `first` for the closer. */
  private finStep(e: number, title: string, paras: string[]): number {
    const { v, m } = this;
    const frames = this.finFrames(e);
    if (frames.length > 1) paras.push(m.td.finRetrans({ frames: frames.slice(1) }));
    this.p.step(frames, title, paras);
    return v.indexOfFrame(frames[0]);
  }

  fins(kase: TeardownCase): void {
    const { v, m } = this;
    const c = v.c;
    const closer = c.finFrames[1] === 0 || (c.finFrames[0] !== 0 && c.finFrames[0] < c.finFrames[1]) ? 0 : 1;
    const other = 1 - closer;
    const cw = v.side(closer);
    const ow = v.side(other);
    const cd = c.dirs[closer];
    const od = c.dirs[other];
    const ic = v.indexOfFrame(cd.finFrame);
    const fin1 = [m.td.fin1({ who: cw, seq: v.seq(ic), raw: v.seqRaw(ic), finSeq: cd.finSeq })];
    if (v.len(ic) > 0) fin1.push(m.td.fin1Data({ len: v.len(ic) }));
    if (kase !== 'fin-simultaneous') fin1.push(m.td.closeWait({ who: ow }));
    this.finStep(closer, m.td.stepFin({ from: this.name(closer), to: this.name(other) }), fin1);

    const io = od.finFrame !== 0 ? v.indexOfFrame(od.finFrame) : -1;
    const fin2 = (): string[] => [m.td.fin2({ who: ow, seq: v.seq(io), raw: v.seqRaw(io), finSeq: od.finSeq, dt: this.since(io, ic) })];
    if (kase === 'fin-simultaneous' && io >= 0) {
      const paras = fin2();
      paras.push(m.td.fin2Crossed({ who: ow, peer: cw, ack: v.ack(io), finSeq: cd.finSeq }));
      this.finStep(other, m.td.stepFin({ from: this.name(other), to: this.name(closer) }), paras);
      // Both ACKs, in capture order.
      const a1 = v.firstAckCovering(closer, od.finSeq, io);
      const a2 = v.firstAckCovering(other, cd.finSeq, io);
      const order = a2 >= 0 && (a1 < 0 || a2 < a1) ? [other, closer] : [closer, other];
      for (const e of order) this.ackStep(e, io, false);
      this.p.summary.push(m.td.sumSimultaneous);
      this.why([m.td.why4, m.td.whySimultaneous]);
      this.timeWait(closer);
      return;
    }

    const ack1 = v.firstAckCovering(other, cd.finSeq, ic);
    if (io >= 0 && ack1 === io) {
      // Three segments: the second FIN carries the ACK of the first.
      const paras = fin2();
      paras.push(m.td.fin2AlsoAcks({ peer: cw, ack: v.ack(io), finSeq: cd.finSeq }));
      this.finStep(other, m.td.stepFinAck({ from: this.name(other), to: this.name(closer) }), paras);
      this.ackStep(closer, io, true);
      this.p.summary.push(m.td.sum3({ closer: cw, other: ow }));
      this.why([m.td.why4, m.td.why3]);
      this.timeWait(closer);
      return;
    }

    this.ackStep(other, ic, false);
    const after = c.bytesAfterPeerFin[other];
    if (after > 0) {
      const frames: number[] = [];
      for (let j = ic + 1; j < v.count && (io < 0 || j < io); j++) if (v.sender(j) === other && v.len(j) > 0) frames.push(v.frame(j));
      this.p.step(frames, m.td.stepData({ from: this.name(other), to: this.name(closer) }), [
        m.td.halfClose({ who: ow, peer: cw, bytes: after, n: frames.length, frames }),
      ]);
    }
    const whyLines = [m.td.why4];
    if (after > 0) whyLines.push(m.td.why4HalfClose({ who: ow, bytes: after }));
    if (io < 0) {
      this.p.summary.push(m.td.sumHalfClosed({ closer: cw, other: ow }));
      this.p.summary.push(m.td.halfOpenEnd({ closer: cw, other: ow, cs: stateName(c.state[closer]), os: stateName(c.state[other]) }));
      this.why(whyLines);
      return;
    }
    this.finStep(other, m.td.stepFin({ from: this.name(other), to: this.name(closer) }), fin2());
    this.ackStep(closer, io, true);
    this.p.summary.push(m.td.sum4({ closer: cw }));
    if (after === 0) whyLines.push(m.td.why4Delay({ other: ow, dt: this.since(io, ic) }));
    this.why(whyLines);
    this.timeWait(closer);
  }

  reset(): void {
    const { v, m } = this;
    const c = v.c;
    const r = v.indexOfFrame(c.firstRstFrame);
    const e = v.sender(r);
    const hadFins = c.finFrames[0] !== 0 || c.finFrames[1] !== 0;
    if (hadFins) {
      // An orderly close had begun: tell its FINs first (only those before the reset).
      for (const fe of [0, 1].filter((x) => c.finFrames[x] !== 0 && c.finFrames[x] < c.firstRstFrame).sort((a, b) => c.finFrames[a] - c.finFrames[b])) {
        const j = v.indexOfFrame(c.finFrames[fe]);
        const frames = this.finFrames(fe).filter((f) => f < c.firstRstFrame);
        this.p.step(frames, m.td.stepFin({ from: this.name(fe), to: this.name(1 - fe) }), [
          m.td.fin1({ who: v.side(fe), seq: v.seq(j), raw: v.seqRaw(j), finSeq: c.dirs[fe].finSeq }),
        ]);
      }
    }
    this.p.step([c.firstRstFrame], m.td.stepRst({ from: this.name(e), to: this.name(1 - e) }), [
      m.td.rst({ who: v.side(e), seq: v.seq(r), raw: v.seqRaw(r), ack: v.hasAck(r), next: v.highestBefore(r, e)?.end === v.seq(r) }),
    ]);
    this.p.summary.push(m.td.sumRst({ who: v.side(e), frame: c.firstRstFrame }));
    if (hadFins) this.p.summary.push(m.td.rstAfterFin);
    this.p.section(m.td.rstTitle, [m.td.rstWhy]);
  }

  notCaptured(): void {
    const { v, m } = this;
    const last = v.count - 1;
    this.p.summary.push(m.td.sumNotCaptured({
      frame: v.frame(last),
      client: stateName(v.stateAfter(last, v.endpoint('client'))),
      server: stateName(v.stateAfter(last, v.endpoint('server'))),
    }));
  }

  private why(lines: string[]): void {
    this.p.section(this.m.td.whyTitle, lines);
  }

  /** TIME_WAIT: who entered it and when, whether it ran out inside the capture, and why 2·MSL. */
  private timeWait(closer: number): void {
    const { v, m } = this;
    const lines: string[] = [];
    let any = false;
    for (const e of [closer, 1 - closer]) {
      const ch = v.c.changes[e];
      const k = ch.findIndex((x) => x.state === TcpState.TimeWait);
      if (k < 0) continue;
      any = true;
      const who: Side = v.side(e);
      lines.push(m.td.timeWaitEntered({ who, frame: ch[k].frame }));
      const end = ch.slice(k + 1).find((x) => x.state === TcpState.Closed && x.frame === 0);
      if (end) lines.push(m.td.timeWaitLeft({ after: durationText(end.time - ch[k].time) }));
      else lines.push(m.td.timeWaitStill({ left: durationText(v.tracker.lastTime - ch[k].time), hold: `${this.timeWaitSeconds ?? DEFAULT_TIME_WAIT_SECONDS} s` }));
    }
    if (!any) return;
    this.p.section(m.td.timeWaitTitle, [m.td.timeWait1({ who: v.side(closer) }), m.td.timeWait2, ...lines]);
  }
}
