import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { corpora, repoRoot, track } from './helpers/analyze';
import { type TcpTracker } from '../../src/core';
import { explainHandshake, type Narrative } from '../../src/core/explain';
import { durationText } from '../../src/core/explain/format';

const root = repoRoot;
const zeekTcp = path.join(corpora, 'zeek', 'traces', 'tcp');


const fixture = (name: string): TcpTracker => track(path.join(root, name));

/** A corpus capture, or skip the test when the corpora are not checked out. */
function corpus(ctx: Mocha.Context, name: string): TcpTracker {
  const f = path.join(zeekTcp, name);
  if (!existsSync(f)) ctx.skip();
  return track(f);
}

function both(t: TcpTracker, stream = 0): { en: Narrative; zh: Narrative; enText: string; zhText: string } {
  const en = explainHandshake(t, stream, 'en', 'text');
  const zh = explainHandshake(t, stream, 'zh-cn', 'text');
  return { en, zh, enText: en.rendered, zhText: zh.rendered };
}

function has(text: string, ...parts: string[]): void {
  for (const p of parts) assert.ok(text.includes(p), `missing ${JSON.stringify(p)} in:\n${text}`);
}

/** Raw ISNs of client and server, from the tracker. */
function isns(t: TcpTracker, stream = 0): { x: number; y: number } {
  const c = t.connections[stream];
  return { x: c.dirs[c.clientIndex].isn, y: c.dirs[1 - c.clientIndex].isn };
}

const plus1 = (n: number): string => `${n}+1 = ${(n + 1) >>> 0}`;

describe('explainHandshake', () => {
  it('a complete handshake (lo-ipv4): x, x+1, y, y+1 as raw ISNs, states, RTT, options, why three steps', () => {
    const t = fixture('test/fixtures/lo-ipv4.pcap');
    const { x, y } = isns(t);
    const { en, zh, enText, zhText } = both(t);
    assert.equal(en.case, 'complete');
    assert.deepEqual(en.steps.map((s) => s.frames), [[1], [2], [3]]);
    assert.deepEqual(en.frames, [1, 2, 3]);
    has(enText, `x = ${x}`, `ack = x+1 = ${plus1(x)}`, `y = ${y}`, `ack = y+1 = ${plus1(y)}`, 'Why +1',
      'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'Both sides are now ESTABLISHED',
      `Handshake RTT ${durationText(t.connections[0].firstRtt)}`, 'MSS 65495', 'window scale 10 (×1024)',
      'Effective MSS: min(65495, 65495) = 65495', 'Window scaling on', 'SACK on', 'Timestamps on',
      'Why three steps?', 'stale SYN', 'y+1', 'RFC 9293 §3.5');
    has(zhText, '三次握手', `初始序列号 x = ${x}`, `ack = x+1 = ${plus1(x)}`, `ack = y+1 = ${plus1(y)}`, '为什么要 +1',
      'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', '有效 MSS', '为什么需要三步？', '过期的 SYN');
    assert.equal(zh.steps.length, 3);
    // The states come from the tracker's timelines, with their RFC rules.
    has(en.steps[0].states.join('\n'), 'Client: CLOSED (inferred) → SYN_SENT. RFC 9293 §3.10.1', 'Server: LISTEN (inferred) → SYN_RECEIVED');
    has(en.steps[2].states.join('\n'), 'Server: SYN_RECEIVED → ESTABLISHED. RFC 9293 §3.10.7.4');
    has(zh.steps[1].states.join('\n'), '客户端：SYN_SENT → ESTABLISHED。RFC 9293 §3.10.7.3');
  });

  it('IPv6 (lo-ipv6): addresses in brackets, the IPv6 loopback MSS', () => {
    const t = fixture('test/fixtures/lo-ipv6.pcapng');
    const { x } = isns(t);
    const { en, zhText } = both(t);
    assert.equal(en.case, 'complete');
    has(en.title, '[::1]:41102 → [::1]:18102');
    has(en.rendered, 'MSS 65476', `ack = x+1 = ${plus1(x)}`);
    has(zhText, `ack = x+1 = ${plus1(x)}`, '[::1]:41102');
    // Markdown must not turn "[::1]" into link syntax.
    has(explainHandshake(t, 0, 'en', 'markdown').rendered, '\\[::1\\]:41102');
  });

  it('the bundled sample connections.pcapng: a complete handshake and a refused one', () => {
    const t = fixture('media/sample/connections.pcapng');
    assert.equal(explainHandshake(t, 0).case, 'complete');
    assert.equal(explainHandshake(t, 1).case, 'complete');
    const { x } = isns(t, 2);
    const { en, enText, zhText } = both(t, 2);
    assert.equal(en.case, 'refused');
    assert.deepEqual(en.steps.map((s) => s.frames), [[35], [36]]);
    has(enText, 'Refused', 'port 18091', `ack = x+1 = ${plus1(x)}`, 'seq 0', 'connection refused', 'SYN_SENT → CLOSED', 'closed, not filtered');
    has(zhText, '连接被拒绝', `ack = x+1 = ${plus1(x)}`, '端口 18091', 'SYN_SENT → CLOSED');
  });

  it('refused (refused.pcap): RST/ACK with seq 0 and ack = x+1', () => {
    const t = fixture('test/fixtures/refused.pcap');
    const { x } = isns(t);
    const { en, zhText } = both(t);
    assert.equal(en.case, 'refused');
    has(en.rendered, `ack = x+1 = ${plus1(x)}`, 'RFC 9293 §3.10.7.1');
    has(zhText, `ack = x+1 = ${plus1(x)}`, '复位');
  });

  it('unanswered (unanswered.pcap): the SYN retransmitted with its timings and the doubling backoff', () => {
    const t = fixture('test/fixtures/unanswered.pcap');
    const c = t.connections[0];
    const rows = [0, 1, 2].map((i) => t.segments.time[c.firstRow + i]);
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'unanswered');
    assert.deepEqual(en.steps[0].frames, [1, 2, 3]);
    has(enText, 'Unanswered', '3 times', `frame 2 (+${durationText(rows[1] - rows[0])})`, `frame 3 (+${durationText(rows[2] - rows[0])})`,
      'double each time', 'RFC 6298', 'stays in SYN_SENT', 'same ISN');
    has(zhText, '无应答', '3 次', `第 2 帧（+${durationText(rows[1] - rows[0])}）`, '指数退避', 'SYN_SENT');
  });

  it('simultaneous open: both ISNs, each SYN-ACK repeats its own ISN, SYN_SENT → SYN_RECEIVED → ESTABLISHED on both sides', () => {
    const t = fixture('test/fixtures/simultaneous-open.pcap');
    const { x, y } = isns(t);
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'simultaneous-open');
    assert.deepEqual(en.steps.map((s) => s.frames), [[1], [2], [3], [4]]);
    has(enText, 'simultaneous open', `seq = x = ${x}`, `seq = y = ${y}`, `ack = y+1 = ${(y + 1) >>> 0}`, `ack = x+1 = ${(x + 1) >>> 0}`,
      'SYN_SENT → SYN_RECEIVED', 'four segments', 'No side was in LISTEN');
    has(zhText, '同时打开', `seq = x = ${x}`, `ack = x+1 = ${(x + 1) >>> 0}`, '四个报文段');
  });

  it('mid-stream (midstream.pcap): says what cannot be known, e.g. the window scale', () => {
    const t = fixture('test/fixtures/midstream.pcap');
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'not-captured');
    assert.equal(en.steps.length, 0);
    has(enText, 'not captured', 'Window scale unknown', 'raw window of 64', 'initial sequence numbers', 'guess from the ports', 'port 18220');
    has(zhText, '握手没有被捕获', '窗口缩放值未知', '原始窗口值为 64', '根据端口推测');
  });

  it('handshake-reorder (corpus): the SYN-ACK captured before the SYN, steps still in protocol order', function () {
    const t = corpus(this, 'handshake-reorder.pcap');
    const { x, y } = isns(t);
    assert.equal(x, 4263588410);
    assert.equal(y, 2779762238);
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'complete');
    assert.deepEqual(en.steps.map((s) => s.frames), [[2], [1], [3]]);
    has(enText, 'SYN-ACK (frame 1) before the SYN (frame 2)', 'reordered', `ack = x+1 = ${plus1(x)}`, `ack = y+1 = ${plus1(y)}`);
    has(zhText, '重新排序', `ack = x+1 = ${plus1(x)}`);
  });

  it('missing-syn (corpus): the client ISN read from the SYN-ACK, what the missing SYN hides', function () {
    const t = corpus(this, 'missing-syn.pcap');
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'syn-not-captured');
    assert.deepEqual(en.steps.map((s) => s.frames), [[], [1], [2]]);
    has(enText, 'x = 1512382793', 'ack = x+1 = 1512382793+1 = 1512382794', 'ack = y+1 = 2697137987+1 = 2697137988',
      'What the missing SYN hides', 'window scale');
    has(zhText, 'x = 1512382793', '缺失的 SYN 隐藏了');
  });

  it('syn-then-rst (corpus): the client resets its own attempt', function () {
    const t = corpus(this, 'syn-then-rst.pcap');
    const { en, enText, zhText } = both(t);
    assert.equal(en.case, 'aborted');
    assert.deepEqual(en.steps.map((s) => s.frames), [[1], [2]]);
    has(enText, 'gave up', 'ABORT', 'SYN_SENT → CLOSED');
    has(zhText, '放弃', 'ABORT');
  });

  it('tcp-fast-open (corpus): 86 bytes of data on the SYN, acknowledged with x+1+86', function () {
    const t = corpus(this, 'tcp-fast-open.pcap');
    const { x, y } = isns(t, 1);
    const { en, enText, zhText } = both(t, 1);
    assert.equal(en.case, 'complete');
    has(enText, 'carries 86 bytes of data', 'TCP Fast Open', `ack = x+1+86 = ${x}+1+86 = ${(x + 87) >>> 0}`, 'accepted the data',
      `ack = y+1 = ${plus1(y)}`, `relative 87`);
    has(zhText, '86 字节数据', 'TCP 快速打开', `ack = x+1+86 = ${x}+1+86 = ${(x + 87) >>> 0}`);
  });

  it('option-sack (corpus): retransmitted SYNs with irregular gaps are not called a doubling backoff', function () {
    const t = corpus(this, 'option-sack.pcap');
    const { en, enText } = both(t);
    assert.equal(en.case, 'unanswered');
    assert.deepEqual(en.steps[0].frames, [1, 2, 3, 4]);
    has(enText, '4 times', 'frame 2 (+6.448 s)', 'frame 4 (+12.102 s)', 'Gaps between the copies: 6.448 s');
    assert.ok(!enText.includes('double each time'));
  });

  it('syn-synack (corpus): no final ACK; syn-then-ack-then-rst: answered by a non-SYN-ACK', function () {
    const a = corpus(this, 'syn-synack.pcap');
    const na = both(a);
    assert.equal(na.en.case, 'no-final-ack');
    has(na.enText, 'not captured', 'SYN_RECEIVED');
    has(na.zhText, '没有抓到客户端最后的 ACK');
    const b = corpus(this, 'syn-then-ack-then-rst.pcap');
    const nb = both(b);
    assert.equal(nb.en.case, 'odd-answer');
    has(nb.enText, 'instead of a SYN-ACK', 'x+1 = 1', 'challenge ACK', 'RFC 9293 §3.10.7.3');
    has(nb.zhText, '而不是 SYN-ACK');
  });
});
