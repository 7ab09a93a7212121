/**
 * A hostile-strings capture made from a real fixture: lo-ipv4.pcap's packets rewritten as pcapng
 * whose section comments, interface name and comments, name-resolution names and packet
 * comments are HTML/script. The packets (and so the analysis) are the fixture's own.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PcapngBuilder } from '../unit/helpers/build';
import { ROOT } from './backend';

export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert("wirelane")</script>',
  iface: 'eth0<script>alert(2)</script>',
  svg: '<svg onload=alert(3)><b>bold</b></svg>',
  nrb: '<img src=x onerror=alert(4)>.example',
  packet: '<iframe src="javascript:alert(5)"></iframe>',
};

/** The file name the test gives it (never written to disk: the harness reads bytes). */
export const HOSTILE_FILE = `/captures/${HOSTILE.img}.pcapng`;

export function hostileCapture(): Uint8Array {
  const pcap = new Uint8Array(readFileSync(path.join(ROOT, 'test', 'fixtures', 'lo-ipv4.pcap')));
  const dv = new DataView(pcap.buffer, pcap.byteOffset, pcap.byteLength);
  const le = dv.getUint32(0, true) === 0xa1b2c3d4;
  const linktype = dv.getUint32(20, le);
  const b = new PcapngBuilder();
  b.shb({ comments: [HOSTILE.img, HOSTILE.script], application: HOSTILE.svg });
  b.idb({ linktype, tsresol: 6, name: HOSTILE.iface, comments: [HOSTILE.svg] });
  b.nrb([{ type: 1, address: [127, 0, 0, 1], names: [HOSTILE.nrb, HOSTILE.script] }]);
  let o = 24;
  let k = 0;
  while (o + 16 <= pcap.length) {
    const sec = dv.getUint32(o, le);
    const usec = dv.getUint32(o + 4, le);
    const incl = dv.getUint32(o + 8, le);
    const orig = dv.getUint32(o + 12, le);
    const data = pcap.subarray(o + 16, o + 16 + incl);
    b.epb({ ts: BigInt(sec) * 1_000_000n + BigInt(usec), data, wirelen: orig, comments: k % 3 === 0 ? [HOSTILE.packet, HOSTILE.img] : undefined });
    o += 16 + incl;
    k++;
  }
  return b.bytes();
}
