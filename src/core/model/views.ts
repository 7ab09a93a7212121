import { formatIpv4Bytes, formatIpv6Bytes } from '../decode/address';
import { flagLetters } from '../decode/describe';
import { ANALYSIS_NAMES, analysisNames } from '../tcp/analysisFlags';
import type { TcpConnection } from '../tcp/connection';
import { stateName, type TcpState } from '../tcp/state';
import { closeKind, type TcpTracker } from '../tcp/tracker';
import type { ConnectionDetail, ConnectionRow, Endpoint, SegmentRow, StateChangeRow } from './viewTypes';

/** Text of endpoint A's (b = false) or B's address. */
export function endpointAddress(c: TcpConnection, b: boolean): string {
  const a = b ? c.addrB : c.addrA;
  return c.ipVersion === 4 ? formatIpv4Bytes(a, 0) : formatIpv6Bytes(a, 0);
}

function endpoint(c: TcpConnection, b: boolean): Endpoint {
  return { ip: endpointAddress(c, b), port: b ? c.portB : c.portA };
}

/** "sec.nnnnnnnnn" of a tracker time (ns since the capture's first packet). */
export function epochText(tracker: TcpTracker, ns: number): string {
  let sec = tracker.originSec + Math.floor((tracker.originNsec + ns) / 1e9);
  let nsec = (tracker.originNsec + ns) % 1e9;
  if (nsec < 0) { nsec += 1e9; sec -= 1; }
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

/** Zeek's summary of a connection, when the caller has one. */
export interface ZeekView { connState: string; history: string }

/** Zeek's conn_state and history of a tracked connection ('' when Zeek's model was off). */
export function zeekView(c: TcpConnection): ZeekView | undefined {
  if (!c.zeek) return undefined;
  const z = c.zeek.summary();
  return { connState: z.connState, history: z.history };
}

export function connectionRow(c: TcpConnection, zeek: ZeekView | undefined = zeekView(c)): ConnectionRow {
  const ci = c.clientIndex;
  const problems: Record<string, number> = {};
  ANALYSIS_NAMES.forEach((n, i) => { if (c.analysisCounts[i]) problems[n] = c.analysisCounts[i]; });
  const rst = c.dirs[0].rstFrame !== 0 || c.dirs[1].rstFrame !== 0;
  if (rst) problems.rst = (c.dirs[0].rstFrame ? 1 : 0) + (c.dirs[1].rstFrame ? 1 : 0);
  return {
    stream: c.stream, client: endpoint(c, ci === 1), server: endpoint(c, ci === 0), rolesInferred: c.rolesInferred,
    start: c.firstTime, durationNs: c.lastTime - c.firstTime, packets: c.packets,
    bytesC2s: c.dirs[ci].sequenceBytes(), bytesS2c: c.dirs[1 - ci].sequenceBytes(), segments: c.packets,
    closeKind: closeKind(c), connState: zeek?.connState ?? '', history: zeek?.history ?? '', problems,
  };
}

/**
 * Segment-table rows of one connection, in capture order. One scan of the connection column
 * (cheap next to decoding); callers cache the result for the selected connection.
 */
export function connectionSegments(tracker: TcpTracker, stream: number): Int32Array {
  const t = tracker.segments;
  const c = tracker.connections[stream];
  const out = new Int32Array(c.packets);
  let n = 0;
  const col = t.conn;
  for (let r = Math.max(0, c.firstRow); r < t.length && n < out.length; r++) if (col[r] === stream) out[n++] = r;
  return n === out.length ? out : out.slice(0, n);
}

export function segmentRow(tracker: TcpTracker, c: TcpConnection, row: number, index: number): SegmentRow {
  const t = tracker.segments;
  const fromB = t.fromB(row);
  const flags = t.tcpFlags(row);
  const clientIsB = !c.clientIsA;
  const states = tracker.statesAt(row);
  const stA = (states & 0x0f) as TcpState;
  const stB = (states >> 4) as TcpState;
  const d = c.dirs[fromB ? 1 : 0];
  const rd = c.dirs[fromB ? 0 : 1];
  return {
    index, frame: t.frame[row], time: t.time[row], c2s: fromB === clientIsB,
    flags: flagLetters(flags), seq: t.seq[row], ack: t.ack[row],
    seqRaw: (t.seq[row] + d.base) >>> 0, ackRaw: flags & 0x10 ? (t.ack[row] + rd.base) >>> 0 : t.ack[row],
    len: t.len[row], win: t.windowBytes[row], winRaw: t.window[row],
    analysis: analysisNames(t.analysis[row]), acks: t.acksFrame[row], rttNs: rttOf(tracker, row),
    stateClient: stateName(clientIsB ? stB : stA), stateServer: stateName(clientIsB ? stA : stB),
  };
}

/** Time from the segment `row` acknowledges to `row` itself (ns), or -1 (tshark's ack_rtt). */
export function rttOf(tracker: TcpTracker, row: number): number {
  const t = tracker.segments;
  const acked = t.acksFrame[row];
  if (acked === 0) return -1;
  const r = t.rowOfFrame(acked);
  return r < 0 ? -1 : t.time[row] - t.time[r];
}

export function connectionDetail(c: TcpConnection, timeWaitNs: number, zeek: ZeekView | undefined = zeekView(c)): ConnectionDetail {
  const ci = c.clientIndex;
  const changes = (e: number): StateChangeRow[] => c.changes[e].map((x) => ({
    state: stateName(x.state), frame: x.frame === 0 ? null : x.frame, time: x.time, rule: x.rule, inferred: x.inferred,
  }));
  return { row: connectionRow(c, zeek), states: { client: changes(ci), server: changes(1 - ci) }, timeWaitNs };
}
