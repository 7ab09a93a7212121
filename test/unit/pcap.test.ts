import assert from 'node:assert/strict';
import { detectFormat, PcapParser } from '../../src/core';
import { ethIpv4Tcp, filler, PCAP_MAGIC_NS, PCAP_MAGIC_US, PcapBuilder, pcapHeader } from './helpers/build';
import { one, parse } from './helpers/run';

const frameA = ethIpv4Tcp({ sport: 1111, dport: 2222 });
const frameB = ethIpv4Tcp({ sport: 3333, dport: 4444, payload: filler(100) });

describe('pcap reader', () => {
  for (const le of [true, false]) {
    for (const nano of [false, true]) {
      const name = `${nano ? 'ns' : 'µs'} magic, ${le ? 'little' : 'big'}-endian`;
      it(`reads a ${name} file: header fields, records, exact timestamps`, () => {
        const b = new PcapBuilder({ le, nano, snaplen: 262144, linktype: 1 });
        const o1 = b.record({ tsSec: 1700000000, tsFrac: nano ? 123456789 : 123456, data: frameA });
        const o2 = b.record({ tsSec: 1700000001, tsFrac: nano ? 999999999 : 999999, data: frameB });
        const bytes = b.bytes();
        assert.equal(detectFormat(bytes), 'pcap');
        const r = parse(bytes);
        assert.deepEqual(r.diagnostics, []);
        assert.equal(r.info.format, 'pcap');
        assert.equal(r.info.littleEndian, le);
        assert.equal(r.info.nanosecond, nano);
        assert.equal(r.info.versionMajor, 2);
        assert.equal(r.info.versionMinor, 4);
        assert.equal(r.info.packets, 2);
        assert.equal(r.info.bytesRead, bytes.length);
        assert.equal(r.info.stopped, false);
        assert.equal(r.interfaces.length, 1);
        assert.equal(r.interfaces[0].linktype, 1);
        assert.equal(r.interfaces[0].snaplen, 262144);
        assert.equal(r.interfaces[0].tsresolBase, 10);
        assert.equal(r.interfaces[0].tsresolExponent, nano ? 9 : 6);
        assert.equal(r.sections.length, 1);
        assert.equal(r.sections[0].littleEndian, le);
        assert.equal(r.records.length, 2);
        const [a, c] = r.records;
        assert.equal(a.frame, 1);
        assert.equal(a.offset, o1);
        assert.equal(o1, 24);
        assert.equal(a.tsSec, 1700000000);
        assert.equal(a.tsNsec, nano ? 123456789 : 123456000);
        assert.equal(a.caplen, frameA.length);
        assert.equal(a.wirelen, frameA.length);
        assert.equal(a.linktype, 1);
        assert.equal(a.iface, 0);
        assert.equal(a.comment, null);
        assert.equal(a.data, Buffer.from(frameA).toString('hex'));
        assert.equal(c.frame, 2);
        assert.equal(c.offset, o2);
        assert.equal(c.tsSec, 1700000001);
        assert.equal(c.tsNsec, 999999999 - (nano ? 0 : 999));
        assert.equal(c.data, Buffer.from(frameB).toString('hex'));
      });
    }
  }

  it('records the snaplen cut: caplen < wirelen is kept as-is, with no diagnostic', () => {
    const b = new PcapBuilder({ snaplen: 64 });
    const full = ethIpv4Tcp({ payload: filler(200) });
    b.record({ tsSec: 1, data: full.subarray(0, 64), wirelen: full.length });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.records[0].caplen, 64);
    assert.equal(r.records[0].wirelen, full.length);
    assert.equal(r.records[0].data.length, 128);
  });

  it('a header-only file is a valid, empty capture', () => {
    const r = parse(pcapHeader());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.info.packets, 0);
    assert.equal(r.info.stopped, false);
    assert.equal(r.info.bytesRead, 24);
  });

  it('zero-length records are delivered', () => {
    const b = new PcapBuilder();
    b.record({ tsSec: 5, data: [] });
    b.record({ tsSec: 6, data: frameA });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.records.map((x) => [x.frame, x.caplen, x.offset]), [[1, 0, 24], [2, frameA.length, 40]]);
  });

  it('keeps the FCS length from the link-type word (LT_FCS_LENGTH_PRESENT) and strips it from the link type', () => {
    const lt = 1 | 0x04000000 | (2 << 28); // Ethernet, 2 × 16-bit words of FCS
    const b = new PcapBuilder({ linktype: lt });
    b.record({ data: frameA });
    const r = parse(b.bytes());
    assert.equal(r.interfaces[0].linktype, 1);
    assert.equal(r.interfaces[0].fcsLength, 4);
    assert.equal(r.records[0].linktype, 1);
  });

  it('warns about an unusual version but reads on', () => {
    const b = new PcapBuilder({ versionMajor: 3, versionMinor: 1 });
    b.record({ data: frameA });
    const r = parse(b.bytes());
    const d = one(r, 'pcap.version');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, 4);
    assert.match(d.message, /version 3\.1/);
    assert.equal(r.records.length, 1);
  });

  it('a µs fraction ≥ 1 000 000 is carried into the seconds, with a warning naming the frame', () => {
    const b = new PcapBuilder();
    b.record({ tsSec: 10, data: frameA });
    const at = b.record({ tsSec: 10, tsFrac: 2_500_000, data: frameA });
    const r = parse(b.bytes());
    const d = one(r, 'pcap.timestamp-fraction');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, at);
    assert.equal(d.frame, 2);
    assert.match(d.message, /frame 2/);
    assert.match(d.message, /2500000/);
    assert.equal(r.records[1].tsSec, 12);
    assert.equal(r.records[1].tsNsec, 500_000_000);
  });

  it('a ns fraction ≥ 10^9 is carried into the seconds', () => {
    const b = new PcapBuilder({ nano: true });
    b.record({ tsSec: 10, tsFrac: 1_000_000_001, data: frameA });
    const r = parse(b.bytes());
    assert.equal(one(r, 'pcap.timestamp-fraction').frame, 1);
    assert.equal(r.records[0].tsSec, 11);
    assert.equal(r.records[0].tsNsec, 1);
  });

  it('wirelen < caplen is a warning naming the frame; wirelen is raised to caplen', () => {
    const b = new PcapBuilder();
    b.record({ data: frameA });
    const at = b.record({ data: frameB, wirelen: 10 });
    const r = parse(b.bytes());
    const d = one(r, 'pcap.wirelen-short');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, at);
    assert.equal(d.frame, 2);
    assert.match(d.message, /original length 10 is smaller than the captured length/);
    assert.equal(r.records[1].wirelen, frameB.length);
  });

  it('the magic constants are the libpcap ones', () => {
    assert.equal(PCAP_MAGIC_US, 0xa1b2c3d4);
    assert.equal(PCAP_MAGIC_NS, 0xa1b23c4d);
  });

  it('PcapParser can be used directly, without detection', () => {
    const b = new PcapBuilder({ le: false, nano: true });
    b.record({ tsSec: 3, tsFrac: 4, data: frameA });
    const r = parse(b.bytes(), { make: (s) => new PcapParser(s) });
    assert.equal(r.records.length, 1);
    assert.equal(r.records[0].tsNsec, 4);
  });
});
