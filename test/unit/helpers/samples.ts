/** Ready-made, well-formed capture files built with ./build (stand-ins for real captures). */
import {
  BT, conversation, ethIpv4Tcp, filler, ipv4, nullHeader, opt, PcapBuilder, PcapngBuilder, tcp,
} from './build';

/** A TCP conversation in pcap, cut at snaplen 100. */
export function pcapSample(le = true, nano = false): Uint8Array {
  const b = new PcapBuilder({ le, nano, snaplen: 100 });
  conversation(8).forEach((f, i) => b.record({ tsSec: 1_700_000_000 + i, tsFrac: i * 3, data: f.subarray(0, 100), wirelen: f.length }));
  return b.bytes();
}

/** Two sections of opposite byte order with every block type the reader knows (14 packets). */
export function pcapngSample(): Uint8Array {
  const b = new PcapngBuilder();
  b.shb({ le: true, comments: ['s0'], application: 'test' });
  b.idb({ linktype: 1, tsresol: 9, name: 'eth0' });
  b.nrb([{ type: 1, address: [10, 0, 0, 1], names: ['a.example'] }]);
  conversation(4).forEach((f, i) => b.epb({ ts: 1_795_589_331_632_393_123n + BigInt(i), data: f, comments: i % 2 ? ['odd'] : undefined, flags: i }));
  b.block(BT.DSB, filler(33));
  b.isb({ ts: 1_795_589_332_000_000_000n, received: 6n, dropped: 0n });
  b.shb({ le: false });
  b.idb({ linktype: 0, tsresol: 20, tsresolBase: 2, tsoffset: 100n });
  b.idb({ linktype: 1, snaplen: 128 });
  b.spb({ data: nullHeader(2, ipv4({ payload: tcp() }), false) });
  b.epb({ iface: 1, ts: 5n, data: ethIpv4Tcp({ payload: filler(30) }) });
  b.pb({ iface: 0, ts: (7n << 20n) | 3n, data: nullHeader(2, ipv4({ payload: tcp({ sport: 9 }) }), false) });
  b.block(BT.CUSTOM, [0, 0, 0x7e, 0x3e, 1, 2, 3]);
  b.epb({ iface: 1, data: filler(3), options: [opt(1, 'tiny')] });
  return b.bytes();
}

/** A big record (> the framer's initial 64 KiB carry) between small ones. */
export function bigRecordSample(): Uint8Array {
  const b = new PcapBuilder({ snaplen: 0 });
  b.record({ data: ethIpv4Tcp() });
  b.record({ data: filler(200_000, 3) });
  b.record({ data: ethIpv4Tcp({ sport: 2 }) });
  return b.bytes();
}

export interface Unit {
  offset: number;
  size: number;
  /** Offsets of 32-bit length fields in the unit (caplen, wirelen, block lengths). */
  lengthFields: number[];
}

/**
 * The units (pcap header/records, pcapng blocks) of a WELL-FORMED capture, found by walking
 * its length fields independently of the reader under test.
 */
export function layout(bytes: Uint8Array): Unit[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const units: Unit[] = [];
  const magicLE = dv.getUint32(0, true);
  if (magicLE === 0x0a0d0d0a) {
    let le = true;
    let o = 0;
    while (o + 12 <= bytes.length) {
      if (dv.getUint32(o, true) === 0x0a0d0d0a) le = dv.getUint32(o + 8, true) === 0x1a2b3c4d;
      const type = dv.getUint32(o, le);
      const size = dv.getUint32(o + 4, le);
      if (size < 12 || o + size > bytes.length) break;
      const fields = [o + 4, o + size - 4];
      if (type === 6) fields.push(o + 20, o + 24);
      if (type === 2) fields.push(o + 20, o + 24);
      if (type === 3) fields.push(o + 8);
      if (type === 1) fields.push(o + 12);
      units.push({ offset: o, size, lengthFields: fields });
      o += size;
    }
    return units;
  }
  const le = magicLE === 0xa1b2c3d4 || magicLE === 0xa1b23c4d;
  units.push({ offset: 0, size: 24, lengthFields: [16] });
  let o = 24;
  while (o + 16 <= bytes.length) {
    const caplen = dv.getUint32(o + 8, le);
    if (o + 16 + caplen > bytes.length) break;
    units.push({ offset: o, size: 16 + caplen, lengthFields: [o + 8, o + 12] });
    o += 16 + caplen;
  }
  return units;
}
