/**
 * Chunking independence: the same bytes pushed whole or in chunks of any size give the same
 * records, diagnostics and info (the framer's carry logic for units straddling chunks).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ethIpv4Tcp, filler, PcapBuilder, PcapngBuilder } from './helpers/build';
import { captureFixtures } from './helpers/fixtures';
import { parse, parseStream, type RunResult } from './helpers/run';
import { bigRecordSample, pcapngSample, pcapSample } from './helpers/samples';

function damaged(): Array<[string, Uint8Array]> {
  const p = pcapSample(true, false);
  const ng = pcapngSample();
  const lieTrailer = Uint8Array.from(ng);
  lieTrailer[ng.length - 1] ^= 0x40; // last block's trailing length
  const b = new PcapngBuilder();
  b.shb();
  b.idb();
  b.epb({ data: ethIpv4Tcp() });
  b.raw([6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  b.epb({ data: ethIpv4Tcp() });
  const zeroLen = b.bytes();
  return [
    ['pcap cut in a record', p.subarray(0, p.length - 30)],
    ['pcap cut in a record header', p.subarray(0, 24 + 16 + 100 + 5)],
    ['pcap cut in the file header', p.subarray(0, 13)],
    ['pcapng cut in a block', ng.subarray(0, ng.length - 7)],
    ['pcapng lying trailer', lieTrailer],
    ['pcapng zero-length block', zeroLen],
    ['garbage', filler(333, 9)],
  ];
}

function assertSame(got: RunResult, want: RunResult, what: string): void {
  assert.deepEqual(got.records, want.records, `${what}: records`);
  assert.deepEqual(got.diagnostics, want.diagnostics, `${what}: diagnostics`);
  assert.deepEqual(got.interfaces, want.interfaces, `${what}: interfaces`);
  assert.deepEqual(got.sections, want.sections, `${what}: sections`);
  // bytesRead after a fatal error counts the bytes pushed until the chunk that held the
  // error (the framer ignores later pushes), so it depends on the chunking; not compared then.
  const norm = (r: RunResult) => (r.info.stopped ? { ...r.info, bytesRead: -1 } : r.info);
  assert.deepEqual(norm(got), norm(want), `${what}: info`);
}

const SIZES: Array<number | number[]> = [1, 2, 3, 7, 13, 4096, [1, 15, 2, 64, 3, 1000], [24, 16]];

describe('chunking independence', () => {
  const samples: Array<[string, Uint8Array]> = [
    ['pcap µs LE', pcapSample(true, false)],
    ['pcap ns BE', pcapSample(false, true)],
    ['pcap µs BE', pcapSample(false, false)],
    ['pcapng two sections, mixed byte order, all block types', pcapngSample()],
    ['pcap with a 200 kB record', bigRecordSample()],
    ...damaged(),
  ];

  for (const [name, bytes] of samples) {
    it(`${name}: chunks of 1, 7, 4096, … give what the whole file gives`, () => {
      const want = parse(bytes);
      if (!name.startsWith('garbage') && !name.includes('file header')) assert.ok(want.records.length > 0, 'sample has records');
      for (const size of SIZES) assertSame(parse(bytes, { chunk: size }), want, `${name}, chunk ${JSON.stringify(size)}`);
    });
  }

  it('the sample with every block type decodes as intended', () => {
    const r = parse(pcapngSample());
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.records.length, 14);
    assert.deepEqual(r.records.map((x) => x.iface), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 2]);
    assert.deepEqual(r.records.map((x) => x.linktype).slice(9), [1, 0, 1, 0, 1]);
    assert.equal(r.records[13].comment, 'tiny');
    assert.equal(r.records[1].comment, 'odd');
    assert.equal(r.records[3].epbFlags, 3);
    assert.equal(r.records[12].tsSec, 107);
  });

  it('the big record comes out whole from a carry that had to grow', () => {
    const r = parse(bigRecordSample(), { chunk: 4096 });
    assert.equal(r.records.length, 3);
    assert.equal(r.records[1].caplen, 200_000);
    assert.equal(r.records[1].data, Buffer.from(filler(200_000, 3)).toString('hex'));
  });

  it('readCaptureStream gives the same as the synchronous parser for any chunk size', async () => {
    for (const [name, bytes] of samples) {
      const want = parse(bytes);
      for (const size of [1, 7, 4096]) {
        const got = await parseStream(bytes, size);
        assert.deepEqual(got.records, want.records, name);
        assert.deepEqual(got.diagnostics, want.diagnostics, name);
      }
    }
  });

  it('the committed fixtures: chunks of 1, 7, 4096 and whole agree', function () {
    const fixtures = captureFixtures();
    if (fixtures.length === 0) this.skip();
    for (const f of fixtures) {
      const want = parse(f.bytes);
      assert.ok(want.records.length > 0, f.name);
      assert.deepEqual(want.diagnostics.filter((d) => d.severity === 'error'), [], f.name);
      for (const size of [1, 7, 4096]) assertSame(parse(f.bytes, { chunk: size }), want, `${f.name}, chunk ${size}`);
    }
  });

  // After a fatal error the framer ignores further pushes, so `streamOffset` — used for
  // info.bytesRead and for the offset of the 'diagnostics.suppressed' summary written by end() —
  // is the number of bytes pushed up to the chunk holding the error: it depends on the chunking.
  // (pcap.ts end(): this.diag.flushSuppressed(this.streamOffset); pcapng.ts likewise.)
  it('the suppressed-diagnostics summary after a fatal error does not depend on the chunking', () => {
    const b = new PcapBuilder({ snaplen: 10 });
    for (let i = 0; i < 60; i++) b.record({ data: ethIpv4Tcp() });
    b.record({ data: ethIpv4Tcp(), caplen: 0x7fffffff });
    for (let i = 0; i < 60; i++) b.record({ data: ethIpv4Tcp() });
    const bytes = b.bytes();
    const whole = parse(bytes).diagnostics.find((d) => d.code === 'diagnostics.suppressed');
    const chunked = parse(bytes, { chunk: 1024 }).diagnostics.find((d) => d.code === 'diagnostics.suppressed');
    assert.ok(whole && chunked);
    assert.equal(chunked.offset, whole.offset);
  });

  it('random chunk boundaries (property)', () => {
    const inputs = samples.map(([, b]) => b).filter((b) => b.length < 10_000);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: inputs.length - 1 }),
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }),
      (i, sizes) => {
        const want = parse(inputs[i]);
        assertSame(parse(inputs[i], { chunk: sizes }), want, `sample ${i}, sizes ${sizes}`);
      },
    ), { numRuns: 300 });
  });
});
