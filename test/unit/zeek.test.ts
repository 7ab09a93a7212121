import assert from 'node:assert/strict';
import { PacketDecoder, type PacketRecord } from '../../src/core';
import { tcpChecksumOk } from '../../src/core/decode/tcpChecksum';
import { ZeekConnection, type ZeekConnectionOptions, type ZeekSegmentFacts } from '../../src/core/tcp/zeek';
import {
  checksum, concat, ethernet, ipv4, ipv4Addr, ipv6, ipv6Addr, ipv6OptionsHeader, tcp, TCP, Writer,
} from './helpers/build';

const { FIN, SYN, RST, ACK, PSH } = TCP;

/**
 * Drives one ZeekConnection with hand-made segments. A is the client (ISN 1000, port 40000),
 * B the server (ISN 5000, port 80, not a likely server port unless the test says so).
 */
class Conn {
  readonly c: ZeekConnection;
  t = 0;
  constructor(opts: ZeekConnectionOptions = {}) {
    this.c = new ZeekConnection({ portA: 40000, portB: 5555, likelyServerPorts: new Set(), ...opts });
  }

  /** Sends one segment; `dt` seconds after the previous one. */
  seg(fromA: boolean, flags: number, seq: number, ack: number, len = 0, more: Partial<ZeekSegmentFacts> & { dt?: number } = {}): this {
    this.t += more.dt ?? 0.001;
    const f = this.facts(fromA, flags, seq, ack, len, more);
    this.c.segment(f);
    return this;
  }

  facts(fromA: boolean, flags: number, seq: number, ack: number, len = 0, more: Partial<ZeekSegmentFacts> = {}): ZeekSegmentFacts {
    const sec = Math.floor(this.t);
    return {
      fromA, flags, seq: seq >>> 0, ack: ack >>> 0, len, capturedLen: len, window: 65535, checksumOk: true,
      ipLength: 40 + len, tsSec: 1_700_000_000 + sec, tsNsec: Math.round((this.t - sec) * 1e9), ...more,
    };
  }

  /** SYN, SYN-ACK, ACK. */
  handshake(): this {
    return this.seg(true, SYN, 1000, 0).seg(false, SYN | ACK, 5000, 1001).seg(true, ACK, 1001, 5001);
  }

  get s() {
    return this.c.summary();
  }
}

const A = true;
const B = false;

describe('Zeek conn_state (scripts/base/protocols/conn/main.zeek conn_state())', () => {
  it('S0: a SYN, no reply', () => {
    const c = new Conn().seg(A, SYN, 1000, 0);
    assert.equal(c.s.connState, 'S0');
    assert.equal(c.s.history, 'S');
  });
  it('REJ: SYN answered by RST', () => {
    const c = new Conn().seg(A, SYN, 1000, 0).seg(B, RST | ACK, 0, 1001);
    assert.equal(c.s.history, 'Sr');
    assert.equal(c.s.connState, 'REJ');
  });
  it('S1: established, not terminated', () => {
    const c = new Conn().handshake();
    assert.equal(c.s.history, 'ShA');
    assert.equal(c.s.connState, 'S1');
  });
  it('SF: normal establishment and termination, with Zeek byte counts', () => {
    const c = new Conn().handshake()
      .seg(A, ACK | PSH, 1001, 5001, 100).seg(B, ACK | PSH, 5001, 1101, 300)
      .seg(A, FIN | ACK, 1101, 5301).seg(B, FIN | ACK, 5301, 1102).seg(A, ACK, 1102, 5302);
    const s = c.s;
    assert.equal(s.history, 'ShADdFf'); // no 'a': every ACK from B carried data or a FIN
    assert.equal(s.connState, 'SF');
    assert.deepEqual([s.origBytes, s.respBytes, s.origPkts, s.respPkts, s.origIpBytes, s.respIpBytes],
      [100, 300, 5, 3, 5 * 40 + 100, 3 * 40 + 300]);
    assert.ok(s.origIsA);
    assert.ok(Math.abs(s.duration - 0.006) < 1e-6);
  });
  it('S2: the originator closed, no reply', () => {
    const c = new Conn().handshake().seg(A, FIN | ACK, 1001, 5001);
    assert.equal(c.s.connState, 'S2');
  });
  it('S3: the responder closed, no reply', () => {
    const c = new Conn().handshake().seg(B, FIN | ACK, 5001, 1001);
    assert.equal(c.s.connState, 'S3');
  });
  it('RSTO: established, the originator aborted', () => {
    const c = new Conn().handshake().seg(A, RST | ACK, 1001, 5001);
    assert.equal(c.s.history, 'ShAR');
    assert.equal(c.s.connState, 'RSTO');
  });
  it('RSTR: established, the responder aborted', () => {
    const c = new Conn().handshake().seg(B, RST | ACK, 5001, 1001);
    assert.equal(c.s.connState, 'RSTR');
  });
  it('RSTOS0: SYN then RST from the originator, no SYN-ACK', () => {
    const c = new Conn().seg(A, SYN, 1000, 0).seg(A, RST, 1001, 0);
    assert.equal(c.s.history, 'SR');
    assert.equal(c.s.connState, 'RSTOS0');
  });
  it('RSTRH: responder SYN-ACK then RST, no SYN seen (flipped on a likely server port)', () => {
    const c = new Conn({ portA: 80, portB: 40000, likelyServerPorts: new Set([80]) })
      .seg(A, SYN | ACK, 5000, 1001).seg(A, RST, 5001, 0);
    assert.equal(c.s.origIsA, false);
    assert.equal(c.s.history, '^hr');
    assert.equal(c.s.connState, 'RSTRH');
  });
  it('SH: SYN then FIN from the originator, no SYN-ACK', () => {
    const c = new Conn().seg(A, SYN, 1000, 0).seg(A, FIN, 1001, 0);
    assert.equal(c.s.history, 'SF');
    assert.equal(c.s.connState, 'SH');
  });
  it('SHR: responder SYN-ACK then FIN, no SYN seen', () => {
    const c = new Conn({ portA: 80, portB: 40000, likelyServerPorts: new Set([80]) })
      .seg(A, SYN | ACK, 5000, 1001).seg(A, FIN | ACK, 5001, 1001);
    assert.equal(c.s.history, '^hf');
    assert.equal(c.s.connState, 'SHR');
  });
  it('OTH: midstream traffic, no SYN', () => {
    const c = new Conn().seg(A, ACK | PSH, 1001, 5001, 50);
    assert.equal(c.s.history, 'D');
    assert.equal(c.s.connState, 'OTH');
  });
  it('OTH: a lone RST (not RSTOS0: no SYN in the history)', () => {
    const c = new Conn().seg(A, RST, 0, 0);
    assert.equal(c.s.history, 'R');
    assert.equal(c.s.connState, 'OTH');
  });
});

describe('Zeek history letters (TCPSessionAdapter update_history, TCP_Endpoint scaled entries)', () => {
  it('upper case for the originator, lower case for the responder', () => {
    const c = new Conn().handshake().seg(B, ACK, 5001, 1001).seg(A, ACK | PSH, 1001, 5001, 10);
    assert.equal(c.s.history, 'ShAaD');
  });
  it("'a' and 'd' are recorded once per direction", () => {
    const c = new Conn().handshake();
    for (let i = 0; i < 5; i++) c.seg(A, ACK | PSH, 1001 + 10 * i, 5001, 10).seg(B, ACK, 5001, 1011 + 10 * i);
    assert.equal(c.s.history, 'ShADa');
  });
  it("'s' is not repeated for a retransmitted SYN, nor for a new ISN (SYN_seq_jump re-bases the relative seq to 0)", () => {
    const c = new Conn().seg(A, SYN, 1000, 0).seg(A, SYN, 1000, 0).seg(A, SYN, 7777, 0);
    assert.equal(c.s.history, 'S');
  });
  it("'h' repeats when a SYN-ACK's relative sequence number differs from the last one's", () => {
    // After its FIN the responder is CLOSED, where init_endpoint does not re-base on a SYN.
    const c = new Conn().seg(A, SYN, 1000, 0).seg(B, SYN | ACK, 5000, 1001).seg(B, SYN | ACK, 5000, 1001)
      .seg(B, FIN | ACK, 5001, 1001).seg(B, SYN | ACK, 9000, 1001);
    assert.equal(c.s.history, 'Shfh');
  });
  it("'f' repeats only when the FIN's end sequence differs", () => {
    const c = new Conn().handshake().seg(A, FIN | ACK, 1001, 5001).seg(A, FIN | ACK, 1001, 5001)
      .seg(A, FIN | ACK, 1001, 5001, 5); // a FIN carrying data ends elsewhere
    assert.equal(c.s.history.replace(/T/g, ''), 'ShAFF');
  });
  it("'r' repeats for RSTs with different sequence numbers", () => {
    const c = new Conn().handshake().seg(B, RST, 5001, 0).seg(B, RST, 5001, 0).seg(B, RST, 6001, 0);
    assert.equal(c.s.history, 'ShArr');
  });
  it("'c': bad checksum, logarithmic (1, 10, 100) and the packet is otherwise ignored", () => {
    const c = new Conn().seg(A, SYN, 1000, 0, 0, { checksumOk: false });
    assert.equal(c.s.history, 'C');
    assert.equal(c.s.origPkts, 0);
    for (let i = 1; i < 10; i++) c.seg(B, ACK, 5001, 1001, 0, { checksumOk: false });
    assert.equal(c.s.history, 'Cc');
    for (let i = 1; i < 10; i++) c.seg(A, ACK, 1001, 1, 0, { checksumOk: false });
    assert.equal(c.s.history, 'CcC');
    for (let i = 10; i < 100; i++) c.seg(A, ACK, 1001, 1, 0, { checksumOk: false });
    assert.equal(c.s.history, 'CcCC');
    assert.equal(c.s.connState, 'OTH');
  });
  it("'c' is not recorded with ignoreChecksums (zeek -C), nor when the verdict is unknown", () => {
    const c = new Conn({ ignoreChecksums: true }).seg(A, SYN, 1000, 0, 0, { checksumOk: false });
    assert.equal(c.s.history, 'S');
    const d = new Conn().seg(A, SYN, 1000, 0, 0, { checksumOk: null });
    assert.equal(d.s.history, 'S');
  });
  it("'t': retransmitted payload, logarithmic (1, 10, 100)", () => {
    const c = new Conn().handshake().seg(A, ACK | PSH, 1001, 5001, 10);
    c.seg(A, ACK | PSH, 1001, 5001, 10);
    assert.equal(c.s.history, 'ShADT');
    for (let i = 2; i <= 9; i++) c.seg(A, ACK | PSH, 1001, 5001, 10);
    assert.equal(c.s.history, 'ShADT');
    c.seg(A, ACK | PSH, 1001, 5001, 10); // the 10th retransmission
    assert.equal(c.s.history, 'ShADTT');
    for (let i = 11; i <= 100; i++) c.seg(A, ACK | PSH, 1001, 5001, 10);
    assert.equal(c.s.history, 'ShADTTT');
  });
  it("'w': zero window advertisement, logarithmic", () => {
    const c = new Conn().handshake().seg(B, ACK, 5001, 1001, 0, { window: 0 });
    assert.equal(c.s.history, 'ShAaw');
    for (let i = 2; i <= 10; i++) c.seg(B, ACK, 5001, 1001, 0, { window: 0 });
    assert.equal(c.s.history, 'ShAaww');
  });
  it("'w' is not recorded on a RST or after the peer's FIN", () => {
    const c = new Conn().handshake().seg(A, FIN | ACK, 1001, 5001).seg(B, ACK, 5001, 1002, 0, { window: 0 })
      .seg(B, RST, 5001, 0, 0, { window: 0 });
    assert.equal(c.s.history, 'ShAFar');
  });
  it("'g': a content gap (data acked but never seen), with missed_bytes", () => {
    const c = new Conn().handshake()
      .seg(A, ACK | PSH, 1001, 5001, 100) // 1..100
      .seg(A, ACK | PSH, 1201, 5001, 100) // 201..300: 101..200 never seen
      .seg(B, ACK, 5001, 1301);
    assert.equal(c.s.history, 'ShADaG');
    assert.equal(c.s.missedBytes, 100);
    assert.equal(c.s.origBytes, 300);
  });
  it("'g' is logarithmic too (the 10th gap adds a second letter)", () => {
    const c = new Conn().handshake();
    let seq = 1001;
    for (let i = 0; i < 10; i++) {
      c.seg(A, ACK | PSH, seq + 10, 5001, 10).seg(B, ACK, 5001, seq + 20);
      seq += 20;
    }
    assert.equal(c.s.history, 'ShADaGG');
    assert.equal(c.s.missedBytes, 100);
  });
  it("no 'g' for partial connections (only established or cleanly closing ones)", () => {
    const c = new Conn().seg(A, ACK | PSH, 1001, 5001, 100).seg(A, ACK | PSH, 1201, 5001, 100).seg(B, ACK, 5001, 1301);
    assert.equal(c.s.history, 'Da');
    assert.equal(c.s.missedBytes, 0);
    const d = new Conn({ reportGapsForPartial: true })
      .seg(A, ACK | PSH, 1001, 5001, 100).seg(A, ACK | PSH, 1201, 5001, 100).seg(B, ACK, 5001, 1301);
    assert.equal(d.s.history, 'Da');
    assert.equal(d.s.missedBytes, 100, 'report_gaps_for_partial counts the missed bytes anyway');
  });
  it("'i': FIN and RST together", () => {
    const c = new Conn().handshake().seg(A, FIN | RST | ACK, 1001, 5001);
    assert.equal(c.s.history, 'ShAI');
  });
  it("'q': SYN with FIN or RST", () => {
    const c = new Conn().seg(A, SYN | FIN, 1000, 0).seg(A, SYN | RST, 1000, 0);
    assert.equal(c.s.history, 'Q');
  });
});

describe("Zeek role flips ('^')", () => {
  it('a first packet that is not a SYN from a likely server port flips at creation (WantConnection)', () => {
    const c = new Conn({ portA: 80, portB: 40000, likelyServerPorts: new Set([80]) }).seg(A, ACK | PSH, 5001, 1001, 100);
    assert.equal(c.s.origIsA, false);
    assert.equal(c.s.history, '^d');
    assert.deepEqual([c.s.origPkts, c.s.respPkts], [0, 1]);
  });
  it('both ports likely: a SYN-ACK is not flipped; a data packet is when its source port is lower', () => {
    const likely = new Set([80, 8080]);
    assert.equal(new Conn({ portA: 80, portB: 8080, likelyServerPorts: likely }).seg(A, ACK, 1, 1, 10).s.origIsA, false);
    assert.equal(new Conn({ portA: 8080, portB: 80, likelyServerPorts: likely }).seg(A, ACK, 1, 1, 10).s.origIsA, true);
  });
  it('a bare SYN is never flipped by ports', () => {
    const c = new Conn({ portA: 80, portB: 40000, likelyServerPorts: new Set([80]) }).seg(A, SYN, 1000, 0);
    assert.equal(c.s.origIsA, true);
  });
  it('SYN-ACK seen before its SYN: flipped when the SYN arrives (UpdateInactiveState)', () => {
    // handshake-reorder: the server (A) is the originator until the client's SYN shows up.
    const c = new Conn().seg(A, SYN | ACK, 5000, 1001).seg(B, SYN, 1000, 0).seg(B, ACK, 1001, 5001)
      .seg(B, ACK | PSH, 1001, 5001, 100).seg(A, ACK, 5001, 1101).seg(A, ACK | PSH, 5001, 1101, 500)
      .seg(B, FIN | ACK, 1101, 5501).seg(A, FIN | ACK, 5501, 1102);
    assert.equal(c.s.history, 'Hs^ADadFf'); // earlier letters keep their case (hist is not rewritten)
    assert.equal(c.s.origIsA, false);
    assert.equal(c.s.connState, 'SF');
    assert.deepEqual([c.s.origPkts, c.s.respPkts], [4, 4]);
  });
  it('a connection starting with a SYN-ACK flips on the next ACK or data segment (Zeek ≥ 5.1)', () => {
    const c = new Conn().seg(A, SYN | ACK, 5000, 1001).seg(B, ACK, 1001, 5001).seg(B, ACK | PSH, 1001, 5001, 10)
      .seg(A, ACK, 5001, 1011).seg(B, FIN | ACK, 1011, 5001).seg(A, FIN | ACK, 5001, 1012);
    assert.equal(c.s.history, '^hADaFf');
    assert.equal(c.s.origIsA, false);
    assert.equal(c.s.connState, 'SF');
  });
  it('… also when the SYN-ACK sender itself continues (one-sided capture)', () => {
    const c = new Conn().seg(A, SYN | ACK, 5000, 1001).seg(A, ACK, 5001, 1053).seg(A, FIN | ACK, 5001, 1054);
    assert.equal(c.s.history, '^haf');
    assert.deepEqual([c.s.origPkts, c.s.respPkts], [0, 3]);
  });
  it('… but not after a RST (stealth scan) nor once anything else was recorded', () => {
    assert.equal(new Conn().seg(A, SYN | ACK, 5000, 1001).seg(B, RST, 1001, 0).s.history, 'Hr');
    const c = new Conn().seg(A, SYN | ACK, 5000, 1001).seg(B, ACK, 1001, 5001, 0, { checksumOk: false })
      .seg(A, ACK, 5001, 1001);
    assert.equal(c.s.history, 'HcA');
    assert.equal(c.s.origIsA, true);
  });
});

describe('Zeek connection lifetime (startsNewConnection: timers and IsReuse)', () => {
  it('an unanswered SYN is dropped after tcp_attempt_delay (5 s): a later SYN starts a new connection', () => {
    const c = new Conn().seg(A, SYN, 1000, 0);
    c.t += 3;
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 1000, 0)), false, 'retransmitted SYN within 5 s');
    c.seg(A, SYN, 1000, 0);
    c.t += 3; // 6 s after the first SYN
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 1000, 0)), true);
  });
  it('a SYN with a new ISN on an open connection is a reuse', () => {
    const c = new Conn().handshake();
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 99999, 0)), true);
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 1000, 0)), false, 'same ISN: a retransmission');
    assert.equal(c.c.startsNewConnection(c.facts(A, ACK, 1001, 5001)), false, 'not a SYN');
  });
  it('after a close, any new SYN is a new connection; 5 s after it, anything is', () => {
    const c = new Conn().handshake().seg(A, FIN | ACK, 1001, 5001).seg(B, FIN | ACK, 5001, 1002).seg(A, ACK, 1002, 5002);
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 1000, 0)), true);
    c.t += 6;
    assert.equal(c.c.startsNewConnection(c.facts(A, ACK, 1002, 5002)), true, 'tcp_close_delay passed');
  });
  it('an established connection idle for tcp_inactivity_timeout (5 min) is over', () => {
    const c = new Conn().seg(A, ACK | PSH, 1001, 2001, 18).seg(B, ACK, 2001, 1019);
    c.t += 299;
    assert.equal(c.c.startsNewConnection(c.facts(A, ACK | PSH, 1001, 2001, 18)), false);
    c.t += 2;
    assert.equal(c.c.startsNewConnection(c.facts(A, ACK | PSH, 1001, 2001, 18)), true);
  });
  it('the first packet always belongs to the new connection', () => {
    const c = new Conn();
    assert.equal(c.c.startsNewConnection(c.facts(A, SYN, 1000, 0)), false);
  });
});

describe('Zeek packets the TCP analysis ignores', () => {
  it('a header Zeek rejects creates the connection but records nothing', () => {
    const c = new Conn().seg(A, SYN | ACK, 5000, 1001, 0, { headerOk: false });
    assert.equal(c.s.history, '');
    assert.equal(c.s.connState, 'OTH');
    assert.deepEqual([c.s.origPkts, c.s.respPkts], [0, 0]);
  });
  it('truncated payload still counts as data, but never reaches the reassembler (a later ack leaves a gap)', () => {
    const c = new Conn().handshake().seg(A, ACK | PSH, 1001, 5001, 100, { capturedLen: 40 }).seg(B, ACK, 5001, 1101);
    assert.equal(c.s.history, 'ShADaG');
    assert.equal(c.s.missedBytes, 100);
  });
});

// ---------------------------------------------------------------- tcpChecksumOk

function rec(frame: Uint8Array, caplen = frame.length): PacketRecord {
  const data = new Uint8Array(8 + frame.length);
  data.set(frame, 8); // not at offset 0: offsets must be absolute in `data`
  return {
    frame: 1, tsSec: 0, tsNsec: 0, iface: 0, linktype: 1, caplen, wirelen: frame.length, data, dataOffset: 8,
    offset: 0, comment: null, epbFlags: 0,
  };
}

/** A TCP segment with its checksum computed over the given pseudo-header addresses. */
function tcpWithChecksum(src: number[], dst: number[], seg: Uint8Array): Uint8Array {
  const w = new Writer(false);
  w.bytes(Uint8Array.from(src)).bytes(Uint8Array.from(dst));
  if (src.length === 4) w.u8(0).u8(6).u16(seg.length);
  else w.u32(seg.length).u32(6);
  const sum = checksum(concat(w.build(), seg));
  const out = seg.slice();
  out[16] = sum >> 8;
  out[17] = sum & 0xff;
  return out;
}

function verdict(frame: Uint8Array, caplen?: number): boolean | null {
  const r = rec(frame, caplen);
  return tcpChecksumOk(r.data, new PacketDecoder().decode(r));
}

describe('tcpChecksumOk (RFC 9293 §3.1, RFC 8200 §8.1)', () => {
  const seg = tcp({ flags: ACK | PSH, seq: 7, ack: 9, payload: 'hello, odd length' });
  const v4 = (s: Uint8Array) => ethernet({ type: 0x0800, payload: ipv4({ src: '10.0.0.1', dst: '10.0.0.2', payload: s }) });
  const good4 = tcpWithChecksum(ipv4Addr('10.0.0.1'), ipv4Addr('10.0.0.2'), seg);

  it('IPv4: a correct checksum verifies, any flipped bit does not', () => {
    assert.equal(verdict(v4(good4)), true);
    const bad = good4.slice();
    bad[bad.length - 1] ^= 1;
    assert.equal(verdict(v4(bad)), false);
  });
  it('Ethernet padding after the IP length is not summed', () => {
    assert.equal(verdict(concat(v4(good4), new Uint8Array(6).fill(0xee))), true);
  });
  it('null when the segment was cut by the snaplen', () => {
    const f = v4(good4);
    assert.equal(verdict(f, f.length - 3), null);
  });
  it('IPv6', () => {
    const s6 = tcpWithChecksum(ipv6Addr('2001:db8::1'), ipv6Addr('2001:db8::2'), seg);
    assert.equal(verdict(ethernet({ type: 0x86dd, payload: ipv6({ src: '2001:db8::1', dst: '2001:db8::2', payload: s6 }) })), true);
  });
  it('IPv6 with a Routing header: the pseudo-header uses the final destination', () => {
    const final = '2001:db8::99';
    const s6 = tcpWithChecksum(ipv6Addr('2001:db8::1'), ipv6Addr(final), seg);
    const rh = new Writer(false).u8(6).u8(2).u8(0).u8(1).u32(0).bytes(Uint8Array.from(ipv6Addr(final))).build();
    const frame = ethernet({ type: 0x86dd, payload: ipv6({ src: '2001:db8::1', dst: '2001:db8::2', next: 43, payload: concat(rh, s6) }) });
    assert.equal(verdict(frame), true);
  });
  it('IPv6 with a Home Address option: the pseudo-header uses the home address as source', () => {
    const home = '2001:db8::77';
    const s6 = tcpWithChecksum(ipv6Addr(home), ipv6Addr('2001:db8::2'), seg);
    const dstOpts = ipv6OptionsHeader(6, [0xc9, 16, ...ipv6Addr(home)]);
    const frame = ethernet({ type: 0x86dd, payload: ipv6({ src: '2001:db8::1', dst: '2001:db8::2', next: 60, payload: concat(dstOpts, s6) }) });
    assert.equal(verdict(frame), true);
  });
});
