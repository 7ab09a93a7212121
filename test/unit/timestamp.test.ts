import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatEpoch, timestampToSecNsec } from '../../src/core';
import { ethIpv4Tcp, PcapBuilder, PcapngBuilder } from './helpers/build';
import { parse } from './helpers/run';

function conv(t: bigint, base: 10 | 2, exp: number): [number, number] {
  const out = { sec: -1, nsec: -1 };
  timestampToSecNsec(Number(t >> 32n), Number(t & 0xffffffffn), base, exp, out);
  return [out.sec, out.nsec];
}

/** Reference: exact BigInt arithmetic, nanoseconds truncated toward zero. */
function reference(t: bigint, base: 10 | 2, exp: number): [number, number] {
  const unit = base === 10 ? 10n ** BigInt(exp) : 1n << BigInt(exp);
  const sec = t / unit;
  return [Number(sec), Number(((t - sec * unit) * 1_000_000_000n) / unit)];
}

const frame = ethIpv4Tcp();

describe('timestamps', () => {
  it('a ns-resolution EPB timestamp beyond 2^53 converts exactly (1795589331632393123 ns)', () => {
    assert.deepEqual(conv(1795589331632393123n, 10, 9), [1795589331, 632393123]);
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ tsresol: 9 });
    b.epb({ ts: 1795589331632393123n, data: frame });
    b.epb({ ts: 0xffffffffffffffffn, data: frame });
    const r = parse(b.bytes());
    assert.deepEqual(r.records.map((p) => [p.tsSec, p.tsNsec]), [[1795589331, 632393123], [18446744073, 709551615]]);
  });

  it('µs, ms, s and 10^-9 resolutions (powers of 10)', () => {
    assert.deepEqual(conv(1_700_000_000_123_456n, 10, 6), [1_700_000_000, 123_456_000]);
    assert.deepEqual(conv(1_700_000_000_123n, 10, 3), [1_700_000_000, 123_000_000]);
    assert.deepEqual(conv(1_700_000_000n, 10, 0), [1_700_000_000, 0]);
    assert.deepEqual(conv(999_999_999n, 10, 9), [0, 999_999_999]);
    assert.deepEqual(conv(0n, 10, 9), [0, 0]);
    // hi ≥ 2^21: the limb-by-limb path
    assert.deepEqual(conv(0x0020_0000_0000_0001n, 10, 6), reference(0x0020_0000_0000_0001n, 10, 6));
  });

  it('finer than a nanosecond (10^-12) truncates to whole nanoseconds', () => {
    assert.deepEqual(conv(1_700_000_000_123_456_789_999n & 0xffffffffffffffffn, 10, 12),
      reference(1_700_000_000_123_456_789_999n & 0xffffffffffffffffn, 10, 12));
    assert.deepEqual(conv(5_000_000_000_001_999n, 10, 12), [5000, 1]);
  });

  it('powers of 2: 2^-20 (fast path), 2^-32 and 2^-30 (exact BigInt path)', () => {
    assert.deepEqual(conv((1234n << 20n) | (1n << 19n), 2, 20), [1234, 500_000_000]);
    assert.deepEqual(conv((1234n << 20n) | 1n, 2, 20), [1234, 953]); // 1e9 / 2^20 = 953.67…
    assert.deepEqual(conv((1_700_000_000n << 32n) | 0x80000000n, 2, 32), [1_700_000_000, 500_000_000]);
    assert.deepEqual(conv((1_700_000_000n << 32n) | 0x40000000n, 2, 32), [1_700_000_000, 250_000_000]);
    assert.deepEqual(conv((3n << 30n) | 1n, 2, 30), [3, 0]); // 0.93 ns → 0
    assert.deepEqual(conv(5n, 2, 0), [5, 0]);
  });

  it('agrees with exact BigInt arithmetic for any 64-bit value and resolution', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }),
      fc.constantFrom<10 | 2>(10, 2),
      fc.integer({ min: 0, max: 40 }),
      (t, base, exp) => {
        const [sec, nsec] = conv(t, base, exp);
        const [rs, rn] = reference(t, base, exp);
        assert.ok(nsec >= 0 && nsec <= 999_999_999 && Number.isInteger(nsec));
        if (rs <= Number.MAX_SAFE_INTEGER) {
          assert.equal(sec, rs);
          assert.equal(nsec, rn);
        }
      },
    ), { numRuns: 3000 });
  });

  it('if_tsresol 2^-k in a file', () => {
    const b = new PcapngBuilder();
    b.shb({ le: false });
    b.idb({ tsresol: 32, tsresolBase: 2 });
    b.idb({ tsresol: 10, tsresolBase: 2 });
    b.epb({ iface: 0, ts: (1_795_589_331n << 32n) | 0xc0000000n, data: frame });
    b.epb({ iface: 1, ts: (42n << 10n) | 512n, data: frame });
    const r = parse(b.bytes());
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.records.map((p) => [p.tsSec, p.tsNsec]), [[1_795_589_331, 750_000_000], [42, 500_000_000]]);
  });

  it('if_tsoffset is added to the seconds (negative too), also for ISB timestamps', () => {
    const b = new PcapngBuilder();
    b.shb();
    b.idb({ tsresol: 9, tsoffset: -1_000n });
    b.epb({ ts: 5_000_000_000_123n, data: frame });
    b.isb({ ts: 6_000_000_000_000n });
    const r = parse(b.bytes());
    assert.deepEqual(r.records.map((p) => [p.tsSec, p.tsNsec]), [[4_000, 123]]);
    assert.equal(r.info.interfaceStats[0].tsSec, 5_000);
  });

  it('pcap µs and ns records keep exact integer seconds and nanoseconds', () => {
    const us = new PcapBuilder();
    us.record({ tsSec: 0xffffffff, tsFrac: 999_999, data: frame });
    const ns = new PcapBuilder({ nano: true });
    ns.record({ tsSec: 1_795_589_331, tsFrac: 632_393_123, data: frame });
    assert.deepEqual(parse(us.bytes()).records.map((p) => [p.tsSec, p.tsNsec]), [[4294967295, 999_999_000]]);
    assert.deepEqual(parse(ns.bytes()).records.map((p) => [p.tsSec, p.tsNsec]), [[1_795_589_331, 632_393_123]]);
  });

  it('formatEpoch prints all nine digits', () => {
    assert.equal(formatEpoch(1795589331, 632393123), '1795589331.632393123');
    assert.equal(formatEpoch(1, 5), '1.000000005');
    assert.equal(formatEpoch(0, 0), '0.000000000');
    assert.equal(formatEpoch(12, 120_000_000), '12.120000000');
  });
});
