/**
 * Malformed files: every damage yields a diagnostic with the right severity, byte offset,
 * frame number (where one applies) and a message naming the problem; every packet before the
 * damage is still delivered; a capture cut short at the end is a warning, not a failure.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { PcapngParser, PcapParser, type Diagnostic } from '../../src/core';
import { BT, concat, ethIpv4Tcp, filler, hex, PcapBuilder, pcapHeader, PcapngBuilder, pcapngBlock, shb } from './helpers/build';
import { one, parse, parseStream, withCode, type RunResult } from './helpers/run';

const f1 = ethIpv4Tcp({ sport: 1001, dport: 80, payload: filler(10) });
const f2 = ethIpv4Tcp({ sport: 1002, dport: 80, payload: filler(20) });
const f3 = ethIpv4Tcp({ sport: 1003, dport: 80, payload: filler(30) });

function assertDiag(d: Diagnostic, severity: Diagnostic['severity'], offset: number, frame: number | undefined, message: RegExp): void {
  assert.equal(d.severity, severity, `severity of ${d.code}`);
  assert.equal(d.offset, offset, `offset of ${d.code}`);
  if (frame !== undefined) assert.equal(d.frame, frame, `frame of ${d.code}`);
  assert.match(d.message, message);
}

/** Only these diagnostic codes (and nothing else) were reported. */
function assertOnlyCodes(r: RunResult, codes: string[]): void {
  assert.deepEqual(r.diagnostics.map((d) => d.code).sort(), [...codes].sort(), JSON.stringify(r.diagnostics, null, 1));
}

/** pcap with records f1, f2 and whatever `then` appends; returns bytes and offsets. */
function pcapWith(then: (b: PcapBuilder) => void, spec = {}): { bytes: Uint8Array; offsets: number[] } {
  const b = new PcapBuilder(spec);
  b.record({ tsSec: 1, data: f1 });
  b.record({ tsSec: 2, data: f2 });
  then(b);
  return { bytes: b.bytes(), offsets: b.offsets };
}

function pcapngWith(then: (b: PcapngBuilder) => void, le = true): { bytes: Uint8Array; b: PcapngBuilder } {
  const b = new PcapngBuilder();
  b.shb({ le });
  b.idb({ linktype: 1 });
  b.epb({ ts: 1_000_000n, data: f1 });
  b.epb({ ts: 2_000_000n, data: f2 });
  then(b);
  return { bytes: b.bytes(), b };
}

function assertFirstTwo(r: RunResult): void {
  assert.deepEqual(r.records.slice(0, 2).map((x) => [x.frame, x.data]), [[1, hex(f1)], [2, hex(f2)]]);
}

describe('bad input: not a capture', () => {
  it('wrong magic: an error at offset 0 naming the magic; nothing delivered', () => {
    const r = parse(concat('GARBAGE!', filler(40)));
    assertOnlyCodes(r, ['capture.magic']);
    assertDiag(r.diagnostics[0], 'error', 0, undefined, /not a pcap or pcapng capture: magic 0x47415242 at offset 0/);
    assert.equal(r.records.length, 0);
    assert.equal(r.info.stopped, true);
    assert.equal(r.info.format, 'unknown');
  });

  it('wrong magic given to PcapParser directly', () => {
    const r = parse(concat([0xde, 0xad, 0xbe, 0xef], filler(40)), { make: (s) => new PcapParser(s) });
    assertOnlyCodes(r, ['pcap.magic']);
    assertDiag(r.diagnostics[0], 'error', 0, undefined, /not a pcap file: magic 0xdeadbeef/);
    assert.equal(r.info.stopped, true);
  });

  it('gzip data given to the plain (synchronous) parser is rejected with a hint', () => {
    const gz = gzipSync(pcapHeader());
    const r = parse(gz);
    assertOnlyCodes(r, ['capture.magic']);
    assertDiag(r.diagnostics[0], 'error', 0, undefined, /gzip-compressed data given to the plain parser/);
  });

  for (const n of [0, 1, 3]) {
    it(`a ${n}-byte file is too short to be a capture`, () => {
      const r = parse(filler(n));
      assertOnlyCodes(r, ['capture.too-short']);
      assertDiag(r.diagnostics[0], 'error', 0, undefined, new RegExp(`file is ${n} byte\\(s\\) long: too short`));
      assert.equal(r.info.stopped, true);
    });
  }

  it('an empty stream through readCaptureStream is reported the same way', async () => {
    const r = await parseStream(new Uint8Array(0));
    assertOnlyCodes(r, ['capture.too-short']);
    assert.equal(r.diagnostics[0].severity, 'error');
  });
});

describe('bad input: pcap', () => {
  for (const n of [4, 10, 23]) {
    it(`truncated file header (${n} of 24 bytes): an error at offset 0`, () => {
      const r = parse(pcapHeader().subarray(0, n));
      assertOnlyCodes(r, ['pcap.truncated-header']);
      assertDiag(r.diagnostics[0], 'error', 0, undefined, new RegExp(`file ends after ${n} bytes, inside the 24-byte pcap file header`));
      assert.equal(r.info.stopped, true);
      assert.equal(r.records.length, 0);
    });
  }

  it('caplen larger than the snaplen: a warning with offset and frame; the packet is still delivered', () => {
    const { bytes, offsets } = pcapWith((b) => b.record({ tsSec: 3, data: f3 }), { snaplen: 80 });
    const r = parse(bytes);
    const ds = withCode(r, 'pcap.caplen-over-snaplen');
    assert.equal(ds.length, 1);
    assertDiag(ds[0], 'warning', offsets[2], 3, new RegExp(`frame 3: captured length ${f3.length} is larger than the file's snapshot length 80`));
    assert.equal(r.records.length, 3);
    assert.equal(r.info.stopped, false);
  });

  it('caplen larger than the rest of the file (a killed capture): a warning naming the frame; earlier packets delivered', () => {
    const { bytes, offsets } = pcapWith((b) => b.record({ tsSec: 3, data: f3 }));
    const cut = bytes.subarray(0, bytes.length - 20);
    const r = parse(cut);
    assertOnlyCodes(r, ['pcap.truncated-record']);
    assertDiag(r.diagnostics[0], 'warning', offsets[2], 3,
      new RegExp(`frame 3 is cut short at the end of the file \\(its record header claims ${f3.length} captured bytes but only ${f3.length - 20} follow\\)`));
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
    assert.equal(r.info.stopped, false);
    assert.equal(r.info.bytesRead, cut.length);
  });

  it('a record header cut short at the end of the file: a warning', () => {
    const { bytes, offsets } = pcapWith((b) => b.record({ tsSec: 3, data: f3 }));
    const r = parse(bytes.subarray(0, offsets[2] + 7));
    assertOnlyCodes(r, ['pcap.truncated-record']);
    assertDiag(r.diagnostics[0], 'warning', offsets[2], 3, /frame 3 .*only 7 of its 16-byte record header is present/);
    assertFirstTwo(r);
  });

  it('a lying caplen in the middle swallows the rest: a truncated-record warning at that record', () => {
    const { bytes, offsets } = pcapWith((b) => {
      b.record({ tsSec: 3, data: f3, caplen: 10_000 });
      b.record({ tsSec: 4, data: f1 });
    });
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcap.truncated-record']);
    assertDiag(r.diagnostics[0], 'warning', offsets[2], 3, /claims 10000 captured bytes/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
  });

  it('a bogus caplen (over the 64 MiB limit) stops reading with an error naming offset and frame', () => {
    const { bytes, offsets } = pcapWith((b) => {
      b.record({ tsSec: 3, data: f3, caplen: 0x7fffffff });
      b.record({ tsSec: 4, data: f1 });
    });
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcap.caplen-bogus']);
    assertDiag(r.diagnostics[0], 'error', offsets[2], 3, /captured length of 2147483647 bytes \(over the 67108864-byte limit\)/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
    assert.equal(r.info.stopped, true);
  });

  it('a million identical warnings are capped: 50 shown, then one info line with the count', () => {
    const b = new PcapBuilder({ snaplen: 10 });
    for (let i = 0; i < 60; i++) b.record({ data: f1 });
    const bytes = b.bytes();
    const r = parse(bytes);
    assert.equal(withCode(r, 'pcap.caplen-over-snaplen').length, 50);
    const s = one(r, 'diagnostics.suppressed');
    assertDiag(s, 'info', bytes.length, undefined, /10 more "pcap.caplen-over-snaplen" diagnostics not shown \(60 in all\)/);
    assert.equal(r.records.length, 60);
  });
});

describe('bad input: pcapng', () => {
  it('wrong byte-order magic in the first SHB: an error at the magic (offset 8)', () => {
    const r = parse(shb({ bom: 0x11223344 }));
    assertOnlyCodes(r, ['pcapng.byte-order-magic']);
    assertDiag(r.diagnostics[0], 'error', 8, undefined, /byte-order magic 0x11223344, expected 0x1a2b3c4d/);
    assert.equal(r.info.stopped, true);
  });

  it('wrong byte-order magic in a later SHB: packets before it are delivered', () => {
    let shbAt = -1;
    const { bytes } = pcapngWith((x) => { shbAt = x.raw(shb({ bom: 0 })); x.idb(); x.epb({ data: f3 }); });
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.byte-order-magic']);
    assertDiag(r.diagnostics[0], 'error', shbAt + 8, undefined, /byte-order magic 0x00000000/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
  });

  it('a file whose first block is not an SHB (PcapngParser used directly)', () => {
    const r = parse(pcapngBlock(BT.IDB, filler(8)), { make: (s) => new PcapngParser(s) });
    assertOnlyCodes(r, ['pcapng.no-section']);
    assertDiag(r.diagnostics[0], 'error', 0, undefined, /first block \(type 0x00000001\) is not a section header block/);
  });

  it('an empty stream given to PcapngParser directly', () => {
    const r = parse(new Uint8Array(0), { make: (s) => new PcapngParser(s) });
    assertOnlyCodes(r, ['pcapng.empty']);
    assertDiag(r.diagnostics[0], 'error', 0, undefined, /no section header block/);
  });

  it('a zero-length block: an error at its length field; packets before it delivered; reading stops', () => {
    let at = -1;
    const { bytes } = pcapngWith((x) => { at = x.raw([6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]); x.epb({ data: f3 }); });
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.block-length']);
    assertDiag(r.diagnostics[0], 'error', at + 4, undefined, /EPB block has total length 0; a block is at least 12 bytes and a multiple of 4/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
    assert.equal(r.info.stopped, true);
  });

  for (const len of [8, 30, 13]) {
    it(`a block length of ${len} (too short or not a multiple of 4) is an error`, () => {
      const { bytes, b } = pcapngWith((x) => x.block(BT.EPB, filler(40), { totalLength: len }));
      const at = b.offsets[b.offsets.length - 1];
      const r = parse(bytes);
      assertOnlyCodes(r, ['pcapng.block-length']);
      assertDiag(r.diagnostics[0], 'error', at + 4, undefined, new RegExp(`EPB block has total length ${len}`));
      assertFirstTwo(r);
    });
  }

  it('a block claiming more than 64 MiB is an error (memory stays bounded)', () => {
    const { bytes, b } = pcapngWith((x) => x.block(BT.EPB, filler(40), { totalLength: 0x7ffffff0 }));
    const at = b.offsets[b.offsets.length - 1];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.block-too-large']);
    assertDiag(r.diagnostics[0], 'error', at + 4, undefined, /EPB block claims 2147483632 bytes \(over the 67108864-byte limit\)/);
    assertFirstTwo(r);
  });

  it('leading and trailing lengths disagree: an error at the trailing length', () => {
    const { bytes, b } = pcapngWith((x) => { x.epb({ data: f3, trailerLength: 1234 }); x.epb({ data: f1 }); });
    const at = b.offsets[4];
    const size = b.offsets[5] - at;
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.block-length-mismatch']);
    assertDiag(r.diagnostics[0], 'error', at + size - 4, undefined,
      new RegExp(`EPB block at offset ${at}: leading length ${size} and trailing length 1234 disagree`));
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
    assert.equal(r.info.stopped, true);
  });

  it('a leading length that lies small: the trailer is looked for in the wrong place, an error', () => {
    const { bytes, b } = pcapngWith((x) => { x.epb({ data: f3, totalLength: 44 }); x.epb({ data: f1 }); });
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.block-length-mismatch']);
    assertDiag(r.diagnostics[0], 'error', at + 40, undefined, /leading length 44 and trailing length \d+ disagree/);
    assertFirstTwo(r);
  });

  it('a leading length that lies big (past the end of the file): a truncated-block warning', () => {
    const { bytes, b } = pcapngWith((x) => x.epb({ data: f3, totalLength: 4000 }));
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.truncated-block']);
    assertDiag(r.diagnostics[0], 'warning', at, 3, new RegExp(`EPB block claims 4000 bytes but only ${bytes.length - at} remain`));
    assertFirstTwo(r);
    assert.equal(r.info.stopped, false);
  });

  it('a last EPB cut short (a killed capture): a warning, not a failure', () => {
    const { bytes, b } = pcapngWith((x) => x.epb({ data: f3 }));
    const at = b.offsets[4];
    const r = parse(bytes.subarray(0, bytes.length - 9));
    assertOnlyCodes(r, ['pcapng.truncated-block']);
    assertDiag(r.diagnostics[0], 'warning', at, 3, /the file ends inside a block \(EPB block claims \d+ bytes but only \d+ remain\); the capture was probably interrupted/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 2);
    assert.equal(r.info.stopped, false);
  });

  it('the file ends inside a block header', () => {
    const { bytes, b } = pcapngWith((x) => x.epb({ data: f3 }));
    const at = b.offsets[4];
    const r = parse(bytes.subarray(0, at + 5));
    assertOnlyCodes(r, ['pcapng.truncated-block']);
    assertDiag(r.diagnostics[0], 'warning', at, 3, /only 5 bytes of a block header remain/);
    assertFirstTwo(r);
  });

  it('an EPB whose caplen runs past its block: the packet is skipped with a diagnostic; reading goes on', () => {
    const { bytes, b } = pcapngWith((x) => { x.epb({ data: f3, caplen: 500 }); x.epb({ data: f1, ts: 9_000_000n }); });
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.caplen-past-block']);
    assertDiag(r.diagnostics[0], 'warning', at, undefined, /packet block after frame 2: captured length 500 runs past the end of its \d+-byte block; packet skipped/);
    assertFirstTwo(r);
    assert.equal(r.records.length, 3);
    assert.equal(r.records[2].tsSec, 9);
    assert.equal(r.info.stopped, false);
  });

  it('an obsolete PB whose caplen runs past its block: skipped with a diagnostic', () => {
    const { bytes, b } = pcapngWith((x) => x.pb({ data: f3, caplen: 999 }));
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.caplen-past-block']);
    assertDiag(r.diagnostics[0], 'warning', at, undefined, /packet block after frame 2: captured length 999 runs past the end of its block/);
    assertFirstTwo(r);
  });

  it('an EPB too short for its fixed fields is skipped with a diagnostic', () => {
    const { bytes, b } = pcapngWith((x) => { x.block(BT.EPB, filler(8)); x.epb({ data: f3 }); });
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.epb-short']);
    assertDiag(r.diagnostics[0], 'warning', at, undefined, /packet block after frame 2: enhanced packet block too short for its fixed fields/);
    assert.equal(r.records.length, 3);
  });

  it('an EPB on an interface the section does not describe is skipped with a diagnostic', () => {
    const { bytes, b } = pcapngWith((x) => { x.epb({ iface: 7, data: f3 }); x.epb({ data: f3 }); });
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.unknown-interface']);
    assertDiag(r.diagnostics[0], 'warning', at, undefined, /packet block after frame 2: enhanced packet block refers to interface 7, but section 0 describes only 1/);
    assert.equal(r.records.length, 3);
  });

  it('an IDB too short for its fixed fields is skipped with a warning', () => {
    const b = new PcapngBuilder();
    b.shb();
    const at = b.block(BT.IDB, [1, 0, 0, 0]);
    const r = parse(b.bytes());
    assertOnlyCodes(r, ['pcapng.idb-short']);
    assertDiag(r.diagnostics[0], 'warning', at, undefined, /interface description block is shorter than its fixed fields/);
    assert.equal(r.interfaces.length, 0);
  });

  it('an SHB too short for its fixed fields: warnings, no crash', () => {
    const block = pcapngBlock(BT.SHB, [0x4d, 0x3c, 0x2b, 0x1a]);
    const r = parse(block);
    const d = one(r, 'pcapng.shb-short');
    assertDiag(d, 'warning', 0, undefined, /section header block is shorter than its fixed fields/);
  });

  it('big-endian sections get the same checks (lying trailer in a BE section)', () => {
    const { bytes, b } = pcapngWith((x) => x.epb({ data: f3, trailerLength: 8 }), false);
    const at = b.offsets[4];
    const r = parse(bytes);
    assertOnlyCodes(r, ['pcapng.block-length-mismatch']);
    assert.equal(r.diagnostics[0].offset, b.length - 4);
    assert.ok(r.diagnostics[0].message.includes(`at offset ${at}`));
    assertFirstTwo(r);
  });

  // ---------------------------------------------------------------- gaps vs the acceptance text
  // The acceptance text asks every malformed-file diagnostic to name "the byte offset, the
  // packet number and the problem". pcap's fatal errors carry `frame` (the record that would
  // have been next); pcapng's fatal errors (PcapngParser.fail) carry none.
  it('fatal pcapng diagnostics (zero-length block, bad lengths, lying trailer) carry the frame number', () => {
    const cases: Array<[string, (x: PcapngBuilder) => void]> = [
      ['pcapng.block-length', (x) => x.raw([6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
      ['pcapng.block-too-large', (x) => x.block(BT.EPB, filler(40), { totalLength: 0x7ffffff0 })],
      ['pcapng.block-length-mismatch', (x) => x.epb({ data: f3, trailerLength: 1234 })],
      ['pcapng.byte-order-magic', (x) => x.raw(shb({ bom: 0 }))],
    ];
    for (const [code, damage] of cases) {
      const r = parse(pcapngWith(damage).bytes);
      assert.equal(one(r, code).frame, 3, code);
    }
  });

  // Severity's contract (capture/types.ts): "`error` stops reading". These three are 'error'
  // but reading goes on (the CLI's `info` then says "Complete: no (reading stopped at an
  // error)"), and the skipped packet's frame number is given to the next packet too.
  it('skipped-packet diagnostics that do not stop reading are warnings', () => {
    for (const damage of [
      (x: PcapngBuilder) => x.epb({ data: f3, caplen: 500 }),
      (x: PcapngBuilder) => x.epb({ iface: 7, data: f3 }),
      (x: PcapngBuilder) => x.block(BT.EPB, filler(8)),
    ]) {
      const r = parse(pcapngWith((x) => { damage(x); x.epb({ data: f1 }); }).bytes);
      assert.equal(r.info.stopped, false);
      assert.equal(r.diagnostics[0].severity, 'warning', r.diagnostics[0].code);
    }
  });

  // A pcapng file cut inside its very first SHB holds no capture at all; pcap reports the same
  // situation (pcap.truncated-header) as an error, pcapng as a "killed capture" warning naming
  // frame 1, and `wirelane info` then calls the file readable.
  it('a pcapng file cut inside its first SHB is an error like a truncated pcap header', () => {
    for (const n of [6, 20]) {
      const r = parse(shb().subarray(0, n));
      assert.equal(r.diagnostics.length, 1);
      assert.equal(r.diagnostics[0].severity, 'error');
      assert.equal(r.diagnostics[0].frame, undefined);
    }
  });
});
