// One measurement in a fresh process, so its peak RSS (VmHWM) is its own:
//
//   node --expose-gc bench/measure.mjs MODE FILE [CORE_MODULE]
//
// MODE: noop | raw | walk | wl-decode | wl-table. CORE_MODULE is the Wirelane core to import
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
