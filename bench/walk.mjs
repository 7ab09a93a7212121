// The benchmark's baselines, both plain JS with no dependencies:
//
//   rawRead(path)  — readSync the file through one reused 8 MiB buffer, touching one word per
//                    4 KiB page: the I/O ceiling (page cache → JS).
//   walkFile(path) — the "JS limit": a minimal hand-written record walk. Same reused buffer,
//                    pcap / pcapng record framing, Ethernet (+VLAN) / IPv4 / IPv6 / TCP parsed with
//                    a DataView (ports, seq, ack, flags, window, payload length), and per-connection
//                    counters keyed by the canonical 4-tuple in typed-array open-addressing hash
//                    tables (numeric keys; no strings, no Map, no per-packet allocation).
//
// It is deliberately minimal: Ethernet only, no IPv6 extension headers, no validation beyond
// bounds. It is the speed Wirelane's decoder is measured against, not a decoder.
//
//   node bench/walk.mjs raw|walk FILE   → prints the result as JSON
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHUNK = 8 << 20;

export function rawRead(path, chunkSize = CHUNK) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(chunkSize);
  const words = new Int32Array(buf.buffer, buf.byteOffset, chunkSize >> 2);
  let bytes = 0;
  let x = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      bytes += n;
      const w = n >> 2;
      for (let i = 0; i < w; i += 1024) x = (x + words[i]) | 0;
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, checksum: x >>> 0 };
}

export function walkFile(path, chunkSize = CHUNK) {
  const fd = openSync(path, 'r');
  let buf = Buffer.allocUnsafe(chunkSize);
  let dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);

  let packets = 0;
  let tcpPackets = 0;
  let nonTcp = 0;
  let payloadBytes = 0;
  let v4 = 0;
  let v6 = 0;
  let synCount = 0;

  // ---- per-connection counters, indexed by connection id ----
  let connCap = 1 << 16;
  let nConn = 0;
  let cPackets = new Uint32Array(connCap);
  let cBytes = new Float64Array(connCap);
  let cFlags = new Uint16Array(connCap);
  const newConn = () => {
    if (nConn === connCap) {
      connCap *= 2;
      const p = new Uint32Array(connCap); p.set(cPackets); cPackets = p;
      const b = new Float64Array(connCap); b.set(cBytes); cBytes = b;
      const f = new Uint16Array(connCap); f.set(cFlags); cFlags = f;
    }
    return nConn++;
  };

  // ---- IPv4 table: keys (lo addr, hi addr, lo port << 16 | hi port) inline, value id+1 ----
  let cap4 = 1 << 16;
  let mask4 = cap4 - 1;
  let n4 = 0;
  let k4 = new Uint32Array(cap4 * 3);
  let v4id = new Int32Array(cap4);
  const hash3 = (a, b, p) => {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(p, 0xc2b2ae3d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  };
  const grow4 = () => {
    const ok = k4;
    const ov = v4id;
    cap4 *= 2;
    mask4 = cap4 - 1;
    k4 = new Uint32Array(cap4 * 3);
    v4id = new Int32Array(cap4);
    for (let i = 0; i < ov.length; i++) {
      if (ov[i] === 0) continue;
      const a = ok[i * 3], b = ok[i * 3 + 1], p = ok[i * 3 + 2];
      let j = hash3(a, b, p) & mask4;
      while (v4id[j] !== 0) j = (j + 1) & mask4;
      k4[j * 3] = a; k4[j * 3 + 1] = b; k4[j * 3 + 2] = p; v4id[j] = ov[i];
    }
  };
  const lookup4 = (a, b, p) => {
    let j = hash3(a, b, p) & mask4;
    for (;;) {
      const id = v4id[j];
      if (id === 0) break;
      const o = j * 3;
      if (k4[o] === a && k4[o + 1] === b && k4[o + 2] === p) return id - 1;
      j = (j + 1) & mask4;
    }
    const id = newConn();
    const o = j * 3;
    k4[o] = a; k4[o + 1] = b; k4[o + 2] = p; v4id[j] = id + 1;
    if (++n4 * 2 > cap4) grow4();
    return id;
  };

  // ---- IPv6 table: keys (lo addr[4], hi addr[4], ports) inline, 9 words ----
  let cap6 = 1 << 15;
  let mask6 = cap6 - 1;
  let n6 = 0;
  let k6 = new Uint32Array(cap6 * 9);
  let v6id = new Int32Array(cap6);
  const key6 = new Uint32Array(9);
  const hash9 = (k) => {
    let h = 0x165667b1;
    for (let i = 0; i < 9; i++) {
      h = Math.imul(h ^ k[i], 0x9e3779b1);
      h ^= h >>> 16;
    }
    h = Math.imul(h, 0x85ebca77);
    return h ^ (h >>> 13);
  };
  const grow6 = () => {
    const ok = k6;
    const ov = v6id;
    cap6 *= 2;
    mask6 = cap6 - 1;
    k6 = new Uint32Array(cap6 * 9);
    v6id = new Int32Array(cap6);
    for (let i = 0; i < ov.length; i++) {
      if (ov[i] === 0) continue;
      const src = ok.subarray(i * 9, i * 9 + 9);
      let j = hash9(src) & mask6;
      while (v6id[j] !== 0) j = (j + 1) & mask6;
      k6.set(src, j * 9);
      v6id[j] = ov[i];
    }
  };
  const lookup6 = () => {
    let j = hash9(key6) & mask6;
    outer: for (;;) {
      const id = v6id[j];
      if (id === 0) break;
      const o = j * 9;
      for (let i = 0; i < 9; i++) {
        if (k6[o + i] !== key6[i]) { j = (j + 1) & mask6; continue outer; }
      }
      return id - 1;
    }
    const id = newConn();
    k6.set(key6, j * 9);
    v6id[j] = id + 1;
    if (++n6 * 2 > cap6) grow6();
    return id;
  };

  /** One Ethernet frame at [p, p + len). */
  const frame = (p, len) => {
    packets++;
    const end = p + len;
    if (len < 14) { nonTcp++; return; }
    let et = dv.getUint16(p + 12);
    let ip = p + 14;
    if (et === 0x8100 && len >= 18) { et = dv.getUint16(p + 16); ip = p + 18; }
    let tcp;
    let segLen;
    let conn;
    if (et === 0x0800) {
      if (ip + 20 > end) { nonTcp++; return; }
      const ihl = (buf[ip] & 15) << 2;
      if (buf[ip + 9] !== 6 || (dv.getUint16(ip + 6) & 0x3fff) !== 0) { nonTcp++; return; }
      tcp = ip + ihl;
      segLen = dv.getUint16(ip + 2) - ihl;
      if (tcp + 20 > end) { nonTcp++; return; }
      const s = dv.getUint32(ip + 12);
      const d = dv.getUint32(ip + 16);
      const sp = dv.getUint16(tcp);
      const dp = dv.getUint16(tcp + 2);
      conn = s < d || (s === d && sp <= dp)
        ? lookup4(s, d, ((sp << 16) | dp) >>> 0)
        : lookup4(d, s, ((dp << 16) | sp) >>> 0);
      v4++;
    } else if (et === 0x86dd) {
      if (ip + 40 > end || buf[ip + 6] !== 6) { nonTcp++; return; }
      tcp = ip + 40;
      segLen = dv.getUint16(ip + 4);
      if (tcp + 20 > end) { nonTcp++; return; }
      const sp = dv.getUint16(tcp);
      const dp = dv.getUint16(tcp + 2);
      // canonical order: compare source and destination address word by word, then ports
      let cmp = 0;
      for (let i = 0; i < 16 && cmp === 0; i += 4) {
        const a = dv.getUint32(ip + 8 + i);
        const b = dv.getUint32(ip + 24 + i);
        cmp = a < b ? -1 : a > b ? 1 : 0;
      }
      const srcFirst = cmp < 0 || (cmp === 0 && sp <= dp);
      const lo = srcFirst ? ip + 8 : ip + 24;
      const hi = srcFirst ? ip + 24 : ip + 8;
      key6[0] = dv.getUint32(lo); key6[1] = dv.getUint32(lo + 4);
      key6[2] = dv.getUint32(lo + 8); key6[3] = dv.getUint32(lo + 12);
      key6[4] = dv.getUint32(hi); key6[5] = dv.getUint32(hi + 4);
      key6[6] = dv.getUint32(hi + 8); key6[7] = dv.getUint32(hi + 12);
      key6[8] = srcFirst ? ((sp << 16) | dp) >>> 0 : ((dp << 16) | sp) >>> 0;
      conn = lookup6();
      v6++;
    } else {
      nonTcp++;
      return;
    }
    // TCP fields
    const seq = dv.getUint32(tcp + 4);
    const ack = dv.getUint32(tcp + 8);
    const offFlags = dv.getUint16(tcp + 12);
    const window = dv.getUint16(tcp + 14);
    const thl = (offFlags >>> 12) << 2;
    const flags = offFlags & 0x0fff;
    const pay = segLen - thl;
    tcpPackets++;
    if (flags & 0x02 && !(flags & 0x10)) synCount++;
    payloadBytes += pay > 0 ? pay : 0;
    cPackets[conn]++;
    cBytes[conn] += pay > 0 ? pay : 0;
    cFlags[conn] |= flags;
    // seq/ack/window are parsed like a decoder would; fold them so they are not dead code
    sink = (sink + seq + ack + window) | 0;
  };
  let sink = 0;

  // ---- record framing ----
  let format = ''; // 'pcap' | 'pcapng'
  let le = true;
  let linktype = 1;
  let start = 0; // first unparsed byte in buf
  let end = 0; // end of valid bytes in buf
  let fileOff = 0; // file offset of buf[0]
  let eof = false;

  const fill = () => {
    // move the unparsed tail to the front and read more after it
    if (start > 0) {
      buf.copyWithin(0, start, end);
      fileOff += start;
      end -= start;
      start = 0;
    }
    if (end === buf.length) {
      // a record larger than the buffer: grow
      const nb = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(nb, 0, 0, end);
      buf = nb;
      dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const n = readSync(fd, buf, end, buf.length - end, null);
    if (n === 0) eof = true;
    end += n;
  };

  try {
    fill();
    if (end < 4) throw new Error('file too short');
    const magic = dv.getUint32(0, true);
    if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) { format = 'pcap'; le = true; }
    else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) { format = 'pcap'; le = false; }
    else if (magic === 0x0a0d0d0a) format = 'pcapng';
    else throw new Error(`not a pcap/pcapng file (magic 0x${magic.toString(16)})`);

    if (format === 'pcap') {
      while (end < 24 && !eof) fill();
      linktype = dv.getUint32(20, le) & 0xffff;
      if (linktype !== 1) throw new Error(`walk handles Ethernet only (linktype ${linktype})`);
      start = 24;
      for (;;) {
        while (start + 16 <= end) {
          const incl = dv.getUint32(start + 8, le);
          const next = start + 16 + incl;
          if (next > end) break;
          frame(start + 16, incl);
          start = next;
        }
        if (eof) break;
        fill();
      }
    } else {
      for (;;) {
        while (start + 12 <= end) {
          let type = dv.getUint32(start, le);
          if (type === 0x0a0d0d0a) {
            // SHB: its byte-order magic decides the endianness of the section
            le = dv.getUint32(start + 8, true) === 0x1a2b3c4d;
            type = 0x0a0d0d0a;
          }
          const blen = dv.getUint32(start + 4, le);
          if (blen < 12 || (blen & 3) !== 0) throw new Error(`bad pcapng block length ${blen} at ${fileOff + start}`);
          const next = start + blen;
          if (next > end) break;
          if (type === 6) {
            frame(start + 28, dv.getUint32(start + 20, le));
          } else if (type === 3) {
            const orig = dv.getUint32(start + 8, le);
            frame(start + 12, Math.min(orig, blen - 16));
          } else if (type === 1) {
            linktype = dv.getUint16(start + 8, le);
            if (linktype !== 1) throw new Error(`walk handles Ethernet only (linktype ${linktype})`);
          }
          start = next;
        }
        if (eof) break;
        fill();
      }
    }
    if (start !== end) throw new Error(`trailing ${end - start} bytes (truncated record?)`);
  } finally {
    closeSync(fd);
  }
  return {
    format, bytes: fileOff + end, packets, tcpPackets, nonTcp, v4Packets: v4, v6Packets: v6,
    connections: nConn, syns: synCount, payloadBytes, checksum: sink >>> 0,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, file] = process.argv.slice(2);
  if (!file || (mode !== 'raw' && mode !== 'walk')) {
    console.error('usage: node bench/walk.mjs raw|walk FILE');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const r = mode === 'raw' ? rawRead(file) : walkFile(file);
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ mode, ...r, sec, mbPerSec: r.bytes / 1e6 / sec,
    packetsPerSec: r.packets ? r.packets / sec : undefined }));
}
