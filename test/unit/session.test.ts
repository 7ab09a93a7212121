import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  AnalysisSink, CaptureSession, captureSummary, createCaptureParser, extractPacket, recordLength, RECORD_HEAD_BYTES,
  type CaptureInfo, type Diagnostic,
} from '../../src/core';
import type { FromWorker } from '../../src/extension/workerProtocol';
import { HOSTILE, hostileCapture } from '../webview/hostile';

const root = path.resolve(__dirname, '..', '..');

function open(rel: string, given?: Uint8Array): { session: CaptureSession; bytes: Uint8Array; info: CaptureInfo; sink: AnalysisSink } {
  const bytes = given ?? new Uint8Array(readFileSync(path.join(root, rel)));
  const diagnostics: Diagnostic[] = [];
  const sink = new AnalysisSink({ indexFrames: true, onDiagnostic: (d) => diagnostics.push(d) });
  const parser = createCaptureParser(sink);
  parser.push(bytes);
  parser.end();
  sink.finish();
  const info = parser.info;
  const summary = captureSummary(rel, bytes.length, info, sink.decoding.counts, [], diagnostics, false);
  const session = new CaptureSession(sink, summary, {
    timeWaitNs: 60e9, lang: 'en',
    readPacket: async (frame) => {
      const off = sink.frames!.offset[frame - 1];
      const iface = sink.frames!.iface[frame - 1];
      const len = recordLength(info, iface, bytes.subarray(off, off + RECORD_HEAD_BYTES));
      return extractPacket(info, iface, bytes.subarray(off, off + len));
    },
  });
  return { session, bytes, info, sink };
}

describe('capture session (what the editor asks of an analysed capture)', () => {
  it('lists connections with Zeek summaries and close kinds', () => {
    const { session } = open('media/sample/connections.pcapng');
    const rows = session.connectionRows();
    assert.deepEqual(rows.map((r) => [r.stream, r.closeKind, r.connState]), [[0, 'fin-4way', 'SF'], [1, 'fin-4way', 'SF'], [2, 'rejected', 'REJ']]);
    assert.equal(rows[0].client.port, 41090);
    assert.equal(rows[0].segments, 17);
  });

  it('pages a connection\'s segments in order, with both endpoints\' states', async () => {
    const { session } = open('media/sample/connections.pcapng');
    const r = await session.handle({ type: 'getSegments', stream: 1, from: 0, count: 3 });
    assert.equal(r.type, 'segments');
    if (r.type !== 'segments') return;
    assert.deepEqual(r.rows.map((s) => [s.frame, s.flags, s.stateClient, s.stateServer]), [
      [18, 'S', 'SYN_SENT', 'SYN_RECEIVED'], [19, 'AS', 'ESTABLISHED', 'SYN_RECEIVED'], [20, 'A', 'ESTABLISHED', 'ESTABLISHED'],
    ]);
    assert.equal(r.rows[1].acks, 18);
    assert.ok(r.rows[1].rttNs > 0);
  });

  it('gives the connection detail with both state timelines', async () => {
    const { session } = open('test/fixtures/lo-ipv4.pcap');
    const r = await session.handle({ type: 'selectConnection', stream: 0 });
    assert.equal(r.type, 'connection');
    if (r.type !== 'connection') return;
    assert.deepEqual(r.detail.states.server.map((s) => s.state), ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('re-reads one packet for the details panel: decoded headers and the exact bytes', async () => {
    for (const f of ['test/fixtures/lo-ipv4.pcap', 'test/fixtures/lo-ipv6.pcapng', 'test/fixtures/any-sll2.pcap']) {
      const { session, bytes } = open(f);
      const r = await session.handle({ type: 'details', stream: 0, frame: 2 });
      assert.equal(r.type, 'details', f);
      if (r.type !== 'details') return;
      const tcp = r.details.groups.find((g) => g.name === 'TCP')!;
      assert.ok(tcp.fields.some(([k, v]) => k === 'Flags' && v.startsWith('AS')), f);
      assert.ok(r.details.groups.some((g) => g.name === 'Options'), f);
      // The hex is the packet's bytes exactly as they are in the file.
      const hex = r.details.hex;
      const needle = Buffer.from(hex, 'hex');
      assert.ok(Buffer.from(bytes).indexOf(needle) > 0, `${f}: bytes found in the file`);
    }
  });

  it('shows a packet\'s pcapng comments in the details, as the text they are', async () => {
    const { session } = open('hostile.pcapng', hostileCapture());
    const r = await session.handle({ type: 'details', stream: 0, frame: 1 });
    assert.equal(r.type, 'details');
    if (r.type !== 'details') return;
    const comment = r.details.groups.find((g) => g.name === 'Comment');
    assert.ok(comment, 'a Comment group');
    assert.deepEqual(comment.fields.map(([, v]) => v), [HOSTILE.packet, HOSTILE.img]);
    const r2 = await session.handle({ type: 'details', stream: 0, frame: 2 });
    assert.ok(r2.type === 'details' && !r2.details.groups.some((g) => g.name === 'Comment'));
  });

  it('answers errors for a frame outside the connection instead of throwing', async () => {
    const { session } = open('media/sample/connections.pcapng');
    const r = await session.handle({ type: 'details', stream: 0, frame: 20 });
    assert.equal(r.type, 'error');
    const bad = await session.handle({ type: 'selectConnection', stream: 99 });
    assert.equal(bad.type, 'error');
  });
});

describe('analysis worker (dist/worker.js, as the editor runs it)', function () {
  this.timeout(20000);
  function run(file: string, script: (m: FromWorker, w: Worker, done: (e?: Error) => void) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const w = new Worker(path.join(root, 'dist', 'worker.js'));
      const done = (e?: Error) => { void w.terminate(); if (e) reject(e); else resolve(); };
      w.on('message', (m: FromWorker) => { try { script(m, w, done); } catch (e) { done(e as Error); } });
      w.on('error', (e) => done(e));
      w.postMessage({ type: 'open', path: path.resolve(root, file), lang: 'en', timeWaitSeconds: 60 });
    });
  }

  it('loads a gzip capture, reports connections and answers a details request', () =>
    run('test/fixtures/lo-ipv6.pcapng.gz', (m, w, done) => {
      if (m.type === 'loaded') {
        assert.equal(m.summary.gzip, true);
        assert.equal(m.summary.packets, 17);
        w.postMessage({ type: 'request', id: 7, request: { type: 'details', stream: 0, frame: 3 } });
      } else if (m.type === 'reply') {
        assert.equal(m.id, 7);
        assert.equal(m.reply.type, 'details');
        done();
      }
    }));

  it('reports a damaged file as diagnostics with what was read before the damage', () => {
    const whole = readFileSync(path.join(root, 'test/fixtures/lo-ipv4.pcap'));
    const cut = path.join(mkdtempSync(path.join(tmpdir(), 'wirelane-')), 'cut.pcap');
    writeFileSync(cut, whole.subarray(0, whole.length - 10));
    return run(cut, (m, _w, done) => {
      if (m.type === 'loaded') {
        assert.equal(m.summary.packets, 16);
        const d = m.summary.diagnostics.find((x) => x.code === 'pcap.truncated-record');
        assert.ok(d, 'truncated-record diagnostic');
        assert.equal(d.frame, 17);
        assert.equal(m.summary.complete, true); // a warning, not an error
        done();
      }
    });
  });

  it('says so when the file does not exist', () =>
    run('test/fixtures/no-such-file.pcap', (m, _w, done) => {
      if (m.type === 'failed') {
        assert.match(m.message, /ENOENT|no such file/i);
        done();
      }
    }));
});
