import type { PacketRecord } from '../capture/types';
import { OptBit, Problem, TcpFlag, type DecodedPacket } from '../decode/types';
import { SegmentTable } from '../model/segmentTable';
import { Analysis } from './analysisFlags';
import { TcpConnection, type CloseKind } from './connection';
import { seqGt, u32 } from './direction';
import { FlowTable } from './flowTable';
import { analyzeSequence, type AnalysisInput, type AnalysisResult } from './sequenceAnalysis';
import { SegmentRole, TcpState, TIME_WAIT_RULE, transition, type SegmentFacts } from './state';
import { ZeekConnection, type ZeekSegmentFacts } from './zeek';
import { tcpChecksumOk } from '../decode/tcpChecksum';

export interface TrackerOptions {
  /**
   * How long an endpoint stays in TIME-WAIT (2·MSL), in seconds. Default 60: what Linux holds
   * (TCP_TIMEWAIT_LEN). RFC 9293 §3.4.2 assumes MSL = 2 minutes, i.e. 240 s.
   */
  timeWaitSeconds?: number;
  /**
   * Zeek summaries (conn_state, history): `ignoreChecksums` like `zeek -C` — the default, since
   * captures taken on the sending host carry checksums the NIC had yet to fill in (offload).
   */
  zeek?: { ignoreChecksums?: boolean; enabled?: boolean };
}

/** Default 2·MSL in seconds (Linux's TIME-WAIT length). */
export const DEFAULT_TIME_WAIT_SECONDS = 60;

/**
 * Follows every TCP connection of a capture, one segment at a time, in capture order:
 * finds the connection by its 4-tuple (a new one on port reuse, as Wireshark does), numbers
 * sequence space relative to each side's ISN, runs Wireshark's sequence analysis and the
 * RFC 9293 state machine of both endpoints, and appends a row to the segment table.
 */
export class TcpTracker {
  readonly segments: SegmentTable;
  private readonly flows = new FlowTable<TcpConnection>(4096);
  private readonly dirOut = new Int32Array(1);
  private readonly input: AnalysisInput = { frame: 0, time: 0, seq: 0, ack: 0, len: 0, flags: 0, window: 0 };
  private readonly result: AnalysisResult = { flags: 0, dupAckNum: 0, dupAckFrame: 0, acksFrame: 0, ackRtt: 0, bytesInFlight: -1 };
  private readonly facts: SegmentFacts = { syn: false, ack: false, fin: false, rst: false, acksOurFin: false, acksOurSyn: false };
  private readonly mruSyn: number[] = [];
  /** 2·MSL in ns: how long TIME-WAIT lasts. */
  readonly timeWaitNs: number;
  private readonly zeekOptions: { ignoreChecksums: boolean } | null;
  private readonly zeekFacts: ZeekSegmentFacts = {
    fromA: true, flags: 0, seq: 0, ack: 0, len: 0, capturedLen: 0, window: 0, checksumOk: null,
    ipLength: 0, tsSec: 0, tsNsec: 0, headerOk: true,
  };
  /** Capture time origin: the first packet's timestamp (set by the first packet of any kind). */
  originSec = -1;
  originNsec = 0;
  lastTime = 0;

  constructor(options: TrackerOptions = {}, segmentCapacity = 1024) {
    this.segments = new SegmentTable(segmentCapacity);
    this.timeWaitNs = (options.timeWaitSeconds ?? DEFAULT_TIME_WAIT_SECONDS) * 1e9;
    this.zeekOptions = options.zeek?.enabled === false ? null : { ignoreChecksums: options.zeek?.ignoreChecksums ?? true };
  }

  get connections(): readonly TcpConnection[] {
    return this.flows.flows;
  }

  /** Feed every packet (TCP or not: the first one sets the time origin). */
  add(rec: PacketRecord, p: DecodedPacket): void {
    if (this.originSec < 0) {
      this.originSec = rec.tsSec;
      this.originNsec = rec.tsNsec;
    }
    const time = (rec.tsSec - this.originSec) * 1e9 + (rec.tsNsec - this.originNsec);
    if (time > this.lastTime) this.lastTime = time;
    if (!p.isTcp || p.tcpTruncated) return;
    const d = rec.data;
    const alen = p.ipVersion === 4 ? 4 : 16;
    const hash = FlowTable.hash(d, p.srcOffset, p.dstOffset, alen, p.sport, p.dport);
    let id = this.flows.find(d, p.srcOffset, p.dstOffset, alen, p.sport, p.dport, hash, this.dirOut);
    let dir = this.dirOut[0];
    const flags = p.flags;
    let reused = false;
    if (id >= 0) {
      const fwd = this.flows.flows[id].dirs[dir];
      if ((flags & TcpFlag.SYN) !== 0 && fwd.baseSet && p.seq !== fwd.base) {
        if ((flags & TcpFlag.ACK) === 0) {
          // Wireshark 4.0: a pure SYN with another ISN than its direction's base starts a new
          // conversation on the same 4-tuple (port reuse), flagged reused_ports.
          const old = id;
          id = this.flows.insert(this.newConnection(d, p, alen), hash, old);
          dir = 0;
        } else {
          // A SYN-ACK with a new ISN re-bases its direction in the same conversation.
          fwd.base = p.seq;
        }
        reused = true;
      }
    } else {
      id = this.flows.insert(this.newConnection(d, p, alen), hash);
      dir = 0;
    }
    const conn = this.flows.flows[id];
    this.segment(conn, dir, rec, p, time, reused);
    if (this.zeekOptions) this.zeekSegment(conn, dir, rec, p);
  }

  /**
   * Feeds Zeek's model of the connection (tcp/zeek.ts). Zeek drops packets with a bad IPv4
   * header checksum or an IP length beyond the frame before any connection lookup (IP.cc).
   */
  private zeekSegment(conn: TcpConnection, dir: number, rec: PacketRecord, p: DecodedPacket): void {
    const opts = this.zeekOptions!;
    if (p.problems & Problem.IpLength) return;
    if (!opts.ignoreChecksums && p.ipChecksumOk === false) return;
    const f = this.zeekFacts;
    const hl = p.tcpHeaderLength;
    f.fromA = dir === 0;
    f.flags = p.flags;
    f.seq = p.seq;
    f.ack = p.ack;
    f.len = p.payloadLength;
    f.capturedLen = p.payloadCaptured;
    f.window = p.window;
    f.checksumOk = opts.ignoreChecksums ? null : tcpChecksumOk(rec.data, p);
    f.ipLength = p.tcpOffset - p.ipOffset + p.ipPayloadLength;
    f.tsSec = rec.tsSec;
    f.tsNsec = rec.tsNsec;
    f.headerOk = hl >= 20 && (p.problems & Problem.TcpHeaderLength) === 0 && p.optionsLength === hl - 20;
    let z = conn.zeek;
    if (z && z.startsNewConnection(f)) z = null; // Zeek would have ended it: its summary restarts here
    if (!z) {
      z = new ZeekConnection({ ignoreChecksums: opts.ignoreChecksums, portA: conn.portA, portB: conn.portB });
      conn.zeek = z;
    }
    z.segment(f);
  }

  private newConnection(d: Uint8Array, p: DecodedPacket, alen: number): TcpConnection {
    const stream = this.flows.flows.length;
    this.mruSyn[stream] = -1;
    return new TcpConnection(stream, p.ipVersion, d.slice(p.srcOffset, p.srcOffset + alen), d.slice(p.dstOffset, p.dstOffset + alen), p.sport, p.dport);
  }

  private segment(conn: TcpConnection, dir: number, rec: PacketRecord, p: DecodedPacket, time: number, reused: boolean): void {
    const fwd = conn.dirs[dir];
    const rev = conn.dirs[1 - dir];
    const flags = p.flags;
    const syn = (flags & TcpFlag.SYN) !== 0;
    const ackFlag = (flags & TcpFlag.ACK) !== 0;
    // A data offset beyond the IP payload: tshark shows the packet in its stream with raw
    // numbers and no length, and does not analyse it.
    const bogusLength = (p.problems & Problem.TcpHeaderLength) !== 0 && p.tcpHeaderLength >= 20;
    // Options cut off by the snaplen: analysed, but the options (and the verdict) are lost, as in tshark.
    const optionsCut = p.tcpHeaderLength - 20 > p.optionsLength;

    this.expireTimeWait(conn, time);
    if (conn.packets === 0) {
      conn.firstFrame = rec.frame;
      conn.firstTime = time;
      this.initialStates(conn, dir, flags, rec.frame, time);
    }
    conn.packets++;
    conn.lastFrame = rec.frame;
    conn.lastTime = time;

    const res = this.result;
    let analysis = 0;
    let relSeq = p.seq;
    let relAck = p.ack;
    const windowBytes = syn || fwd.winScale < 0 ? p.window : p.window * 2 ** fwd.winScale;
    if (!bogusLength) {
      // Relative numbering (Wireshark): the ISN on a SYN, else one below the first seq seen;
      // the peer's base from the first ACK when its SYN was not captured.
      if (!fwd.baseSet) {
        fwd.base = syn ? p.seq : u32(p.seq - 1);
        fwd.baseSet = true;
      }
      if (!rev.baseSet && ackFlag) {
        rev.base = u32(p.ack - 1);
        rev.baseSet = true;
      }
      const inp = this.input;
      inp.frame = rec.frame;
      inp.time = time;
      inp.seq = p.seq;
      inp.ack = p.ack;
      inp.len = p.payloadLength;
      inp.flags = flags;
      inp.window = p.window;
      analyzeSequence(fwd, rev, inp, conn.firstRtt, res);
      analysis = res.flags;
      relSeq = u32(p.seq - fwd.base);
      relAck = ackFlag ? u32(p.ack - rev.base) : p.ack;
    } else {
      res.flags = 0; res.acksFrame = 0; res.bytesInFlight = -1; res.dupAckNum = 0;
    }
    if (reused) analysis |= Analysis.ReusedPorts;

    // Handshake timing (tshark's iRTT): most recent pure SYN → first non-SYN segment with ACK.
    if (syn) {
      fwd.isFirstAck = true;
      this.synFacts(conn, dir, p, time, rec.frame);
    } else if (ackFlag) {
      if (this.mruSyn[conn.stream] >= 0 && conn.firstRtt === 0) {
        conn.firstRtt = Math.max(1, time - this.mruSyn[conn.stream]);
        if (conn.synAckFrame !== 0 && conn.handshakeAckFrame === 0) conn.handshakeAckFrame = rec.frame;
      }
      fwd.isFirstAck = false;
    }
    // Options take effect after the segment that carries them (RFC 7323 §2.2 for the scale).
    fwd.sackSpan = 0;
    if (!optionsCut) {
      if (p.wscale >= 0) fwd.winScale = Math.min(p.wscale, 14);
      if (p.optMask & OptBit.Sack) fwd.sackSpan = p.sackSpan;
      if (syn) {
        // Scaling needs the option on both SYN and SYN-ACK (RFC 7323 §1.3).
        if (fwd.winScale === -1) { fwd.winScale = -2; rev.winScale = -2; }
        else if (ackFlag && rev.winScale === -2) fwd.winScale = -2;
      }
    } else {
      analysis = 0; res.acksFrame = 0; res.bytesInFlight = -1; res.dupAckNum = 0;
    }

    // Accounting.
    fwd.packets++;
    fwd.payloadBytes += bogusLength ? 0 : p.payloadLength;
    fwd.capturedBytes += p.payloadCaptured;
    if (fwd.firstFrame === 0) fwd.firstFrame = rec.frame;
    fwd.lastFrame = rec.frame;
    if (rev.finFrame !== 0 && !bogusLength) conn.bytesAfterPeerFin[dir] += p.payloadLength;
    if ((flags & TcpFlag.FIN) !== 0 && fwd.finFrame === 0) {
      fwd.finFrame = rec.frame;
      fwd.finSeq = u32(relSeq + p.payloadLength);
      conn.finFrames[dir] = rec.frame;
    }
    if ((flags & TcpFlag.RST) !== 0) {
      if (fwd.rstFrame === 0) fwd.rstFrame = rec.frame;
      if (conn.firstRstFrame === 0) { conn.firstRstFrame = rec.frame; conn.firstRstFrom = dir; }
    }
    const t = this.segments;
    if (conn.firstRow < 0) conn.firstRow = t.length;
    if ((flags & TcpFlag.RST) !== 0 && conn.state[dir] === TcpState.SynReceived && conn.passive[dir] && fwd.synCount === 0) {
      this.refused(conn, dir);
    }
    if (syn && !ackFlag && conn.state[dir] === TcpState.SynReceived && conn.passive[dir] && fwd.synCount === 1) {
      this.crossedSyns(conn, dir, rec.frame, time);
    }
    // RFC 9293 §3.5 (figure 8): in a simultaneous open each side answers the other's SYN with a
    // SYN-ACK carrying its own ISN again. Wireshark calls it a retransmission; it is not one.
    if (syn && ackFlag && conn.simultaneousOpen && p.seq === fwd.isn && !fwd.sentSynAck) {
      analysis &= ~Analysis.Retransmission;
    }
    if (syn && ackFlag) fwd.sentSynAck = true;
    for (let b = analysis, i = 0; b !== 0; b >>>= 1, i++) if (b & 1) conn.analysisCounts[i]++;
    this.stateStep(conn, dir, flags, ackFlag ? relAck : 0, rec.frame, time);

    const row = t.add();
    t.frame[row] = rec.frame;
    t.conn[row] = conn.stream;
    t.time[row] = time;
    t.seq[row] = relSeq;
    t.ack[row] = relAck;
    t.len[row] = bogusLength ? 0 : p.payloadLength;
    t.window[row] = p.window;
    t.windowBytes[row] = windowBytes;
    t.flagsDir[row] = (flags & 0x0fff) | (dir === 1 ? 0x8000 : 0);
    t.analysis[row] = analysis;
    t.states[row] = conn.state[0] | (conn.state[1] << 4);
    t.acksFrame[row] = res.acksFrame;
    t.bytesInFlight[row] = res.bytesInFlight;
    if (res.dupAckNum > 0 && !optionsCut) t.dupAck.set(row, { num: res.dupAckNum, frame: res.dupAckFrame });
  }

  /** Handshake facts from a SYN or SYN-ACK. */
  private synFacts(conn: TcpConnection, dir: number, p: DecodedPacket, time: number, frame: number): void {
    const fwd = conn.dirs[dir];
    const ack = (p.flags & TcpFlag.ACK) !== 0;
    fwd.synCount++;
    if (fwd.synFrame === 0) {
      fwd.synFrame = frame;
      fwd.synTime = time;
      fwd.isn = p.seq;
      fwd.mss = p.mss;
      fwd.synWscale = p.wscale;
      fwd.sackPermitted = (p.optMask & OptBit.SackPerm) !== 0;
      fwd.timestamps = (p.optMask & OptBit.Timestamps) !== 0;
      fwd.tfoCookie = (p.optMask & OptBit.Tfo) !== 0;
      fwd.dataOnSyn = p.payloadLength;
      // RFC 3168 §6.1.1: an ECN-setup SYN has ECE+CWR, the SYN-ACK ECE only. AccECN adds AE.
      fwd.ecnSetup = ack ? (p.flags & TcpFlag.ECE) !== 0 : (p.flags & (TcpFlag.ECE | TcpFlag.CWR)) === (TcpFlag.ECE | TcpFlag.CWR);
    }
    if (!ack) {
      fwd.bareSyns++;
      this.mruSyn[conn.stream] = time;
      if (conn.synFrame === 0) conn.synFrame = frame;
    } else if (conn.synAckFrame === 0) {
      conn.synAckFrame = frame;
      conn.synAckTime = time;
    }
  }

  /** Where the endpoints start: from the first captured segment (RFC 9293 §3.3.2 names). */
  private initialStates(conn: TcpConnection, dir: number, flags: number, frame: number, time: number): void {
    const other = 1 - dir;
    const syn = (flags & TcpFlag.SYN) !== 0;
    const ack = (flags & TcpFlag.ACK) !== 0;
    if (syn && !ack) {
      // The SYN's sender opens actively from CLOSED; the receiver must have been listening.
      conn.state[dir] = TcpState.Closed;
      conn.state[other] = TcpState.Listen;
      conn.passive[other] = true;
      conn.changes[other].push({ state: TcpState.Listen, frame, time, rule: 'RFC 9293 §3.10.1: passive OPEN — inferred from the SYN it receives', inferred: true });
      conn.changes[dir].push({ state: TcpState.Closed, frame, time, rule: 'RFC 9293 §3.3.2: CLOSED before the active OPEN', inferred: true });
      conn.clientIsA = dir === 0;
      conn.rolesInferred = false;
    } else if (syn && ack) {
      // The handshake's SYN was not captured: the SYN-ACK's sender is the server.
      conn.state[dir] = TcpState.SynReceived;
      conn.state[other] = TcpState.SynSent;
      conn.passive[dir] = true;
      conn.changes[dir].push({ state: TcpState.SynReceived, frame, time, rule: 'inferred: it answers a SYN that was not captured (RFC 9293 §3.10.7.2)', inferred: true });
      conn.changes[other].push({ state: TcpState.SynSent, frame, time, rule: 'inferred: it sent a SYN that was not captured (RFC 9293 §3.10.1)', inferred: true });
      conn.clientIsA = dir === 1;
      conn.rolesInferred = false;
    } else {
      // Mid-stream: both sides already synchronized (roles from the ports, marked inferred).
      conn.state[0] = TcpState.Established;
      conn.state[1] = TcpState.Established;
      for (const e of [0, 1]) {
        conn.changes[e].push({ state: TcpState.Established, frame, time, rule: 'inferred: the capture starts mid-connection (no handshake seen)', inferred: true });
      }
      conn.clientIsA = serverLooksLikeB(conn.portA, conn.portB);
      conn.rolesInferred = true;
    }
  }

  private stateStep(conn: TcpConnection, dir: number, flags: number, relAck: number, frame: number, time: number): void {
    const f = this.facts;
    f.syn = (flags & TcpFlag.SYN) !== 0;
    f.ack = (flags & TcpFlag.ACK) !== 0;
    f.fin = (flags & TcpFlag.FIN) !== 0;
    f.rst = (flags & TcpFlag.RST) !== 0;
    if (f.syn && !f.ack && conn.dirs[1 - dir].bareSyns > 0 && conn.synAckFrame === 0) conn.simultaneousOpen = true;
    // The sender's view.
    f.acksOurFin = false;
    f.acksOurSyn = false;
    const peer = conn.dirs[1 - dir];
    const crossingFin = f.fin && conn.state[dir] === TcpState.CloseWait && peer.finSeq >= 0 && !(f.ack && seqGt(relAck, peer.finSeq));
    if (crossingFin) this.uncloseWait(conn, dir);
    this.apply(conn, dir, SegmentRole.Sent, frame, time);
    if (crossingFin && conn.state[dir] === TcpState.FinWait1) {
      // This FIN does not acknowledge the peer's: it left before the peer's FIN arrived, so the
      // FINs crossed (RFC 9293 §3.6, figure 13 — simultaneous close).
      conn.state[dir] = TcpState.Closing;
      conn.sawClosing = true;
      conn.changes[dir].push({
        state: TcpState.Closing, frame, time, inferred: false,
        rule: `RFC 9293 §3.10.7.4: the peer's FIN (frame ${peer.finFrame}) crossed ours — FIN received in FIN-WAIT-1 before our FIN was ACKed (simultaneous close), enter CLOSING`,
      });
    }
    // The receiver's view: does this ACK cover the receiver's SYN / FIN?
    const recv = conn.dirs[1 - dir];
    // A SYN that was not captured still counts: the first ACK seen covers it (relative base ISN).
    f.acksOurSyn = f.ack && (recv.synFrame === 0 || seqGt(relAck, 0));
    f.acksOurFin = f.ack && recv.finSeq >= 0 && seqGt(relAck, recv.finSeq);
    this.apply(conn, 1 - dir, SegmentRole.Received, frame, time);
  }

  private apply(conn: TcpConnection, endpoint: number, role: SegmentRole, frame: number, time: number): void {
    const from = conn.state[endpoint];
    const t = transition(from, role, this.facts, { passive: conn.passive[endpoint] });
    if (!t) return;
    conn.state[endpoint] = t.to;
    conn.changes[endpoint].push({ state: t.to, frame, time, rule: t.rule, inferred: false });
    if (t.to === TcpState.TimeWait) conn.timeWaitSince[endpoint] = time;
    if (t.to === TcpState.Closing) conn.sawClosing = true;
    if (from === TcpState.FinWait1 && t.to === TcpState.TimeWait) conn.sawThreeWayClose = true;
  }

  /**
   * The SYN's receiver answered with RST and never with a SYN-ACK: nothing was listening.
   * The LISTEN → SYN-RECEIVED we inferred when the SYN arrived is replaced by CLOSED
   * (RFC 9293 §3.10.7.1), in the timeline and in the segments already recorded.
   */
  private refused(conn: TcpConnection, e: number): void {
    const first = conn.changes[e][0];
    conn.changes[e].length = 0;
    conn.changes[e].push({
      state: TcpState.Closed, frame: first?.frame ?? conn.firstFrame, time: first?.time ?? conn.firstTime,
      rule: 'RFC 9293 §3.10.7.1: no socket listens on this port — in CLOSED, a SYN is answered with RST', inferred: true,
    });
    conn.state[e] = TcpState.Closed;
    conn.passive[e] = false;
    this.patchStates(conn, e, TcpState.Closed);
  }

  /**
   * The endpoint we took for a listener sends a bare SYN of its own: both sides opened actively
   * and the SYNs crossed (RFC 9293 §3.5, figure 8). Its story becomes CLOSED → SYN-SENT →
   * SYN-RECEIVED (the peer's SYN reached it after its own left), also in recorded segments.
   */
  private crossedSyns(conn: TcpConnection, e: number, frame: number, time: number): void {
    const peerSyn = conn.dirs[1 - e].synFrame;
    conn.changes[e].length = 0;
    conn.changes[e].push(
      { state: TcpState.Closed, frame: conn.firstFrame, time: conn.firstTime, rule: 'RFC 9293 §3.3.2: CLOSED before the active OPEN', inferred: true },
      { state: TcpState.SynSent, frame, time, rule: 'RFC 9293 §3.10.1: active OPEN — SYN sent, enter SYN-SENT', inferred: false },
      {
        state: TcpState.SynReceived, frame, time, inferred: false,
        rule: `RFC 9293 §3.10.7.3: the peer's SYN (frame ${peerSyn}) crossed ours — simultaneous open, enter SYN-RECEIVED`,
      },
    );
    conn.passive[e] = false;
    conn.simultaneousOpen = true;
    this.patchStates(conn, e, TcpState.Closed);
  }

  /**
   * Endpoint `e` was put in CLOSE-WAIT when the capture saw the peer's FIN, but its own FIN
   * now shows it had not received that FIN yet: it was still ESTABLISHED until now.
   */
  private uncloseWait(conn: TcpConnection, e: number): void {
    const ch = conn.changes[e];
    if (ch.length && ch[ch.length - 1].state === TcpState.CloseWait) ch.pop();
    conn.state[e] = TcpState.Established;
    this.patchStates(conn, e, TcpState.Established, conn.dirs[1 - e].finFrame);
  }

  /** Endpoint `e` was in `state` in the segments of `conn` recorded so far (from frame `fromFrame` on). */
  private patchStates(conn: TcpConnection, e: number, state: TcpState, fromFrame = 0, toFrame = conn.lastFrame - 1): void {
    (conn.stateOverrides ??= []).push({ e, fromFrame, toFrame, state });
  }

  /** Both endpoints' states after segment `row` (A in the low nibble, B in the high one), corrections applied. */
  statesAt(row: number): number {
    const t = this.segments;
    let v = t.states[row];
    const o = this.flows.flows[t.conn[row]].stateOverrides;
    if (o) {
      const frame = t.frame[row];
      for (const x of o) {
        if (frame >= x.fromFrame && frame <= x.toFrame) {
          const shift = x.e === 0 ? 0 : 4;
          v = (v & ~(0x0f << shift)) | (x.state << shift);
        }
      }
    }
    return v;
  }

  /** TIME-WAIT ends 2·MSL after it began (RFC 9293 §3.10.8); checked as time passes. */
  private expireTimeWait(conn: TcpConnection, now: number): void {
    if (conn.timeWaitSince[0] < 0 && conn.timeWaitSince[1] < 0) return;
    for (let e = 0; e < 2; e++) {
      const since = conn.timeWaitSince[e];
      if (since >= 0 && conn.state[e] === TcpState.TimeWait && now - since >= this.timeWaitNs) {
        conn.state[e] = TcpState.Closed;
        conn.changes[e].push({ state: TcpState.Closed, frame: 0, time: since + this.timeWaitNs, rule: TIME_WAIT_RULE, inferred: false });
        conn.timeWaitSince[e] = -1;
      }
    }
  }

  /** Call once after the last packet: expires TIME-WAITs that ran out before the capture ended. */
  finish(): void {
    for (const c of this.flows.flows) {
      this.expireTimeWait(c, this.lastTime);
      for (const e of [0, 1]) if (c.dirs[e].packets === 0 && c.passive[e]) this.neverAnswered(c, e);
    }
  }

  /**
   * Nothing from this endpoint was captured: the LISTEN → SYN-RECEIVED inferred from the SYNs
   * it was sent cannot be told apart from "no such host" or "filtered", so it is not claimed.
   */
  private neverAnswered(conn: TcpConnection, e: number): void {
    const first = conn.changes[e][0];
    conn.changes[e].length = 0;
    conn.changes[e].push({
      state: TcpState.Closed, frame: first?.frame ?? conn.firstFrame, time: first?.time ?? conn.firstTime, inferred: true,
      rule: 'nothing from this endpoint was captured: no SYN-ACK and no RST (RFC 9293 §3.10.7.1), so its state is unknown — the SYN was lost, filtered, or no host answered',
    });
    conn.state[e] = TcpState.Closed;
    conn.passive[e] = false;
    this.patchStates(conn, e, TcpState.Closed, 0, conn.lastFrame);
  }
}

/** Without a SYN, guess the server: the well-known (lower than 1024) or else the lower port. */
function serverLooksLikeB(portA: number, portB: number): boolean {
  const aWell = portA < 1024;
  const bWell = portB < 1024;
  if (aWell !== bWell) return bWell;
  return portB <= portA;
}

/** The kind of close, from what each side sent (see CloseKind). */
export function closeKind(c: TcpConnection): CloseKind {
  const ci = c.clientIndex;
  const client = c.dirs[ci];
  const server = c.dirs[1 - ci];
  if (c.firstRstFrame !== 0) {
    const rstFromServer = c.firstRstFrom === 1 - ci;
    // An RST answering the SYN, before any SYN-ACK: the connection was refused.
    if (rstFromServer && c.synAckFrame === 0 && client.synFrame !== 0 && server.payloadBytes === 0) return 'rejected';
    return rstFromServer ? 'rst-server' : 'rst-client';
  }
  const fins = (c.finFrames[0] !== 0 ? 1 : 0) + (c.finFrames[1] !== 0 ? 1 : 0);
  if (fins === 2) {
    if (c.sawClosing) return 'fin-simultaneous';
    if (c.sawThreeWayClose) return 'fin-3way';
    return 'fin-4way';
  }
  if (fins === 1) return 'half-closed';
  if (client.synFrame !== 0 && server.packets === 0) return 'unanswered';
  return 'open';
}
