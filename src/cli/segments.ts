import {
  AnalysisSink, analysisNames, flagLetters, formatIpv4Bytes, formatIpv6Bytes, stateName,
  type AnalysisName, type Diagnostic, type StateName, type TcpConnection, type TcpState,
} from '../core';
import { Output } from './output';
import { readCaptureFile } from './readFile';

/** One line of `wirelane segments --ndjson` (docs/cli-json.md). */
export interface SegmentJson {
  frame: number;
  /** Epoch seconds with nine decimals. */
  time: string;
  stream: number;
  dir: 'c2s' | 's2c';
  src: string; sport: number; dst: string; dport: number;
  flags: string;
  /** Relative sequence / acknowledgement numbers (tshark's tcp.seq / tcp.ack). */
  seq: number; ack: number;
  seqRaw: number; ackRaw: number;
  len: number;
  /** Window in bytes, scaled when the scale is known (tshark's tcp.window_size). */
  win: number;
  winRaw: number;
  analysis: AnalysisName[];
  /** Frame this segment acknowledges. */
  acks?: number;
  /** RTT sample for `acks`, milliseconds. */
  rttMs?: number;
  bytesInFlight?: number;
  dupAck?: { num: number; frame: number };
  state: { client: StateName; server: StateName };
}

export function addressText(c: TcpConnection, b: boolean): string {
  const a = b ? c.addrB : c.addrA;
  return c.ipVersion === 4 ? formatIpv4Bytes(a, 0) : formatIpv6Bytes(a, 0);
}

/** Decodes and analyses a whole file. */
export async function analyzeFile(path: string, diagnostics: Diagnostic[]): Promise<AnalysisSink> {
  const sink = new AnalysisSink({ onDiagnostic: (d) => diagnostics.push(d) });
  await readCaptureFile(path, sink);
  sink.finish();
  return sink;
}

/** Epoch text of a tracker time (ns since the capture's first packet). */
export function epochOf(sink: AnalysisSink, ns: number): string {
  const t = sink.tracker;
  let sec = t.originSec + Math.floor((t.originNsec + ns) / 1e9);
  let nsec = (t.originNsec + ns) % 1e9;
  if (nsec < 0) { nsec += 1e9; sec -= 1; }
  return `${sec}.${String(nsec).padStart(9, '0')}`;
}

export function segmentRows(sink: AnalysisSink, each: (s: SegmentJson) => void): void {
  const t = sink.tracker.segments;
  const conns = sink.tracker.connections;
  for (let r = 0; r < t.length; r++) {
    const c = conns[t.conn[r]];
    const fromB = t.fromB(r);
    const d = c.dirs[fromB ? 1 : 0];
    const rd = c.dirs[fromB ? 0 : 1];
    const flags = t.tcpFlags(r);
    const clientFromB = !c.clientIsA;
    const stA = (t.states[r] & 0x0f) as TcpState;
    const stB = (t.states[r] >> 4) as TcpState;
    const o: SegmentJson = {
      frame: t.frame[r], time: epochOf(sink, t.time[r]), stream: c.stream,
      dir: fromB === clientFromB ? 'c2s' : 's2c',
      src: addressText(c, fromB), sport: fromB ? c.portB : c.portA,
      dst: addressText(c, !fromB), dport: fromB ? c.portA : c.portB,
      flags: flagLetters(flags), seq: t.seq[r], ack: t.ack[r],
      seqRaw: (t.seq[r] + d.base) >>> 0, ackRaw: flags & 0x10 ? (t.ack[r] + rd.base) >>> 0 : 0,
      len: t.len[r], win: t.windowBytes[r], winRaw: t.window[r],
      analysis: analysisNames(t.analysis[r]),
      state: { client: stateName(clientFromB ? stB : stA), server: stateName(clientFromB ? stA : stB) },
    };
    if (t.acksFrame[r] !== 0) o.acks = t.acksFrame[r];
    if (t.bytesInFlight[r] >= 0) o.bytesInFlight = t.bytesInFlight[r];
    const dup = t.dupAck.get(r);
    if (dup) o.dupAck = dup;
    each(o);
  }
}

export async function segmentsCommand(path: string, ndjson: boolean): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const sink = await analyzeFile(path, diagnostics);
  const out = new Output();
  segmentRows(sink, (s) => {
    if (ndjson) out.line(JSON.stringify(s));
    else out.line(`${s.frame} #${s.stream} ${s.dir} ${s.src}:${s.sport} > ${s.dst}:${s.dport} [${s.flags}] seq=${s.seq} ack=${s.ack} len=${s.len} win=${s.win}` +
      `${s.analysis.length ? ` {${s.analysis.join(',')}}` : ''}${s.acks ? ` acks #${s.acks}` : ''}  ${s.state.client} | ${s.state.server}`);
  });
  out.flush();
  return diagnostics;
}
