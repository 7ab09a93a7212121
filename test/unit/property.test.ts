/**
 * Property: random damage to real captures (built ones and the committed fixtures) never makes
 * the core throw or hang, and every record lying wholly before the first damaged byte is
 * delivered exactly as in the undamaged file (bytes, timestamps, frame numbers, decoding).
 *
 * The readers run in a worker thread with a deadline (helpers/guard.ts), so a parser that
 * loops forever fails the test instead of freezing mocha.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  layerString, PacketDecoder, packetOptions, problemList, sourceAddress, destinationAddress,
  type Diagnostic, type PacketRecord,
} from '../../src/core';
import { conversation, ethernet, ipv4, ipv6, ipv6FragmentHeader, ipv6OptionsHeader, nullHeader, ppp, sll, sll2, tcp } from './helpers/build';
import { captureFixtures } from './helpers/fixtures';
import { GuardedParser } from './helpers/guard';
import { parse, parseStream, type RecordSnapshot, type RunResult } from './helpers/run';
import { bigRecordSample, layout, pcapngSample, pcapSample, type Unit } from './helpers/samples';

type Mutation =
  | { kind: 'flip'; pos: number; xor: number }
  | { kind: 'truncate'; pos: number }
  | { kind: 'insert'; pos: number; bytes: Uint8Array }
  | { kind: 'delete'; pos: number; count: number }
  | { kind: 'lie'; field: number; value: number; le: boolean };

interface Seed {
  name: string;
  bytes: Uint8Array;
  units: Unit[];
  lengthFields: number[];
  baseline: RunResult;
}

function seed(name: string, bytes: Uint8Array): Seed {
  const units = layout(bytes);
  const baseline = parse(bytes, { decode: true });
  return { name, bytes, units, lengthFields: units.flatMap((u) => u.lengthFields), baseline };
}

/** Applies the mutations in order; returns the damaged bytes and the first byte that differs. */
function mutate(bytes: Uint8Array, ms: Mutation[]): { out: Uint8Array; first: number } {
  let out = Uint8Array.from(bytes);
  let first = Infinity;
  for (const m of ms) {
    const len = out.length;
    switch (m.kind) {
      case 'flip': {
        if (len === 0) break;
        const p = m.pos % len;
        out[p] ^= m.xor;
        first = Math.min(first, p);
        break;
      }
      case 'truncate': {
        const p = m.pos % (len + 1);
        out = out.slice(0, p);
        if (p < len) first = Math.min(first, p);
        break;
      }
      case 'insert': {
        const p = m.pos % (len + 1);
        const n = new Uint8Array(len + m.bytes.length);
        n.set(out.subarray(0, p));
        n.set(m.bytes, p);
        n.set(out.subarray(p), p + m.bytes.length);
        out = n;
        first = Math.min(first, p);
        break;
      }
      case 'delete': {
        if (len === 0) break;
        const p = m.pos % len;
        const n = new Uint8Array(len - Math.min(m.count, len - p));
        n.set(out.subarray(0, p));
        n.set(out.subarray(p + m.count), p);
        out = n;
        first = Math.min(first, p);
        break;
      }
      case 'lie': {
        const p = m.field;
        if (p + 4 > len) break;
        const before = out.slice(p, p + 4);
        new DataView(out.buffer).setUint32(p, m.value >>> 0, m.le);
        for (let i = 0; i < 4; i++) if (out[p + i] !== before[i]) { first = Math.min(first, p + i); break; }
        break;
      }
    }
  }
  return { out, first };
}

function mutationArb(s: Seed): fc.Arbitrary<Mutation> {
  const pos = fc.nat({ max: 1 << 30 });
  const arbs: Array<fc.Arbitrary<Mutation>> = [
    fc.record({ kind: fc.constant('flip' as const), pos, xor: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), pos }),
    fc.record({ kind: fc.constant('insert' as const), pos, bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
    fc.record({ kind: fc.constant('delete' as const), pos, count: fc.integer({ min: 1, max: 80 }) }),
  ];
  if (s.lengthFields.length > 0) {
    arbs.push(fc.record({
      kind: fc.constant('lie' as const),
      field: fc.constantFrom(...s.lengthFields),
      value: fc.oneof(
        fc.constantFrom(0, 1, 3, 4, 8, 11, 12, 13, 16, 20, 24, 28, 64, 1500, 65535, 65536, 0x00ffffff, 0x7fffffff, 0xfffffff0, 0xffffffff),
        fc.nat(),
      ),
      le: fc.boolean(),
    }));
  }
  return fc.oneof(...arbs);
}

/** End (exclusive) of the unit holding each baseline record. */
function recordEnd(s: Seed, r: RecordSnapshot): number {
  const u = s.units.find((x) => x.offset === r.offset);
  assert.ok(u, `layout knows the unit of record ${r.frame} at ${r.offset}`);
  return u.offset + u.size;
}

/** WIRELANE_FUZZ_SCALE=20 npx mocha … runs 20× more cases (for a longer hunt). */
const SCALE = Math.max(1, Number(process.env.WIRELANE_FUZZ_SCALE ?? 1) || 1);

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** What must hold for any input at all. */
function assertSane(r: RunResult, input: Uint8Array): void {
  for (const d of r.diagnostics as Diagnostic[]) {
    assert.ok(SEVERITIES.has(d.severity), `severity ${d.severity}`);
    assert.equal(typeof d.code, 'string');
    assert.ok(d.message.length > 0, 'message');
    assert.ok(Number.isInteger(d.offset) && d.offset >= 0 && d.offset <= input.length, `diagnostic offset ${d.offset} within the ${input.length}-byte input: ${JSON.stringify(d)}`);
    if (d.frame !== undefined) assert.ok(Number.isInteger(d.frame) && d.frame >= 1, `frame ${d.frame}`);
  }
  let lastOffset = -1;
  r.records.forEach((rec, i) => {
    assert.equal(rec.frame, i + 1, 'frames are numbered 1, 2, 3, …');
    assert.ok(rec.offset > lastOffset && rec.offset + rec.caplen <= input.length, `record ${rec.frame} at ${rec.offset} inside the input`);
    lastOffset = rec.offset;
    assert.equal(rec.data.length, rec.caplen * 2);
    assert.ok(rec.wirelen >= rec.caplen);
    assert.ok(Number.isInteger(rec.tsNsec) && rec.tsNsec >= 0 && rec.tsNsec < 1e9, `tsNsec ${rec.tsNsec}`);
    assert.ok(Number.isFinite(rec.tsSec));
    assert.equal(typeof rec.decoded, 'string');
  });
  assert.equal(r.info.packets, r.records.length);
  if (r.info.stopped) assert.ok(r.diagnostics.some((d) => d.severity === 'error'), 'stopping is explained by an error');
}

/**
 * After a fatal error the offset of the 'diagnostics.suppressed' summary is the count of bytes
 * pushed so far, which depends on the chunking (see the skipped BUG test in chunking.test.ts);
 * it is not compared then.
 */
function comparable(r: RunResult): Diagnostic[] {
  return r.info.stopped
    ? r.diagnostics.map((d) => (d.code === 'diagnostics.suppressed' ? { ...d, offset: -1 } : d))
    : r.diagnostics;
}

function assertSameRun(a: RunResult, b: RunResult, what: string): void {
  assert.deepEqual(a.records, b.records, `${what}: records`);
  assert.deepEqual(comparable(a), comparable(b), `${what}: diagnostics`);
  assert.deepEqual(a.interfaces, b.interfaces, `${what}: interfaces`);
}

describe('property: random damage to real captures', function () {
  this.timeout(60_000 * SCALE);
  const guard = new GuardedParser();
  after(() => guard.close());

  const seeds: Seed[] = [
    seed('built pcap µs LE', pcapSample(true, false)),
    seed('built pcap ns BE', pcapSample(false, true)),
    seed('built pcapng (two sections, all block types)', pcapngSample()),
  ];
  for (const f of captureFixtures()) {
    if (f.bytes.length <= 40_000) seeds.push(seed(f.name, f.bytes));
  }

  it('the seeds are well-formed (no diagnostics, records found by the independent layout walk)', () => {
    for (const s of seeds) {
      assert.deepEqual(s.baseline.diagnostics.filter((d) => d.severity !== 'info'), [], s.name);
      assert.ok(s.baseline.records.length > 0, s.name);
      for (const r of s.baseline.records) recordEnd(s, r);
    }
    // the big-record sample is well-formed too (checked here; too slow to mutate thousands of times)
    assert.equal(parse(bigRecordSample()).diagnostics.length, 0);
  });

  for (const s of seeds) {
    it(`${s.name}: no throw, no hang, intact prefix decoded identically`, async () => {
      const runs = Math.round((s.bytes.length > 10_000 ? 150 : 400) * SCALE);
      await fc.assert(fc.asyncProperty(
        fc.array(mutationArb(s), { minLength: 1, maxLength: 3 }),
        fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(4096)),
        async (ms, chunk) => {
          const { out, first } = mutate(s.bytes, ms);
          const [whole, chunked] = await guard.parse(out, [undefined, chunk]);
          assertSane(whole, out);
          // damaged input is read the same whatever the chunking
          assertSameRun(chunked, whole, `chunk ${chunk}`);
          // every record wholly before the first damaged byte is delivered exactly as before
          const intact = s.baseline.records.filter((r) => recordEnd(s, r) <= first);
          assert.ok(whole.records.length >= intact.length,
            `${intact.length} intact records, ${whole.records.length} delivered (first damage at ${first}); diagnostics: ${JSON.stringify(whole.diagnostics)}`);
          assert.deepEqual(whole.records.slice(0, intact.length), intact);
        },
      ), { numRuns: runs });
    });
  }

  it('random bytes, and random bytes behind a valid magic, never throw or hang', async () => {
    const magics = [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x0a, 0x0d, 0x0d, 0x0a], []];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...magics), fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 1, max: 50 }),
      async (magic, rest, chunk) => {
        const bytes = Uint8Array.from([...magic, ...rest]);
        const [whole, chunked] = await guard.parse(bytes, [undefined, chunk]);
        assertSane(whole, bytes);
        assertSameRun(chunked, whole, `chunk ${chunk}`);
      },
    ), { numRuns: 1000 * SCALE });
  });

  it('damaged gzip streams never throw or hang (readCaptureStream)', async () => {
    const gzSeeds = [gzipSync(pcapSample()), gzipSync(pcapngSample()), ...captureFixtures({ gzip: true }).map((f) => f.bytes)];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...gzSeeds.map((_, i) => i)),
      fc.array(fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), pos: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
        fc.record({ kind: fc.constant('truncate' as const), pos: fc.nat() }),
        fc.record({ kind: fc.constant('delete' as const), pos: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
      ), { minLength: 1, maxLength: 2 }),
      fc.integer({ min: 2, max: 700 }),
      async (i, ms, chunk) => {
        const { out } = mutate(gzSeeds[i], ms as Mutation[]);
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`readCaptureStream hung on ${Buffer.from(out).toString('base64')}`)), 5000);
        });
        try {
          const r = await Promise.race([parseStream(out, chunk), deadline]);
          for (const d of r.diagnostics) {
            assert.ok(SEVERITIES.has(d.severity) && d.message.length > 0 && Number.isInteger(d.offset) && d.offset >= 0);
          }
          r.records.forEach((rec, k) => assert.equal(rec.frame, k + 1));
        } finally {
          clearTimeout(timer);
        }
      },
    ), { numRuns: 150 * SCALE });
  });
});

describe('property: the decoder on random and damaged frames', () => {
  const LINKTYPES = [0, 1, 7, 9, 12, 14, 50, 51, 101, 104, 108, 113, 129, 178, 228, 229, 276, 147];
  const templates: Uint8Array[] = [
    ...conversation(3), ...conversation(2, true),
    ethernet({ type: 0x0800, vlans: [{ tpid: 0x88a8, vid: 1 }, { vid: 2 }], payload: ipv4({ payload: tcp() }) }),
    ethernet({ type: 0x86dd, payload: ipv6({ next: 0, payload: [...ipv6OptionsHeader(44), ...ipv6FragmentHeader(6, 0, true), ...tcp()] }) }),
    ethernet({ type: 0x8847, payload: [0, 0, 0x11, 64, ...ipv4({ payload: tcp() })] }),
    ethernet({ type: 0x0800, payload: ipv4({ proto: 17, payload: [0x12, 0x34, 0x12, 0xb5, 0, 60, 0, 0, 8, 0, 0, 0, 0, 0, 1, 0, ...ethernet({ type: 0x0800, payload: ipv4({ payload: tcp() }) })] }) }),
    ethernet({ type: 0x0800, payload: ipv4({ proto: 47, payload: [0, 0, 0x08, 0x00, ...ipv4({ payload: tcp() })] }) }),
    sll(0x0800, ipv4({ payload: tcp() })), sll2(0x86dd, ipv6({ payload: tcp() })), nullHeader(30, ipv6({ payload: tcp() })),
    ppp(0x0021, ipv4({ payload: tcp() })),
  ];

  function decodeIn(linktype: number, frame: Uint8Array, base: number, caplen: number, wirelen: number, fill: number) {
    const buf = new Uint8Array(base + caplen + 80).fill(fill);
    buf.set(frame.subarray(0, caplen), base);
    const rec: PacketRecord = {
      frame: 1, tsSec: 0, tsNsec: 0, iface: 0, linktype, caplen, wirelen, data: buf, dataOffset: base, offset: 0,
      comment: null, epbFlags: 0,
    };
    const p = new PacketDecoder().decode(rec);
    const out = {
      layers: layerString(p), problems: problemList(p.problems).map((x) => x.code).join(','), ip: p.ipVersion, tcp: p.isTcp,
      tcpTruncated: p.tcpTruncated, ports: [p.sport, p.dport], seq: p.seq, ack: p.ack, flags: p.flags, len: p.payloadLength,
      cap: p.payloadCaptured, opts: p.isTcp && !p.tcpTruncated ? JSON.stringify(packetOptions(buf, p)) : '',
      addr: p.ipVersion ? `${sourceAddress(buf, p)} ${destinationAddress(buf, p)}` : '',
    };
    if (p.isTcp && !p.tcpTruncated) {
      assert.ok(p.payloadOffset >= base && p.payloadOffset <= base + Math.max(caplen, wirelen) + 60);
      assert.ok(p.payloadCaptured >= 0 && p.payloadCaptured <= caplen);
      assert.ok(p.optionsOffset + p.optionsLength <= base + caplen);
    }
    return out;
  }

  it('never throws and never reads outside data[dataOffset, dataOffset + caplen)', () => {
    fc.assert(fc.property(
      fc.constantFrom(...LINKTYPES),
      fc.oneof(
        fc.constantFrom(...templates).chain((t) => fc.tuple(fc.constant(t), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 6 }))
          .map(([f, flips]) => { const c = Uint8Array.from(f); for (const [i, x] of flips) c[i % c.length] ^= x; return c; })),
        fc.uint8Array({ maxLength: 200 }),
      ),
      fc.nat({ max: 40 }), fc.nat({ max: 300 }), fc.nat({ max: 70_000 }),
      (lt, frame, base, cut, extra) => {
        const caplen = Math.min(frame.length, cut);
        const wirelen = caplen + (extra % 3 === 0 ? 0 : extra);
        const a = decodeIn(lt, frame, base, caplen, wirelen, 0x00);
        const b = decodeIn(lt, frame, base + 3, caplen, wirelen, 0xff);
        assert.deepEqual(b, a);
      },
    ), { numRuns: 4000 * SCALE });
  });
});
