/**
 * The tshark oracle side of the conformance suite: where the corpora live, which captures they
 * hold, how to read tshark's `-T fields` TSV output, and how tshark's values map onto the
 * fields `wirelane packets --ndjson` prints.
 *
 * Oracle format (see ../shared/corpora/README.md): header row of field names, one row per frame,
 * tab separated; several occurrences of a field (tunnels: one ip.src per IP layer) joined by ','.
 * Non-TCP frames have empty tcp.* columns. An oracle for a file tshark could not read is empty.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------- oracle TSV

export interface Oracle {
  /** Field names from the header row, in column order. */
  header: string[];
  /** Field name → column index. */
  columns: Map<string, number>;
  /** One array of column values per frame, in file order. */
  rows: string[][];
}

/** Parses a tshark `-T fields -E header=y -E separator=/t` dump. Empty text → no columns, no rows. */
export function parseOracle(text: string): Oracle {
  const lines = text.split('\n');
  // A trailing newline leaves one empty string; Windows line ends would leave '\r'.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { header: [], columns: new Map(), rows: [] };
  const header = lines[0].replace(/\r$/, '').split('\t');
  const columns = new Map<string, number>();
  header.forEach((name, i) => columns.set(name, i));
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].replace(/\r$/, '').split('\t');
    if (cells.length !== header.length) {
      throw new Error(`oracle line ${i + 1}: ${cells.length} columns, header has ${header.length}`);
    }
    rows.push(cells);
  }
  return { header, columns, rows };
}

/** The value of `field` in `row` ('' when the column is absent or empty). */
export function cell(oracle: Oracle, row: string[], field: string): string {
  const i = oracle.columns.get(field);
  return i === undefined ? '' : row[i];
}

/** Columns the comparison needs; an oracle without them is rejected loudly rather than skipped. */
export const REQUIRED_COLUMNS = [
  'frame.number', 'frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.protocols',
  'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst',
  'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.window_size_value',
] as const;

// ---------------------------------------------------------------- flags

/** Our flag letters, in header order, with their bit in the 12-bit flags field. */
export const FLAG_LETTERS: ReadonlyArray<readonly [string, number]> = [
  ['N', 0x100], ['C', 0x080], ['E', 0x040], ['U', 0x020], ['A', 0x010], ['P', 0x008], ['R', 0x004], ['S', 0x002], ['F', 0x001],
];

/** The three reserved bits tshark includes in tcp.flags (0x800, 0x400, 0x200); not in our letter string. */
export const RESERVED_FLAG_BITS = 0xe00;

/** tshark's tcp.flags ("0x0012") → our letter string ("AS"). Reserved bits are dropped (see RESERVED_FLAG_BITS). */
export function tsharkFlagsToLetters(hex: string): string {
  const v = parseInt(hex, 16);
  if (!/^0x[0-9a-fA-F]+$/.test(hex) || Number.isNaN(v)) throw new Error(`not a tshark tcp.flags value: ${JSON.stringify(hex)}`);
  return lettersOf(v);
}

/** Our letter string for the low 9 bits of a flags value. */
export function lettersOf(bits: number): string {
  let s = '';
  for (const [letter, bit] of FLAG_LETTERS) if (bits & bit) s += letter;
  return s;
}

/** Our letter string → flag bits; throws on an unknown letter or a letter out of order / repeated. */
export function lettersToBits(letters: string): number {
  let bits = 0;
  let last = -1;
  for (const ch of letters) {
    const idx = FLAG_LETTERS.findIndex(([l]) => l === ch);
    if (idx < 0) throw new Error(`unknown flag letter ${JSON.stringify(ch)} in ${JSON.stringify(letters)}`);
    if (idx <= last) throw new Error(`flag letters out of header order in ${JSON.stringify(letters)}`);
    last = idx;
    bits |= FLAG_LETTERS[idx][1];
  }
  return bits;
}

// ---------------------------------------------------------------- addresses

/**
 * The innermost IP source/destination of a tshark row. tshark lists every IP layer's address
 * (outermost first) in ip.src / ipv6.src; the TCP segment belongs to the last IP layer before
 * `tcp` in frame.protocols, and its address is the last value of that version's column.
 * Returns null when it cannot tell (no IP layer before tcp).
 */
export function innermostAddresses(oracle: Oracle, row: string[]): { src: string; dst: string } | null {
  const protos = cell(oracle, row, 'frame.protocols').split(':');
  const tcpAt = protos.lastIndexOf('tcp');
  const before = tcpAt < 0 ? protos : protos.slice(0, tcpAt);
  let version: 'ip' | 'ipv6' | null = null;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === 'ip' || before[i] === 'ipv6') { version = before[i] as 'ip' | 'ipv6'; break; }
  }
  if (!version) return null;
  const last = (s: string) => { const parts = s.split(','); return parts[parts.length - 1]; };
  const src = last(cell(oracle, row, `${version}.src`));
  const dst = last(cell(oracle, row, `${version}.dst`));
  if (!src || !dst) return null;
  return { src, dst };
}

// ---------------------------------------------------------------- corpus discovery

export type Source = 'tcpdump' | 'zeek' | 'project';

export interface Capture {
  /** Stable name used in test titles and known-differences.json: `tcpdump/x.pcap`, `zeek/tcp/syn.pcap`, `project/test/fixtures/x.pcap`. */
  id: string;
  source: Source;
  /** Absolute path of the capture. */
  path: string;
  /** Absolute path of its tshark oracle, or null when there is none. */
  oraclePath: string | null;
  /** From tshark_status.tsv when listed: tshark's exit code, frames with a TCP layer, stderr. */
  status?: TsharkStatus;
}

export interface TsharkStatus {
  rc: number;
  tcpFrames: number;
  stderr: string;
}

/** The repository root: nearest ancestor of `from` whose package.json is Wirelane's. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'wirelane') return dir;
      } catch { /* not ours */ }
    }
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(from);
    dir = up;
  }
}

/** Where the corpora are: $WIRELANE_CORPORA, else `<repo>/../shared/corpora`. */
export function corporaRoot(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.WIRELANE_CORPORA;
  return fromEnv && fromEnv.trim() ? path.resolve(repoRoot, fromEnv) : path.resolve(repoRoot, '..', 'shared', 'corpora');
}

/** Why the corpora at `root` are unusable, or null when both sources are there. */
export function corporaProblem(root: string): string | null {
  if (!existsSync(root)) return `corpora directory ${root} does not exist`;
  for (const [src, dir] of [['tcpdump', 'captures'], ['zeek', 'traces']] as const) {
    if (!isDir(path.join(root, src, dir))) return `${path.join(root, src, dir)} is missing`;
    if (!isDir(path.join(root, src, 'tshark'))) return `${path.join(root, src, 'tshark')} is missing`;
  }
  return null;
}

function isDir(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}

/** Every file under `dir`, recursively, as paths relative to `dir` with '/' separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const ent of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (ent.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** Parses `<source>/tshark_status.tsv` (oracle_file, tshark_rc, tcp_frames, tshark_stderr). */
export function readStatus(file: string): Map<string, TsharkStatus> {
  const m = new Map<string, TsharkStatus>();
  if (!existsSync(file)) return m;
  const o = parseStatusText(readFileSync(file, 'utf8'));
  for (const [k, v] of o) m.set(k, v);
  return m;
}

export function parseStatusText(text: string): Map<string, TsharkStatus> {
  const m = new Map<string, TsharkStatus>();
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t');
  const at = (name: string) => header.indexOf(name);
  const [iFile, iRc, iTcp, iErr] = [at('oracle_file'), at('tshark_rc'), at('tcp_frames'), at('tshark_stderr')];
  if (iFile < 0 || iRc < 0) throw new Error('tshark_status.tsv: missing oracle_file/tshark_rc columns');
  for (const line of lines) {
    const c = line.split('\t');
    m.set(c[iFile], {
      rc: Number(c[iRc]),
      tcpFrames: iTcp >= 0 ? Number(c[iTcp]) : NaN,
      stderr: iErr >= 0 ? (c.slice(iErr).join('\t') ?? '').trim() : '',
    });
  }
  return m;
}

/** The oracle file name for a capture path relative to its captures/traces directory. */
export function oracleName(relPath: string): string {
  return `${relPath.split('/').join('_')}.tshark.tsv`;
}

/** The tcpdump and Zeek captures under `root` (assumed present: check corporaProblem first). */
export function discoverCorpus(root: string): Capture[] {
  const out: Capture[] = [];
  for (const [source, dir] of [['tcpdump', 'captures'], ['zeek', 'traces']] as const) {
    const base = path.join(root, source, dir);
    const status = readStatus(path.join(root, source, 'tshark_status.tsv'));
    for (const rel of listFiles(base)) {
      const name = oracleName(rel);
      const oraclePath = path.join(root, source, 'tshark', name);
      out.push({
        id: `${source}/${rel}`,
        source,
        path: path.join(base, rel),
        oraclePath: existsSync(oraclePath) ? oraclePath : null,
        status: status.get(name),
      });
    }
  }
  return out;
}

/** Oracle files under `<root>/<source>/tshark` that no capture claims (a sign discovery is off). */
export function orphanOracles(root: string, captures: Capture[]): string[] {
  const claimed = new Set(captures.map((c) => c.oraclePath).filter((p): p is string => p !== null));
  const orphans: string[] = [];
  for (const source of ['tcpdump', 'zeek']) {
    const dir = path.join(root, source, 'tshark');
    if (!isDir(dir)) continue;
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.tshark.tsv') && !claimed.has(path.join(dir, f))) orphans.push(`${source}/tshark/${f}`);
    }
  }
  return orphans.sort();
}

const FIXTURE_EXT = /\.(pcap|pcapng|cap|gz)$/i;

/**
 * The project's own captures: `test/fixtures/*.{pcap,pcapng,cap,gz}` and every file in
 * `media/sample/`, with oracles in `test/fixtures/oracles/<basename>.tshark.tsv` (for a `.gz`
 * file, `<basename-without-.gz>.tshark.tsv` is accepted too).
 */
export function discoverProjectFixtures(repoRoot: string): Capture[] {
  const out: Capture[] = [];
  const oracleDir = path.join(repoRoot, 'test', 'fixtures', 'oracles');
  const add = (dirRel: string, filter: (f: string) => boolean) => {
    const dir = path.join(repoRoot, dirRel);
    if (!isDir(dir)) return;
    for (const f of readdirSync(dir).sort()) {
      const p = path.join(dir, f);
      if (!filter(f) || !statSync(p).isFile()) continue;
      const candidates = [f, f.replace(/\.gz$/i, '')].map((b) => path.join(oracleDir, `${b}.tshark.tsv`));
      const oraclePath = candidates.find((c) => existsSync(c)) ?? null;
      out.push({ id: `project/${dirRel}/${f}`, source: 'project', path: p, oraclePath });
    }
  };
  add('test/fixtures', (f) => FIXTURE_EXT.test(f));
  add('media/sample', (f) => !f.startsWith('.') && !/\.(md|txt|json|tsv)$/i.test(f));
  return out;
}

// ---------------------------------------------------------------- known differences

export interface KnownDifference {
  /** Capture id (see Capture.id). */
  capture: string;
  frame: number;
  field: string;
  /** The values as the report prints them (String(value); 'absent' for a missing field/layer). */
  tshark: string;
  ours: string;
  /** Why tshark is wrong here (required, non-trivial). */
  reason: string;
  /**
   * Optional: what our packet must show instead, from another reference (e.g. tcpdump's expected
   * output), so a frame tshark does not decode is still checked field by field. Keys are
   * `packets --ndjson` fields (sport, seqRaw, flags, win, len, src, …); values compared as strings.
   */
  expect?: Record<string, string | number>;
}

export function parseKnownDifferences(text: string): KnownDifference[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error('known-differences.json must be an array');
  return data.map((e, i) => {
    const o = e as Record<string, unknown>;
    const bad = (what: string) => new Error(`known-differences.json[${i}]: ${what}`);
    if (typeof o !== 'object' || o === null) throw bad('not an object');
    if (typeof o.capture !== 'string' || !o.capture) throw bad('capture must be a non-empty string');
    if (typeof o.frame !== 'number' || !Number.isInteger(o.frame) || o.frame < 1) throw bad('frame must be a positive integer');
    if (typeof o.field !== 'string' || !o.field) throw bad('field must be a non-empty string');
    if (typeof o.tshark !== 'string') throw bad('tshark must be a string');
    if (typeof o.ours !== 'string') throw bad('ours must be a string');
    if (typeof o.reason !== 'string' || o.reason.trim().length < 10) throw bad('reason must explain why tshark is wrong');
    const extra = Object.keys(o).filter((k) => !['capture', 'frame', 'field', 'ours', 'tshark', 'reason', 'expect'].includes(k));
    if (extra.length) throw bad(`unknown keys ${extra.join(', ')}`);
    const k: KnownDifference = { capture: o.capture, frame: o.frame, field: o.field, tshark: o.tshark, ours: o.ours, reason: o.reason };
    if (o.expect !== undefined) {
      const ex = o.expect as Record<string, unknown>;
      if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) throw bad('expect must be an object');
      for (const [f, v] of Object.entries(ex)) {
        if (typeof v !== 'string' && typeof v !== 'number') throw bad(`expect.${f} must be a string or number`);
      }
      k.expect = ex as Record<string, string | number>;
    }
    return k;
  });
}

// ---------------------------------------------------------------- comparison

/** One packet line of `wirelane packets --ndjson` (only what the comparison reads). */
export interface NdjsonPacket {
  frame: number;
  time?: string;
  caplen?: number;
  wirelen?: number;
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  seqRaw?: number;
  ackRaw?: number;
  flags?: string;
  /** The 12-bit flags field, reserved bits included (optional). */
  flagBits?: number;
  win?: number;
  hdrLen?: number;
  len?: number;
  [k: string]: unknown;
}

export interface Mismatch {
  frame: number;
  field: string;
  wirelane: string;
  tshark: string;
}

/** Renders a value as compared: undefined/null → 'absent'. */
export function show(v: unknown): string {
  return v === undefined || v === null ? 'absent' : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Compares one frame. Frame-level fields (caplen, wirelen, time) for every frame; for frames
 * tshark decodes as TCP (tcp.srcport present) the TCP fields; for frames where only one side
 * sees TCP, a single `tcp` mismatch ('present' vs 'absent'). A tshark column that is empty on a
 * TCP row (header cut short: tshark shows the ports only) is not compared.
 */
export function compareFrame(oracle: Oracle, row: string[], ours: NdjsonPacket): Mismatch[] {
  const frame = Number(cell(oracle, row, 'frame.number'));
  const out: Mismatch[] = [];
  const cmp = (field: string, wl: unknown, ts: string) => {
    if (ts === '') return;
    const w = show(wl);
    if (w !== ts) out.push({ frame, field, wirelane: w, tshark: ts });
  };
  cmp('caplen', ours.caplen, cell(oracle, row, 'frame.cap_len'));
  cmp('wirelen', ours.wirelen, cell(oracle, row, 'frame.len'));
  cmp('time', ours.time, cell(oracle, row, 'frame.time_epoch'));

  const tsTcp = cell(oracle, row, 'tcp.srcport') !== '';
  const ourTcp = ours.sport !== undefined && ours.sport !== null;
  if (tsTcp !== ourTcp) {
    out.push({ frame, field: 'tcp', wirelane: ourTcp ? 'present' : 'absent', tshark: tsTcp ? 'present' : 'absent' });
    return out;
  }
  if (!tsTcp) return out;

  const addr = innermostAddresses(oracle, row);
  if (addr) {
    cmp('src', ours.src, addr.src);
    cmp('dst', ours.dst, addr.dst);
  }
  cmp('sport', ours.sport, cell(oracle, row, 'tcp.srcport'));
  cmp('dport', ours.dport, cell(oracle, row, 'tcp.dstport'));
  cmp('seqRaw', ours.seqRaw, cell(oracle, row, 'tcp.seq_raw'));
  cmp('ackRaw', ours.ackRaw, cell(oracle, row, 'tcp.ack_raw'));
  const tf = cell(oracle, row, 'tcp.flags');
  if (tf !== '') {
    cmp('flags', ours.flags, tsharkFlagsToLetters(tf));
    // All 12 bits, reserved ones included, when the CLI prints them (`flagBits`), in tshark's notation.
    if (typeof ours.flagBits === 'number') cmp('flagBits', '0x' + ours.flagBits.toString(16).padStart(4, '0'), tf.toLowerCase());
  }
  cmp('win', ours.win, cell(oracle, row, 'tcp.window_size_value'));
  cmp('len', ours.len, cell(oracle, row, 'tcp.len'));
  if (ours.hdrLen !== undefined) cmp('hdrLen', ours.hdrLen, cell(oracle, row, 'tcp.hdr_len'));
  return out;
}

export function formatMismatch(file: string, m: Mismatch): string {
  return `${file} frame ${m.frame} ${m.field}: wirelane ${m.wirelane} vs tshark ${m.tshark}`;
}
