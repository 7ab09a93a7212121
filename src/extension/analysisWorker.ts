/**
 * The analysis worker: decodes and analyses one capture off the extension host's thread,
 * streams progress and the connections found so far, then answers the editor's queries.
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import {
  AnalysisSink, CaptureSession, concatBytes, captureSummary, connectionRow, epochText, explainHandshake, explainSegment, explainTeardown, extractPacket, readCaptureStream,
  recordLength, RECORD_HEAD_BYTES, type CaptureInfo, type Diagnostic, type ExtractedPacket, type Lang,
} from '../core';
import type { FromWorker, ToWorker } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

let session: CaptureSession | null = null;
let abort: AbortController | null = null;
let lang: Lang = 'en';

/** Connections are re-sent at most this often while a large file loads. */
const CONNECTION_UPDATE_MS = 400;

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'open': void load(m.path, m.lang, m.timeWaitSeconds); break;
    case 'cancel': abort?.abort(); break;
    case 'setLang': lang = m.lang; if (session) session.options.lang = m.lang; break;
    case 'request':
      if (!session) { post({ type: 'reply', id: m.id, reply: { type: 'error', message: 'the capture is still loading' } }); break; }
      session.handle(m.request).then(
        (reply) => post({ type: 'reply', id: m.id, reply }),
        (err: unknown) => post({ type: 'reply', id: m.id, reply: { type: 'error', message: String((err as Error)?.message ?? err) } }),
      );
      break;
  }
});

async function load(path: string, language: Lang, timeWaitSeconds: number): Promise<void> {
  lang = language;
  abort = new AbortController();
  const diagnostics: Diagnostic[] = [];
  const perIface: number[] = [];
  let total = 0;
  try {
    total = statSync(path).size;
  } catch (err) {
    post({ type: 'failed', message: (err as Error).message });
    return;
  }
  const sink = new AnalysisSink({
    timeWaitSeconds, indexFrames: true, segmentCapacity: Math.ceil(total / 80) + 1024,
    onDiagnostic: (d) => diagnostics.push(d),
    onPacket: (rec) => { perIface[rec.iface] = (perIface[rec.iface] ?? 0) + 1; },
  });
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let read = 0;
  let lastUpdate = Date.now();
  stream.on('data', (chunk) => { read += chunk.length; });
  let info: CaptureInfo;
  try {
    info = await readCaptureStream(stream as AsyncIterable<Uint8Array>, sink, {
      signal: abort.signal,
      onProgress: () => {
        const now = Date.now();
        if (now - lastUpdate < CONNECTION_UPDATE_MS) return;
        lastUpdate = now;
        const conns = sink.tracker.connections;
        post({ type: 'progress', bytes: read, total, connections: conns.length });
        post({ type: 'connections', captureStart: startText(sink), rows: conns.map((c) => connectionRow(c)), done: false });
      },
    });
  } catch (err) {
    post({ type: 'failed', message: `could not read ${path}: ${(err as Error).message}` });
    return;
  } finally {
    stream.destroy();
  }
  sink.finish();
  const summary = captureSummary(path, total, info, sink.decoding.counts, perIface, diagnostics, abort.signal.aborted);
  session = new CaptureSession(sink, summary, {
    timeWaitNs: timeWaitSeconds * 1e9, lang,
    readPacket: (frame) => readPacket(path, info, sink, frame),
    explain: (s, stream, index, language) => explainSegment(s.tracker, stream, index, language),
    narrate: (s, stream, what, language) => {
      const n = (what === 'handshake' ? explainHandshake : explainTeardown)(s.tracker, stream, language, 'text', { timeWaitSeconds });
      return { kind: n.kind, stream, title: n.title, summary: n.summary, steps: n.steps, sections: n.sections };
    },
  });
  post({ type: 'progress', bytes: read, total, connections: sink.tracker.connections.length });
  // The complete list first: whoever waits for `loaded` may read the connections at once.
  post({ type: 'connections', captureStart: startText(sink), rows: session.connectionRows(), done: true });
  post({ type: 'loaded', summary });
}

function startText(sink: AnalysisSink): string {
  return sink.tracker.originSec < 0 ? '0.000000000' : epochText(sink.tracker, 0);
}

/** Re-reads one frame's record at its offset (plain files; gzip is re-inflated up to it). */
async function readPacket(path: string, info: CaptureInfo, sink: AnalysisSink, frame: number): Promise<ExtractedPacket | null> {
  const frames = sink.frames;
  if (!frames || frame < 1 || frame > frames.length) return null;
  const offset = frames.offset[frame - 1];
  const iface = frames.iface[frame - 1];
  if (info.gzip) return readGzipRecord(path, info, iface, offset);
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(RECORD_HEAD_BYTES);
    await fh.read(head, 0, head.length, offset);
    const len = recordLength(info, iface, head);
    if (len <= 0 || len > 64 * 1024 * 1024) return null;
    const rec = new Uint8Array(len);
    await fh.read(rec, 0, len, offset);
    return extractPacket(info, iface, rec);
  } finally {
    await fh.close();
  }
}

async function readGzipRecord(path: string, info: CaptureInfo, iface: number, offset: number): Promise<ExtractedPacket | null> {
  const input = createReadStream(path);
  const ds = new DecompressionStream('gzip');
  const chunks: Uint8Array[] = [];
  let pos = 0;
  let need = -1;
  const writer = ds.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
  const feeding = (async () => {
    try {
      for await (const c of input) await writer.write(c as Uint8Array);
      await writer.close();
    } catch { /* cancelled */ }
  })();
  const r = ds.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await r.read();
      if (done) break;
      const end = pos + value.length;
      if (end > offset) chunks.push(value.subarray(Math.max(0, offset - pos)));
      pos = end;
      const have = chunks.reduce((n, c) => n + c.length, 0);
      if (need < 0 && have >= RECORD_HEAD_BYTES) need = recordLength(info, iface, concatBytes(chunks));
      if (need > 0 && have >= need) return extractPacket(info, iface, concatBytes(chunks).subarray(0, need));
    }
    return null;
  } finally {
    await r.cancel().catch(() => undefined);
    input.destroy();
    await feeding;
  }
}
