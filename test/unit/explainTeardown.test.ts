import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { corpora, repoRoot, track } from './helpers/analyze';
import { type TcpTracker } from '../../src/core';
import { explainTeardown, type Narrative } from '../../src/core/explain';

const root = repoRoot;


const fixture = (name: string): TcpTracker => track(path.join(root, name));

function both(t: TcpTracker, stream = 0): { en: Narrative; zh: Narrative } {
  return { en: explainTeardown(t, stream, 'en', 'text'), zh: explainTeardown(t, stream, 'zh-cn', 'text') };
}

function has(text: string, ...parts: string[]): void {
  for (const p of parts) assert.ok(text.includes(p), `missing ${JSON.stringify(p)} in:\n${text}`);
}

/** Relative seq of each side's FIN (client, server), from the tracker. */
function finSeqs(t: TcpTracker, stream = 0): { c: number; s: number } {
  const c = t.connections[stream];
  return { c: c.dirs[c.clientIndex].finSeq, s: c.dirs[1 - c.clientIndex].finSeq };
}

describe('explainTeardown', () => {
  it('client closes first (lo-ipv4): FIN, ACK, FIN, ACK with the +1s, both timelines, why four steps, why 2·MSL', () => {
    const t = fixture('test/fixtures/lo-ipv4.pcap');
    const { c, s } = finSeqs(t);
    const { en, zh } = both(t);
    assert.equal(en.case, 'fin-4way');
    assert.deepEqual(en.steps.map((x) => x.frames), [[14], [15], [16], [17]]);
    has(en.rendered, 'the client closed first', `ack = ${c}+1 = ${c + 1}`, `ack = ${s}+1 = ${s + 1}`,
      'ESTABLISHED → FIN_WAIT_1', 'FIN_WAIT_1 → FIN_WAIT_2', 'FIN_WAIT_2 → TIME_WAIT',
      'ESTABLISHED → CLOSE_WAIT', 'CLOSE_WAIT → LAST_ACK', 'LAST_ACK → CLOSED',
      'Why four steps?', 'full duplex', 'Why TIME_WAIT lasts 2·MSL', 'last ACK may be lost', 'old duplicate segments',
      'entered TIME_WAIT at frame 16', 'holds TIME_WAIT for 60 s');
    has(zh.rendered, '四次挥手', '客户端先关闭', `ack = ${c}+1 = ${c + 1}`, 'FIN_WAIT_1 → FIN_WAIT_2', 'CLOSE_WAIT → LAST_ACK',
      '为什么需要四步？', '全双工', '为什么 TIME_WAIT 要持续 2·MSL', '最后一个 ACK 可能丢失');
  });

  it('server closes first (lo-ipv4-nano, connections.pcapng stream 1): the server goes through FIN_WAIT and TIME_WAIT', () => {
    for (const [file, stream] of [['test/fixtures/lo-ipv4-nano.pcap', 0], ['media/sample/connections.pcapng', 1]] as const) {
      const t = fixture(file);
      const { en, zh } = both(t, stream);
      assert.equal(en.case, 'fin-4way');
      has(en.rendered, 'the server closed first', 'Server: ESTABLISHED → FIN_WAIT_1', 'Client: ESTABLISHED → CLOSE_WAIT', 'The server, which closed first');
      has(zh.rendered, '服务器先关闭', '服务器：ESTABLISHED → FIN_WAIT_1');
    }
    const c0 = both(fixture('media/sample/connections.pcapng'), 0);
    has(c0.en.rendered, 'the client closed first');
  });

  it('three-segment close (close-3way): the second FIN carries the ACK, FIN_WAIT_2 skipped', () => {
    const t = fixture('test/fixtures/close-3way.pcap');
    const { c } = finSeqs(t);
    const { en, zh } = both(t);
    assert.equal(en.case, 'fin-3way');
    assert.deepEqual(en.steps.map((x) => x.frames), [[12], [13], [14]]);
    has(en.rendered, 'three-segment close', `ack = ${c}+1 = ${c + 1}`, 'skipping FIN_WAIT_2', 'FIN_WAIT_1 → TIME_WAIT', 'three segments');
    has(zh.rendered, '三个报文段', '跳过了 FIN_WAIT_2');
  });

  it('simultaneous close: the FINs cross, both sides pass CLOSING and end in TIME_WAIT', () => {
    const t = fixture('test/fixtures/simultaneous-close.pcap');
    const { en, zh } = both(t);
    assert.equal(en.case, 'fin-simultaneous');
    assert.deepEqual(en.steps.map((x) => x.frames), [[8], [9], [10], [11]]);
    has(en.rendered, 'simultaneous close', 'its ack 6 does not cover that FIN (which would need 7)', 'FIN_WAIT_1 → CLOSING', 'CLOSING → TIME_WAIT',
      'The client entered TIME_WAIT at frame 11', 'The server entered TIME_WAIT at frame 10');
    has(zh.rendered, '同时关闭', 'FIN_WAIT_1 → CLOSING', '两个 FIN 交叉了');
  });

  it('half-close (halfclose): the server keeps sending after the client\'s FIN (bytes after the peer\'s FIN)', () => {
    const t = fixture('test/fixtures/halfclose.pcap');
    assert.equal(t.connections[0].bytesAfterPeerFin[1 - t.connections[0].clientIndex], 576);
    const { en, zh } = both(t);
    assert.equal(en.case, 'fin-4way');
    assert.deepEqual(en.steps.map((x) => x.frames), [[6], [7], [8, 10, 12], [14], [15]]);
    has(en.rendered, 'Half-close in use', '576 bytes in 3 segments (frames 8, 10 and 12)', 'the server sent 576 bytes after receiving the first FIN');
    has(zh.rendered, '使用了半关闭', '576 字节', '第 8、10 和 12 帧');
  });

  it('half-closed and unfinished: the capture ends with the client in FIN_WAIT_2 and the server in CLOSE_WAIT', () => {
    const t = fixture('test/fixtures/halfclose-unfinished.pcap');
    const { en, zh } = both(t);
    assert.equal(en.case, 'half-closed');
    has(en.rendered, 'Half-closed', 'the client is in FIN_WAIT_2', 'the server is in CLOSE_WAIT', '378 bytes');
    has(zh.rendered, '半关闭', 'FIN_WAIT_2', 'CLOSE_WAIT');
  });

  it('reset instead of FIN (rst, rst-client): no TIME_WAIT, both sides CLOSED at once', () => {
    const s = both(fixture('test/fixtures/rst.pcap'));
    assert.equal(s.en.case, 'rst');
    assert.deepEqual(s.en.steps.map((x) => x.frames), [[12]]);
    has(s.en.rendered, 'the server ended the connection with RST (frame 12)', 'exactly its next sequence number', 'no TIME_WAIT',
      'Client: ESTABLISHED → CLOSED', 'Server: ESTABLISHED → CLOSED', 'connection reset by peer');
    has(s.zh.rendered, '复位', '没有 TIME_WAIT', 'connection reset by peer');
    const c = both(fixture('test/fixtures/rst-client.pcap'));
    has(c.en.rendered, 'the client ended the connection with RST (frame 12)');
    has(c.zh.rendered, '客户端用 RST（第 12 帧）结束了连接');
  });

  it('no close in the capture (midstream), and none to tell (refused)', () => {
    const m = both(fixture('test/fixtures/midstream.pcap'));
    assert.equal(m.en.case, 'not-captured');
    has(m.en.rendered, 'No close was captured', 'frame 16', 'ESTABLISHED');
    has(m.zh.rendered, '没有捕获到关闭');
    const r = both(fixture('test/fixtures/refused.pcap'));
    assert.equal(r.en.case, 'never-opened');
    has(r.zh.rendered, '从未建立');
  });

  it('tcp-fast-open (corpus): the server closes first in three segments', function () {
    const f = path.join(corpora, 'zeek', 'traces', 'tcp', 'tcp-fast-open.pcap');
    if (!existsSync(f)) this.skip();
    const { en } = both(track(f), 0);
    assert.equal(en.case, 'fin-3way');
    assert.deepEqual(en.steps.map((x) => x.frames), [[6], [7], [9]]);
    has(en.rendered, 'the server closed first', 'ack = 201+1 = 202');
  });

  it('markdown: headings, one heading per step with its frames, optional frame links', () => {
    const t = fixture('test/fixtures/lo-ipv4.pcap');
    const md = explainTeardown(t, 0, 'en', 'markdown', { frameLink: (f) => `command:wirelane.reveal?${f}` }).rendered;
    has(md, '## Teardown of connection 0', '### Steps', '#### 1. FIN · client → server — [frame 14](command:wirelane.reveal?14)', '- Client: ESTABLISHED → FIN_WAIT_1');
  });
});
