/**
 * Conformance against tshark. For every capture in the external corpora (tcpdump's and Zeek's own
 * test captures, ../shared/corpora or $WIRELANE_CORPORA) and in the project's fixtures, runs
 * `wirelane packets FILE --ndjson` and compares, frame by frame, with tshark's output in
 * `*.tshark.tsv`: frame count; caplen, wirelen, time for every frame; and for every frame tshark
 * decodes as TCP: innermost src/dst address, ports, raw seq/ack, flags (the 9 letters N C E U A P R
 * S F; tshark's 3 reserved bits are not part of our flag string), raw window
 * (tcp.window_size_value) and payload length (tcp.len). Frames where only one side sees TCP are a
 * `tcp` mismatch. The only accepted differences are in known-differences.json, each with the
 * reason tshark is wrong; an entry that no longer occurs fails the suite ("stale known difference").
 *
 * Also, per corpus capture: `wirelane info FILE --json` exits 0 or 2 without a stack trace, and
 * files tshark could not read (tshark_status.tsv rc ≠ 0) get a diagnostic from us.
 *
 * Corpora absent: fails under CI (CI=true), skips with a loud message locally.
 * WIRELANE_CLI=path runs another CLI build instead of dist/cli.js.
 * WIRELANE_CONFORMANCE_REPORT=path writes every mismatch (before known differences) as JSON.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  type Capture, type KnownDifference, type Mismatch, type NdjsonPacket,
  cell, compareFrame, corporaProblem, corporaRoot, discoverCorpus, discoverProjectFixtures,
  findRepoRoot, formatMismatch, orphanOracles, parseKnownDifferences, parseOracle, REQUIRED_COLUMNS, show,
} from './oracle';

const repoRoot = findRepoRoot();
/** The CLI under test; WIRELANE_CLI overrides it (e.g. to test the harness with a stand-in). */
const cli = process.env.WIRELANE_CLI ? path.resolve(process.env.WIRELANE_CLI) : path.join(repoRoot, 'dist', 'cli.js');
const root = corporaRoot(repoRoot);
const problem = corporaProblem(root);
const inCI = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);
const knownFile = path.join(repoRoot, 'test', 'conformance', 'known-differences.json');
const MAX_SHOWN = 10;

const known: KnownDifference[] = parseKnownDifferences(readFileSync(knownFile, 'utf8'));
const corpus: Capture[] = problem ? [] : discoverCorpus(root);
const project: Capture[] = discoverProjectFixtures(repoRoot);
const allMismatches: Array<Mismatch & { file: string }> = [];

const absentMessage =
  `tshark conformance corpora not found: ${problem}.\n` +
  `  Expected tcpdump/ and zeek/ (captures, traces, tshark oracles) under ${root}.\n` +
  `  Put the corpora at <repo>/../shared/corpora or set WIRELANE_CORPORA=/path/to/corpora.`;

if (problem && !inCI) {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPING tshark conformance for the external corpora:\n!! ${absentMessage.replace(/\n/g, '\n!! ')}\n${bar}\n`);
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 60_000,
  });
  if (r.error) throw r.error;
  return r;
}

/** Signs of an uncaught exception in a CLI's stderr. */
const CRASH_PATTERNS: RegExp[] = [
  /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)\s*$/m,
  /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|InternalError|AssertionError)\b/,
  /node:internal\//,
  /\bUncaught\b/,
];

function assertNoCrash(what: string, r: ReturnType<typeof run>, allowed: number[]) {
  if (CRASH_PATTERNS.some((p) => p.test(r.stderr))) {
    assert.fail(`${what}: stack trace / uncaught error on stderr:\n${r.stderr.slice(0, 2000)}`);
  }
  if (r.signal !== null) assert.fail(`${what}: killed by ${r.signal}`);
  if (!allowed.includes(r.status ?? -1)) {
    assert.fail(`${what}: exit code ${r.status}, expected ${allowed.join(' or ')}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
}

function parseNdjson(what: string, stdout: string): NdjsonPacket[] {
  const out: NdjsonPacket[] = [];
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let obj: unknown;
    try { obj = JSON.parse(line); } catch (e) {
      assert.fail(`${what}: stdout line ${i + 1} is not JSON (${(e as Error).message}): ${line.slice(0, 200)}`);
    }
    assert.ok(obj && typeof obj === 'object' && typeof (obj as NdjsonPacket).frame === 'number',
      `${what}: stdout line ${i + 1} has no numeric "frame": ${line.slice(0, 200)}`);
    out.push(obj as NdjsonPacket);
  }
  return out;
}

/** Compares one capture with its oracle; throws an assertion listing the unexplained mismatches. */
function checkCapture(c: Capture) {
  const oracle = parseOracle(readFileSync(c.oraclePath!, 'utf8'));
  const tsharkFailed = (c.status?.rc ?? 0) !== 0;

  const r = run(['packets', c.path, '--ndjson']);
  assertNoCrash(`${c.id}: wirelane packets`, r, tsharkFailed || oracle.rows.length === 0 ? [0, 2] : [0]);
  const ours = parseNdjson(`${c.id}: wirelane packets`, r.stdout);

  if (tsharkFailed) {
    // tshark could not read the file: nothing to compare against (the info test checks the diagnostic).
    assert.equal(oracle.rows.length, 0, `${c.id}: tshark_status rc ≠ 0 but the oracle has rows`);
    return;
  }
  const missing = REQUIRED_COLUMNS.filter((f) => !oracle.columns.has(f));
  assert.deepEqual(missing, [], `${c.id}: oracle ${c.oraclePath} lacks columns`);

  const problems: string[] = [];
  ours.forEach((p, i) => {
    if (p.frame !== i + 1) problems.push(`${c.id}: ndjson line ${i + 1} has frame ${p.frame} (frames must be 1, 2, 3, …)`);
  });
  if (ours.length !== oracle.rows.length) {
    problems.push(`${c.id}: ${ours.length} packets from wirelane vs ${oracle.rows.length} frames from tshark`);
  }
  if (c.status && Number.isFinite(c.status.tcpFrames)) {
    const tsTcp = oracle.rows.filter((row) => cell(oracle, row, 'tcp.srcport') !== '').length;
    assert.equal(tsTcp, c.status.tcpFrames, `${c.id}: oracle TCP rows disagree with tshark_status.tsv`);
  }

  const byFrame = new Map(ours.map((p) => [p.frame, p]));
  const mismatches: Mismatch[] = [];
  for (const row of oracle.rows) {
    const frame = Number(cell(oracle, row, 'frame.number'));
    const p = byFrame.get(frame);
    if (!p) {
      if (cell(oracle, row, 'tcp.srcport') !== '') mismatches.push({ frame, field: 'frame', wirelane: 'absent', tshark: 'present' });
      continue;
    }
    mismatches.push(...compareFrame(oracle, row, p));
  }
  for (const m of mismatches) allMismatches.push({ file: c.id, ...m });

  // Known differences: each must match exactly one observed mismatch (same values), and vice versa.
  const mine = known.filter((k) => k.capture === c.id && !k.field.startsWith('segments.'));
  const used = new Set<KnownDifference>();
  const unexplained = mismatches.filter((m) => {
    const k = mine.find((k) => k.frame === m.frame && k.field === m.field && k.tshark === m.tshark && k.ours === m.wirelane);
    if (k) { used.add(k); return false; }
    return true;
  });
  for (const k of mine) {
    for (const [f, v] of Object.entries(k.expect ?? {})) {
      const got = show(byFrame.get(k.frame)?.[f]);
      if (got !== String(v)) {
        problems.push(`${c.id}: known difference frame ${k.frame}: expected ${f} ${v} (${k.reason.slice(0, 60)}…), wirelane ${got}`);
      }
    }
    if (!used.has(k)) {
      problems.push(`${c.id}: stale known difference (no longer occurs): frame ${k.frame} ${k.field} ours ${k.ours} vs tshark ${k.tshark}`);
    }
  }
  if (unexplained.length) {
    const byField = new Map<string, number>();
    for (const m of unexplained) byField.set(m.field, (byField.get(m.field) ?? 0) + 1);
    const summary = [...byField].map(([f, n]) => `${f}: ${n}`).join(', ');
    problems.push(`${c.id}: ${unexplained.length} mismatch(es) with tshark (${summary})` +
      (unexplained.length > MAX_SHOWN ? `; first ${MAX_SHOWN}:` : ':'));
    for (const m of unexplained.slice(0, MAX_SHOWN)) problems.push('  ' + formatMismatch(c.id, m));
  }
  if (problems.length) assert.fail(problems.join('\n'));
}

/** `info --json` opens the file without crashing; unreadable-by-tshark files get a diagnostic. */
function checkInfo(c: Capture) {
  const r = run(['info', c.path, '--json']);
  assertNoCrash(`${c.id}: wirelane info`, r, [0, 2]);
  let info: { packets?: unknown; tcpPackets?: unknown; diagnostics?: Array<{ severity?: string; code?: string; message?: string }> } | null = null;
  if (r.stdout.trim()) {
    try { info = JSON.parse(r.stdout); } catch (e) {
      assert.fail(`${c.id}: wirelane info --json stdout is not JSON (${(e as Error).message}): ${r.stdout.slice(0, 300)}`);
    }
  }
  if (r.status === 0) {
    assert.ok(info, `${c.id}: wirelane info --json exited 0 with no output`);
    assert.equal(typeof info.packets, 'number', `${c.id}: info.packets is not a number`);
    assert.equal(typeof info.tcpPackets, 'number', `${c.id}: info.tcpPackets is not a number`);
    assert.ok(Array.isArray(info.diagnostics), `${c.id}: info.diagnostics is not an array`);
  } else {
    // Unreadable: the reason must be said, on stderr or as a JSON diagnostic.
    const said = r.stderr.trim() !== '' || (info?.diagnostics?.length ?? 0) > 0;
    assert.ok(said, `${c.id}: wirelane info exited 2 without saying why`);
  }
  if ((c.status?.rc ?? 0) !== 0) {
    const diags = info?.diagnostics ?? [];
    const clear = r.status === 2 ? true : diags.some((d) => (d.severity === 'error' || d.severity === 'warning') && !!d.message);
    assert.ok(clear,
      `${c.id}: tshark cannot read this file (${c.status?.stderr || `rc ${c.status?.rc}`}), ` +
      `but wirelane info reports no warning/error diagnostic: ${JSON.stringify(diags).slice(0, 500)}`);
  }
}

describe('conformance: tshark oracles', function () {
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} does not exist: run \`npm run build\` first`);
  });

  after(function () {
    if (problem && !inCI) console.warn(`\n  !! tshark conformance against the external corpora was SKIPPED: ${problem}\n`);
    const out = process.env.WIRELANE_CONFORMANCE_REPORT;
    if (out) writeFileSync(out, JSON.stringify(allMismatches, null, 1));
  });

  describe('known-differences.json', function () {
    it('names only captures that exist', function () {
      if (problem) this.skip();
      const ids = new Set([...corpus, ...project].map((c) => c.id));
      const unknown = known.filter((k) => !ids.has(k.capture)).map((k) => `${k.capture} frame ${k.frame} ${k.field}`);
      assert.deepEqual(unknown, [], 'stale known difference: capture not found');
    });
  });

  describe('external corpora (tcpdump, Zeek)', function () {
    if (problem) {
      it('corpora are present', function () {
        if (inCI) assert.fail(`${absentMessage}\n(CI is set: the conformance suite must run there.)`);
        this.skip();
      });
      return;
    }

    it('every capture has an oracle and every oracle a capture', function () {
      const noOracle = corpus.filter((c) => !c.oraclePath).map((c) => c.id);
      assert.deepEqual(noOracle, [], 'captures without a tshark oracle');
      assert.deepEqual(orphanOracles(root, corpus), [], 'oracles without a capture');
      assert.ok(corpus.length > 100, `only ${corpus.length} captures found under ${root}`);
    });

    describe('packets --ndjson agrees with tshark', function () {
      for (const c of corpus) {
        it(c.id, function () {
          if (!c.oraclePath) assert.fail(`${c.id}: no tshark oracle`);
          checkCapture(c);
        });
      }
    });

    describe('info --json opens every file without an uncaught error', function () {
      for (const c of corpus) it(c.id, () => checkInfo(c));
    });
  });

  describe('project fixtures', function () {
    if (project.length === 0) {
      it('has fixtures', function () {
        console.warn('  (no project fixtures found under test/fixtures or media/sample)');
        this.skip();
      });
      return;
    }
    describe('packets --ndjson agrees with tshark', function () {
      for (const c of project) {
        it(c.id, function () {
          if (!c.oraclePath) {
            console.warn(`  ! ${c.id}: no oracle test/fixtures/oracles/${path.basename(c.path)}.tshark.tsv — not compared`);
            this.skip();
          }
          checkCapture(c);
        });
      }
    });
    describe('info --json opens every file without an uncaught error', function () {
      for (const c of project) it(c.id, () => checkInfo(c));
    });
  });
});
