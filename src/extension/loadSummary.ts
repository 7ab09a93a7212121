import { createReadStream, statSync } from 'node:fs';
import { DecodingSink, formatEpoch, linktypeName, readCaptureStream, type Diagnostic } from '../core';
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
  let info;
  try {
    info = await readCaptureStream(stream as AsyncIterable<Uint8Array>, sink, {
      signal, onProgress: () => onProgress(read, total),
    });
  } finally {
    stream.destroy();
  }
  const c = sink.counts;
  return {
    file: path, format: info.format, gzip: info.gzip, fileSize: total, packets: c.packets, tcpPackets: c.tcpPackets,
    firstTime: c.packets ? formatEpoch(c.firstSec, c.firstNsec) : null,
    lastTime: c.packets ? formatEpoch(c.lastSec, c.lastNsec) : null,
    interfaces: info.interfaces.map((i) => ({
      id: i.id, name: i.name, linktype: i.linktype, linktypeName: linktypeName(i.linktype), snaplen: i.snaplen, packets: perIface[i.id] ?? 0,
    })),
    comments: info.comments,
    complete: !diagnostics.some((d) => d.severity === 'error') && !signal.aborted,
    cancelled: signal.aborted,
    diagnostics,
  };
}
