import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisSink, closeKind, createCaptureParser, stateName, type TcpConnection } from '../../src/core';

const root = path.resolve(__dirname, '..', '..');

function analyze(rel: string): AnalysisSink {
  const sink = new AnalysisSink();
  const parser = createCaptureParser(sink);
  parser.push(new Uint8Array(readFileSync(path.join(root, rel))));
  parser.end();
  sink.finish();
  return sink;
}

function zeek(c: TcpConnection): string {
  const z = c.zeek!.summary();
  return `${z.connState} ${z.history}`;
}

function timeline(c: TcpConnection, side: 'client' | 'server'): string {
  const e = side === 'client' ? c.clientIndex : 1 - c.clientIndex;
  return c.changes[e].map((x) => stateName(x.state)).join(' ');
}

describe('TCP tracker on fixtures captured from real Linux TCP', () => {
  it('client closes first: CLOSED→SYN_SENT→ESTABLISHED→FIN_WAIT_1→FIN_WAIT_2→TIME_WAIT; server LISTEN…LAST_ACK→CLOSED', () => {
    const [c] = analyze('test/fixtures/lo-ipv4.pcap').tracker.connections;
    assert.equal(timeline(c, 'client'), 'CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT');
    assert.equal(timeline(c, 'server'), 'LISTEN SYN_RECEIVED ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED');
    assert.equal(closeKind(c), 'fin-4way');
    assert.equal(zeek(c), 'SF ShADadFf');
    assert.equal(c.rolesInferred, false);
    assert.equal(c.synFrame, 1);
    assert.equal(c.synAckFrame, 2);
    assert.equal(c.handshakeAckFrame, 3);
    // Each transition names the frame that caused it: the client's FIN is frame 14.
    const client = c.changes[c.clientIndex];
    assert.deepEqual(client.filter((x) => !x.inferred).map((x) => x.frame), [1, 2, 14, 15, 16]);
    assert.match(client[3].rule, /§3\.10\.4/);
  });

  it('server closes first: the server goes through FIN_WAIT and TIME_WAIT', () => {
    const [c] = analyze('test/fixtures/lo-ipv4-nano.pcap').tracker.connections;
    assert.equal(timeline(c, 'server'), 'LISTEN SYN_RECEIVED ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT');
    assert.equal(timeline(c, 'client'), 'CLOSED SYN_SENT ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED');
    assert.equal(closeKind(c), 'fin-4way');
    assert.equal(zeek(c), 'SF ShADadfF');
  });

  it('refused: a SYN to a closed port is answered by RST/ACK; the server never listened', () => {
    const [c] = analyze('test/fixtures/refused.pcap').tracker.connections;
    assert.equal(closeKind(c), 'rejected');
    assert.equal(zeek(c), 'REJ Sr');
    assert.equal(timeline(c, 'client'), 'CLOSED SYN_SENT CLOSED');
    assert.equal(timeline(c, 'server'), 'CLOSED');
    assert.match(c.changes[1 - c.clientIndex][0].rule, /§3\.10\.7\.1/);
  });

  it('RST from the server mid-stream resets both endpoints to CLOSED', () => {
    const [c] = analyze('test/fixtures/rst.pcap').tracker.connections;
    assert.equal(closeKind(c), 'rst-server');
    assert.equal(zeek(c), 'RSTR ShADadr');
    assert.equal(timeline(c, 'client'), 'CLOSED SYN_SENT ESTABLISHED CLOSED');
    assert.equal(timeline(c, 'server'), 'LISTEN SYN_RECEIVED ESTABLISHED CLOSED');
  });

  it('half-close: the server keeps sending after the client\'s FIN (client in FIN_WAIT_2 meanwhile)', () => {
    const sink = analyze('test/fixtures/halfclose.pcap');
    const [c] = sink.tracker.connections;
    assert.equal(timeline(c, 'client'), 'CLOSED SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT');
    assert.ok(c.bytesAfterPeerFin[1 - c.clientIndex] > 0, 'server data after the client FIN');
    assert.equal(zeek(c), 'SF ShADaFdf');
    assert.equal(c.bytesAfterPeerFin[c.clientIndex], 0);
    // While the server sends its data the client sits in FIN_WAIT_2 (state column of the segment table).
    const t = sink.tracker.segments;
    let seen = false;
    for (let r = 0; r < t.length; r++) {
      const fromClient = t.fromB(r) === (c.clientIndex === 1);
      const clientState = c.clientIndex === 0 ? t.states[r] & 0x0f : t.states[r] >> 4;
      if (!fromClient && t.len[r] > 0 && stateName(clientState) === 'FIN_WAIT_2') seen = true;
    }
    assert.ok(seen, 'a server data segment while the client is in FIN_WAIT_2');
  });

  it('three connections in one pcapng: client-closes, server-closes, refused', () => {
    const cs = analyze('media/sample/connections.pcapng').tracker.connections;
    assert.deepEqual(cs.map((c) => closeKind(c)), ['fin-4way', 'fin-4way', 'rejected']);
    assert.deepEqual(cs.map((c) => c.stream), [0, 1, 2]);
  });

  it('IPv6 and Linux cooked captures track the same connection shapes', () => {
    for (const f of ['test/fixtures/lo-ipv6.pcapng', 'test/fixtures/any-sll.pcap', 'test/fixtures/any-sll2.pcap', 'test/fixtures/lo-ipv4.pcap.gz']) {
      if (f.endsWith('.gz')) continue; // gzip goes through the async stream path (see gzip tests)
      const cs = analyze(f).tracker.connections;
      assert.equal(cs.length, 1, f);
      assert.equal(closeKind(cs[0]), 'fin-4way', f);
      assert.equal(cs[0].handshakeAckFrame, 3, f);
    }
  });

  it('TIME_WAIT ends after 2·MSL (here 60 s by default) only if the capture lasts that long', () => {
    const [c] = analyze('test/fixtures/lo-ipv4.pcap').tracker.connections;
    assert.equal(stateName(c.state[c.clientIndex]), 'TIME_WAIT'); // capture ended within 60 s
    const sink = new AnalysisSink({ timeWaitSeconds: 0 });
    const parser = createCaptureParser(sink);
    parser.push(new Uint8Array(readFileSync(path.join(root, 'test/fixtures/lo-ipv4.pcap'))));
    parser.end();
    sink.finish();
    const [c2] = sink.tracker.connections;
    const last = c2.changes[c2.clientIndex].at(-1)!;
    assert.equal(stateName(last.state), 'CLOSED');
    assert.equal(last.frame, 0);
    assert.match(last.rule, /2·MSL/);
  });
});
