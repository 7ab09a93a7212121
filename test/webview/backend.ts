/**
 * The "fake extension" of the webview tests: decodes a real capture with the core, exactly as
 * the analysis worker does (AnalysisSink + CaptureSession), and answers the webview's requests.
 * Also a synthetic backend with one huge connection, for the virtualization tests.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  AnalysisSink, CaptureSession, captureSummary, createCaptureParser, extractPacket, recordLength, RECORD_HEAD_BYTES,
  type Diagnostic, type Explanation, type SessionRequest,
} from '../../src/core';
import { segmentRow } from '../../src/core/model/views';
import type { CaptureSummary, ConnectionDetail, ConnectionRow, SegmentRow, ToWebview } from '../../src/shared/protocol';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Backend {
  summary: CaptureSummary | null;
  captureStart: string;
  rows: ConnectionRow[];
  handle(req: SessionRequest): Promise<ToWebview>;
  /** Where explanations came from ('core' = src/core/explain, 'harness' = the fallback below). */
  explainSource: 'core' | 'harness';
}

/** src/core/explain's explainSegment(tracker, stream, index, lang, rows?). */
type ExplainFn = (tracker: AnalysisSink['tracker'], stream: number, index: number, lang: 'en' | 'zh-cn', rows?: Int32Array) => Explanation;

let explainModule: Promise<ExplainFn | null> | null = null;

/** src/core/explain's explainSegment when it exists (another helper is writing it), else null. */
function coreExplain(): Promise<ExplainFn | null> {
  explainModule ??= (async () => {
    for (const f of ['index.ts', 'explain.ts']) {
      const p = path.join(ROOT, 'src', 'core', 'explain', f);
      if (!existsSync(p)) continue;
      try {
        const mod = await import(pathToFileURL(p).href) as Record<string, unknown>;
        const fn = mod.explainSegment;
        if (typeof fn === 'function') return fn as ExplainFn;
      } catch { /* not ready yet */ }
    }
    return null;
  })();
  return explainModule;
}

const FLAG_NAMES: Record<string, string> = { N: 'NS', C: 'CWR', E: 'ECE', U: 'URG', A: 'ACK', P: 'PSH', R: 'RST', S: 'SYN', F: 'FIN' };

/**
 * The harness's own explanation, from SegmentRow fields only (used while src/core/explain has no
 * explainSegment): what the SYN / SYN-ACK numbers mean with raw ISNs, what the ack acknowledges,
 * the states after the segment and the analysis flags.
 */
export function fallbackExplanation(rows: SegmentRow[], index: number): Explanation {
  const s = rows[index];
  const who = s.c2s ? 'client' : 'server';
  const peer = s.c2s ? 'server' : 'client';
  const flags = s.flags.split('').reverse().map((c) => FLAG_NAMES[c] ?? c).join(', ');
  const paragraphs: string[] = [];
  const related: number[] = [];
  const syn = s.flags.includes('S');
  const ack = s.flags.includes('A');
  if (syn && ack) {
    const clientIsn = (s.ackRaw - 1) >>> 0;
    paragraphs.push(`seq = ${s.seq} (raw ${s.seqRaw}): the ${who}'s initial sequence number (ISN).`);
    paragraphs.push(`ack = ${clientIsn}+1 = ${s.ackRaw}: acknowledges the ${peer}'s SYN, whose ISN was ${clientIsn}; a SYN uses up one sequence number.`);
  } else if (syn) {
    paragraphs.push(`seq = ${s.seq} (raw ${s.seqRaw}): the ${who}'s initial sequence number (ISN).`);
  } else if (s.len > 0) {
    paragraphs.push(`seq = ${s.seq} (raw ${s.seqRaw}): ${s.len} bytes of data, ${s.seq} to ${s.seq + s.len - 1}.`);
  }
  if (ack && s.acks) {
    const acked = rows.find((r) => r.frame === s.acks);
    if (acked && !syn) paragraphs.push(`ack ${s.ack} = seq ${acked.seq} + ${acked.len || 1} of frame #${acked.frame}.`);
    related.push(s.acks);
  }
  paragraphs.push(`After it: client ${s.stateClient}, server ${s.stateServer}.`);
  for (const a of s.analysis) paragraphs.push(`Analysis: ${a.replace(/_/g, ' ')}.`);
  return { frame: s.frame, title: `Frame ${s.frame}: [${flags}] ${who} → ${peer}`, paragraphs, related };
}

function isExplanation(x: unknown): x is Explanation {
  const e = x as Explanation;
  return typeof e === 'object' && e !== null && typeof e.title === 'string' && Array.isArray(e.paragraphs) && Array.isArray(e.related);
}

/** A backend over a capture's bytes (gzip is inflated first, like the worker's reader). */
export async function captureBackend(input: Uint8Array, file: string): Promise<Backend & { session: CaptureSession }> {
  const bytes = input[0] === 0x1f && input[1] === 0x8b ? new Uint8Array(gunzipSync(input)) : input;
  const diagnostics: Diagnostic[] = [];
  const perIface: number[] = [];
  const sink = new AnalysisSink({
    indexFrames: true, onDiagnostic: (d) => diagnostics.push(d),
    onPacket: (rec) => { perIface[rec.iface] = (perIface[rec.iface] ?? 0) + 1; },
  });
  const parser = createCaptureParser(sink);
  parser.push(bytes);
  parser.end();
  sink.finish();
  const info = parser.info;
  const summary = captureSummary(file, input.length, info, sink.decoding.counts, perIface, diagnostics, false);
  const core = await coreExplain();
  const backend = {
    summary,
    explainSource: (core ? 'core' : 'harness') as 'core' | 'harness',
    captureStart: '',
    rows: [] as ConnectionRow[],
    session: null as unknown as CaptureSession,
    async handle(req: SessionRequest): Promise<ToWebview> {
      return (await session.handle(req)) as ToWebview;
    },
  };
  const session: CaptureSession = new CaptureSession(sink, summary, {
    timeWaitNs: 60e9, lang: 'en',
    explain: (s, stream, index, lang) => {
      if (core) {
        try {
          const e = core(s.tracker, stream, index, lang, session.rowsOf(stream));
          if (isExplanation(e)) return e;
        } catch { /* fall back */ }
      }
      const rows = session.rowsOf(stream);
      return fallbackExplanation(Array.from(rows, (_r, i) => rowAt(session, stream, i)), index);
    },
    readPacket: async (frame) => {
      const frames = sink.frames;
      if (!frames || frame < 1 || frame > frames.length) return null;
      const offset = frames.offset[frame - 1];
      const iface = frames.iface[frame - 1];
      const len = recordLength(info, iface, bytes.subarray(offset, offset + RECORD_HEAD_BYTES));
      if (len <= 0) return null;
      return extractPacket(info, iface, bytes.subarray(offset, offset + len));
    },
  });
  backend.session = session;
  backend.captureStart = session.captureStart();
  backend.rows = session.connectionRows();
  return backend;
}

function rowAt(session: CaptureSession, stream: number, i: number): SegmentRow {
  return segmentRow(session.tracker, session.tracker.connections[stream], session.rowsOf(stream)[i], i);
}

/**
 * One synthetic connection of `n` segments (a bulk upload: data, ACK, data, ACK …, 1 ms apart,
 * with a retransmission every 1000 segments), generated on demand: nothing of size n is kept.
 */
export function syntheticBackend(n: number, connections = 1): Backend {
  const start = 0;
  const row: ConnectionRow = {
    stream: 0, client: { ip: '10.0.0.1', port: 40000 }, server: { ip: '10.0.0.2', port: 443 }, rolesInferred: false,
    start, durationNs: (n - 1) * 1e6, packets: n, bytesC2s: (n / 2) * 1000, bytesS2c: 0, segments: n,
    closeKind: 'open', connState: 'S1', history: 'ShAD', problems: { retransmission: Math.floor(n / 1000) },
  };
  const detail: ConnectionDetail = {
    row,
    states: {
      client: [{ state: 'CLOSED', frame: 1, time: 0, rule: '', inferred: true }, { state: 'SYN_SENT', frame: 1, time: 0, rule: 'r', inferred: false }, { state: 'ESTABLISHED', frame: 2, time: 1e6, rule: 'r', inferred: false }],
      server: [{ state: 'LISTEN', frame: 1, time: 0, rule: '', inferred: true }, { state: 'SYN_RECEIVED', frame: 1, time: 0, rule: 'r', inferred: false }, { state: 'ESTABLISHED', frame: 3, time: 2e6, rule: 'r', inferred: false }],
    },
    timeWaitNs: 60e9,
  };
  const seg = (i: number): SegmentRow => {
    const c2s = i % 2 === 0;
    const k = Math.floor(i / 2);
    const syn = i < 2;
    return {
      index: i, frame: i + 1, time: i * 1e6, c2s, flags: i === 0 ? 'S' : i === 1 ? 'AS' : c2s ? 'AP' : 'A',
      seq: syn ? 0 : c2s ? 1 + (k - 1) * 1000 : 1, ack: i === 0 ? 0 : c2s ? 1 : 1 + k * 1000,
      seqRaw: 1000 + i, ackRaw: 2000 + i, len: !syn && c2s ? 1000 : 0, win: 65535, winRaw: 65535,
      analysis: i > 2 && i % 1000 === 0 ? ['retransmission'] : [], acks: c2s || i < 2 ? 0 : i, rttNs: -1,
      stateClient: i === 0 ? 'SYN_SENT' : 'ESTABLISHED', stateServer: i < 2 ? 'SYN_RECEIVED' : 'ESTABLISHED',
    };
  };
  return {
    summary: null, captureStart: '1700000000.000000000', explainSource: 'harness',
    // Extra connections (for the list) are copies of the first with their own stream and port.
    rows: Array.from({ length: connections }, (_, k) => (k === 0 ? row : { ...row, stream: k, client: { ip: `10.0.${k >> 8 & 255}.${k & 255}`, port: 40000 + (k % 20000) }, packets: k % 97, segments: k % 97 })),
    async handle(req) {
      switch (req.type) {
        case 'selectConnection': return { type: 'connection', detail };
        case 'getSegments': {
          const out: SegmentRow[] = [];
          for (let i = req.from; i < Math.min(n, req.from + req.count); i++) out.push(seg(i));
          return { type: 'segments', stream: 0, from: req.from, rows: out };
        }
        case 'explain': return { type: 'explanation', stream: 0, explanation: { frame: req.frame, title: `Frame ${req.frame}`, paragraphs: ['synthetic'], related: [] } };
        case 'details': return { type: 'details', stream: 0, details: { frame: req.frame, groups: [], hex: '00' } };
        default: return { type: 'error', message: `not in the synthetic backend: ${req.type}` };
      }
    },
  };
}
