import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { corpora, repoRoot, track } from './helpers/analyze';
import { ANALYSIS_NAMES, connectionSegments, type Explanation, type TcpTracker } from '../../src/core';
import { explainSegment } from '../../src/core/explain';
import { durationText } from '../../src/core/explain/format';

const root = repoRoot;
const zeekTcp = path.join(corpora, 'zeek', 'traces', 'tcp');


const fixture = (name: string): TcpTracker => track(path.join(root, name));

/** The explanation of `frame` in both languages. */
function at(t: TcpTracker, frame: number): { en: Explanation; zh: Explanation; enText: string; zhText: string } {
  const stream = t.segments.conn[t.segments.rowOfFrame(frame)];
  const rows = connectionSegments(t, stream);
  const index = [...rows].findIndex((r) => t.segments.frame[r] === frame);
  const en = explainSegment(t, stream, index, 'en');
  const zh = explainSegment(t, stream, index, 'zh-cn');
  return { en, zh, enText: [en.title, ...en.paragraphs].join('\n'), zhText: [zh.title, ...zh.paragraphs].join('\n') };
}

function has(text: string, ...parts: string[]): void {
  for (const p of parts) assert.ok(text.includes(p), `missing ${JSON.stringify(p)} in:\n${text}`);
}

describe('explainSegment', () => {
  const t = fixture('test/fixtures/lo-ipv4.pcap');
  const c = t.connections[0];
  const x = c.dirs[c.clientIndex].isn;
  const y = c.dirs[1 - c.clientIndex].isn;

  it('SYN: handshake step 1, seq = 0 with the raw ISN, a SYN consumes one number, options, states', () => {
    const { en, zh, enText, zhText } = at(t, 1);
    assert.equal(en.title, 'Frame 1 · SYN · client → server');
    assert.equal(zh.title, '帧 1 · SYN · 客户端 → 服务器');
    assert.deepEqual(en.related, []);
    has(enText, 'Step 1 of the three-way handshake', `seq = 0 (raw ${x}): the client's initial sequence number (ISN)`, 'A SYN consumes one sequence number',
      'MSS 65495', 'window scale 10 (×1024)', 'SACK permitted', 'timestamps', 'never scaled', 'Client: CLOSED (inferred) → SYN_SENT');
    has(zhText, '三次握手第 1 步', `seq = 0（原始值 ${x}）：客户端的初始序列号（ISN）`, 'SYN 占用一个序列号', '允许 SACK');
  });

  it('SYN-ACK: ack = x+1 with the real raw numbers, y is the server ISN, related = the SYN', () => {
    const { en, zh, enText, zhText } = at(t, 2);
    assert.equal(en.title, 'Frame 2 · SYN-ACK · server → client');
    assert.equal(zh.title, '帧 2 · SYN-ACK · 服务器 → 客户端');
    assert.deepEqual(en.related, [1]);
    assert.deepEqual(zh.related, [1]);
    has(enText, `ack = x+1 = ${x}+1 = ${x + 1} acknowledges the SYN that carried seq = x (frame 1)`, `Its own seq = y = ${y} is the server's ISN`,
      'Together with the SYN this settles: MSS 65495, window scaling on, SACK on and timestamps on', 'Client: SYN_SENT → ESTABLISHED. RFC 9293 §3.10.7.3');
    has(zhText, `ack = x+1 = ${x}+1 = ${x + 1}，确认了携带 seq = x 的 SYN（第 1 帧）`, `seq = y = ${y} 是服务器的 ISN`);
  });

  it('handshake ACK: ack = y+1, the window scaled ×1024', () => {
    const { en, enText, zhText } = at(t, 3);
    assert.equal(en.title, 'Frame 3 · handshake ACK · client → server');
    assert.deepEqual(en.related, [2]);
    has(enText, 'Step 3 of the three-way handshake', `ack = y+1 = ${y}+1 = ${y + 1}`, 'Window 65536 bytes = raw 64 × 1024 (window scale 10',
      'Server: SYN_RECEIVED → ESTABLISHED');
    has(zhText, '三次握手第 3 步', `ack = y+1 = ${y}+1 = ${y + 1}`, '窗口 65536 字节 = 原始值 64 × 1024');
  });

  it('data and its ACK: "ack 97 = seq 1 + 96 bytes of frame 4", the RTT sample, related = the acked frame', () => {
    has(at(t, 4).enText, 'Frame 4 · data (96 bytes) · client → server', 'bytes 1 to 96', 'next new byte will be seq 97');
    const { en, enText, zhText } = at(t, 5);
    assert.deepEqual(en.related, [4]);
    has(enText, 'ack 97 = seq 1 + 96 bytes of frame 4.', `raw ack ${x + 97}`, 'No state change: the client stays ESTABLISHED');
    has(zhText, 'ack 97 = 第 4 帧的 seq 1 + 96 字节。', '状态不变');
  });

  it('teardown segments: FIN (first), ACK of FIN with +1, second FIN, last ACK; states with RFC rules', () => {
    const fin = at(t, 14);
    has(fin.enText, 'Frame 14 · FIN · client → server', 'The client closes first', 'occupies sequence number 97, so it is acknowledged with ack 98',
      'Client: ESTABLISHED → FIN_WAIT_1. RFC 9293 §3.10.4', 'Server: ESTABLISHED → CLOSE_WAIT. RFC 9293 §3.10.7.4');
    has(fin.zhText, '客户端先关闭', 'FIN 本身占用序列号 97', '客户端：ESTABLISHED → FIN_WAIT_1。RFC 9293 §3.10.4：在 ESTABLISHED 状态下调用 CLOSE');
    const ack = at(t, 15);
    assert.deepEqual(ack.en.related, [14]);
    has(ack.enText, 'ACK of FIN', 'ack 98 = seq 97 + 1 for the FIN of frame 14', 'FIN_WAIT_1 → FIN_WAIT_2');
    has(ack.zhText, '对 FIN 的 ACK', 'ack 98 = 第 14 帧的 seq 97 + 1（FIN）');
    has(at(t, 16).enText, 'the second FIN', 'FIN_WAIT_2 → TIME_WAIT', 'CLOSE_WAIT → LAST_ACK');
    has(at(t, 17).enText, 'last segment of the close', 'LAST_ACK → CLOSED');
  });

  it('refused: the RST/ACK with raw seq 0 and ack = x+1 of the SYN', () => {
    const r = fixture('test/fixtures/refused.pcap');
    const rc = r.connections[0];
    const rx = rc.dirs[rc.clientIndex].isn;
    const { en, enText, zhText } = at(r, 2);
    assert.equal(en.title, 'Frame 2 · RST · server → client');
    assert.deepEqual(en.related, [1]);
    has(enText, 'refuses the connection', 'port 18130', 'Raw seq 0', `ack = x+1 = ${rx}+1 = ${rx + 1}`, 'SYN_SENT → CLOSED');
    has(zhText, '拒绝连接', '原始 seq 为 0', `ack = x+1 = ${rx}+1 = ${rx + 1}`);
  });

  it('loss and reordering: lost segment, duplicate ACK, out of order with the threshold, fast and spurious retransmission', () => {
    const l = fixture('test/fixtures/loss-reorder.pcap');
    has(at(l, 12).enText, 'Previous segment not captured: seq 7241 is beyond the next expected 5793: 1448 bytes');
    has(at(l, 12).zhText, '前一个报文段未被捕获');
    const dup = at(l, 15);
    assert.equal(dup.en.title, 'Frame 15 · duplicate ACK #1 · server → client');
    assert.deepEqual(dup.en.related, [11]);
    has(dup.enText, 'Duplicate ACK #1 of frame 11: same ack 5793');
    has(dup.zhText, '第 11 帧的重复 ACK #1');
    const ooo = at(l, 26);
    has(ooo.enText, 'out of order', 'Out of order: seq 15929 is below the next expected 18825', `less than ${durationText(l.connections[0].firstRtt)} (the handshake RTT)`);
    has(ooo.zhText, '乱序');
    const fast = at(l, 42);
    has(fast.enText, 'retransmitted', 'Fast retransmission: the receiver had sent 14 duplicate ACKs asking for seq 5793 (the last in frame 41)');
    has(fast.zhText, '快速重传', '14 个重复 ACK');
    const sp = at(l, 49);
    has(sp.enText, 'Spurious retransmission: all of it (seq 15929 to 17376) had already been acknowledged');
    has(sp.zhText, '虚假重传');
  });

  it('retransmission: seq below the next expected, the original frame in related', () => {
    const b = fixture('test/fixtures/bulk.pcap');
    const rows = connectionSegments(b, 0);
    const r = [...rows].find((row) => b.segments.analysis[row] & 1);
    assert.ok(r !== undefined, 'bulk.pcap has a retransmission');
    const frame = b.segments.frame[r];
    const { en, enText, zhText } = at(b, frame);
    has(enText, `Retransmission: seq ${b.segments.seq[r]} is below the next expected`, 'first in frame');
    assert.ok(en.related.length > 0);
    has(zhText, `重传：seq ${b.segments.seq[r]} 小于期望的下一个序列号`);
  });

  it('zero window, window full, keep-alive / zero-window probe, window update, keep-alive ACK', () => {
    const z = fixture('test/fixtures/zero-window.pcap');
    has(at(z, 6).enText, 'Window full: the segment ends at 2049 = ack 1025 + window 1024 announced in frame 5');
    has(at(z, 6).zhText, '窗口已满');
    has(at(z, 7).enText, 'Zero window: the server\'s receive buffer is full', 'Window 0 bytes');
    has(at(z, 7).zhText, '零窗口');
    has(at(z, 8).enText, 'Keep-alive: seq 2048 is one below the next expected 2049', 'zero-window probe as Linux sends them');
    has(at(z, 13).enText, 'Window update: no data, same seq and ack; only the window changes, from 0 (frame 12) to 2048 bytes');
    has(at(z, 13).zhText, '窗口更新');
    const k = fixture('test/fixtures/keepalive.pcap');
    const ka = at(k, 9);
    assert.deepEqual(ka.en.related, [8]);
    has(ka.enText, 'Keep-alive ACK: the answer to the keep-alive of frame 8');
    has(ka.zhText, '保活 ACK');
  });

  it('reused ports: the second SYN on the same 4-tuple names the earlier connection', () => {
    const p = fixture('test/fixtures/port-reuse.pcap');
    const { enText, zhText } = at(p, 18);
    has(enText, 'Port numbers reused: the same addresses and ports as connection 0');
    has(zhText, '端口复用');
  });

  it('mid-stream: roles guessed from ports, window scale unknown, base not an ISN', () => {
    const m = fixture('test/fixtures/midstream.pcap');
    const { enText, zhText } = at(m, 1);
    has(enText, 'guess from the ports (server port 18220)', 'The scale factor is unknown', 'not from an ISN');
    has(zhText, '根据端口推测', '缩放值未知');
  });

  it('ssh-dups (corpus): copies captured at the same instant are called capture duplicates', function () {
    const f = path.join(zeekTcp, 'ssh-dups.pcap');
    if (!existsSync(f)) this.skip();
    const { en, enText, zhText } = at(track(f), 5);
    assert.deepEqual(en.related, [4]);
    has(enText, 'captured at the same instant');
    has(zhText, '同一时刻被捕获');
  });

  it('every segment of every fixture and corpus capture: plain strings in both languages, one paragraph per analysis flag', function () {
    this.timeout(60000);
    const files: string[] = [];
    for (const dir of [path.join(root, 'test', 'fixtures'), path.join(root, 'media', 'sample'), zeekTcp]) {
      if (!existsSync(dir)) continue;
      for (const n of readdirSync(dir).sort()) if (/\.(pcap|pcapng)$/.test(n)) files.push(path.join(dir, n));
    }
    // Words that open each flag's paragraph, by tshark name.
    const word: Record<string, [string, string]> = {
      retransmission: ['etransmission', '重传'], fast_retransmission: ['Fast retransmission', '快速重传'],
      spurious_retransmission: ['Spurious retransmission', '虚假重传'], out_of_order: ['Out of order', '乱序'],
      lost_segment: ['Previous segment not captured', '前一个报文段未被捕获'], ack_lost_segment: ['ACKed unseen segment', '确认了未见到的报文段'],
      duplicate_ack: ['Duplicate ACK #', '重复 ACK #'], zero_window: ['Zero window', '零窗口'],
      zero_window_probe: ['Zero-window probe', '零窗口探测'], zero_window_probe_ack: ['zero-window probe', '零窗口探测'],
      window_full: ['Window full', '窗口已满'], window_update: ['Window update', '窗口更新'], keep_alive: ['Keep-alive', '保活'],
      keep_alive_ack: ['Keep-alive ACK', '保活 ACK'], reused_ports: ['Port numbers reused', '端口复用'],
    };
    let segments = 0;
    for (const f of files) {
      const tr = track(f);
      for (const conn of tr.connections) {
        const rows = connectionSegments(tr, conn.stream);
        for (let i = 0; i < rows.length; i++) {
          const bits = tr.segments.analysis[rows[i]];
          for (const lang of ['en', 'zh-cn'] as const) {
            const e = explainSegment(tr, conn.stream, i, lang);
            assert.equal(typeof e.title, 'string');
            assert.ok(e.paragraphs.length > 0 && e.paragraphs.every((p) => typeof p === 'string' && p.length > 0 && !p.includes('undefined') && !p.includes('NaN')),
              `${path.basename(f)} frame ${e.frame}: ${JSON.stringify(e.paragraphs)}`);
            assert.ok(e.related.every((r) => Number.isInteger(r) && r > 0));
            const text = e.paragraphs.join('\n');
            ANALYSIS_NAMES.forEach((name, b) => {
              if (!(bits & (1 << b))) return;
              const w = word[name][lang === 'en' ? 0 : 1];
              // A capture duplicate is explained as such instead of as a retransmission.
              const alt = lang === 'en' ? 'captured at the same instant' : '同一时刻被捕获';
              assert.ok(text.includes(w) || (name === 'retransmission' && text.includes(alt)), `${path.basename(f)} frame ${e.frame} ${lang}: no paragraph for ${name}:\n${text}`);
            });
          }
          segments++;
        }
      }
    }
    assert.ok(segments > 500, `explained ${segments} segments`);
  });

  it('rejects an index outside the connection', () => {
    assert.throws(() => explainSegment(t, 0, 17), RangeError);
    assert.throws(() => explainSegment(t, 5, 0), RangeError);
  });
});
