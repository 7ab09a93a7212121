// One measurement in a fresh process, so its peak RSS (VmHWM) is its own:
//
//   node --expose-gc bench/measure.mjs MODE FILE [CORE_MODULE]
//
// MODE: noop | raw | walk | wl-decode | wl-table | wl-analyze. CORE_MODULE is the Wirelane core to import
// (the esbuild bundle .bench/wirelane-core.mjs, or src/core/index.ts under `--import tsx`).
// Prints one JSON line: { mode, file, ok, sec, bytes, packets, ..., vmHwmKb, vmRssKb }.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CHUNK, rawRead, walkFile } from './walk.mjs';

const [mode, file, corePath] = process.argv.slice(2);

function procStatusKb(field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Feed the file to a Wirelane parser through one reused 8 MiB buffer (same I/O as the walk). */
function feed(path, parser) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  const view = new Uint8Array(buf.buffer, buf.byteOffset, CHUNK);
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      parser.push(n === CHUNK ? view : view.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  parser.end();
  return bytes;
}

async function wirelane(kind) {
  let core;
  try {
    core = await import(pathToFileURL(corePath).href);
  } catch (e) {
    return { ok: false, error: `cannot import the Wirelane core (${corePath}): ${e?.message ?? e}` };
  }
  const { createCaptureParser, PacketDecoder, PacketTable } = core;
  if (typeof createCaptureParser !== 'function' || typeof PacketDecoder !== 'function' ||
    (kind === 'table' && typeof PacketTable !== 'function')) {
    return { ok: false, error: 'the Wirelane core does not export createCaptureParser/PacketDecoder/PacketTable' };
  }
  const decoder = new PacketDecoder();
  const table = kind === 'table' ? new PacketTable(PacketTable.capacityForFileSize(statSync(file).size)) : null;
  let packets = 0;
  let tcpPackets = 0;
  let payloadBytes = 0;
  let problemPackets = 0;
  const errors = [];
  let warnings = 0;
  const sink = {
    packet: table
      ? (rec) => {
        const p = decoder.decode(rec);
        table.append(rec, p);
        packets++;
        if (p.isTcp) { tcpPackets++; payloadBytes += p.payloadLength; }
        if (p.problems !== 0) problemPackets++;
      }
      : (rec) => {
        const p = decoder.decode(rec);
        packets++;
        if (p.isTcp) { tcpPackets++; payloadBytes += p.payloadLength; }
        if (p.problems !== 0) problemPackets++;
      },
    diagnostic(d) {
      if (d.severity === 'error') errors.push(`${d.code} @${d.offset}: ${d.message}`);
      else warnings++;
    },
  };
  const parser = createCaptureParser(sink);
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  const bytes = feed(file, parser);
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = { ok: errors.length === 0, sec, bytes, packets, tcpPackets, payloadBytes, problemPackets, warnings };
  if (errors.length) out.error = errors.slice(0, 3).join('; ');
  if (table) {
    out.tableRows = table.length;
    if (typeof table.byteSize === 'function') out.tableBytes = table.byteSize();
  }
  return out;
}

/**
 * wl-analyze: the full analysis — AnalysisSink (decode → TcpTracker: connections, relative
 * sequence numbers, Wireshark's analysis flags, RFC 9293 states of both endpoints, Zeek's model
 * when the tracker feeds it) fed by createCaptureParser exactly like the other modes, then
 * sink.finish() and a Zeek summary() of every connection that has one.
 *
 * The segment table is pre-sized from the file size (fileSize / 56 rows, the bound
 * PacketTable.capacityForFileSize uses: no TCP record is shorter than 56 bytes on disk with its
 * record header), so no growth copy happens during the run. Untouched typed-array pages are not
 * resident, so the over-reservation does not show in RSS.
 */
async function analyze() {
  let core;
  try {
    core = await import(pathToFileURL(corePath).href);
  } catch (e) {
    return { ok: false, error: `cannot import the Wirelane core (${corePath}): ${e?.message ?? e}` };
  }
  const { createCaptureParser, AnalysisSink, SegmentTable } = core;
  if (typeof createCaptureParser !== 'function' || typeof AnalysisSink !== 'function' || typeof SegmentTable !== 'function') {
    return { ok: false, error: 'the Wirelane core does not export createCaptureParser/AnalysisSink/SegmentTable' };
  }
  const fileBytes = statSync(file).size;
  const segmentCapacity = Math.max(1024, Math.ceil(fileBytes / 56));
  const errors = [];
  let warnings = 0;
  const sink = new AnalysisSink({
    segmentCapacity,
    onDiagnostic(d) {
      if (d.severity === 'error') errors.push(`${d.code} @${d.offset}: ${d.message}`);
      else warnings++;
    },
  });
  const parser = createCaptureParser(sink);
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const bytes = feed(file, parser);
  const t1 = process.hrtime.bigint();
  sink.finish();
  const t2 = process.hrtime.bigint();
  // Zeek conn.log summaries, when the tracker built Zeek's model (it may not, or not yet).
  let zeekSummaries = 0;
  const conns = sink.tracker.connections;
  for (let i = 0; i < conns.length; i++) {
    const z = conns[i].zeek;
    if (z && typeof z.summary === 'function') { z.summary(); zeekSummaries++; }
  }
  const t3 = process.hrtime.bigint();
  const sec = Number(t3 - t0) / 1e9;

  const t = sink.tracker.segments;
  const segments = t.length;
  const c = sink.decoding.counts;
  // What the analysis found, for the cross-checks against the generator and tshark.
  let flaggedSegments = 0;
  let retransmissions = 0;
  let dupAcks = 0;
  for (let r = 0; r < segments; r++) {
    const a = t.analysis[r];
    if (a !== 0) {
      flaggedSegments++;
      if (a & 7) retransmissions++; // retransmission | fast_retransmission | spurious_retransmission
      if (a & 64) dupAcks++;
    }
  }
  let rstConnections = 0;
  for (let i = 0; i < conns.length; i++) if (conns[i].firstRstFrame !== 0) rstConnections++;

  // Memory of the per-segment model: the typed columns (ROW_BYTES a row) plus the sparse
  // dupAck Map (row → { num, frame }). The Map's cost is measured: heap before and after
  // clearing it (after a full GC each time), over its entry count.
  const rowBytes = SegmentTable.ROW_BYTES;
  const columnBytes = segments * rowBytes;
  const dupAckEntries = t.dupAck.size;
  let dupAckBytes = dupAckEntries * DUPACK_ENTRY_BYTES_ESTIMATE;
  let dupAckBytesFrom = `estimate ${DUPACK_ENTRY_BYTES_ESTIMATE} B/entry`;
  let rssBeforeClearKb = procStatusKb('VmRSS');
  if (globalThis.gc && dupAckEntries >= 1000) {
    globalThis.gc();
    const h1 = process.memoryUsage().heapUsed;
    t.dupAck.clear();
    globalThis.gc();
    const h2 = process.memoryUsage().heapUsed;
    if (h1 > h2) {
      dupAckBytes = h1 - h2;
      dupAckBytesFrom = `measured (heap delta when cleared): ${(dupAckBytes / dupAckEntries).toFixed(1)} B/entry`;
    }
  }
  const modelBytes = columnBytes + dupAckBytes;
  const out = {
    ok: errors.length === 0, sec, parseSec: Number(t1 - t0) / 1e9, finishSec: Number(t2 - t1) / 1e9,
    zeekSummarySec: Number(t3 - t2) / 1e9, bytes, packets: c.packets, tcpPackets: c.tcpPackets, warnings,
    segments, connections: conns.length, zeekSummaries, flaggedSegments, retransmissions, dupAcks, rstConnections,
    segmentCapacity, segmentTableAllocatedBytes: typeof t.byteSize === 'function' ? t.byteSize() : null,
    rowBytes, columnBytes, dupAckEntries, dupAckBytes, dupAckBytesFrom, modelBytes,
    modelBytesPerSegment: segments ? modelBytes / segments : null,
    heapUsedDelta: process.memoryUsage().heapUsed - heap0, rssBeforeClearKb,
  };
  if (errors.length) out.error = errors.slice(0, 3).join('; ');
  return out;
}

/**
 * Fallback when the Map cannot be measured (no --expose-gc or few entries): a V8 OrderedHashMap
 * entry (3 tagged words + half a bucket word) plus a { num, frame } object (3 header words + 2
 * in-object fields), 8-byte tagged words (Node does not use pointer compression).
 */
const DUPACK_ENTRY_BYTES_ESTIMATE = 3 * 8 + 4 + (3 + 2) * 8;

async function main() {
  let r;
  if (mode === 'noop') {
    r = { ok: true, sec: 0, bytes: 0, packets: 0 };
  } else if (mode === 'raw' || mode === 'walk') {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    const x = mode === 'raw' ? rawRead(file) : walkFile(file);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    r = { ok: true, sec, ...x };
    if (mode === 'raw') r.packets = null;
  } else if (mode === 'wl-decode') {
    r = await wirelane('decode');
  } else if (mode === 'wl-table') {
    r = await wirelane('table');
  } else if (mode === 'wl-analyze') {
    r = await analyze();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  r.fileBytes = file ? statSync(file).size : 0;
  r.vmHwmKb = procStatusKb('VmHWM');
  r.vmRssKb = procStatusKb('VmRSS');
  process.stdout.write(`${JSON.stringify({ mode, file, ...r })}\n`);
}

main().catch((e) => {
  process.stdout.write(`${JSON.stringify({ mode, file, ok: false, error: String(e?.stack ?? e) })}\n`);
  process.exitCode = 1;
});
