#!/usr/bin/env node
// Wirelane benchmark: `npm run bench`.
//
// In one run, on the same generated files:
//   raw read     readSync through a reused 8 MiB buffer (the I/O ceiling)
//   JS walk      bench/walk.mjs, the minimal hand-written record walk ("JS limit")
//   wl decode    Wirelane capture parser + PacketDecoder, streaming (nothing kept per packet)
//   wl table     … + PacketTable.append (decoding into the columnar typed-array model)
//   wl analyze   the full analysis: AnalysisSink (decode → TcpTracker: connections, relative
//                seq/ack, analysis flags, RFC 9293 states, Zeek's model) + finish() + Zeek
//                summaries; also the per-segment model's bytes (SegmentTable rows + dupAck map)
//   tshark       tshark -r FILE -q -z conv,tcp on a smaller file of the same mix (per packet)
//   tshark fields  tshark -r FILE -T fields -e tcp.stream -e tcp.analysis.flags on that file:
//                tshark's per-packet TCP analysis, the reference for `wl analyze`
// Every in-process measurement runs in its own `node --expose-gc` child so its peak RSS
// (VmHWM) is its own; tshark's peak RSS comes from `/usr/bin/time -f %M` (or /proc polling).
//
// Environment:
//   WIRELANE_BENCH_MB         size of the main captures in MiB (default 1024; e.g. 64 for a quick run)
//   WIRELANE_BENCH_TSHARK_MB  size of the tshark capture (default min(100, MB); 0 skips tshark)
//   WIRELANE_BENCH_RUNS       repetitions of each in-process measurement, best time kept (default 3)
//   WIRELANE_BENCH_SEED       generator seed (default 1)
//   WIRELANE_BENCH_LOADER     `bundle` (default: esbuild-bundle src/core to .bench/wirelane-core.mjs)
//                             or `tsx` (run src/core/index.ts under `node --import tsx`)
// Flags: --quick = 64 MiB captures (unless WIRELANE_BENCH_MB is set); --strict exits 1 when a
// target is missed or a cross-check fails.
// Results: printed as a table and written to .bench/results.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCapture } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const benchDir = join(root, '.bench');
mkdirSync(benchDir, { recursive: true });

const envNum = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${v}`);
  return n;
};
const QUICK = process.argv.includes('--quick');
const MB = envNum('WIRELANE_BENCH_MB', QUICK ? 64 : 1024);
const QUARTER_MB = Math.max(1, Math.round(MB / 4));
const TSHARK_MB = envNum('WIRELANE_BENCH_TSHARK_MB', Math.min(100, MB));
const RUNS = Math.max(1, Math.round(envNum('WIRELANE_BENCH_RUNS', 3)));
const SEED = envNum('WIRELANE_BENCH_SEED', 1);
const LOADER = process.env.WIRELANE_BENCH_LOADER || 'bundle';
const STRICT = process.argv.includes('--strict');

const TARGET_WALK_RATIO = 0.6;
const TARGET_TSHARK_RATIO = 50;
// Issue 3: full analysis ≥ 30% of the JS walk's packets/s, ≥ 50× tshark's per-packet analysis,
// and a per-segment model of ≤ 48 bytes a segment.
const TARGET_ANALYZE_WALK_RATIO = 0.3;
const TARGET_ANALYZE_TSHARK_RATIO = 50;
const TARGET_MODEL_BYTES_PER_SEGMENT = 48;

const log = (m) => process.stderr.write(`${m}\n`);
const rel = (p) => relative(root, p) || p;

// ---------------------------------------------------------------- inputs
log(`wirelane bench: ${MB} MiB captures, tshark on ${TSHARK_MB || 'no'} MiB, ${RUNS} run(s) each, seed ${SEED}`);
const gen = (format, sizeMb) => ensureCapture({ format, sizeMb, seed: SEED, dir: benchDir, log });
const files = {
  pcap: gen('pcap', MB),
  pcapng: gen('pcapng', MB),
  quarter: QUARTER_MB === MB ? null : gen('pcap', QUARTER_MB),
  tshark: TSHARK_MB > 0 ? (TSHARK_MB === MB ? null : gen('pcap', TSHARK_MB)) : null,
};
files.quarter ??= files.pcap;
if (TSHARK_MB > 0) files.tshark ??= files.pcap;

// ---------------------------------------------------------------- Wirelane core
async function prepareCore() {
  const entry = join(root, 'src/core/index.ts');
  if (!existsSync(entry)) return { error: 'src/core/index.ts does not exist yet' };
  if (LOADER === 'tsx') return { path: entry, nodeArgs: ['--import', 'tsx'], how: 'node --import tsx src/core/index.ts' };
  const out = join(benchDir, 'wirelane-core.mjs');
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'es2022',
      sourcemap: false, logLevel: 'silent',
    });
  } catch (e) {
    return { error: `esbuild could not bundle src/core/index.ts: ${String(e?.message ?? e).split('\n').slice(0, 6).join(' ')}` };
  }
  return { path: out, nodeArgs: [], how: 'esbuild bundle of src/core/index.ts (as the extension/CLI bundles)' };
}
const core = await prepareCore();
if (core.error) log(`Wirelane core unavailable: ${core.error}`);

// ---------------------------------------------------------------- children
function child(mode, file) {
  const args = ['--expose-gc', ...(mode.startsWith('wl-') ? core.nodeArgs : []), join(here, 'measure.mjs'), mode,
    file ?? '', mode.startsWith('wl-') ? core.path : ''];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stdout.trim().split('\n').filter(Boolean).pop();
  try {
    return JSON.parse(line);
  } catch {
    return { mode, file, ok: false, error: `child failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().slice(0, 400)}` };
  }
}

/** Runs a command and reports wall time, output and peak RSS (kB). */
async function runMeasured(cmd, args, onStdout = null) {
  const probe = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }) : null;
  const gnuTime = !!probe && /GNU/.test(`${probe.stdout ?? ''}${probe.stderr ?? ''}`);
  const t0 = process.hrtime.bigint();
  const argv = gnuTime ? ['/usr/bin/time', ['-f', '__WLMAXRSS__ %M', cmd, ...args]] : [cmd, args];
  const proc = spawn(argv[0], argv[1], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let polled = 0;
  proc.stdout.setEncoding('utf8').on('data', onStdout ?? ((d) => { stdout += d; }));
  proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const poll = gnuTime ? null : setInterval(() => {
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (m) polled = Math.max(polled, Number(m[1]));
    } catch { /* exited */ }
  }, 20);
  const code = await new Promise((res) => proc.on('close', res));
  if (poll) clearInterval(poll);
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  let peakKb = polled || null;
  if (gnuTime) {
    const m = /__WLMAXRSS__ (\d+)/.exec(stderr);
    if (m) peakKb = Number(m[1]);
    stderr = stderr.replace(/__WLMAXRSS__ \d+\n?/, '');
  }
  return { code, sec, stdout, stderr, peakKb, peakFrom: gnuTime ? '/usr/bin/time -f %M' : '/proc/PID/status VmHWM (polled)' };
}

// ---------------------------------------------------------------- measurements
const results = [];
const keep = (label, r, extra = {}) => {
  const row = { label, ...r, ...extra };
  results.push(row);
  return row;
};

const baseline = child('noop', '');
log(`node baseline peak RSS: ${(baseline.vmHwmKb / 1024).toFixed(1)} MiB`);

/** [label, mode, file] measured RUNS times, interleaved round by round. */
const plan = [
  ['raw read', 'raw', files.pcap.file],
  ['JS walk', 'walk', files.pcap.file],
  ['wirelane decode (streaming)', 'wl-decode', files.pcap.file],
  ['wirelane decode → PacketTable', 'wl-table', files.pcap.file],
  ['wirelane full analysis', 'wl-analyze', files.pcap.file],
  ['JS walk', 'walk', files.pcapng.file],
  ['wirelane decode (streaming)', 'wl-decode', files.pcapng.file],
  ['wirelane decode → PacketTable', 'wl-table', files.pcapng.file],
];
if (files.quarter !== files.pcap) plan.push(['wirelane decode (streaming)', 'wl-decode', files.quarter.file]);
if (files.tshark && files.tshark !== files.pcap && files.tshark !== files.quarter) {
  plan.push(['JS walk', 'walk', files.tshark.file], ['wirelane decode → PacketTable', 'wl-table', files.tshark.file]);
}
// The analysis on tshark's file too: its connections and flagged segments are checked against tshark's.
if (files.tshark && files.tshark !== files.pcap) plan.push(['wirelane full analysis', 'wl-analyze', files.tshark.file]);

const samples = new Map(); // key → array of results
for (let run = 1; run <= RUNS; run++) {
  for (const [label, mode, file] of plan) {
    const key = `${mode}|${file}`;
    if (mode.startsWith('wl-') && core.error) {
      if (run === 1) samples.set(key, [{ mode, file, ok: false, error: core.error }]);
      continue;
    }
    log(`  [${run}/${RUNS}] ${label} ${rel(file)}`);
    const r = child(mode, file);
    if (!r.ok) log(`    failed: ${r.error}`);
    if (!samples.has(key)) samples.set(key, []);
    samples.get(key).push(r);
  }
}
for (const [label, mode, file] of plan) {
  const all = samples.get(`${mode}|${file}`) ?? [];
  const ok = all.filter((r) => r.ok);
  if (!ok.length) { keep(label, all[0] ?? { mode, file, ok: false, error: 'not run' }); continue; }
  const best = ok.reduce((a, b) => (b.sec < a.sec ? b : a));
  keep(label, best, {
    runsSec: ok.map((r) => +r.sec.toFixed(4)),
    vmHwmKb: Math.max(...ok.map((r) => r.vmHwmKb ?? 0)),
  });
}

// tshark
let tshark = null;
if (!files.tshark) {
  log('tshark: skipped (WIRELANE_BENCH_TSHARK_MB=0)');
  tshark = { label: 'tshark -z conv,tcp', ok: false, skipped: true, error: 'skipped (WIRELANE_BENCH_TSHARK_MB=0)' };
} else if (spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status !== 0) {
  log('tshark: not installed — skipping the tshark comparison (apt-get install tshark)');
  tshark = { label: 'tshark -z conv,tcp', ok: false, skipped: true, error: 'tshark not installed' };
} else {
  const version = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0];
  log(`  tshark -r ${rel(files.tshark.file)} -q -z conv,tcp  (${version})`);
  const r = await runMeasured('tshark', ['-r', files.tshark.file, '-q', '-z', 'conv,tcp']);
  const conversations = (r.stdout.match(/<->/g) ?? []).length;
  tshark = keep('tshark -z conv,tcp', {
    mode: 'tshark', file: files.tshark.file, ok: r.code === 0, sec: r.sec, bytes: files.tshark.bytes,
    fileBytes: files.tshark.bytes, packets: files.tshark.packets, conversations, vmHwmKb: r.peakKb,
    peakFrom: r.peakFrom, version,
    error: r.code === 0 ? undefined : `exit ${r.code}: ${r.stderr.trim().slice(0, 300)}`,
  });
  if (conversations !== files.tshark.connections) {
    log(`    note: tshark lists ${conversations} conversations, the generator made ${files.tshark.connections}`);
  }
}

// tshark's per-packet TCP analysis (what `wl analyze` computes): one line per packet with the
// stream index and the analysis-flags marker. Its stdout is piped to this process, which only
// counts lines as they arrive (no buffering) — the same work for tshark as `> /dev/null`.
let tsharkFields = null;
if (tshark?.ok) {
  const args = ['-r', files.tshark.file, '-T', 'fields', '-e', 'tcp.stream', '-e', 'tcp.analysis.flags'];
  log(`  tshark ${args.join(' ').replace(files.tshark.file, rel(files.tshark.file))}`);
  let lines = 0;
  let flagged = 0;
  let maxStream = -1;
  let partial = '';
  const r = await runMeasured('tshark', args, (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop();
    for (const l of parts) {
      lines++;
      const tab = l.indexOf('\t');
      const stream = Number(tab < 0 ? l : l.slice(0, tab));
      if (stream > maxStream) maxStream = stream;
      if (tab >= 0 && tab < l.length - 1) flagged++;
    }
  });
  tsharkFields = keep('tshark -T fields tcp.stream,tcp.analysis.flags', {
    mode: 'tshark-fields', file: files.tshark.file, ok: r.code === 0, sec: r.sec, bytes: files.tshark.bytes,
    fileBytes: files.tshark.bytes, packets: files.tshark.packets, outputLines: lines, streams: maxStream + 1,
    flaggedPackets: flagged, vmHwmKb: r.peakKb, peakFrom: r.peakFrom, version: tshark.version,
    error: r.code === 0 ? undefined : `exit ${r.code}: ${r.stderr.trim().slice(0, 300)}`,
  });
}

// ---------------------------------------------------------------- report
const find = (mode, file) => results.find((r) => r.mode === mode && r.file === file && r.ok);
const pps = (r) => (r && r.packets ? r.packets / r.sec : null);
const walk = find('walk', files.pcap.file);
const wlDecode = find('wl-decode', files.pcap.file);
const wlTable = find('wl-table', files.pcap.file);
const wlDecodeQ = find('wl-decode', files.quarter.file);
const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'PASS' : 'MISS');

const ratios = {};
ratios.tableVsWalk = wlTable && walk ? pps(wlTable) / pps(walk) : null;
ratios.decodeVsWalk = wlDecode && walk ? pps(wlDecode) / pps(walk) : null;
ratios.tableVsTshark = wlTable && tshark?.ok ? pps(wlTable) / pps(tshark) : null;
ratios.decodeVsTshark = wlDecode && tshark?.ok ? pps(wlDecode) / pps(tshark) : null;
const walkNg = find('walk', files.pcapng.file);
const wlTableNg = find('wl-table', files.pcapng.file);
ratios.tableVsWalkPcapng = wlTableNg && walkNg ? pps(wlTableNg) / pps(walkNg) : null;
const wlAnalyze = find('wl-analyze', files.pcap.file);
const wlAnalyzeT = files.tshark ? find('wl-analyze', files.tshark.file) : null;
ratios.analyzeVsWalk = wlAnalyze && walk ? pps(wlAnalyze) / pps(walk) : null;
ratios.analyzeVsTsharkFields = wlAnalyze && tsharkFields?.ok ? pps(wlAnalyze) / pps(tsharkFields) : null;
ratios.analyzeVsTable = wlAnalyze && wlTable ? pps(wlAnalyze) / pps(wlTable) : null;
ratios.modelBytesPerSegment = wlAnalyze?.modelBytesPerSegment ?? null;
// Second memory view: everything the analysis process holds beyond a bare node, per segment.
const analyzeMemory = wlAnalyze ? (() => {
  const extra = wlAnalyze.vmHwmKb * 1024 - baseline.vmHwmKb * 1024;
  return {
    peakRssBytes: wlAnalyze.vmHwmKb * 1024, baselineBytes: baseline.vmHwmKb * 1024, extraBytes: extra,
    extraPerSegment: extra / wlAnalyze.segments,
    // what is left after the segment model, spread over the connections (per-connection state)
    restPerConnection: (extra - wlAnalyze.modelBytes) / wlAnalyze.connections,
  };
})() : null;
ratios.rssBytesPerSegment = analyzeMemory?.extraPerSegment ?? null;

let memory = null;
if (wlDecode && wlDecodeQ && wlDecodeQ !== wlDecode) {
  const full = wlDecode.vmHwmKb * 1024;
  const quarter = wlDecodeQ.vmHwmKb * 1024;
  const allowance = Math.max(16 << 20, 0.1 * quarter);
  memory = {
    fullMb: MB, quarterMb: QUARTER_MB, fullPeakBytes: full, quarterPeakBytes: quarter, growthBytes: full - quarter,
    allowanceBytes: allowance, pass: full - quarter <= allowance,
  };
}
// correctness cross-checks: every consumer saw the generator's packets
const checks = [];
for (const r of results) {
  if (!r.ok || r.mode === 'raw' || r.mode.startsWith('tshark')) continue;
  const g = Object.values(files).find((f) => f && f.file === r.file);
  if (g && r.packets !== g.packets) checks.push(`${r.label} on ${rel(r.file)}: ${r.packets} packets, generator wrote ${g.packets}`);
  if (r.mode === 'walk' && g && r.connections !== g.connections) {
    checks.push(`JS walk on ${rel(r.file)}: ${r.connections} connections, generator made ${g.connections}`);
  }
  if (r.mode.startsWith('wl-') && r.tcpPackets !== r.packets) {
    checks.push(`${r.label} on ${rel(r.file)}: only ${r.tcpPackets} of ${r.packets} packets decoded as TCP`);
  }
  if (r.mode.startsWith('wl-') && r.problemPackets) {
    checks.push(`${r.label} on ${rel(r.file)}: ${r.problemPackets} packets flagged with problems (the generator writes none)`);
  }
  if (r.mode === 'wl-analyze' && g) {
    if (r.connections !== g.connections) checks.push(`${r.label} on ${rel(r.file)}: ${r.connections} connections, generator made ${g.connections}`);
    if (r.segments !== g.packets) checks.push(`${r.label} on ${rel(r.file)}: ${r.segments} segments, generator wrote ${g.packets} TCP packets`);
    if (r.zeekSummaries && r.zeekSummaries !== r.connections) checks.push(`${r.label} on ${rel(r.file)}: ${r.zeekSummaries} Zeek summaries for ${r.connections} connections`);
    if (r.retransmissions !== g.retransmissions) checks.push(`${r.label} on ${rel(r.file)}: ${r.retransmissions} retransmissions flagged, generator made ${g.retransmissions}`);
    if (r.rstConnections !== g.rsts) checks.push(`${r.label} on ${rel(r.file)}: ${r.rstConnections} connections with an RST, generator reset ${g.rsts}`);
  }
}
if (tshark?.ok && tshark.conversations !== files.tshark.connections) {
  checks.push(`tshark: ${tshark.conversations} conversations, generator made ${files.tshark.connections}`);
}
if (tsharkFields?.ok) {
  if (tsharkFields.outputLines !== files.tshark.packets) checks.push(`tshark fields: ${tsharkFields.outputLines} lines, generator wrote ${files.tshark.packets} packets`);
  if (wlAnalyzeT) {
    if (wlAnalyzeT.connections !== tsharkFields.streams) checks.push(`wirelane full analysis on ${rel(files.tshark.file)}: ${wlAnalyzeT.connections} connections, tshark numbers ${tsharkFields.streams} tcp.streams`);
    if (tshark?.ok && wlAnalyzeT.connections !== tshark.conversations) checks.push(`wirelane full analysis on ${rel(files.tshark.file)}: ${wlAnalyzeT.connections} connections, tshark conv,tcp lists ${tshark.conversations}`);
    if (wlAnalyzeT.flaggedSegments !== tsharkFields.flaggedPackets) checks.push(`wirelane full analysis on ${rel(files.tshark.file)}: ${wlAnalyzeT.flaggedSegments} segments with analysis flags, tshark flags ${tsharkFields.flaggedPackets} packets`);
  }
}

const fmtN = (n, d = 0) => (n === null || n === undefined || !Number.isFinite(n) ? '—'
  : n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const mib = (kb) => (kb ? (kb / 1024).toFixed(1) : '—');
const rows = results.map((r) => {
  const f = Object.entries(files).find(([, v]) => v && v.file === r.file);
  const fileLabel = r.file ? `${f?.[1]?.format ?? ''} ${Math.round((f?.[1]?.bytes ?? r.fileBytes ?? 0) / 1048576)} MiB` : '';
  if (!r.ok) return [r.label, fileLabel, '—', '—', '—', '—', '—', r.skipped ? r.error : `FAILED: ${r.error}`];
  return [
    r.label, fileLabel,
    fmtN(r.bytes / 1e6 / r.sec, 0),
    r.packets ? fmtN(pps(r) / 1e6, 2) : '—',
    mib(r.vmHwmKb),
    r.packets ? fmtN((r.vmHwmKb * 1024) / r.packets, 1) : '—',
    fmtN(r.sec, 3),
    '',
  ];
});
const head = ['measurement', 'file', 'MB/s', 'Mpkt/s', 'peak RSS MiB', 'B/packet', 'sec', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => (i < 2 || i === 7 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();

const out = [];
out.push('');
out.push(`Wirelane benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
out.push(`files: ${Object.entries(files).filter(([k, v]) => v && (k === 'pcap' || v !== files.pcap)).map(([k, v]) => `${k}=${rel(v.file)} (${fmtN(v.packets)} pkts, ${fmtN(v.connections)} conns)`).join(', ')}`);
out.push(`Wirelane core: ${core.error ? `unavailable — ${core.error}` : core.how}; best of ${RUNS} run(s); MB = 10^6 bytes; node baseline RSS ${mib(baseline.vmHwmKb)} MiB`);
out.push('');
out.push(line(head));
out.push(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) out.push(line(r));
out.push('');
const ratioLine = (name, v, target, unit) => {
  const pass = v === null ? null : v >= target;
  return `${name.padEnd(46)} ${v === null ? '—' : `${v.toFixed(unit === '×' ? 1 : 2)}${unit}`.padStart(8)}   target ≥ ${target}${unit}   ${verdict(pass)}`;
};
out.push(ratioLine('wirelane→PacketTable / JS walk (pcap, pkt/s)', ratios.tableVsWalk, TARGET_WALK_RATIO, ''));
out.push(ratioLine('wirelane→PacketTable / tshark (per packet)', ratios.tableVsTshark, TARGET_TSHARK_RATIO, '×'));
out.push(ratioLine('full analysis / JS walk (pcap, pkt/s)', ratios.analyzeVsWalk, TARGET_ANALYZE_WALK_RATIO, ''));
out.push(ratioLine('full analysis / tshark -T fields (per packet)', ratios.analyzeVsTsharkFields, TARGET_ANALYZE_TSHARK_RATIO, '×'));
{
  const v = ratios.modelBytesPerSegment;
  const pass = v === null ? null : v <= TARGET_MODEL_BYTES_PER_SEGMENT;
  out.push(`${'segment model, bytes per segment'.padEnd(46)} ${v === null ? '—' : v.toFixed(1).padStart(8)}   target ≤ ${TARGET_MODEL_BYTES_PER_SEGMENT}    ${verdict(pass)}`);
}
out.push(`${'streaming peak RSS, full vs 1/4 file'.padEnd(46)} ${memory ? `${mib(memory.fullPeakBytes / 1024)} vs ${mib(memory.quarterPeakBytes / 1024)} MiB (${MB} vs ${QUARTER_MB} MiB files); allowed growth ${mib(memory.allowanceBytes / 1024)} MiB   ${verdict(memory.pass)}` : '—   n/a'}`);
out.push(`info: decode-only / JS walk ${ratios.decodeVsWalk?.toFixed(2) ?? '—'}; decode-only / tshark ${ratios.decodeVsTshark?.toFixed(1) ?? '—'}×; PacketTable / JS walk on pcapng ${ratios.tableVsWalkPcapng?.toFixed(2) ?? '—'}`);
if (wlAnalyze) {
  const a = wlAnalyze;
  out.push(`analysis on ${rel(a.file)}: ${fmtN(a.segments)} segments, ${fmtN(a.connections)} connections, ${fmtN(a.zeekSummaries)} Zeek summaries, ${fmtN(a.flaggedSegments)} flagged segments (${fmtN(a.retransmissions)} retransmissions, ${fmtN(a.dupAcks)} dup ACKs); time ${a.parseSec.toFixed(2)} s parse+track + ${a.finishSec.toFixed(2)} s finish + ${a.zeekSummarySec.toFixed(2)} s Zeek summaries; ${ratios.analyzeVsTable?.toFixed(2) ?? '—'} of PacketTable's pkt/s`);
  out.push(`  segment model: ${fmtN(a.segments)} rows × ${a.rowBytes} B = ${mib(a.columnBytes / 1024)} MiB + dupAck map ${fmtN(a.dupAckEntries)} entries = ${mib(a.dupAckBytes / 1024)} MiB (${a.dupAckBytesFrom}) → ${a.modelBytesPerSegment.toFixed(2)} B/segment`);
  out.push(`  table pre-sized to fileSize/56 = ${fmtN(a.segmentCapacity)} rows (no growth copies; ${mib(a.segmentTableAllocatedBytes / 1024)} MiB reserved, untouched pages are not resident)`);
  if (analyzeMemory) out.push(`  peak RSS ${mib(analyzeMemory.peakRssBytes / 1024)} MiB − node baseline ${mib(analyzeMemory.baselineBytes / 1024)} MiB = ${fmtN(analyzeMemory.extraPerSegment, 1)} B/segment (info); beyond the segment model ≈ ${fmtN(analyzeMemory.restPerConnection, 0)} B per connection`);
}
if (tsharkFields?.ok) out.push(`tshark -T fields on ${rel(tsharkFields.file)}: ${fmtN(pps(tsharkFields))} pkt/s, peak RSS ${mib(tsharkFields.vmHwmKb)} MiB = ${fmtN((tsharkFields.vmHwmKb * 1024) / tsharkFields.packets, 0)} B/packet; ${fmtN(tsharkFields.streams)} streams, ${fmtN(tsharkFields.flaggedPackets)} packets with analysis flags${wlAnalyzeT ? ` (Wirelane on the same file: ${fmtN(wlAnalyzeT.connections)} connections, ${fmtN(wlAnalyzeT.flaggedSegments)} flagged; ${fmtN(pps(wlAnalyzeT) / pps(tsharkFields), 1)}× tshark there)` : ''}`);
if (tshark?.ok) out.push(`tshark ran on ${rel(tshark.file)} (${fmtN(tshark.packets)} packets, ${fmtN(tshark.conversations)} conversations; peak RSS via ${tshark.peakFrom})`);
out.push(checks.length ? `CHECKS FAILED:\n  ${checks.join('\n  ')}` : 'checks: packet and connection counts agree with the generator');
console.log(out.join('\n'));

const targets = {
  tableVsWalk: { value: ratios.tableVsWalk, target: TARGET_WALK_RATIO, pass: ratios.tableVsWalk === null ? null : ratios.tableVsWalk >= TARGET_WALK_RATIO },
  tableVsTshark: { value: ratios.tableVsTshark, target: TARGET_TSHARK_RATIO, pass: ratios.tableVsTshark === null ? null : ratios.tableVsTshark >= TARGET_TSHARK_RATIO },
  streamingMemoryFlat: memory ? { ...memory } : { pass: null },
  analyzeVsWalk: { value: ratios.analyzeVsWalk, target: TARGET_ANALYZE_WALK_RATIO, pass: ratios.analyzeVsWalk === null ? null : ratios.analyzeVsWalk >= TARGET_ANALYZE_WALK_RATIO },
  analyzeVsTsharkFields: { value: ratios.analyzeVsTsharkFields, target: TARGET_ANALYZE_TSHARK_RATIO, pass: ratios.analyzeVsTsharkFields === null ? null : ratios.analyzeVsTsharkFields >= TARGET_ANALYZE_TSHARK_RATIO },
  modelBytesPerSegment: { value: ratios.modelBytesPerSegment, target: TARGET_MODEL_BYTES_PER_SEGMENT, atMost: true, pass: ratios.modelBytesPerSegment === null ? null : ratios.modelBytesPerSegment <= TARGET_MODEL_BYTES_PER_SEGMENT },
};
const json = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemBytes: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.release()}` },
  params: { mb: MB, quarterMb: QUARTER_MB, tsharkMb: TSHARK_MB, runs: RUNS, seed: SEED, loader: LOADER },
  core: core.error ? { error: core.error } : { how: core.how, path: rel(core.path) },
  files,
  baselineVmHwmKb: baseline.vmHwmKb,
  analyzeMemory,
  results: results.map((r) => ({ ...r, file: r.file ? rel(r.file) : r.file, mbPerSec: r.ok ? r.bytes / 1e6 / r.sec : null, packetsPerSec: r.ok ? pps(r) : null, bytesPerPacket: r.ok && r.packets ? (r.vmHwmKb * 1024) / r.packets : null })),
  ratios,
  targets,
  checks,
};
writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
log(`results written to ${rel(join(benchDir, 'results.json'))}`);

const missed = Object.values(targets).some((t) => t.pass === false) || checks.length > 0;
if (STRICT && missed) process.exitCode = 1;
