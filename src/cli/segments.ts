import {
  AnalysisSink, endpointAddress, epochText, segmentRow,
  type AnalysisName, type Diagnostic, type StateName,
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

/** Decodes and analyses a whole file. */
export async function analyzeFile(path: string, diagnostics: Diagnostic[]): Promise<AnalysisSink> {
  const sink = new AnalysisSink({ onDiagnostic: (d) => diagnostics.push(d) });
  await readCaptureFile(path, sink);
  sink.finish();
  return sink;
}

export function segmentRows(sink: AnalysisSink, each: (s: SegmentJson) => void): void {
  const tracker = sink.tracker;
  const t = tracker.segments;
  const conns = tracker.connections;
  const index = new Uint32Array(conns.length);
  for (let r = 0; r < t.length; r++) {
    const c = conns[t.conn[r]];
    const v = segmentRow(tracker, c, r, index[c.stream]++);
    const fromB = t.fromB(r);
    const o: SegmentJson = {
      frame: v.frame, time: epochText(tracker, v.time), stream: c.stream, dir: v.c2s ? 'c2s' : 's2c',
      src: endpointAddress(c, fromB), sport: fromB ? c.portB : c.portA,
      dst: endpointAddress(c, !fromB), dport: fromB ? c.portA : c.portB,
      flags: v.flags, seq: v.seq, ack: v.ack, seqRaw: v.seqRaw, ackRaw: v.ackRaw, len: v.len, win: v.win, winRaw: v.winRaw,
      analysis: v.analysis as AnalysisName[], state: { client: v.stateClient, server: v.stateServer },
    };
    if (v.acks !== 0) o.acks = v.acks;
    if (v.rttNs >= 0) o.rttMs = v.rttNs / 1e6;
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
