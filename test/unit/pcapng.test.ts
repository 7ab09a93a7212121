import assert from 'node:assert/strict';
import { detectFormat, PcapngParser } from '../../src/core';
import {
  BT, ethIpv4Tcp, ethIpv6Tcp, filler, hex, ipv4, opt, PcapngBuilder, sll, tcp,
} from './helpers/build';
import { one, parse, withCode } from './helpers/run';

const eth = ethIpv4Tcp({ sport: 1, dport: 2 });
const eth6 = ethIpv6Tcp({ sport: 3, dport: 4 });
const cooked = sll(0x0800, ipv4({ payload: tcp({ sport: 5, dport: 6 }) }));
const raw = ipv4({ payload: tcp({ sport: 7, dport: 8 }) });

describe('pcapng reader', () => {
  it('detects pcapng by its first block type', () => {
    const b = new PcapngBuilder();
    b.shb();
    assert.equal(detectFormat(b.bytes()), 'pcapng');
    const be = new PcapngBuilder();
    be.shb({ le: false });
    assert.equal(detectFormat(be.bytes()), 'pcapng');
  });

  for (const le of [true, false]) {
    it(`reads a ${le ? 'little' : 'big'}-endian section: SHB options, IDB, EPB`, () => {
      const b = new PcapngBuilder();
      b.shb({ le, hardware: 'x86_64', os: 'Linux 6.1', application: 'dumpcap', comments: ['file comment 1', 'file comment 2'] });
      b.idb({ linktype: 1, snaplen: 262144, name: 'lo', description: 'loopback', comments: ['iface note'], tsresol: 9 });
      const at = b.epb({ ts: 1795589331632393123n, data: eth, wirelen: eth.length + 10 });
      const r = parse(b.bytes());
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.info.format, 'pcapng');
      assert.equal(r.info.littleEndian, le);
      assert.deepEqual(r.info.comments, ['file comment 1', 'file comment 2']);
      assert.equal(r.sections.length, 1);
      const s = r.sections[0];
      assert.equal(s.offset, 0);
      assert.equal(s.littleEndian, le);
      assert.equal(s.versionMajor, 1);
      assert.equal(s.versionMinor, 0);
      assert.equal(s.hardware, 'x86_64');
      assert.equal(s.os, 'Linux 6.1');
      assert.equal(s.application, 'dumpcap');
      assert.deepEqual(s.comments, ['file comment 1', 'file comment 2']);
      assert.equal(r.interfaces.length, 1);
      const i = r.interfaces[0];
      assert.equal(i.id, 0);
      assert.equal(i.section, 0);
      assert.equal(i.linktype, 1);
      assert.equal(i.snaplen, 262144);
      assert.equal(i.name, 'lo');
      assert.equal(i.description, 'loopback');
      assert.deepEqual(i.comments, ['iface note']);
      assert.equal(i.tsresolBase, 10);
      assert.equal(i.tsresolExponent, 9);
      assert.equal(r.records.length, 1);
      const p = r.records[0];
      assert.equal(p.frame, 1);
      assert.equal(p.offset, at);
      assert.equal(p.tsSec, 1795589331);
      assert.equal(p.tsNsec, 632393123);
      assert.equal(p.caplen, eth.length);
      assert.equal(p.wirelen, eth.length + 10);
      assert.equal(p.data, hex(eth));
      assert.equal(r.info.blockCounts.SHB, 1);
      assert.equal(r.info.blockCounts.IDB, 1);
      assert.equal(r.info.blockCounts.EPB, 1);
    });
  }

  it('reads several sections with different byte orders; interface ids are global, link types per interface', () => {
    const b = new PcapngBuilder();
    const s0 = b.shb({ le: true });
    b.idb({ linktype: 1 });
    b.idb({ linktype: 113 });
    b.epb({ iface: 1, data: cooked, ts: 1_000_000n });
    b.epb({ iface: 0, data: eth, ts: 2_000_000n });
    const s1 = b.shb({ le: false, comments: ['second'] });
    b.idb({ linktype: 101, tsresol: 3 });
    b.idb({ linktype: 1 });
    b.epb({ iface: 0, data: raw, ts: 3_000n });
    b.epb({ iface: 1, data: eth6, ts: 4_000n });
    const s2 = b.shb({ le: true });
    b.idb({ linktype: 1 });
    b.epb({ iface: 0, data: eth, ts: 5_000_000n });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.sections.map((s) => [s.index, s.offset, s.littleEndian]), [[0, s0, true], [1, s1, false], [2, s2, true]]);
    assert.deepEqual(r.interfaces.map((i) => [i.id, i.section, i.linktype]), [[0, 0, 1], [1, 0, 113], [2, 1, 101], [3, 1, 1], [4, 2, 1]]);
    assert.deepEqual(r.records.map((p) => [p.frame, p.iface, p.linktype, p.tsSec, p.data]), [
      [1, 1, 113, 1, hex(cooked)],
      [2, 0, 1, 2, hex(eth)],
      [3, 2, 101, 3, hex(raw)],
      [4, 3, 1, 0, hex(eth6)],
      [5, 4, 1, 5, hex(eth)],
    ]);
    assert.equal(r.records[3].tsNsec, 4_000_000);
    assert.equal(r.info.littleEndian, true);
    assert.deepEqual(r.info.comments, ['second']);
    assert.equal(r.info.blockCounts.SHB, 3);
  });

  it('if_tsresol power of 10 and power of 2, and if_tsoffset (positive and negative)', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ tsresol: 3 }); // ms
    b.idb({ tsresol: 20, tsresolBase: 2 }); // 2^-20 s
    b.idb({ tsresol: 6, tsoffset: 1_000_000_000n }); // µs + offset
    b.idb({ tsresol: 9, tsoffset: -100n });
    b.idb(); // default µs
    b.epb({ iface: 0, ts: 1_234_567n, data: eth });
    b.epb({ iface: 1, ts: (77n << 20n) | (1n << 19n), data: eth });
    b.epb({ iface: 2, ts: 700_000_001n, data: eth });
    b.epb({ iface: 3, ts: 1_000_000_000_500n, data: eth });
    b.epb({ iface: 4, ts: 1_700_000_000_123_456n, data: eth });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.interfaces.map((i) => [i.tsresolBase, i.tsresolExponent, i.tsOffset]),
      [[10, 3, 0], [2, 20, 0], [10, 6, 1_000_000_000], [10, 9, -100], [10, 6, 0]]);
    assert.deepEqual(r.records.map((p) => [p.tsSec, p.tsNsec]), [
      [1234, 567_000_000],
      [77, 500_000_000],
      [1_000_000_700, 1000],
      [900, 500],
      [1_700_000_000, 123_456_000],
    ]);
  });

  it('reads the Simple Packet Block: interface 0, caplen = min(wirelen, block, snaplen), no timestamp', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ linktype: 1, snaplen: 40 });
    const data = filler(61);
    const at = b.spb({ data, wirelen: 61 });
    const b2 = new PcapngBuilder();
    b2.shb();
    b2.idb({ linktype: 1, snaplen: eth.length });
    b2.spb({ data: eth, wirelen: eth.length + 100 }); // cut by the snaplen (54; the block is padded to 56)
    b2.spb({ data: filler(50), wirelen: 50 });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.records.map((p) => [p.frame, p.iface, p.offset, p.caplen, p.wirelen, p.tsSec, p.tsNsec, p.data]),
      [[1, 0, at, 40, 61, 0, 0, hex(data.subarray(0, 40))]]);
    const r2 = parse(b2.bytes());
    assert.deepEqual(r2.diagnostics, []);
    assert.deepEqual(r2.records.map((p) => [p.caplen, p.wirelen]), [[eth.length, eth.length + 100], [50, 50]]);
    assert.equal(r2.records[0].data, hex(eth));
    assert.equal(r2.info.blockCounts.SPB, 2);
  });

  it('a Simple Packet Block before any IDB is skipped with a warning; reading goes on', () => {
    const b = new PcapngBuilder();
    b.shb();
    const at = b.spb({ data: eth });
    b.idb();
    b.epb({ data: eth });
    const r = parse(b.bytes());
    const d = one(r, 'pcapng.unknown-interface');
    assert.equal(d.offset, at);
    assert.equal(d.severity, 'warning');
    assert.equal(d.frame, undefined);
    assert.match(d.message, /packet block before the first frame: simple packet block refers to interface 0/);
    assert.equal(r.records.length, 1);
  });

  it('reads the obsolete Packet Block (type 2)', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ linktype: 1 });
    b.idb({ linktype: 101, tsresol: 9 });
    const at = b.pb({ iface: 1, drops: 3, ts: 1_600_000_000_000_000_007n, data: raw, wirelen: raw.length + 4 });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.info.blockCounts.PB, 1);
    assert.deepEqual(r.records.map((p) => [p.frame, p.iface, p.linktype, p.offset, p.tsSec, p.tsNsec, p.caplen, p.wirelen, p.data]),
      [[1, 1, 101, at, 1_600_000_000, 7, raw.length, raw.length + 4, hex(raw)]]);
  });

  it('keeps Name Resolution Block names (IPv4 and IPv6, several names per address)', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.nrb([
      { type: 1, address: [127, 0, 0, 1], names: ['localhost', 'lo.example'] },
      { type: 2, address: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], names: ['v6.example'] },
      { type: 9, address: [1, 2, 3], names: ['ignored-unknown-record'] },
    ], [opt(1, 'nrb comment')]);
    b.idb();
    b.epb({ data: eth });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.info.names, [
      { address: '127.0.0.1', names: ['localhost', 'lo.example'] },
      { address: '2001:db8::1', names: ['v6.example'] },
    ]);
    assert.equal(r.records.length, 1);
  });

  it('a Name Resolution record running past its block is a warning; the rest of the file is read', () => {
    const b = new PcapngBuilder();
    b.shb();
    // record type 1, length 200, only 8 bytes of value follow
    const body = Uint8Array.from([1, 0, 200, 0, 127, 0, 0, 1, 0x61, 0, 0, 0]);
    const at = b.block(BT.NRB, body);
    b.idb();
    b.epb({ data: eth });
    const r = parse(b.bytes());
    const d = one(r, 'pcapng.nrb-record');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, at);
    assert.match(d.message, /runs past its block/);
    assert.equal(r.records.length, 1);
  });

  it('reads Interface Statistics Blocks (received/dropped, timestamp with the interface resolution)', () => {
    const b = new PcapngBuilder();
    b.shb({ le: false });
    b.idb({ tsresol: 9 });
    b.epb({ data: eth, ts: 1n });
    b.isb({ iface: 0, ts: 1_795_589_331_632_393_123n, received: 12_345_678_901_234n, dropped: 7n });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.info.interfaceStats, { 0: { received: '12345678901234', dropped: '7', tsSec: 1795589331 } });
    assert.equal(r.info.blockCounts.ISB, 1);
  });

  it('skips DSB, custom and unknown blocks by their length (counting them)', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb();
    b.block(BT.DSB, filler(37));
    b.block(BT.CUSTOM, [0, 0, 0x7e, 0x3e, ...filler(10)]);
    b.block(BT.CUSTOM_NOCOPY, [0, 0, 0x7e, 0x3e]);
    b.block(0x00000bee, filler(5));
    b.block(0x80001234, []);
    b.block(7, filler(4)); // IRIG timestamp block
    const at = b.epb({ data: eth });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.records.length, 1);
    assert.equal(r.records[0].offset, at);
    assert.equal(r.records[0].frame, 1);
    assert.equal(r.info.blockCounts.DSB, 1);
    assert.equal(r.info.blockCounts.custom, 2);
    assert.equal(r.info.blockCounts['type 0x00000bee'], 1);
    assert.equal(r.info.blockCounts['type 0x80001234'], 1);
    assert.equal(r.info.blockCounts.IRIG, 1);
  });

  it('opt_comment per packet (several joined by newlines), epb_flags, and nothing leaking to the next packet', () => {
    const b = new PcapngBuilder();
    b.shb({ comments: ['whole file'] });
    b.idb();
    b.epb({ data: eth, comments: ['first packet'], flags: 0x00000001 });
    b.epb({ data: eth, comments: ['line one', 'line two'] });
    b.epb({ data: eth });
    b.epb({ data: filler(5), comments: ['ünïcødé ✓'] }); // data not a multiple of 4: options after padding
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.records.map((p) => [p.comment, p.epbFlags]), [
      ['first packet', 1], ['line one\nline two', 0], [null, 0], ['ünïcødé ✓', 0],
    ]);
    assert.deepEqual(r.info.comments, ['whole file']);
  });

  it('unknown options are skipped; an option running past its block is a warning', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ options: [opt(200, filler(3)), opt(2, 'eth0')] });
    const body = new Uint8Array(20 + eth.length + 8);
    const dv = new DataView(body.buffer);
    dv.setUint32(12, eth.length, true);
    dv.setUint32(16, eth.length, true);
    body.set(eth, 20);
    const optAt = 20 + ((eth.length + 3) & ~3);
    dv.setUint16(optAt, 1, true);
    dv.setUint16(optAt + 2, 400, true); // comment of 400 bytes: past the block
    const at = b.block(BT.EPB, body);
    const r = parse(b.bytes());
    assert.equal(r.interfaces[0].name, 'eth0');
    const d = one(r, 'pcapng.option-length');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, at);
    assert.match(d.message, /option 1 .* claims 400 bytes, past the block's end/);
    assert.equal(r.records.length, 1);
    assert.equal(r.records[0].comment, null);
  });

  it('if_fcslen is kept', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ fcslen: 4 });
    assert.equal(parse(b.bytes()).interfaces[0].fcsLength, 4);
  });

  it('wirelen < caplen is a warning naming the frame; caplen over the interface snaplen is a warning', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ snaplen: 20 });
    const at = b.epb({ data: eth, wirelen: 5 });
    const r = parse(b.bytes());
    const w = one(r, 'pcapng.wirelen-short');
    assert.deepEqual([w.severity, w.offset, w.frame], ['warning', at, 1]);
    assert.match(w.message, /original length 5 is smaller than the captured length/);
    const s = one(r, 'pcapng.caplen-over-snaplen');
    assert.deepEqual([s.severity, s.offset, s.frame], ['warning', at, 1]);
    assert.match(s.message, /larger than interface 0's snapshot length 20/);
    assert.equal(r.records[0].wirelen, eth.length);
  });

  it('a section of an unusual version is read with a warning at the version field', () => {
    const b = new PcapngBuilder();
    b.shb();
    const s1 = b.shb({ versionMajor: 2, versionMinor: 7 });
    b.idb();
    b.epb({ data: eth });
    const r = parse(b.bytes());
    const d = one(r, 'pcapng.version');
    assert.equal(d.severity, 'warning');
    assert.equal(d.offset, s1 + 12);
    assert.match(d.message, /version 2\.7/);
    assert.equal(r.records.length, 1);
  });

  it('interfaces of an earlier section are not visible in the next one', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb();
    b.shb();
    const at = b.epb({ iface: 0, data: eth });
    const r = parse(b.bytes());
    const d = one(r, 'pcapng.unknown-interface');
    assert.equal(d.offset, at);
    assert.equal(d.frame, undefined);
    assert.match(d.message, /interface 0, but section 1 describes only 0/);
    assert.equal(r.records.length, 0);
    assert.equal(withCode(r, 'pcapng.unknown-interface').length, 1);
  });

  it('PcapngParser can be used directly', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb();
    b.epb({ data: eth });
    const r = parse(b.bytes(), { make: (s) => new PcapngParser(s) });
    assert.equal(r.records.length, 1);
  });
});
