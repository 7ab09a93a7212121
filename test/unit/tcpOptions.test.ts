import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeTcpOptions, mptcpSubtypeName, OptBit, PacketDecoder, packetOptions, Problem, type PacketRecord } from '../../src/core';
import { ethIpv4Tcp, options, tcpOpt } from './helpers/build';

const dec = (bytes: number[] | Uint8Array) => {
  const b = Uint8Array.from(bytes);
  return decodeTcpOptions(b, 0, b.length);
};

/** Decodes a frame whose TCP header carries `opts` (padded to 4 bytes with EOL by the builder). */
function decodeFrame(opts: number[]) {
  const f = ethIpv4Tcp({ options: Uint8Array.from(opts) });
  const rec: PacketRecord = {
    frame: 1, tsSec: 0, tsNsec: 0, iface: 0, linktype: 1, caplen: f.length, wirelen: f.length, data: f, dataOffset: 0,
    offset: 0, comment: null, epbFlags: 0,
  };
  const p = new PacketDecoder().decode(rec);
  return { p: { ...p }, list: packetOptions(f, p) };
}

describe('TCP options', () => {
  it('every well-formed option kind', () => {
    const list = dec(options(
      tcpOpt.mss(1460), tcpOpt.nop(), tcpOpt.wscale(7), tcpOpt.sackPerm(), tcpOpt.timestamps(0xfffffffe, 1),
      tcpOpt.sack([[1, 2], [0xfffffff0, 0x10]]), tcpOpt.tfo([0xde, 0xad, 0xbe, 0xef]), tcpOpt.tfo([]),
      tcpOpt.mptcp(0, [1, 2, 3, 4, 5, 6, 7, 8, 9]), tcpOpt.mptcp(2, [0, 0]), tcpOpt.raw(172, [1, 2, 3]), tcpOpt.raw(174, []),
      tcpOpt.raw(254, [0xf9, 0x89]), tcpOpt.raw(253, []), tcpOpt.raw(99, [7]), tcpOpt.eol(),
    ));
    assert.deepEqual(list, [
      { kind: 2, name: 'mss', mss: 1460 },
      { kind: 1, name: 'nop' },
      { kind: 3, name: 'wscale', shift: 7, multiplier: 128 },
      { kind: 4, name: 'sack_perm' },
      { kind: 8, name: 'timestamp', tsval: 0xfffffffe, tsecr: 1 },
      { kind: 5, name: 'sack', blocks: [[1, 2], [0xfffffff0, 0x10]] },
      { kind: 34, name: 'tfo', cookie: 'deadbeef' },
      { kind: 34, name: 'tfo', cookie: '' },
      { kind: 30, name: 'mptcp', subtype: 0, subtypeName: 'MP_CAPABLE', length: 12, data: '00010203040506070809' },
      { kind: 30, name: 'mptcp', subtype: 2, subtypeName: 'DSS', length: 5, data: '200000' },
      { kind: 172, name: 'accecn0', length: 5, data: '010203' },
      { kind: 174, name: 'accecn1', length: 2, data: '' },
      { kind: 254, name: 'experimental', length: 4, data: 'f989' },
      { kind: 253, name: 'experimental', length: 2, data: '' },
      { kind: 99, name: 'unknown', length: 3, data: '07' },
      { kind: 0, name: 'eol' },
    ]);
  });

  it('window scale above 14 is treated as 14 (RFC 7323 §2.3)', () => {
    assert.deepEqual(dec(tcpOpt.wscale(15)), [{ kind: 3, name: 'wscale', shift: 15, multiplier: 16384 }]);
  });

  it('stops at EOL; bytes after it are padding', () => {
    assert.deepEqual(dec([1, 0, 2, 4, 5, 0xb4]), [{ kind: 1, name: 'nop' }, { kind: 0, name: 'eol' }]);
  });

  it('MPTCP subtype names', () => {
    assert.equal(mptcpSubtypeName(0), 'MP_CAPABLE');
    assert.equal(mptcpSubtypeName(1), 'MP_JOIN');
    assert.equal(mptcpSubtypeName(8), 'MP_TCPRST');
    assert.equal(mptcpSubtypeName(0xf), 'MP_EXPERIMENTAL');
    assert.equal(mptcpSubtypeName(0xc), 'subtype 12');
    assert.deepEqual(dec([30, 2]), [{ kind: 30, name: 'mptcp', subtype: -1, subtypeName: 'subtype -1', length: 2, data: '' }]);
  });

  describe('malformed options: a "malformed" entry, never a throw', () => {
    const cases: Array<[string, number[], RegExp, number]> = [
      ['kind without a length byte', [1, 2], /option 2 has no length byte/, 1],
      ['length 0', [2, 0, 5, 0xb4], /option 2 has length 0 \(at least 2\)/, 0],
      ['length 1', [8, 1, 0, 0], /option 8 has length 1/, 1],
      ['runs past the header', [1, 5, 10, 1, 2, 3], /option 5 of length 10 runs 5 byte\(s\) past the header/, 10],
      ['MSS of length 3', [2, 3, 5], /option 2 must be 4 bytes long, not 3/, 3],
      ['window scale of length 4', [3, 4, 7, 0], /option 3 must be 3 bytes long, not 4/, 4],
      ['SACK-permitted of length 3', [4, 3, 0], /option 4 must be 2 bytes long, not 3/, 3],
      ['timestamps of length 6', [8, 6, 0, 0, 0, 1], /option 8 must be 10 bytes long, not 6/, 6],
    ];
    for (const [what, bytes, problem, length] of cases) {
      it(what, () => {
        const list = dec(bytes);
        const bad = list.find((o) => o.name === 'malformed');
        assert.ok(bad, JSON.stringify(list));
        assert.match((bad as { problem: string }).problem, problem);
        assert.equal((bad as { length: number }).length, length);
        const { p } = decodeFrame(bytes);
        assert.ok(p.problems & Problem.TcpOptions, 'Problem.TcpOptions set by the decoder');
        assert.equal(p.isTcp, true);
      });
    }

    it('a wrong fixed length is skipped by its length and decoding goes on (display list)', () => {
      assert.deepEqual(dec([2, 3, 5, 1, 3, 3, 2]).map((o) => o.name), ['malformed', 'nop', 'wscale']);
    });

    it('values before the damage are kept on the hot path', () => {
      const { p } = decodeFrame([...tcpOpt.mss(1200), ...tcpOpt.wscale(2), 8, 1]);
      assert.equal(p.mss, 1200);
      assert.equal(p.wscale, 2);
      assert.equal(p.optMask, OptBit.Mss | OptBit.WScale);
      assert.ok(p.problems & Problem.TcpOptions);
    });
  });

  it('the hot-path scan and the display list agree on the values', () => {
    const { p, list } = decodeFrame(Array.from(options(tcpOpt.mss(536), tcpOpt.sackPerm(), tcpOpt.timestamps(5, 6), tcpOpt.nop(), tcpOpt.wscale(14))));
    assert.equal(p.problems, 0);
    assert.equal(p.optMask, OptBit.Mss | OptBit.SackPerm | OptBit.Timestamps | OptBit.WScale);
    assert.equal(list.find((o) => o.name === 'mss')?.kind, 2);
    assert.equal(p.mss, 536);
    assert.equal(p.wscale, 14);
    assert.equal(p.tsVal, 5);
    assert.equal(p.tsEcr, 6);
    const other = decodeFrame([...tcpOpt.tfo([1, 2]), ...tcpOpt.mptcp(1), ...tcpOpt.raw(172), ...tcpOpt.raw(77)]);
    assert.equal(other.p.optMask, OptBit.Tfo | OptBit.Mptcp | OptBit.AccEcn | OptBit.Other);
  });

  it('random option bytes never throw and every entry is a known shape (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const list = decodeTcpOptions(bytes, 0, bytes.length);
      for (const o of list) {
        assert.equal(typeof o.kind, 'number');
        assert.equal(typeof o.name, 'string');
      }
      // options never run past the region, so the list is finite and short
      assert.ok(list.length <= bytes.length);
      const opts = Array.from(bytes.subarray(0, 40 - (40 % 4)));
      decodeFrame(opts);
    }), { numRuns: 2000 });
  });
});
