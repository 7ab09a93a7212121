/**
 * TCP analysis conformance against tshark 4.0.17. For every capture with an oracle (the external
 * corpora and the project's fixtures) runs `wirelane segments FILE --ndjson` and compares, for
 * every segment tshark analyses: tcp.stream, relative seq/ack (tcp.seq/tcp.ack), tcp.len,
 * the scaled window (tcp.window_size), tcp.analysis.acks_frame and the set of tcp.analysis.*
 * flags. Differences must be listed in known-differences.json (fields prefixed "segments.")
 * with a reason; a listed difference that no longer occurs fails as stale.
 *
 * Also: the project's committed fixture oracles must be what tshark prints today (when tshark is
 * installed — .ci/run installs it), so they cannot drift from the captures.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  type Capture, cell, corporaProblem, corporaRoot, discoverCorpus, discoverProjectFixtures, findRepoRoot,
  parseKnownDifferences, parseOracle,
} from './oracle';

const repoRoot = findRepoRoot();
const cli = path.join(repoRoot, 'dist', 'cli.js');
const root = corporaRoot(repoRoot);
const problem = corporaProblem(root);
const inCI = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);
const known = parseKnownDifferences(readFileSync(path.join(repoRoot, 'test', 'conformance', 'known-differences.json'), 'utf8'))
  .filter((k) => k.field.startsWith('segments.'));
const captures: Capture[] = [...(problem ? [] : discoverCorpus(root)), ...discoverProjectFixtures(repoRoot)]
  .filter((c) => c.oraclePath);

const FLAGS = [
  'retransmission', 'fast_retransmission', 'spurious_retransmission', 'out_of_order', 'lost_segment',
  'ack_lost_segment', 'duplicate_ack', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack',
  'window_full', 'window_update', 'keep_alive', 'keep_alive_ack', 'reused_ports',
];

interface Segment { frame: number; stream: number; seq: number; ack: number; len: number; win: number; acks?: number; analysis: string[] }

/** Per source: segments compared, and segments whose flag set is identical. */
const tally = new Map<string, { segments: number; flagsEqual: number }>();

function compare(c: Capture): string[] {
  const oracle = parseOracle(readFileSync(c.oraclePath!, 'utf8'));
  const r = spawnSync(process.execPath, [cli, 'segments', c.path, '--ndjson'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 2, `${c.id}: exit ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, `${c.id}: stack trace on stderr`);
  const ours = new Map<number, Segment>();
  for (const line of r.stdout.split('\n')) if (line) { const s = JSON.parse(line) as Segment; ours.set(s.frame, s); }
  const t = tally.get(c.source) ?? { segments: 0, flagsEqual: 0 };
  tally.set(c.source, t);
  const diffs: Array<{ frame: number; field: string; ours: string; tshark: string }> = [];
  for (const row of oracle.rows) {
    if (cell(oracle, row, 'tcp.srcport') === '' || cell(oracle, row, 'tcp.seq') === '') continue;
    const frame = Number(cell(oracle, row, 'frame.number'));
    const s = ours.get(frame);
    t.segments++;
    if (!s) { diffs.push({ frame, field: 'segments.segment', ours: 'absent', tshark: 'present' }); continue; }
    const theirFlags = FLAGS.filter((f) => cell(oracle, row, `tcp.analysis.${f}`) !== '').join(',');
    const ourFlags = FLAGS.filter((f) => s.analysis.includes(f)).join(',');
    if (theirFlags === ourFlags) t.flagsEqual++;
    const pairs: Array<[string, string, string]> = [
      ['stream', String(s.stream), cell(oracle, row, 'tcp.stream')],
      ['seq', String(s.seq), cell(oracle, row, 'tcp.seq')],
      ['ack', String(s.ack), cell(oracle, row, 'tcp.ack')],
      ['analysis', ourFlags, theirFlags],
      ['acks', s.acks ? String(s.acks) : '', cell(oracle, row, 'tcp.analysis.acks_frame')],
    ];
    if (cell(oracle, row, 'tcp.len') !== '') pairs.push(['len', String(s.len), cell(oracle, row, 'tcp.len')]);
    if (cell(oracle, row, 'tcp.window_size') !== '') pairs.push(['win', String(s.win), cell(oracle, row, 'tcp.window_size')]);
    for (const [field, o, th] of pairs) if (o !== th) diffs.push({ frame, field: `segments.${field}`, ours: o, tshark: th });
  }
  const problems: string[] = [];
  const mine = known.filter((k) => k.capture === c.id);
  for (const d of diffs) {
    if (!mine.some((k) => k.frame === d.frame && k.field === d.field && k.ours === d.ours && k.tshark === d.tshark)) {
      problems.push(`${c.id} frame ${d.frame} ${d.field}: ours ${d.ours || '(none)'} vs tshark ${d.tshark || '(none)'}`);
    }
  }
  for (const k of mine) {
    if (!diffs.some((d) => d.frame === k.frame && d.field === k.field)) problems.push(`${c.id}: stale known difference frame ${k.frame} ${k.field}`);
  }
  return problems;
}

describe('conformance: TCP analysis (wirelane segments) against tshark', function () {
  if (problem) {
    it('corpora are present', function () {
      if (inCI) assert.fail(`external corpora missing: ${problem}`);
      console.warn(`\n  !! TCP analysis conformance against the external corpora SKIPPED: ${problem}\n`);
      this.skip();
    });
  }
  for (const c of captures) {
    it(c.id, function () {
      const problems = compare(c);
      assert.ok(problems.length === 0, problems.slice(0, 15).join('\n'));
    });
  }
  it('≥ 99.5% of segments per corpus have tshark\'s exact flag set', function () {
    for (const [source, t] of tally) {
      const pct = t.segments ? (100 * t.flagsEqual) / t.segments : 100;
      console.log(`      ${source}: ${t.flagsEqual}/${t.segments} segments with identical analysis flags (${pct.toFixed(2)}%)`);
      assert.ok(pct >= 99.5, `${source}: only ${pct.toFixed(2)}% of segments have tshark's flag set`);
    }
  });

  const tshark = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  describe('project fixture oracles', function () {
    for (const c of discoverProjectFixtures(repoRoot).filter((x) => x.oraclePath)) {
      it(`${c.id}: committed oracle equals tshark's output now`, function () {
        if (tshark.status !== 0) {
          if (inCI) assert.fail('tshark is not installed (scripts/ci-setup.sh installs it)');
          this.skip();
        }
        const out = path.join(mkdtempSync(path.join(tmpdir(), 'wirelane-oracle-')), 'fresh.tsv');
        const fresh = spawnSync('bash', [path.join(repoRoot, 'scripts', 'make-oracle.sh'), c.path, out], { encoding: 'utf8' });
        assert.equal(fresh.status, 0, fresh.stderr);
        assert.equal(readFileSync(out, 'utf8'), readFileSync(c.oraclePath!, 'utf8'));
      });
    }
  });
});
