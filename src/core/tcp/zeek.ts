/**
 * A Zeek-compatible summary of one TCP connection: conn.log's conn_state, history, orig/resp
 * bytes and packets, IP bytes and missed bytes, computed the way Zeek computes them.
 *
 * This is a port of the parts of Zeek's TCP analysis that feed those columns (Zeek commit range
 * around v8, the one the corpora baselines come from); docs/notes/zeek-conn.md explains each rule
 * and where it lives in Zeek. Zeek source names used in comments:
 *   TCPSessionAdapter  = zeek/src/packet_analysis/protocol/tcp/TCPSessionAdapter.cc
 *   TCPAnalyzer        = zeek/src/packet_analysis/protocol/tcp/TCP.cc
 *   TCP_Endpoint       = zeek/src/analyzer/protocol/tcp/TCP_Endpoint.{h,cc}
 *   TCP_Reassembler    = zeek/src/analyzer/protocol/tcp/TCP_Reassembler.cc (+ src/Reassem.cc)
 *   Connection/Session = zeek/src/Conn.cc, zeek/src/session/Session.h
 *   conn_state()       = zeek/scripts/base/protocols/conn/main.zeek
 *
 * Independent of any tracker: the caller decides which packets belong to the connection, tells
 * us who sent each one relative to "A" (the source of the connection's first packet), and asks
 * `startsNewConnection()` before feeding a packet to learn whether Zeek would have ended this
 * connection first (timers, or a SYN that Zeek treats as reuse of the 4-tuple).
 *
 * Pure TypeScript, no platform imports. One object per connection; per-packet work allocates
 * nothing except when a history letter is appended (rare: letters are rate-limited) or when the
 * reassembler's block list grows.
 */
import { BlockList } from './zeek/blocks';

/** Everything about one TCP segment that Zeek's conn summary depends on. */
export interface ZeekSegmentFacts {
  /** True when sent by endpoint A = the source of the first packet of this connection. */
  fromA: boolean;
  /** 12-bit TCP flags (FIN 0x1, SYN 0x2, RST 0x4, PSH 0x8, ACK 0x10, URG 0x20, ECE 0x40, CWR 0x80, AE 0x100). */
  flags: number;
  /** Raw unsigned 32-bit sequence / acknowledgement numbers. */
  seq: number;
  ack: number;
  /** TCP payload length as the IP length implies. */
  len: number;
  /** Payload bytes actually captured. */
  capturedLen: number;
  /** Raw window field. */
  window: number;
  /** TCP checksum verdict (null when it cannot be computed, e.g. truncated: Zeek then accepts). */
  checksumOk: boolean | null;
  /** IP total length (for orig_ip_bytes / resp_ip_bytes). */
  ipLength: number;
  tsSec: number;
  tsNsec: number;
  /**
   * False when Zeek's TCPAnalyzer::ExtractTCP_Header would reject the header (data offset < 20
   * bytes, or beyond the IP payload or the captured bytes): the packet still creates the
   * connection (its flags still count for the originator guess) but is otherwise ignored.
   * Default true. (Fewer than 20 captured TCP bytes: Zeek creates no connection at all — the
   * caller should not feed such packets.)
   */
  headerOk?: boolean;
}

export interface ZeekSummary {
  /** False when Zeek would flip roles (the originator is B). */
  origIsA: boolean;
  connState: string;
  history: string;
  /** Payload bytes from sequence numbers (TCP_Endpoint::Size). Zeek logs them only when duration > 0. */
  origBytes: number;
  respBytes: number;
  origPkts: number;
  respPkts: number;
  origIpBytes: number;
  respIpBytes: number;
  missedBytes: number;
  /** last_time − start_time in seconds, as Zeek measures it (conn.log `duration`; '-' when 0). */
  duration: number;
}

export interface ZeekConnectionOptions {
  /** Zeek's -C / ignore_checksums: bad TCP checksums are not checked. */
  ignoreChecksums?: boolean;
  /** Ports of A and B, for the likely_server_ports guess when the first packet is not a bare SYN. */
  portA?: number;
  portB?: number;
  /**
   * Zeek's likely_server_ports (TCP). Default ZEEK_DEFAULT_LIKELY_SERVER_PORTS (what Zeek's
   * default scripts register). `zeek -b` with only base/protocols/conn loaded has none.
   */
  likelyServerPorts?: ReadonlySet<number>;
  /** Zeek's report_gaps_for_partial (default F): count missed bytes in gaps of partial connections too. */
  reportGapsForPartial?: boolean;
}

/**
 * TCP ports Zeek's default-loaded protocol scripts add to likely_server_ports
 * (`redef likely_server_ports += { ports }` in scripts/base/protocols/<proto>/main.zeek).
 * Reconstructed from those scripts; not exhaustive for plugins.
 */
export const ZEEK_DEFAULT_LIKELY_SERVER_PORTS: ReadonlySet<number> = new Set([
  21, 2811, // ftp
  22, // ssh
  25, 587, // smtp
  53, // dns
  80, 81, 631, 1080, 3128, 8000, 8080, 8888, // http
  88, // krb (tcp)
  102, // iso-cotp / s7
  110, // pop3
  135, // dce-rpc
  139, 445, // smb
  143, // imap
  389, 3268, // ldap
  443, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223, // ssl
  502, // modbus
  1433, 3306, // mysql / mssql
  1883, // mqtt
  3389, // rdp
  5222, 5269, // xmpp
  5432, // postgresql
  6379, // redis
  6666, 6667, 6668, 6669, // irc
  20000, // dnp3
]);

// ---------------------------------------------------------------- constants from Zeek

/** TCP_Endpoint.h EndpointState. */
export const enum ZeekEndpointState {
  Inactive = 0,
  SynSent = 1,
  SynAckSent = 2,
  Partial = 3,
  Established = 4,
  Closed = 5,
  Reset = 6,
}

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

// TCP_Endpoint.h history masks; the responder's are shifted left by 16 (TCP_Endpoint::CheckHistory).
const HIST_SYN_PKT = 0x1;
const HIST_FIN_PKT = 0x2;
const HIST_RST_PKT = 0x4;
const HIST_FIN_RST_PKT = 0x8;
const HIST_DATA_PKT = 0x10;
const HIST_ACK_PKT = 0x20;
const HIST_MULTI_FLAG_PKT = 0x40;

// TCPSessionAdapter.cc
const TOO_LARGE_SEQ_DELTA = 1048576;
// first_packet_seen bits
const FPS_ORIG = 1;
const FPS_RESP = 2;

// init-bare.zeek defaults
const TCP_SYN_TIMEOUT = 5;
const TCP_SESSION_TIMER = 6;
const TCP_CONNECTION_LINGER = 5;
const TCP_ATTEMPT_DELAY = 5;
const TCP_CLOSE_DELAY = 5;
const TCP_INACTIVITY_TIMEOUT = 300;
const UDP_INACTIVITY_TIMEOUT = 60;
const TCP_MAX_INITIAL_WINDOW = 16384;
const TCP_MAX_ABOVE_HOLE_WITHOUT_ANY_ACKS = 16384;
const TCP_EXCESSIVE_DATA_WITHOUT_FURTHER_ACKS = 10 * 1024 * 1024;

const TWO32 = 4294967296;
const TWO64 = 18446744073709551616;

/** seq_delta(): signed 32-bit difference a − b. */
function seqDelta(a: number, b: number): number {
  return (a - b) | 0;
}

/**
 * Zeek keeps relative sequence numbers in uint64; a negative int32 delta cast to uint64 is huge.
 * We keep such values negative (so equality still distinguishes them) and compare with these.
 */
function geU64(a: number, b: number): boolean {
  if ((a < 0) !== (b < 0)) return a < 0;
  return a >= b;
}

function isHandshake(s: ZeekEndpointState): boolean {
  return s === ZeekEndpointState.Inactive || s === ZeekEndpointState.SynSent || s === ZeekEndpointState.SynAckSent;
}

// ---------------------------------------------------------------- one endpoint

/** TCP_Endpoint plus its TCP_Reassembler's sequence bookkeeping and ConnSize's counters. */
class Endpoint {
  state = ZeekEndpointState.Inactive;
  prevState = ZeekEndpointState.Inactive;
  /** int64 in Zeek; here a number in [0, 2^32) (initialised from uint32 arithmetic). */
  startSeq = 0;
  lastSeq = 0;
  ackSeq = 0;
  seqWraps = 0;
  ackWraps = 0;
  finCnt = 0;
  rstCnt = 0;
  /** Relative sequence number just past the FIN (TCP_Endpoint::FIN_seq). */
  finSeq = 0;
  didClose = false;
  histLastSyn = 0;
  histLastFin = 0;
  histLastRst = 0;
  // Scaled history counters (TCP_Endpoint chk/rxmt/win0/gap, thresholds start at 1).
  chkCnt = 0; chkThresh = 1;
  rxmtCnt = 0; rxmtThresh = 1;
  win0Cnt = 0; win0Thresh = 1;
  gapCnt = 0; gapThresh = 1;
  lastTime = 0;
  // ConnSize_Analyzer counters. Zeek counts per role and swaps them on a flip, which is the
  // same as counting per physical endpoint (packets are counted with the post-flip role).
  pkts = 0;
  ipBytes = 0;
  // TCP_Reassembler (relative sequence numbers; Reassembler(1, ...) starts both at 1).
  lastReassemSeq = 1;
  trimSeq = 1;
  readonly blocks = new BlockList();
  skipDeliveries = false;
  didEOF = false;
  peer!: Endpoint;

  constructor(public isOrig: boolean) {}

  setState(s: ZeekEndpointState, conn: ZeekConnection): void {
    if (s === this.state) return;
    // TCP_Endpoint::SetState: leaving the handshake switches to the TCP inactivity timeout.
    if (!isHandshake(s) && isHandshake(this.state) && isHandshake(this.peer.state)) {
      conn.setInactivityTimeout(TCP_INACTIVITY_TIMEOUT);
    }
    this.prevState = this.state;
    this.state = s;
  }

  /** TCP_Endpoint::ToRelativeSeqSpace. */
  toRelative(seq: number, wraps: number): number {
    return wraps * TWO32 + seq - this.startSeq;
  }

  updateLastSeq(seq: number): void {
    if (seq < this.lastSeq) this.seqWraps++;
    this.lastSeq = seq;
  }

  updateAckSeq(seq: number): void {
    if (seq < this.ackSeq) this.ackWraps++;
    this.ackSeq = seq;
  }

  noDataAcked(): boolean {
    const a = this.ackWraps * TWO32 + this.ackSeq;
    return a === this.startSeq || a === this.startSeq + 1;
  }

  /** TCP_Endpoint::Size: payload bytes from sequence numbers. */
  size(): number {
    if (this.prevState === ZeekEndpointState.SynSent && this.state === ZeekEndpointState.Reset &&
        this.peer.state === ZeekEndpointState.Inactive && !this.noDataAcked()) {
      return 0; // a half-open connection discovered and aborted
    }
    const last64 = this.seqWraps * TWO32 + this.lastSeq;
    const ack64 = this.ackWraps * TWO32 + this.ackSeq;
    let size = (last64 > ack64 ? last64 : ack64) - this.startSeq;
    if (size < 0) size += TWO64; // uint64 wrap-around, as Zeek prints it (precision is lost)
    if (size !== 0) size--; // the SYN octet
    if (this.finCnt > 0 && size !== 0) size--; // the FIN octet
    return size;
  }
}

type TimerKind = 1 | 2 | 3; // attempt, expire, delete
const T_ATTEMPT: TimerKind = 1;
const T_EXPIRE: TimerKind = 2;
const T_DELETE: TimerKind = 3;

// ---------------------------------------------------------------- the connection

export class ZeekConnection {
  private readonly a = new Endpoint(true);
  private readonly b = new Endpoint(false);
  private origIsA = true;
  private history = '';
  private histSeen = 0;
  private isPartial = false;
  private firstPacketSeen = 0;
  private isActive = true;
  private closeDeferred = false;
  private deferredGenEvent = false;
  private started = false;
  private startTime = 0;
  private lastTime = 0;
  private missedBytes = 0;
  private removed = false;

  // Timers. Analyzer timers (attempt / expire / delete) are few: kept in small parallel arrays.
  private readonly timerAt: number[] = [];
  private readonly timerKind: TimerKind[] = [];
  private inactivityTimeout = 0;

  private readonly ignoreChecksums: boolean;
  private readonly portA: number;
  private readonly portB: number;
  private readonly likely: ReadonlySet<number>;
  private readonly reportGapsForPartial: boolean;

  constructor(options: ZeekConnectionOptions = {}) {
    this.ignoreChecksums = options.ignoreChecksums ?? false;
    this.portA = options.portA ?? -1;
    this.portB = options.portB ?? -1;
    this.likely = options.likelyServerPorts ?? ZEEK_DEFAULT_LIKELY_SERVER_PORTS;
    this.reportGapsForPartial = options.reportGapsForPartial ?? false;
    this.a.peer = this.b;
    this.b.peer = this.a;
  }

  private get orig(): Endpoint { return this.origIsA ? this.a : this.b; }
  private get resp(): Endpoint { return this.origIsA ? this.b : this.a; }

  // ------------------------------------------------------------ lifetime

  /**
   * Would Zeek end this connection before the packet `s` (which belongs to the same 4-tuple)?
   * True when one of Zeek's timers would have removed it by s's timestamp (attempt timer,
   * expire timer, close/reset delete timer, inactivity timeout), or when s is a SYN that
   * TCPSessionAdapter::IsReuse treats as the start of a new connection. The caller then
   * takes summary() of this one and starts a new ZeekConnection with s as its first packet.
   * Call at most once per packet, before segment(s).
   */
  startsNewConnection(s: ZeekSegmentFacts): boolean {
    if (!this.started) return false;
    if (this.removed) return true;
    this.runTimers(s.tsSec + s.tsNsec / 1e9);
    if (this.removed) return true;
    if (s.headerOk === false) return false; // IsReuse: "Bogus header, don't interpret further"
    return this.isReuse(s);
  }

  /** TCPSessionAdapter::IsReuse. */
  private isReuse(s: ZeekSegmentFacts): boolean {
    const f = s.flags;
    if (!(f & SYN)) return false; // reuse only starts with a SYN (or SYN-ACK for half connections)
    let connOrig = this.orig;
    if (f & ACK) {
      if (this.orig.state !== ZeekEndpointState.Inactive) return false; // not a half connection
      connOrig = this.resp;
    }
    if (!this.isClosed()) {
      if (s.seq === connOrig.startSeq) return false;
      if (!(f & ACK) && connOrig.state === ZeekEndpointState.SynAckSent &&
          this.resp.state === ZeekEndpointState.Inactive && s.seq === this.resp.startSeq) {
        // SYN and SYN-ACK seen in reverse order: UpdateInactiveState flips instead.
        return false;
      }
    }
    return true;
  }

  private isClosed(): boolean {
    return this.orig.didClose || this.resp.didClose;
  }

  /** Session::SetInactivityTimeout: the timer restarts from last_time. */
  setInactivityTimeout(t: number): void {
    this.inactivityTimeout = t;
  }

  private addTimer(at: number, kind: TimerKind): void {
    this.timerAt.push(at);
    this.timerKind.push(kind);
  }

  /** Analyzer::CancelTimers (the connection's inactivity timer is not an analyzer timer). */
  private cancelTimers(): void {
    this.timerAt.length = 0;
    this.timerKind.length = 0;
  }

  /**
   * Fires, in time order, every timer due at or before t (Zeek expires timers before it
   * dispatches the packet that advanced network time). State does not change between this
   * connection's packets, so evaluating the timers now is the same as Zeek evaluating them
   * when other connections' packets advanced the clock.
   */
  private runTimers(t: number): void {
    for (;;) {
      let best = -1;
      for (let i = 0; i < this.timerAt.length; i++) {
        if (this.timerAt[i] <= t && (best < 0 || this.timerAt[i] < this.timerAt[best])) best = i;
      }
      // Session::InactivityTimer: fires when last_time + timeout has passed (it reschedules
      // itself to last_time + timeout otherwise, so "now ≥ last_time + timeout" is exact).
      const inactAt = this.inactivityTimeout > 0 ? this.lastTime + this.inactivityTimeout : Infinity;
      if (best < 0 || inactAt <= this.timerAt[best]) {
        if (inactAt <= t) this.removed = true;
        if (best < 0 || this.removed) return;
      }
      const at = this.timerAt[best];
      const kind = this.timerKind[best];
      this.timerAt.splice(best, 1);
      this.timerKind.splice(best, 1);
      if (kind === T_DELETE) {
        this.removed = true; // DeleteTimer / ConnDeleteTimer
        return;
      }
      if (!this.isActive) continue; // AttemptTimer / ExpireTimer return early (no reschedule)
      const o = this.orig;
      const r = this.resp;
      if (kind === T_ATTEMPT) {
        // TCPSessionAdapter::AttemptTimer: an unanswered SYN is given up on.
        if ((o.state === ZeekEndpointState.SynSent || o.state === ZeekEndpointState.SynAckSent) &&
            r.state === ZeekEndpointState.Inactive) {
          this.isActive = false;
          this.removed = true;
          return;
        }
        continue;
      }
      // TCPSessionAdapter::ExpireTimer
      if (this.lastTime + TCP_CONNECTION_LINGER < at) {
        if (o.didClose || r.didClose) {
          if ((o.didClose && r.didClose) ||
              o.state === ZeekEndpointState.Reset || r.state === ZeekEndpointState.Reset ||
              o.state === ZeekEndpointState.Inactive || r.state === ZeekEndpointState.Inactive) {
            this.isActive = false;
            this.removed = true;
            return;
          }
        }
        if (r.state === ZeekEndpointState.Inactive && o.state === ZeekEndpointState.Inactive) {
          this.removed = true;
          return;
        }
      }
      this.addTimer(at + TCP_SESSION_TIMER, T_EXPIRE);
    }
  }

  // ------------------------------------------------------------ history

  private addHistory(code: string): void {
    this.history += code;
  }

  /** Session::CheckHistory via TCP_Endpoint::CheckHistory: add a letter once per endpoint. */
  private checkHistory(ep: Endpoint, mask: number, code: string): boolean {
    if (!ep.isOrig) {
      mask <<= 16;
      code = code.toLowerCase();
    }
    if ((this.histSeen & mask) === 0) {
      this.histSeen |= mask;
      this.addHistory(code);
      return false;
    }
    return true;
  }

  private epAddHistory(ep: Endpoint, code: string): void {
    this.addHistory(ep.isOrig ? code : code.toLowerCase());
  }

  /** Connection::ScaledHistoryEntry: the letter again at 1, 10, 100, ... occurrences. */
  private scaled(ep: Endpoint, code: string, which: 0 | 1 | 2 | 3): void {
    let cnt: number;
    let thr: number;
    switch (which) {
      case 0: cnt = ++ep.chkCnt; thr = ep.chkThresh; break;
      case 1: cnt = ++ep.rxmtCnt; thr = ep.rxmtThresh; break;
      case 2: cnt = ++ep.win0Cnt; thr = ep.win0Thresh; break;
      default: cnt = ++ep.gapCnt; thr = ep.gapThresh; break;
    }
    if (cnt !== thr) return;
    this.addHistory(ep.isOrig ? code : code.toLowerCase());
    let next = thr * 10;
    if (next > 0xffffffff) { // uint32 wrap-around in Zeek: counter reset, threshold kept
      next = thr;
      cnt = 0;
    }
    switch (which) {
      case 0: ep.chkThresh = next; ep.chkCnt = cnt; break;
      case 1: ep.rxmtThresh = next; ep.rxmtCnt = cnt; break;
      case 2: ep.win0Thresh = next; ep.win0Cnt = cnt; break;
      default: ep.gapThresh = next; ep.gapCnt = cnt; break;
    }
  }

  // ------------------------------------------------------------ roles

  /** Connection::FlipRoles + TCPSessionAdapter::FlipRoles (hist_seen is *not* flipped by Zeek). */
  private flipRoles(): void {
    this.origIsA = !this.origIsA;
    this.a.isOrig = !this.a.isOrig;
    this.b.isOrig = !this.b.isOrig;
    const f = this.firstPacketSeen;
    this.firstPacketSeen = (f & FPS_ORIG ? FPS_RESP : 0) | (f & FPS_RESP ? FPS_ORIG : 0);
    this.isPartial = false;
    this.addHistory('^');
  }

  private isLikelyServerPort(p: number): boolean {
    return p >= 0 && this.likely.has(p);
  }

  /** TCPAnalyzer::WantConnection's originator guess for a connection not starting with a bare SYN. */
  private flipAtCreation(flags: number): boolean {
    if ((flags & SYN) && !(flags & ACK)) return false;
    const src = this.portA;
    const dst = this.portB;
    if (!this.isLikelyServerPort(src)) return false;
    if (this.isLikelyServerPort(dst)) return !(flags & SYN) && src < dst;
    return true;
  }

  // ------------------------------------------------------------ packets

  /** Feeds one packet of this connection (after startsNewConnection said it belongs here). */
  segment(s: ZeekSegmentFacts): void {
    const t = s.tsSec + s.tsNsec / 1e9;
    if (!this.started) {
      // Connection constructor + IPBasedAnalyzer::NewConn + TCPAnalyzer::MakeSessionAdapter.
      this.started = true;
      this.startTime = this.lastTime = t;
      if (this.flipAtCreation(s.flags)) this.flipRoles();
      this.addTimer(t + TCP_SYN_TIMEOUT, T_EXPIRE); // TCPSessionAdapter constructor
      this.inactivityTimeout = UDP_INACTIVITY_TIMEOUT; // (sic) TCPAnalyzer::MakeSessionAdapter
    } else {
      this.runTimers(t);
    }
    if (s.headerOk === false) return; // TCPAnalyzer::ExtractTCP_Header failed
    const sender = s.fromA ? this.a : this.b;

    // TCPAnalyzer::ValidateChecksum: a bad segment is only recorded as 'C'/'c'.
    if (!this.ignoreChecksums && s.checksumOk === false && s.capturedLen >= s.len) {
      this.scaled(sender, 'C', 0);
      return;
    }

    this.lateFlip(s);
    this.process(sender, s, t);

    // ConnSize_Analyzer::DeliverPacket (after the TCP analysis, with the post-flip role).
    sender.pkts++;
    sender.ipBytes += s.ipLength;
  }

  /**
   * Zeek ≥ 5.1 (PR #2191): a connection whose first packet was a SYN-ACK, flipped neither by
   * likely_server_ports nor otherwise, is flipped when the next thing seen is a plain ACK or
   * data segment (stealth scans elicit only RSTs or nothing). The history then reads "^h...":
   * the SYN-ACK is re-attributed to the responder. The SYN-ACK sender becomes ESTABLISHED, as a
   * responder's SYN-ACK makes it, so the following ACK establishes the originator
   * (UpdateInactiveState, "No SYN packet from originator but SYN/ACK from responder").
   * Behaviour inferred from the baselines (core.conn-size-flip, core.local-flip,
   * core.tcp.flip-without-syn vs core.checksums_ignore_nets); see docs/notes/zeek-conn.md.
   */
  private lateFlip(s: ZeekSegmentFacts): void {
    if (this.history !== 'H') return;
    if (s.flags & (SYN | FIN | RST)) return;
    if (!(s.flags & ACK) && s.len === 0) return;
    const o = this.orig;
    if (o.state !== ZeekEndpointState.SynAckSent || this.resp.state !== ZeekEndpointState.Inactive) return;
    this.flipRoles();
    this.history = '^h';
    this.histSeen = (this.histSeen & ~HIST_SYN_PKT) | (HIST_SYN_PKT << 16);
    o.setState(ZeekEndpointState.Established, this);
  }

  /** TCPSessionAdapter::Process (from SetPartialStatus to ConnectionClosed). */
  private process(endpoint: Endpoint, s: ZeekSegmentFacts, t: number): void {
    const flags = s.flags;
    const fSyn = (flags & SYN) !== 0;
    const fFin = (flags & FIN) !== 0;
    const fRst = (flags & RST) !== 0;
    const fAck = (flags & ACK) !== 0;
    const len = s.len;
    const baseSeq = s.seq >>> 0;
    const ackSeq = s.ack >>> 0;
    const peer = endpoint.peer;
    const isOrig = endpoint.isOrig; // the role as Process starts (Zeek's is_orig parameter)

    this.setPartialStatus(fSyn, fAck, endpoint.isOrig);

    // get_segment_len
    let segLen = len;
    if (fSyn) segLen++;
    if (fFin) segLen++;
    if (fRst) segLen -= len;
    const seqOnePast = (baseSeq + segLen) >>> 0;

    this.initEndpoint(endpoint, fSyn, baseSeq, seqOnePast, t);

    // get_relative_seq
    let seqUnderflow = false;
    let relSeq: number;
    {
      let wraps = endpoint.seqWraps;
      const delta = seqDelta(baseSeq, endpoint.lastSeq);
      if (delta < 0) {
        if (wraps && baseSeq > endpoint.lastSeq) wraps--;
      } else if (delta > 0) {
        if (baseSeq < endpoint.lastSeq) wraps++;
      }
      if (wraps === 0) {
        relSeq = seqDelta(baseSeq, endpoint.startSeq);
        if (relSeq < 0) seqUnderflow = true;
      } else {
        relSeq = endpoint.toRelative(baseSeq, wraps);
      }
    }

    this.updateHistory(flags, endpoint, relSeq, len);

    // update_window: only the zero-window letter matters here.
    if (s.window === 0 && !fRst && peer.state !== ZeekEndpointState.Closed &&
        endpoint.state !== ZeekEndpointState.Reset) {
      this.scaled(endpoint, 'W', 2);
    }

    if (!this.orig.didClose || !this.resp.didClose) this.lastTime = t;

    if (fFin) {
      endpoint.finCnt++;
      endpoint.finSeq = relSeq + segLen;
    }
    if (fRst) endpoint.rstCnt++;

    let relAck = 0;
    if (fAck) {
      if (peer.state === ZeekEndpointState.Inactive) {
        relAck = 1;
        // init_peer: number the peer as though its SYN had been seen.
        const s0 = (ackSeq - 1) >>> 0;
        peer.startSeq = s0;
        peer.ackSeq = s0;
        peer.lastSeq = s0;
      } else {
        let wraps = peer.ackWraps;
        const delta = seqDelta(ackSeq, peer.ackSeq);
        if (delta < 0) {
          if (wraps && ackSeq > peer.ackSeq) wraps--;
        } else if (delta > 0) {
          if (ackSeq < peer.ackSeq) wraps++;
        }
        let underflow = false;
        if (wraps === 0) {
          relAck = seqDelta(ackSeq, peer.startSeq);
          if (relAck < 0) underflow = true;
        } else {
          relAck = peer.toRelative(ackSeq, wraps);
        }
        if (underflow) relAck = 0;
        else if (!fRst) {
          // update_ack_seq (acks in RSTs are not trusted)
          const dAck = seqDelta(ackSeq, peer.ackSeq);
          if (ackSeq === 0 && dAck > TOO_LARGE_SEQ_DELTA) {
            // more likely a broken ack than a wrap landing on 0
          } else if (dAck > 0) {
            peer.updateAckSeq(ackSeq);
          }
        }
      }
    }

    // update_last_seq
    const deltaLast = seqDelta(seqOnePast, endpoint.lastSeq);
    if ((fSyn || fRst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
      // outlandish SYN/RST sequence numbers are not trusted
    } else if (fFin && endpoint.lastSeq === ((endpoint.startSeq + 1) >>> 0)) {
      endpoint.updateLastSeq(seqOnePast);
    } else if (endpoint.state === ZeekEndpointState.Reset) {
      // don't trust any subsequent sequence numbers
    } else if (deltaLast > 0) {
      endpoint.updateLastSeq(seqOnePast);
    } else if (len > 0) {
      this.scaled(endpoint, 'T', 1); // TCP_Endpoint::DidRxmit
    }
    endpoint.lastTime = t;

    const close = this.updateStateMachine(t, endpoint, peer, baseSeq, ackSeq, len, deltaLast, isOrig, flags);

    if (fAck) this.ackReceived(peer, relAck);

    // CheckPIA_FirstPacket, with the role as Process started.
    this.firstPacketSeen |= isOrig ? FPS_ORIG : FPS_RESP;

    const relDataSeq = fSyn ? relSeq + 1 : relSeq;
    // The ConnSize packet analyzer is always a child, so DataSent is reached even when the
    // payload was not fully captured; TCP_Endpoint::DataSent then skips the reassembler.
    if (len > 0 && !fRst && !seqUnderflow && s.capturedLen >= len) {
      this.dataSent(endpoint, relDataSeq, len);
    }
    this.checkEOF(endpoint);

    if (close !== 0) this.connectionClosed(endpoint, peer, close === 2);
  }

  /** TCPSessionAdapter::SetPartialStatus. */
  private setPartialStatus(fSyn: boolean, fAck: boolean, isOrig: boolean): void {
    if (isOrig) {
      if (!(this.firstPacketSeen & FPS_ORIG)) this.isPartial = !fSyn || fAck;
    } else if (!(this.firstPacketSeen & FPS_RESP) && !this.isPartial) {
      this.isPartial = !fSyn;
    }
  }

  /** init_endpoint. */
  private initEndpoint(ep: Endpoint, fSyn: boolean, firstSeq: number, lastSeq: number, t: number): void {
    switch (ep.state) {
      case ZeekEndpointState.Inactive:
        if (fSyn) {
          ep.ackSeq = firstSeq;
          ep.startSeq = firstSeq;
        } else {
          // A partial connection: number as though a SYN had been seen.
          ep.ackSeq = (firstSeq - 1) >>> 0;
          ep.startSeq = (firstSeq - 1) >>> 0;
          lastSeq = firstSeq; // the first packet is not a duplicate
        }
        ep.lastSeq = lastSeq;
        break;
      case ZeekEndpointState.SynSent:
      case ZeekEndpointState.SynAckSent:
        if (fSyn && firstSeq !== ep.startSeq) { // SYN_seq_jump
          ep.startSeq = firstSeq;
          ep.ackSeq = firstSeq;
          ep.lastSeq = lastSeq;
        }
        break;
      case ZeekEndpointState.Established:
      case ZeekEndpointState.Partial:
        if (fSyn) { // the connection probably wasn't set up before; this SYN does it
          ep.startSeq = firstSeq;
          ep.ackSeq = firstSeq;
          ep.lastSeq = lastSeq;
        }
        break;
      case ZeekEndpointState.Reset:
        if (fSyn && ep.prevState === ZeekEndpointState.Inactive) { // the RST may have been injected
          ep.startSeq = firstSeq;
          ep.ackSeq = firstSeq;
          ep.lastSeq = lastSeq;
        }
        break;
      default:
        break;
    }
    void t;
  }

  /** update_history. */
  private updateHistory(flags: number, ep: Endpoint, relSeq: number, len: number): void {
    const fSyn = (flags & SYN) !== 0;
    const fFin = (flags & FIN) !== 0;
    const fRst = (flags & RST) !== 0;
    const bits = (fSyn ? 1 : 0) + (fFin ? 1 : 0) + (fRst ? 1 : 0);
    if (bits > 1) {
      if (fFin && fRst) this.checkHistory(ep, HIST_FIN_RST_PKT, 'I');
      else this.checkHistory(ep, HIST_MULTI_FLAG_PKT, 'Q');
    } else if (bits === 1) {
      if (fSyn) {
        const code = flags & ACK ? 'H' : 'S';
        if (this.checkHistory(ep, HIST_SYN_PKT, code) && relSeq !== ep.histLastSyn) this.epAddHistory(ep, code);
        ep.histLastSyn = relSeq;
      }
      if (fFin) {
        // A FIN's sequence number is at the end of its data.
        if (this.checkHistory(ep, HIST_FIN_PKT, 'F') && relSeq + len !== ep.histLastFin) this.epAddHistory(ep, 'F');
        ep.histLastFin = relSeq + len;
      }
      if (fRst) {
        if (this.checkHistory(ep, HIST_RST_PKT, 'R') && relSeq !== ep.histLastRst) this.epAddHistory(ep, 'R');
        ep.histLastRst = relSeq;
      }
    } else if (len) {
      this.checkHistory(ep, HIST_DATA_PKT, 'D');
    } else if (flags & ACK) {
      this.checkHistory(ep, HIST_ACK_PKT, 'A');
    }
  }

  /**
   * TCPSessionAdapter::UpdateStateMachine and its Update*State helpers.
   * Returns 0 (no close), 1 (close, no event) or 2 (close with event) — do_close/gen_event.
   */
  private updateStateMachine(
    t: number, ep: Endpoint, peer: Endpoint, baseSeq: number, ackSeq: number, len: number,
    deltaLast: number, isOrig: boolean, flags: number,
  ): number {
    const fSyn = (flags & SYN) !== 0;
    const fFin = (flags & FIN) !== 0;
    const fRst = (flags & RST) !== 0;
    const fAck = (flags & ACK) !== 0;
    let doClose = false;
    let genEvent = false;
    switch (ep.state) {
      case ZeekEndpointState.Inactive: {
        // UpdateInactiveState
        if (fSyn) {
          if (isOrig) {
            ep.setState(fAck ? ZeekEndpointState.SynAckSent : ZeekEndpointState.SynSent, this);
            this.addTimer(t + TCP_ATTEMPT_DELAY, T_ATTEMPT);
          } else {
            if (fAck) {
              // (bad_SYN_ack weird only)
            } else if (peer.state === ZeekEndpointState.SynAckSent && baseSeq === ep.startSeq) {
              // SYN/SYN-ACK reversal: flip and establish.
              this.isPartial = false;
              this.flipRoles();
              peer.setState(ZeekEndpointState.Established, this);
              this.firstPacketSeen |= FPS_ORIG; // SetFirstPacketSeen(true)
            }
            if (peer.state === ZeekEndpointState.SynSent) peer.setState(ZeekEndpointState.Established, this);
            ep.setState(ZeekEndpointState.Established, this);
          }
        }
        if (fFin) {
          ep.setState(ZeekEndpointState.Closed, this);
          doClose = genEvent = true;
        }
        if (fRst) {
          ep.setState(ZeekEndpointState.Reset, this);
          let isReject = false;
          if (isOrig) {
            // The peer is established: we saw a SYN-ACK but no SYN (reverse scan) — a reject.
            if (peer.state === ZeekEndpointState.Established) isReject = true;
          } else if (peer.state === ZeekEndpointState.SynSent || peer.state === ZeekEndpointState.SynAckSent) {
            isReject = true; // rejecting an initial SYN
          }
          doClose = true;
          genEvent = !isReject;
        }
        if (ep.state === ZeekEndpointState.Inactive) { // no control flags changed the state
          if (!isOrig && len === 0 && this.orig.state === ZeekEndpointState.SynSent) {
            // Some TCPs ack an initial SYN before the SYN reply: not a partial connection.
          } else if (fAck && peer.state === ZeekEndpointState.Established) {
            // Missed the originator's SYN, saw the responder's SYN-ACK, now a pure ACK:
            // establish instead of treating the connection as partial.
            ep.setState(ZeekEndpointState.Established, this);
            this.isPartial = false;
            this.firstPacketSeen |= ep.isOrig ? FPS_ORIG : FPS_RESP; // SetFirstPacketSeen(is_orig)
          } else {
            ep.setState(ZeekEndpointState.Partial, this);
          }
        }
        break;
      }
      case ZeekEndpointState.SynSent:
      case ZeekEndpointState.SynAckSent:
        // UpdateSYN_SentState (the rest is weirds)
        if (fFin) {
          ep.setState(ZeekEndpointState.Closed, this);
          doClose = genEvent = true;
        }
        if (fRst) {
          ep.setState(ZeekEndpointState.Reset, this);
          this.isActive = false; // ConnectionReset
          doClose = true;
        }
        break;
      case ZeekEndpointState.Established:
      case ZeekEndpointState.Partial:
        // UpdateEstablishedState
        if (fSyn && ep.state === ZeekEndpointState.Partial && peer.state === ZeekEndpointState.Inactive && !fAck) {
          ep.setState(ZeekEndpointState.SynSent, this); // SYN_after_partial
        }
        if (fFin && !fRst) {
          ep.setState(ZeekEndpointState.Closed, this);
          if (peer.state === ZeekEndpointState.Reset && peer.prevState === ZeekEndpointState.Closed) {
            // The peer sent FIN then RST: that was a normal termination after all.
            peer.setState(ZeekEndpointState.Closed, this);
          }
          doClose = genEvent = true;
        }
        if (fRst) {
          ep.setState(ZeekEndpointState.Reset, this);
          doClose = true;
          if (peer.state !== ZeekEndpointState.Reset || peer.prevState !== ZeekEndpointState.Established) {
            this.isActive = false; // ConnectionReset
          }
        }
        break;
      case ZeekEndpointState.Closed:
        // UpdateClosedState: a RST after our FIN, unless the peer closed too (a FIN exchange
        // already happened). (Zeek's ResetTimer only runs with a connection_reset handler,
        // which the conn scripts do not install.)
        if (fRst && peer.state !== ZeekEndpointState.Closed) {
          ep.setState(ZeekEndpointState.Reset, this);
          if (!ep.didClose) doClose = true;
        }
        void deltaLast;
        break;
      case ZeekEndpointState.Reset:
        // UpdateResetState: weirds only
        break;
    }
    void ackSeq;
    return doClose ? (genEvent ? 2 : 1) : 0;
  }

  // ------------------------------------------------------------ closing

  /** TCPSessionAdapter::ConnectionClosed. */
  private connectionClosed(ep: Endpoint, peer: Endpoint, genEvent: boolean): void {
    if (this.dataPending(ep)) {
      this.closeDeferred = true;
      if (!this.deferredGenEvent) this.deferredGenEvent = genEvent;
      return;
    }
    this.closeDeferred = false;
    if (ep.didClose) return;
    ep.didClose = true;
    const closeComplete = ep.state === ZeekEndpointState.Reset || peer.didClose ||
      peer.state === ZeekEndpointState.Inactive;
    if (closeComplete) {
      if (ep.prevState !== ZeekEndpointState.Inactive || peer.state !== ZeekEndpointState.Inactive) {
        if (this.deferredGenEvent) {
          genEvent = true;
          this.deferredGenEvent = false;
        }
        if (genEvent) this.isActive = false; // ConnectionFinished
      }
      this.cancelTimers();
      this.addTimer(this.lastTime + TCP_CLOSE_DELAY, T_DELETE); // ConnDeleteTimer
    } else if (ep.prevState !== ZeekEndpointState.Inactive) {
      // Look for the other side closing, too. (The first-activity case arms a
      // PartialCloseTimer only with a connection_partial_close handler: not installed.)
      this.addTimer(this.lastTime + TCP_SESSION_TIMER, T_EXPIRE);
    }
  }

  /** TCP_Reassembler::CheckEOF → TCPSessionAdapter::EndpointEOF. */
  private checkEOF(ep: Endpoint): void {
    if (!ep.didEOF &&
        (ep.finCnt > 0 || ep.state === ZeekEndpointState.Closed || ep.state === ZeekEndpointState.Reset) &&
        !this.dataPending(ep)) {
      ep.didEOF = true;
      if (this.closeDeferred) {
        this.connectionClosed(ep, ep.peer, this.deferredGenEvent);
        this.closeDeferred = false;
      }
    }
  }

  /** TCP_Reassembler::DataPending: is data up to the FIN still undelivered? */
  private dataPending(ep: Endpoint): boolean {
    if (ep.skipDeliveries) return false;
    const delivered = ep.startSeq + ep.lastReassemSeq;
    const last = ep.seqWraps * TWO32 + ep.lastSeq;
    if (last < delivered) return false;
    // Everything is delivered at the penultimate sequence number (a FIN takes one) or at it (RST).
    if (delivered !== last - 1 && delivered !== last) return true;
    if (ep.state !== ZeekEndpointState.Reset && ep.peer.blocks.length > 0) return true;
    return false;
  }

  // ------------------------------------------------------------ reassembly bookkeeping

  /** TCP_Reassembler::DataSent + Reassembler::NewBlock (the bytes themselves are not kept). */
  private dataSent(ep: Endpoint, seq: number, len: number): void {
    if (ep.skipDeliveries) return;
    const upper = seq + len;
    if (upper > ep.trimSeq) {
      if (seq < ep.trimSeq) seq = ep.trimSeq; // partially old data: keep the new part
      const idx = ep.blocks.insert(seq, upper);
      this.blockInserted(ep, idx);
    }
    const blocks = ep.blocks;
    if (ep.noDataAcked() && blocks.length > 0 &&
        blocks.lastUpper() - ep.lastReassemSeq > TCP_MAX_ABOVE_HOLE_WITHOUT_ANY_ACKS) {
      blocks.clear(); // above_hole_data_without_any_acks
      ep.skipDeliveries = true;
    }
    if (blocks.dataSize > TCP_EXCESSIVE_DATA_WITHOUT_FURTHER_ACKS) {
      blocks.clear(); // excessive_data_without_further_acks
      ep.skipDeliveries = true;
    }
  }

  /** TCP_Reassembler::BlockInserted: deliver what is now in order. */
  private blockInserted(ep: Endpoint, idx: number): void {
    const b = ep.blocks;
    if (b.lo(idx) > ep.lastReassemSeq || b.hi(idx) <= ep.lastReassemSeq) return;
    for (let i = idx; i < b.length; i++) {
      if (b.lo(i) > ep.lastReassemSeq) break;
      if (b.lo(i) === ep.lastReassemSeq) ep.lastReassemSeq = b.hi(i);
    }
    // Much data sent but none acked: the acks are probably not visible; stop holding it.
    if (ep.noDataAcked() && ep.size() > TCP_MAX_INITIAL_WINDOW) this.trimToSeq(ep, ep.lastReassemSeq);
  }

  /** TCP_Endpoint::AckReceived → TCP_Reassembler::AckReceived (seq relative to `ep`'s data). */
  private ackReceived(ep: Endpoint, seq: number): void {
    if (ep.finCnt > 0 && geU64(seq, ep.finSeq)) seq = ep.finSeq - 1;
    if (!geU64(seq, ep.trimSeq) || seq === ep.trimSeq) return;
    this.trimToSeq(ep, seq);
    this.checkEOF(ep);
  }

  /** Reassembler::TrimToSeq → DataBlockList::Trim. */
  private trimToSeq(ep: Endpoint, seq: number): void {
    if (seq > ep.lastReassemSeq) this.undelivered(ep, seq);
    const b = ep.blocks;
    let k = 0;
    while (k < b.length && b.hi(k) <= seq) k++;
    b.removeFront(k);
    // Skipping undeliverable data may have made the first block deliverable.
    if (b.length > 0 && b.lo(0) === ep.lastReassemSeq) this.blockInserted(ep, 0);
    ep.trimSeq = seq;
  }

  /** TCP_Reassembler::Undelivered: data acked but never seen — content gaps. */
  private undelivered(ep: Endpoint, upTo: number): void {
    // A partial connection's faked initial sequence numbers: an ack of 1 or 2 is no gap.
    if (upTo <= 2 && this.isPartial) return;
    if (!ep.skipDeliveries) {
      const b = ep.blocks;
      let i = 0;
      while (i < b.length) {
        const lo = b.lo(i);
        if (lo < ep.lastReassemSeq) {
          i++;
          continue;
        }
        if (lo >= upTo) break;
        const gapAt = ep.lastReassemSeq;
        this.gap(ep, gapAt, lo - gapAt);
        ep.lastReassemSeq = lo;
        this.blockInserted(ep, i);
        i = 0;
      }
      if (upTo > ep.lastReassemSeq) this.gap(ep, ep.lastReassemSeq, upTo - ep.lastReassemSeq);
    }
    if (upTo > ep.lastReassemSeq) ep.lastReassemSeq = upTo;
  }

  /** TCP_Reassembler::Gap: a 'G'/'g' only for cleanly established (or closing) connections. */
  private gap(ep: Endpoint, seq: number, len: number): void {
    void seq;
    const clean = isClean(ep) && isClean(ep.peer);
    if (clean) this.scaled(ep, 'G', 3);
    // content_gap event → conn.log missed_bytes (base/protocols/conn/main.zeek)
    if (this.reportGapsForPartial || clean) this.missedBytes += len;
  }

  // ------------------------------------------------------------ result

  /** conn_state() from base/protocols/conn/main.zeek. */
  private connState(): string {
    const o = this.orig;
    const r = this.resp;
    const os = o.state;
    const rs = r.state;
    const oInactive = os === ZeekEndpointState.Inactive || os === ZeekEndpointState.Partial;
    const rInactive = rs === ZeekEndpointState.Inactive || rs === ZeekEndpointState.Partial;
    if (rs === ZeekEndpointState.Reset) {
      if (os === ZeekEndpointState.SynSent || os === ZeekEndpointState.SynAckSent ||
          (os === ZeekEndpointState.Reset && o.size() === 0 && r.size() === 0)) return 'REJ';
      return oInactive ? 'RSTRH' : 'RSTR';
    }
    if (os === ZeekEndpointState.Reset) {
      if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(this.history) ? 'RSTOS0' : 'OTH';
      return 'RSTO';
    }
    if (rs === ZeekEndpointState.Closed && os === ZeekEndpointState.Closed) return 'SF';
    if (os === ZeekEndpointState.Closed) return rInactive ? 'SH' : 'S2';
    if (rs === ZeekEndpointState.Closed) return oInactive ? 'SHR' : 'S3';
    if (os === ZeekEndpointState.SynSent && rs === ZeekEndpointState.Inactive) return 'S0';
    if (os === ZeekEndpointState.Established && rs === ZeekEndpointState.Established) return 'S1';
    return 'OTH';
  }

  /** The conn.log fields as Zeek would log them if the connection ended now. */
  summary(): ZeekSummary {
    const o = this.orig;
    const r = this.resp;
    return {
      origIsA: this.origIsA,
      connState: this.connState(),
      history: this.history,
      origBytes: o.size(),
      respBytes: r.size(),
      origPkts: o.pkts,
      respPkts: r.pkts,
      origIpBytes: o.ipBytes,
      respIpBytes: r.ipBytes,
      missedBytes: this.missedBytes,
      duration: this.lastTime - this.startTime,
    };
  }

  /** Endpoint states (orig, resp) as Zeek's TCP_* constants; for tests and explanations. */
  endpointStates(): [ZeekEndpointState, ZeekEndpointState] {
    return [this.orig.state, this.resp.state];
  }
}

/** is_clean() in TCP_Reassembler.cc. */
function isClean(a: Endpoint): boolean {
  return a.state === ZeekEndpointState.Established ||
    (a.state === ZeekEndpointState.Closed && a.prevState === ZeekEndpointState.Established);
}
