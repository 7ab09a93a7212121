import { TcpFlag } from '../decode/types';
import type { SegmentTable } from '../model/segmentTable';
import { connectionSegments, endpointAddress, segmentRow } from '../model/views';
import { Analysis } from '../tcp/analysisFlags';
import type { TcpConnection } from '../tcp/connection';
import { seqGt, seqLe, seqLt, u32 } from '../tcp/direction';
import { STATE_NAMES, type TcpState } from '../tcp/state';
import type { TcpTracker } from '../tcp/tracker';

/** Who sent a segment, in the words the explanations use. */
export type Side = 'client' | 'server';

/**
 * One connection as the explanations read it: its segment rows in capture order, addressed by
 * index within the connection, with the few look-backs the texts need (what was the next
 * expected seq before this segment, which segment first carried these bytes…). The tracker
 * keeps Wireshark's running state only for the latest packet, so every "before this segment"
 * fact is re-derived here from the rows already recorded — cheap for one segment.
 */
export class ConnView {
  readonly c: TcpConnection;
  readonly rows: Int32Array;
  readonly t: SegmentTable;

  /** `rows`: the connection's rows when the caller has them (CaptureSession caches them). */
  constructor(readonly tracker: TcpTracker, readonly stream: number, rows?: Int32Array) {
    const c = tracker.connections[stream];
    if (!c) throw new RangeError(`no connection ${stream}`);
    this.c = c;
    this.rows = rows ?? connectionSegments(tracker, stream);
    this.t = tracker.segments;
  }

  get count(): number {
    return this.rows.length;
  }

  frame(i: number): number { return this.t.frame[this.rows[i]]; }
  time(i: number): number { return this.t.time[this.rows[i]]; }
  /** Relative seq / ack (tshark's tcp.seq / tcp.ack). */
  seq(i: number): number { return this.t.seq[this.rows[i]]; }
  ack(i: number): number { return this.t.ack[this.rows[i]]; }
  len(i: number): number { return this.t.len[this.rows[i]]; }
  flags(i: number): number { return this.t.tcpFlags(this.rows[i]); }
  analysis(i: number): number { return this.t.analysis[this.rows[i]]; }
  acksFrame(i: number): number { return this.t.acksFrame[this.rows[i]]; }
  winRaw(i: number): number { return this.t.window[this.rows[i]]; }
  winBytes(i: number): number { return this.t.windowBytes[this.rows[i]]; }
  dupAck(i: number): { num: number; frame: number } | undefined { return this.t.dupAck.get(this.rows[i]); }

  has(i: number, flag: TcpFlag): boolean { return (this.flags(i) & flag) !== 0; }
  syn(i: number): boolean { return this.has(i, TcpFlag.SYN); }
  fin(i: number): boolean { return this.has(i, TcpFlag.FIN); }
  rst(i: number): boolean { return this.has(i, TcpFlag.RST); }
  hasAck(i: number): boolean { return this.has(i, TcpFlag.ACK); }
  flagged(i: number, a: Analysis): boolean { return (this.analysis(i) & a) !== 0; }

  /** Endpoint index (0 = A, 1 = B) of the sender. */
  sender(i: number): number { return this.t.fromB(this.rows[i]) ? 1 : 0; }
  side(e: number): Side { return e === this.c.clientIndex ? 'client' : 'server'; }
  senderSide(i: number): Side { return this.side(this.sender(i)); }
  /** Endpoint index of a side. */
  endpoint(s: Side): number { return s === 'client' ? this.c.clientIndex : 1 - this.c.clientIndex; }

  /** Raw seq / ack as on the wire. */
  seqRaw(i: number): number { return u32(this.seq(i) + this.c.dirs[this.sender(i)].base); }
  ackRaw(i: number): number {
    return this.hasAck(i) ? u32(this.ack(i) + this.c.dirs[1 - this.sender(i)].base) : this.ack(i);
  }

  /** Sequence space the segment occupies ends here (exclusive): seq + len, +1 for SYN and for FIN. */
  end(i: number): number {
    return u32(this.seq(i) + this.len(i) + (this.syn(i) ? 1 : 0) + (this.fin(i) ? 1 : 0));
  }

  /**
   * Endpoint e's state after segment i, as the swimlane shows it: read through segmentRow, which
   * applies the tracker's later corrections (a refused or crossing SYN re-labels earlier rows).
   */
  stateAfter(i: number, e: number): TcpState {
    const r = segmentRow(this.tracker, this.c, this.rows[i], i);
    return STATE_NAMES.indexOf(this.side(e) === 'client' ? r.stateClient : r.stateServer) as TcpState;
  }

  indexOfFrame(frame: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = this.frame(mid);
      if (f === frame) return mid;
      if (f < frame) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** "ip:port" of endpoint e ("[v6]:port" for IPv6). */
  address(e: number): string {
    const ip = endpointAddress(this.c, e === 1);
    const port = e === 1 ? this.c.portB : this.c.portA;
    return this.c.ipVersion === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
  }

  port(e: number): number { return e === 1 ? this.c.portB : this.c.portA; }

  /**
   * Highest end of sequence space endpoint e had sent before segment i (Wireshark's nextseq:
   * zero-window probes do not advance it), with the segment that reached it; null when e had
   * sent nothing yet.
   */
  highestBefore(i: number, e: number): { end: number; index: number } | null {
    let best: { end: number; index: number } | null = null;
    for (let j = 0; j < i; j++) {
      if (this.sender(j) !== e || this.flagged(j, Analysis.ZeroWindowProbe)) continue;
      const end = this.end(j);
      if (!best || seqGt(end, best.end)) best = { end, index: j };
    }
    return best;
  }

  /** Last segment before i sent by endpoint e (optionally only those with the ACK flag), or -1. */
  lastFrom(e: number, before: number, withAck = false): number {
    for (let j = before - 1; j >= 0; j--) if (this.sender(j) === e && (!withAck || this.hasAck(j))) return j;
    return -1;
  }

  /** The first segment of i's sender that carried seq(i) (what a retransmission repeats), or -1. */
  originalOf(i: number): number {
    const e = this.sender(i);
    const s = this.seq(i);
    if (this.fin(i) && this.len(i) === 0) {
      // A bare FIN repeats the first FIN at the same seq.
      for (let j = 0; j < i; j++) if (this.sender(j) === e && this.fin(j) && this.seq(j) === s) return j;
    }
    for (let j = 0; j < i; j++) {
      if (this.sender(j) !== e) continue;
      if (this.syn(i) ? this.syn(j) : seqLe(this.seq(j), s) && seqLt(s, this.end(j))) return j;
    }
    return -1;
  }

  /** The earlier segment of the peer whose sequence space contains ack(i) strictly inside (partial ACK), or -1. */
  partlyAcked(i: number): number {
    const peer = 1 - this.sender(i);
    const a = this.ack(i);
    for (let j = i - 1; j >= 0; j--) {
      if (this.sender(j) !== peer) continue;
      if (seqGt(a, this.seq(j)) && seqLt(a, this.end(j))) return j;
    }
    return -1;
  }

  /** Segments of endpoint e (indexes) with the given flag. */
  indexesWith(e: number, flag: TcpFlag): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.count; j++) if (this.sender(j) === e && this.has(j, flag)) out.push(j);
    return out;
  }

  /** First segment of endpoint e at or after `from` whose ACK covers seq position `pos` (ack > pos), or -1. */
  firstAckCovering(e: number, pos: number, from: number): number {
    for (let j = from; j < this.count; j++) {
      if (this.sender(j) === e && this.hasAck(j) && !this.rst(j) && seqGt(this.ack(j), pos)) return j;
    }
    return -1;
  }
}
