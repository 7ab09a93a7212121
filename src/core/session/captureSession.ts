import type { ExtractedPacket } from '../capture/extract';
import type { CaptureSummary, ConnectionRow, Explanation, NarrativeView, SegmentRow } from '../model/viewTypes';
import { connectionDetail, connectionRow, connectionSegments, epochText, segmentRow, type ZeekView } from '../model/views';
import type { AnalysisSink } from '../tcp/analyze';
import { packetDetails } from './packetDetails';

/** Requests a view makes of an analysed capture (the webview's messages, minus transport). */
export type SessionRequest =
  | { type: 'selectConnection'; stream: number }
  | { type: 'getSegments'; stream: number; from: number; count: number }
  | { type: 'explain'; stream: number; frame: number }
  | { type: 'details'; stream: number; frame: number }
  | { type: 'narrative'; stream: number; what: 'handshake' | 'teardown' | 'segment'; frame?: number };

/** Answers (the webview's messages they become). */
export type SessionReply =
  | { type: 'connection'; detail: ReturnType<typeof connectionDetail> }
  | { type: 'segments'; stream: number; from: number; rows: SegmentRow[] }
  | { type: 'explanation'; stream: number; explanation: Explanation }
  | { type: 'details'; stream: number; details: ReturnType<typeof packetDetails> }
  | { type: 'narrative'; narrative: NarrativeView }
  | { type: 'error'; message: string };

export type Lang = 'en' | 'zh-cn';

export interface SessionOptions {
  timeWaitNs: number;
  lang: Lang;
  /** The explanation module (src/core/explain), injected so the session stays small. */
  explain?: (sink: AnalysisSink, stream: number, index: number, lang: Lang) => Explanation;
  /** The handshake / teardown stories (src/core/explain), injected like `explain`. */
  narrate?: (sink: AnalysisSink, stream: number, what: 'handshake' | 'teardown', lang: Lang) => NarrativeView;
  /** Zeek summaries by stream, when computed. */
  zeek?: (stream: number) => ZeekView | undefined;
  /** Re-reads one frame's packet from the file (the host owns file access). */
  readPacket?: (frame: number) => Promise<ExtractedPacket | null>;
}

/**
 * An analysed capture and the queries a view makes of it. Platform-free: the extension runs it
 * in a worker, the webview tests run it in Node. Keeps the segment rows of the connections
 * looked at recently (a connection's rows are found by one scan of the segment table).
 */
export class CaptureSession {
  private readonly rowCache = new Map<number, Int32Array>();

  constructor(readonly sink: AnalysisSink, readonly summary: CaptureSummary, readonly options: SessionOptions) {}

  get tracker() {
    return this.sink.tracker;
  }

  connectionRows(): ConnectionRow[] {
    return this.tracker.connections.map((c) => connectionRow(c, this.options.zeek?.(c.stream)));
  }

  captureStart(): string {
    return this.tracker.originSec < 0 ? '0.000000000' : epochText(this.tracker, 0);
  }

  rowsOf(stream: number): Int32Array {
    let rows = this.rowCache.get(stream);
    if (!rows) {
      rows = connectionSegments(this.tracker, stream);
      if (this.rowCache.size >= 8) this.rowCache.delete(this.rowCache.keys().next().value as number);
      this.rowCache.set(stream, rows);
    }
    return rows;
  }

  /** Index of `frame` within its connection, or -1. */
  indexOf(stream: number, frame: number): number {
    const rows = this.rowsOf(stream);
    const f = this.tracker.segments.frame;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) { // frames increase with rows: binary search
      const mid = (lo + hi) >> 1;
      const v = f[rows[mid]];
      if (v === frame) return mid;
      if (v < frame) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  async handle(req: SessionRequest): Promise<SessionReply> {
    const conn = this.tracker.connections[req.stream];
    if (!conn) return { type: 'error', message: `no connection ${req.stream}` };
    switch (req.type) {
      case 'selectConnection':
        return { type: 'connection', detail: connectionDetail(conn, this.options.timeWaitNs, this.options.zeek?.(conn.stream)) };
      case 'getSegments': {
        const rows = this.rowsOf(req.stream);
        const end = Math.min(rows.length, req.from + req.count);
        const out: SegmentRow[] = [];
        for (let i = req.from; i < end; i++) out.push(segmentRow(this.tracker, conn, rows[i], i));
        return { type: 'segments', stream: req.stream, from: req.from, rows: out };
      }
      case 'explain': {
        const index = this.indexOf(req.stream, req.frame);
        if (index < 0) return { type: 'error', message: `frame ${req.frame} is not in connection ${req.stream}` };
        if (!this.options.explain) return { type: 'error', message: 'explanations are not available' };
        return { type: 'explanation', stream: req.stream, explanation: this.options.explain(this.sink, req.stream, index, this.options.lang) };
      }
      case 'narrative': {
        if (req.what === 'segment') {
          const index = req.frame === undefined ? -1 : this.indexOf(req.stream, req.frame);
          if (index < 0 || !this.options.explain) return { type: 'error', message: `frame ${req.frame} is not in connection ${req.stream}` };
          const e = this.options.explain(this.sink, req.stream, index, this.options.lang);
          return {
            type: 'narrative',
            narrative: { kind: 'segment', stream: req.stream, title: e.title, summary: [], steps: [{ frames: [e.frame, ...e.related], title: e.title, paragraphs: e.paragraphs, states: [] }], sections: [] },
          };
        }
        if (!this.options.narrate) return { type: 'error', message: 'explanations are not available' };
        return { type: 'narrative', narrative: this.options.narrate(this.sink, req.stream, req.what, this.options.lang) };
      }
      case 'details': {
        const index = this.indexOf(req.stream, req.frame);
        if (index < 0) return { type: 'error', message: `frame ${req.frame} is not in connection ${req.stream}` };
        const seg = segmentRow(this.tracker, conn, this.rowsOf(req.stream)[index], index);
        const pkt = await this.options.readPacket?.(req.frame);
        if (!pkt) return { type: 'error', message: `frame ${req.frame} could not be re-read from the file` };
        const iface = this.sink.frames ? this.sink.frames.iface[req.frame - 1] : 0;
        return { type: 'details', stream: req.stream, details: packetDetails(pkt, seg, epochText(this.tracker, seg.time), iface) };
      }
    }
  }
}
