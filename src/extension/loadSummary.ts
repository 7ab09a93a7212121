import { createReadStream, statSync } from 'node:fs';
import { captureSummary, DecodingSink, readCaptureStream, type Diagnostic } from '../core';
import type { CaptureSummary } from '../shared/protocol';

/**
 * Reads a capture and summarises it. The file is streamed in 1 MiB chunks with an await
 * between chunks, so the extension host stays responsive; `signal` cancels.
 */
export async function loadSummary(path: string, onProgress: (bytes: number, total: number) => void, signal: AbortSignal): Promise<CaptureSummary> {
  const total = statSync(path).size;
  const diagnostics: Diagnostic[] = [];
  const perIface: number[] = [];
  const sink = new DecodingSink((rec) => { perIface[rec.iface] = (perIface[rec.iface] ?? 0) + 1; }, (d) => diagnostics.push(d));
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let read = 0;
  stream.on('data', (chunk) => { read += chunk.length; });
  try {
    const info = await readCaptureStream(stream as AsyncIterable<Uint8Array>, sink, { signal, onProgress: () => onProgress(read, total) });
    return captureSummary(path, total, info, sink.counts, perIface, diagnostics, signal.aborted);
  } finally {
    stream.destroy();
  }
}
