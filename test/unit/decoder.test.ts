import assert from 'node:assert/strict';
import {
  createCaptureParser, DecodingSink, destinationAddress, flagLetters, formatIpv4Bytes, formatIpv6Bytes,
  internetChecksum, isSupportedLinktype, layerString, linktypeName, PacketDecoder, Problem, problemList, sourceAddress,
  type DecodedPacket, type Diagnostic, type PacketRecord,
} from '../../src/core';
import {
  concat, ethernet, ethIpv4Tcp, ethIpv6Tcp, filler, ipv4, ipv6, ipv6AuthHeader, ipv6FragmentHeader, ipv6OptionsHeader,
  ipv6RoutingHeader, jumboOption, loopHeader, nullHeader, options, PcapngBuilder, ppp, sll, sll2, TCP, tcp, tcpOpt,
} from './helpers/build';

const LT = { NULL: 0, ETHERNET: 1, PPP: 9, RAW12: 12, RAW14: 14, PPP_HDLC: 50, RAW: 101, LOOP: 108, SLL: 113, IPV4: 228, IPV6: 229, SLL2: 276 };

type Decoded = DecodedPacket & { layerText: string; buf: Uint8Array; base: number };

function record(linktype: number, buf: Uint8Array, base: number, caplen: number, wirelen: number): PacketRecord {
  return {
    frame: 1, tsSec: 0, tsNsec: 0, iface: 0, linktype, caplen, wirelen, data: buf, dataOffset: base, offset: 0,
    comment: null, epbFlags: 0,
  };
}

/**
 * Decode `frame` placed at offset `base` of a bigger buffer with garbage before and after (the
 * decoder must stay inside data[dataOffset, dataOffset + caplen)); `caplen` cuts it short.
 */
function decodeAt(linktype: number, frame: Uint8Array, base: number, opts: { caplen?: number; wirelen?: number } = {}): Decoded {
  const caplen = opts.caplen ?? frame.length;
  const buf = new Uint8Array(base + caplen + 64).fill(0xa5);
  buf.set(frame.subarray(0, caplen), base);
  const p = new PacketDecoder().decode(record(linktype, buf, base, caplen, opts.wirelen ?? frame.length));
  return { ...p, layers: p.layers.slice(), layerText: layerString(p), buf, base };
}

/** Decodes at offset 0 and at offset 13 and checks both agree (offsets relative to the record). */
function decode(linktype: number, frame: Uint8Array, opts: { caplen?: number; wirelen?: number } = {}): Decoded {
  const a = decodeAt(linktype, frame, 0, opts);
  const b = decodeAt(linktype, frame, 13, opts);
  const view = (p: Decoded) => ({
    layers: p.layerText, problems: p.problems, ipVersion: p.ipVersion, isTcp: p.isTcp, tcpTruncated: p.tcpTruncated,
    ipProto: p.ipProto, ipPayloadLength: p.ipPayloadLength, ipChecksumOk: p.ipChecksumOk, fragment: p.fragment,
    fragmentOffset: p.fragmentOffset, ipLengthFromFrame: p.ipLengthFromFrame,
    src: p.ipVersion ? p.srcOffset - p.base : 0, dst: p.ipVersion ? p.dstOffset - p.base : 0,
    tcpOffset: p.isTcp ? p.tcpOffset - p.base : 0, payloadOffset: p.isTcp && !p.tcpTruncated ? p.payloadOffset - p.base : 0,
    sport: p.sport, dport: p.dport, seq: p.seq, ack: p.ack, flags: p.flags, window: p.window,
    payloadLength: p.payloadLength, payloadCaptured: p.payloadCaptured, optMask: p.optMask,
  });
  assert.deepEqual(view(b), view(a), 'decoding at another dataOffset gives the same result');
  return a;
}

const src = (p: Decoded) => sourceAddress(p.buf, p);
const dst = (p: Decoded) => destinationAddress(p.buf, p);

const seg = tcp({ sport: 40000, dport: 443, seq: 0xfffffff0, ack: 0x80000001, flags: TCP.ACK | TCP.PSH, window: 512, urgent: 7, payload: filler(25) });
const ip4 = ipv4({ src: '192.0.2.1', dst: '198.51.100.2', ttl: 33, id: 0xbeef, df: true, tos: 0xb8, payload: seg });
const ip6 = ipv6({ src: '2001:db8::1', dst: 'fe80::abcd:1', hopLimit: 7, trafficClass: 0x28, flowLabel: 0xabcde, payload: seg });

function assertTcp4(p: Decoded, layers: string): void {
  assert.equal(p.layerText, layers);
  assert.equal(p.problems, 0, JSON.stringify(problemList(p.problems)));
  assert.equal(p.ipVersion, 4);
  assert.equal(src(p), '192.0.2.1');
  assert.equal(dst(p), '198.51.100.2');
  assert.equal(p.isTcp, true);
  assert.equal(p.sport, 40000);
  assert.equal(p.dport, 443);
  assert.equal(p.payloadLength, 25);
}

function assertTcp6(p: Decoded, layers: string): void {
  assert.equal(p.layerText, layers);
  assert.equal(p.problems, 0, JSON.stringify(problemList(p.problems)));
  assert.equal(p.ipVersion, 6);
  assert.equal(src(p), '2001:db8::1');
  assert.equal(dst(p), 'fe80::abcd:1');
  assert.equal(p.isTcp, true);
  assert.equal(p.sport, 40000);
  assert.equal(p.payloadLength, 25);
}

describe('packet decoder: link layers', () => {
  it('Ethernet / IPv4 / TCP: every field', () => {
    const p = decode(LT.ETHERNET, ethernet({ type: 0x0800, payload: ip4 }));
    assertTcp4(p, 'eth:ip:tcp');
    assert.equal(p.ttl, 33);
    assert.equal(p.tos, 0xb8);
    assert.equal(p.ipId, 0xbeef);
    assert.equal(p.dontFragment, true);
    assert.equal(p.fragment, false);
    assert.equal(p.ipChecksumOk, true);
    assert.equal(p.ipHeaderLength, 20);
    assert.equal(p.ipProto, 6);
    assert.equal(p.ipPayloadLength, 45);
    assert.equal(p.seq, 0xfffffff0);
    assert.equal(p.ack, 0x80000001);
    assert.equal(p.tcpHeaderLength, 20);
    assert.equal(p.flags, TCP.ACK | TCP.PSH);
    assert.equal(p.window, 512);
    assert.equal(p.urgent, 7);
    assert.equal(p.payloadCaptured, 25);
    assert.equal(p.payloadOffset, 14 + 20 + 20);
    assert.equal(p.tcpOffset, 34);
  });

  it('Ethernet / IPv6 / TCP', () => {
    const p = decode(LT.ETHERNET, ethernet({ type: 0x86dd, payload: ip6 }));
    assertTcp6(p, 'eth:ipv6:tcp');
    assert.equal(p.ttl, 7);
    assert.equal(p.tos, 0x28);
    assert.equal(p.flowLabel, 0xabcde);
    assert.equal(p.ipChecksumOk, null);
    assert.equal(p.ipPayloadLength, 45);
  });

  it('802.1Q VLAN, QinQ (802.1ad S-tag + C-tag) and the old 0x9100 tag', () => {
    assertTcp4(decode(LT.ETHERNET, ethernet({ type: 0x0800, vlans: [{ vid: 100 }], payload: ip4 })), 'eth:vlan:ip:tcp');
    assertTcp4(decode(LT.ETHERNET, ethernet({ type: 0x0800, vlans: [{ tpid: 0x88a8, vid: 10 }, { vid: 20 }], payload: ip4 })), 'eth:vlan:vlan:ip:tcp');
    assertTcp6(decode(LT.ETHERNET, ethernet({ type: 0x86dd, vlans: [{ tpid: 0x9100, vid: 1 }, { vid: 2 }], payload: ip6 })), 'eth:vlan:vlan:ipv6:tcp');
  });

  it('a VLAN tag cut by the snaplen is a truncation', () => {
    const f = ethernet({ type: 0x0800, vlans: [{ vid: 100 }], payload: ip4 });
    const p = decode(LT.ETHERNET, f, { caplen: 16 });
    assert.equal(p.layerText, 'eth');
    assert.ok(p.problems & Problem.Truncated);
    assert.equal(p.isTcp, false);
  });

  it('Linux cooked v1 (SLL) and v2 (SLL2)', () => {
    assertTcp4(decode(LT.SLL, sll(0x0800, ip4)), 'sll:ip:tcp');
    assertTcp6(decode(LT.SLL, sll(0x86dd, ip6, 4)), 'sll:ipv6:tcp');
    assertTcp4(decode(LT.SLL2, sll2(0x0800, ip4)), 'sll2:ip:tcp');
    assertTcp6(decode(LT.SLL2, sll2(0x86dd, ip6, 3)), 'sll2:ipv6:tcp');
    assert.ok(decode(LT.SLL, sll(0x0800, ip4), { caplen: 15 }).problems & Problem.Truncated);
    assert.ok(decode(LT.SLL2, sll2(0x0800, ip4), { caplen: 19 }).problems & Problem.Truncated);
  });

  it('NULL (host byte order, both orders) and LOOP (network order), AF_INET and the AF_INET6 values', () => {
    for (const le of [true, false]) {
      assertTcp4(decode(LT.NULL, nullHeader(2, ip4, le)), 'null:ip:tcp');
      for (const af of [10, 24, 28, 30]) assertTcp6(decode(LT.NULL, nullHeader(af, ip6, le)), 'null:ipv6:tcp');
    }
    assertTcp4(decode(LT.LOOP, loopHeader(2, ip4)), 'null:ip:tcp');
    assertTcp6(decode(LT.LOOP, loopHeader(24, ip6)), 'null:ipv6:tcp');
    // a LOOP header written in little-endian by mistake is tolerated
    assertTcp4(decode(LT.LOOP, nullHeader(2, ip4, true)), 'null:ip:tcp');
    const other = decode(LT.NULL, nullHeader(7, ip4));
    assert.equal(other.layerText, 'null');
    assert.equal(other.isTcp, false);
    assert.ok(decode(LT.NULL, nullHeader(2, ip4), { caplen: 3 }).problems & Problem.Truncated);
  });

  it('raw IP: LINKTYPE_RAW (101, 12, 14) by version nibble, IPV4 (228), IPV6 (229)', () => {
    for (const lt of [LT.RAW, LT.RAW12, LT.RAW14]) {
      assertTcp4(decode(lt, ip4), 'ip:tcp');
      assertTcp6(decode(lt, ip6), 'ipv6:tcp');
    }
    assertTcp4(decode(LT.IPV4, ip4), 'ip:tcp');
    assertTcp6(decode(LT.IPV6, ip6), 'ipv6:tcp');
    const v5 = decode(LT.RAW, concat([0x50], filler(40)));
    assert.equal(v5.ipVersion, 0);
    assert.equal(v5.isTcp, false);
    const v6in4 = decode(LT.IPV4, ip6);
    assert.ok(v6in4.problems & Problem.IpHeader);
  });

  it('PPP: HDLC framing or not, protocol-field compression, IPv4 and IPv6', () => {
    assertTcp4(decode(LT.PPP, ppp(0x0021, ip4)), 'ppp:ip:tcp');
    assertTcp4(decode(LT.PPP, ppp(0x0021, ip4, { hdlc: false })), 'ppp:ip:tcp');
    assertTcp4(decode(LT.PPP, ppp(0x21, ip4, { compressed: true })), 'ppp:ip:tcp');
    assertTcp6(decode(LT.PPP, ppp(0x0057, ip6)), 'ppp:ipv6:tcp');
    assertTcp4(decode(LT.PPP_HDLC, ppp(0x0021, ip4)), 'ppp:ip:tcp');
    const lcp = decode(LT.PPP, ppp(0xc021, filler(10)));
    assert.equal(lcp.layerText, 'ppp');
    assert.equal(lcp.isTcp, false);
  });

  it('an unsupported link type sets Problem.UnsupportedLinktype', () => {
    const p = decode(147, ethIpv4Tcp());
    assert.equal(p.problems, Problem.UnsupportedLinktype);
    assert.equal(p.layerText, '');
    assert.equal(isSupportedLinktype(147), false);
    assert.equal(isSupportedLinktype(1), true);
    assert.equal(linktypeName(276), 'LINUX_SLL2');
    assert.equal(linktypeName(147), 'LINKTYPE_147');
    assert.deepEqual(problemList(Problem.UnsupportedLinktype).map((x) => x.code), ['decode.unsupported-linktype']);
  });
});

describe('packet decoder: IPv4', () => {
  it('IPv4 options: header length from IHL, checksum over the whole header', () => {
    const withOpts = ipv4({ options: [0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00], payload: seg });
    const p = decode(LT.RAW, withOpts);
    assert.equal(p.ipHeaderLength, 28);
    assert.equal(p.ipChecksumOk, true);
    assert.equal(p.tcpOffset, 28);
    assert.equal(p.sport, 40000);
    assert.equal(p.problems, 0);
    assert.equal(internetChecksum(withOpts, 0, 28), 0);
  });

  it('a wrong header checksum: ipChecksumOk false and Problem.Ipv4Checksum; TCP still decoded', () => {
    const p = decode(LT.RAW, ipv4({ payload: seg, checksum: 0x1234 }));
    assert.equal(p.ipChecksumOk, false);
    assert.equal(p.problems, Problem.Ipv4Checksum);
    assert.equal(p.isTcp, true);
  });

  it('IPv4 options cut by the snaplen: checksum not checked (null), Truncated', () => {
    const withOpts = ipv4({ options: filler(20), payload: seg });
    const p = decode(LT.RAW, withOpts, { caplen: 30, wirelen: withOpts.length });
    assert.equal(p.ipChecksumOk, null);
    assert.ok(p.problems & Problem.Truncated);
    assert.equal(p.isTcp, false);
  });

  it('total length 0 (TSO/GSO): the length comes from the frame (wirelen, not caplen)', () => {
    const big = ipv4({ payload: tcp({ payload: filler(3000) }), totalLength: 0 });
    const p = decode(LT.RAW, big);
    assert.equal(p.ipLengthFromFrame, true);
    assert.equal(p.ipPayloadLength, 3020);
    assert.equal(p.payloadLength, 3000);
    const cut = decode(LT.RAW, big, { caplen: 100, wirelen: big.length });
    assert.equal(cut.ipLengthFromFrame, true);
    assert.equal(cut.payloadLength, 3000);
    assert.equal(cut.payloadCaptured, 60);
    assert.equal(cut.problems, 0);
  });

  it('snaplen cut: TCP lengths come from the IP header, not from the captured bytes', () => {
    const f = ethIpv4Tcp({ payload: filler(1000) });
    const p = decode(LT.ETHERNET, f, { caplen: 96, wirelen: f.length });
    assert.equal(p.payloadLength, 1000);
    assert.equal(p.payloadCaptured, 96 - 54);
    assert.equal(p.problems, 0);
  });

  it('total length beyond the frame: Problem.IpLength, lengths capped at the frame', () => {
    const p = decode(LT.RAW, ipv4({ payload: seg, totalLength: 1000 }));
    assert.ok(p.problems & Problem.IpLength);
    assert.equal(p.ipPayloadLength, 45);
    assert.equal(p.payloadLength, 25);
  });

  it('total length below the header length, bad version, IHL < 5: Problem.IpHeader', () => {
    assert.ok(decode(LT.IPV4, ipv4({ payload: seg, totalLength: 12 })).problems & Problem.IpHeader);
    assert.ok(decode(LT.IPV4, ipv4({ payload: seg, version: 5 })).problems & Problem.IpHeader);
    assert.ok(decode(LT.IPV4, ipv4({ payload: seg, ihlWords: 4 })).problems & Problem.IpHeader);
    assert.equal(decode(LT.IPV4, ipv4({ payload: seg, ihlWords: 4 })).isTcp, false);
  });

  it('fragments: the first one (MF, offset 0) carries TCP; a non-first one is not decoded as TCP', () => {
    const first = decode(LT.RAW, ipv4({ payload: seg, mf: true }));
    assert.equal(first.fragment, true);
    assert.equal(first.fragmentOffset, 0);
    assert.equal(first.isTcp, true);
    const later = decode(LT.RAW, ipv4({ payload: seg, fragOffset: 1480 }));
    assert.equal(later.fragment, true);
    assert.equal(later.fragmentOffset, 1480);
    assert.equal(later.isTcp, false);
    assert.equal(later.layerText, 'ip');
    assert.equal(later.ipProto, 6);
    const lastNoMf = decode(LT.RAW, ipv4({ payload: filler(40), fragOffset: 8, mf: false }));
    assert.equal(lastNoMf.fragment, true);
    assert.equal(lastNoMf.isTcp, false);
  });

  it('IP-in-IP is followed to the inner TCP', () => {
    const p = decode(LT.RAW, ipv4({ proto: 4, src: '1.1.1.1', dst: '2.2.2.2', payload: ip4 }));
    assert.equal(p.layerText, 'ip:ip:tcp');
    assert.equal(src(p), '192.0.2.1');
  });
});

describe('packet decoder: IPv6 extension headers', () => {
  it('hop-by-hop → routing → fragment (offset 0) → destination options → AH → TCP', () => {
    const chain = concat(
      ipv6OptionsHeader(43, [1, 2, 0, 0]), // HBH with a PadN
      ipv6RoutingHeader(44, ['2001:db8::77']),
      ipv6FragmentHeader(60, 0, true, 0x01020304),
      ipv6OptionsHeader(51),
      ipv6AuthHeader(6),
      seg,
    );
    const f = ipv6({ next: 0, payload: chain, src: '2001:db8::1', dst: 'fe80::abcd:1' });
    const p = decode(LT.IPV6, f);
    assert.equal(p.layerText, 'ipv6:ipv6ext:ipv6ext:ipv6ext:ipv6ext:ipv6ext:tcp');
    assert.equal(p.problems, 0);
    assert.equal(p.ipProto, 6);
    assert.equal(p.fragment, true);
    assert.equal(p.fragmentOffset, 0);
    assert.equal(p.ipId, 0x01020304);
    assert.equal(p.ipPayloadLength, seg.length);
    assert.equal(p.tcpOffset, f.length - seg.length);
    assert.equal(p.sport, 40000);
    assert.equal(p.payloadLength, 25);
  });

  it('a non-first IPv6 fragment is not decoded as TCP', () => {
    const p = decode(LT.IPV6, ipv6({ next: 44, payload: concat(ipv6FragmentHeader(6, 1448, false), filler(100)) }));
    assert.equal(p.fragment, true);
    assert.equal(p.fragmentOffset, 1448);
    assert.equal(p.isTcp, false);
    assert.equal(p.ipProto, 6);
    assert.equal(p.ipPayloadLength, 100);
  });

  it('a jumbogram (payload length 0 + hop-by-hop Jumbo Payload option)', () => {
    const body = tcp({ payload: filler(70_000) });
    const hbh = ipv6OptionsHeader(6, jumboOption(8 + body.length));
    assert.equal(hbh.length, 8);
    const f = ipv6({ next: 0, payloadLength: 0, payload: concat(hbh, body) });
    const p = decode(LT.IPV6, f);
    assert.equal(p.problems, 0);
    assert.equal(p.ipLengthFromFrame, false);
    assert.equal(p.ipPayloadLength, body.length);
    assert.equal(p.payloadLength, 70_000);
    const cut = decode(LT.IPV6, f, { caplen: 200, wirelen: f.length });
    assert.equal(cut.payloadLength, 70_000);
    assert.equal(cut.payloadCaptured, 200 - 40 - 8 - 20);
  });

  it('payload length 0 without a jumbo option (BIG TCP): length from the frame', () => {
    const f = ipv6({ payloadLength: 0, payload: tcp({ payload: filler(500) }) });
    const p = decode(LT.IPV6, f);
    assert.equal(p.ipLengthFromFrame, true);
    assert.equal(p.payloadLength, 500);
  });

  it('an extension header cut by the snaplen is a truncation', () => {
    const f = ipv6({ next: 43, payload: concat(ipv6RoutingHeader(6, ['::1', '::2']), seg) });
    const p = decode(LT.IPV6, f, { caplen: 50, wirelen: f.length });
    assert.ok(p.problems & Problem.Truncated);
    assert.equal(p.isTcp, false);
  });

  it('payload length beyond the frame: Problem.IpLength', () => {
    const p = decode(LT.IPV6, ipv6({ payload: seg, payloadLength: 4000 }));
    assert.ok(p.problems & Problem.IpLength);
    assert.equal(p.payloadLength, 25);
  });

  it('extension headers longer than the payload length: Problem.IpLength, no TCP', () => {
    const p = decode(LT.IPV6, ipv6({ next: 60, payload: concat(ipv6OptionsHeader(6, filler(20)), seg), payloadLength: 8 }));
    assert.ok(p.problems & Problem.IpLength);
    assert.equal(p.isTcp, false);
  });
});

describe('packet decoder: TCP', () => {
  it('all nine flags (NS/AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN) and the reserved bits', () => {
    const all = 0x1ff;
    const p = decode(LT.RAW, ipv4({ payload: tcp({ flags: all }) }));
    assert.equal(p.flags, all);
    assert.equal(flagLetters(p.flags), 'NCEUAPRSF');
    assert.equal(flagLetters(TCP.SYN | TCP.ACK), 'AS');
    assert.equal(flagLetters(TCP.AE), 'N');
    assert.equal(flagLetters(TCP.CWR | TCP.ECE | TCP.SYN), 'CES');
    const reserved = decode(LT.RAW, ipv4({ payload: tcp({ flags: 0xe00 | TCP.ACK }) }));
    assert.equal(reserved.flags, 0xe10);
    assert.equal(flagLetters(reserved.flags), 'A');
    for (const [bit, letter] of [[TCP.FIN, 'F'], [TCP.SYN, 'S'], [TCP.RST, 'R'], [TCP.PSH, 'P'], [TCP.ACK, 'A'], [TCP.URG, 'U'], [TCP.ECE, 'E'], [TCP.CWR, 'C'], [TCP.AE, 'N']] as const) {
      assert.equal(decode(LT.RAW, ipv4({ payload: tcp({ flags: bit }) })).flags, bit);
      assert.equal(flagLetters(bit), letter);
    }
  });

  it('options on the hot path: MSS, window scale, SACK-permitted, timestamps, SACK blocks', () => {
    const syn = decode(LT.ETHERNET, ethIpv4Tcp({
      options: options(tcpOpt.mss(1460), tcpOpt.sackPerm(), tcpOpt.timestamps(0xdeadbeef, 7), tcpOpt.nop(), tcpOpt.wscale(7)),
    }));
    assert.equal(syn.tcpHeaderLength, 40);
    assert.equal(syn.mss, 1460);
    assert.equal(syn.wscale, 7);
    assert.equal(syn.tsVal, 0xdeadbeef);
    assert.equal(syn.tsEcr, 7);
    assert.equal(syn.optMask, 0b10111);
    assert.equal(syn.problems, 0);
    const sack = decode(LT.ETHERNET, ethIpv6Tcp({ options: options(tcpOpt.nop(), tcpOpt.nop(), tcpOpt.sack([[1, 2], [3, 4], [5, 6]])) }));
    assert.equal(sack.sackBlocks, 3);
    assert.equal(sack.mss, -1);
    assert.equal(sack.wscale, -1);
  });

  it('malformed options set Problem.TcpOptions (never a throw)', () => {
    for (const bad of [[2, 3, 5, 0xb4], [3, 0], [8, 1], [2, 40, 0, 0], [5]]) {
      const p = decode(LT.RAW, ipv4({ payload: tcp({ options: bad }) }));
      assert.ok(p.problems & Problem.TcpOptions, JSON.stringify(bad));
      assert.equal(p.isTcp, true);
    }
  });

  it('data offset below 5 or beyond the segment: Problem.TcpHeaderLength', () => {
    const low = decode(LT.RAW, ipv4({ payload: tcp({ dataOffsetWords: 4, payload: filler(10) }) }));
    assert.ok(low.problems & Problem.TcpHeaderLength);
    assert.equal(low.payloadLength, 0);
    const high = decode(LT.RAW, ipv4({ payload: tcp({ dataOffsetWords: 15 }) }));
    assert.ok(high.problems & Problem.TcpHeaderLength);
  });

  it('a TCP header cut after the ports: ports kept, tcpTruncated, Truncated', () => {
    const f = ethIpv4Tcp({ sport: 1234, dport: 5678, seq: 99 });
    const p = decode(LT.ETHERNET, f, { caplen: 14 + 20 + 6, wirelen: f.length });
    assert.equal(p.isTcp, true);
    assert.equal(p.tcpTruncated, true);
    assert.equal(p.sport, 1234);
    assert.equal(p.dport, 5678);
    assert.equal(p.seq, 0);
    assert.ok(p.problems & Problem.Truncated);
    const none = decode(LT.ETHERNET, f, { caplen: 14 + 20 + 3, wirelen: f.length });
    assert.equal(none.isTcp, false);
    assert.ok(none.problems & Problem.Truncated);
  });

  it('TCP options cut by the snaplen: what was captured is scanned, the packet marked Truncated', () => {
    const f = ethIpv4Tcp({ options: options(tcpOpt.mss(1400), tcpOpt.nop(), tcpOpt.wscale(3), tcpOpt.timestamps(1, 2)) });
    const p = decode(LT.ETHERNET, f, { caplen: 14 + 20 + 20 + 4, wirelen: f.length });
    assert.equal(p.mss, 1400);
    assert.equal(p.tcpHeaderLength, 40);
    assert.equal(p.optionsLength, 4);
    assert.ok(p.problems & Problem.Truncated);
    assert.equal(p.problems & Problem.TcpOptions, 0);
  });

  it('the reused packet is fully reset between records (TCP then non-TCP then TCP)', () => {
    const d = new PacketDecoder();
    const a = ethIpv4Tcp({ options: options(tcpOpt.mss(1000)) });
    const b = ethernet({ type: 0x0806, payload: filler(28) });
    const c = ethIpv4Tcp();
    const rec = (f: Uint8Array) => record(LT.ETHERNET, f, 0, f.length, f.length);
    assert.equal(d.decode(rec(a)).mss, 1000);
    const pb = d.decode(rec(b));
    assert.equal(pb.isTcp, false);
    assert.equal(pb.ipVersion, 0);
    assert.equal(layerString(pb), 'eth');
    assert.equal(pb.problems, 0);
    const pc = d.decode(rec(c));
    assert.equal(pc.mss, -1);
    assert.equal(pc.optMask, 0);
  });

  it('deeply nested encapsulation stops at the layer limit (Problem.TooDeep), no recursion blow-up', () => {
    let inner = ip4;
    for (let i = 0; i < 40; i++) inner = ipv4({ proto: 4, payload: inner });
    const p = decode(LT.RAW, inner);
    assert.ok(p.problems & Problem.TooDeep);
    assert.equal(p.isTcp, false);
  });
});

describe('addresses', () => {
  it('formats IPv4 and RFC 5952 IPv6', () => {
    assert.equal(formatIpv4Bytes(Uint8Array.from([0, 10, 0, 0, 1]), 1), '10.0.0.1');
    const v6 = (s: number[]) => formatIpv6Bytes(Uint8Array.from(s), 0);
    const z = new Array(16).fill(0);
    assert.equal(v6(z), '::');
    assert.equal(v6([...z.slice(0, 15), 1]), '::1');
    assert.equal(v6([0x20, 0x01, 0x0d, 0xb8, ...z.slice(0, 11), 1]), '2001:db8::1');
    assert.equal(v6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]), '2001:db8:0:1:1:1:1:1'); // one zero group: no ::
    assert.equal(v6([0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]), '2001:0:0:1::1'); // the longest run
    assert.equal(v6([0x20, 0x01, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1]), '2001::1:0:0:1:1'); // the first of equal runs
    assert.equal(v6([...z.slice(0, 10), 0xff, 0xff, 192, 0, 2, 1]), '::ffff:192.0.2.1');
    assert.equal(v6([0xfe, 0x80, ...z.slice(0, 6), 0xab, 0xcd, 0, 0, 0, 0, 0, 1]), 'fe80::abcd:0:0:1');
  });
});

describe('DecodingSink', () => {
  it('reports an unsupported link type once per interface, with offset and frame; packets still flow', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ linktype: 147 });
    b.idb({ linktype: 1 });
    b.idb({ linktype: 190 });
    const offs: number[] = [];
    offs.push(b.epb({ iface: 1, data: ethIpv4Tcp() }));
    offs.push(b.epb({ iface: 0, data: filler(30) }));
    offs.push(b.epb({ iface: 0, data: filler(31) }));
    offs.push(b.epb({ iface: 2, data: filler(32) }));
    offs.push(b.epb({ iface: 1, data: ethIpv6Tcp() }));
    offs.push(b.epb({ iface: 2, data: filler(33) }));
    const diags: Diagnostic[] = [];
    const seen: Array<[number, boolean, number]> = [];
    const sink = new DecodingSink((rec, p) => seen.push([rec.frame, p.isTcp, p.problems]), (d) => diags.push(d));
    const parser = createCaptureParser(sink);
    parser.push(b.bytes());
    parser.end();
    const u = diags.filter((d) => d.code === 'decode.unsupported-linktype');
    assert.equal(u.length, 2);
    assert.deepEqual(u.map((d) => [d.severity, d.offset, d.frame]), [['warning', offs[1], 2], ['warning', offs[3], 4]]);
    assert.match(u[0].message, /interface 0 has link type 147 \(LINKTYPE_147\)/);
    assert.match(u[1].message, /interface 2 has link type 190/);
    assert.deepEqual(seen.map((s) => s[0]), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(seen.map((s) => s[1]), [true, false, false, false, true, false]);
    assert.equal(seen[1][2], Problem.UnsupportedLinktype);
    assert.deepEqual(sink.counts.unsupported, { 0: 2, 2: 2 });
    assert.equal(sink.counts.packets, 6);
    assert.equal(sink.counts.tcpPackets, 2);
  });
});
