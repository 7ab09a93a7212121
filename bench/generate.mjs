#!/usr/bin/env node
// Deterministic generator of synthetic-but-valid TCP captures for the Wirelane benchmark.
//
//   node bench/generate.mjs --format pcap|pcapng --size-mb N --out FILE [--seed S]
//
// What it writes: Ethernet + IPv4 (valid header checksum) / IPv6 + TCP (valid checksum), ~70/30.
// Up to 32 768 concurrent connections (ramped up over the first ~0.5M packets), each with a
// three-way handshake carrying MSS/SACK-perm/timestamps/wscale options, data segments of varied
// small sizes (mostly < 200 bytes, a few MSS-sized), timestamps on every segment, delayed ACKs,
// occasional retransmissions answered by a D-SACK duplicate ACK, plain duplicate ACKs, and a
// FIN/FIN/ACK close (or an RST, ~6%). No 4-tuple is ever reused, so every connection is one
// conversation for tshark too. The same seed gives the same bytes: a smaller file is a prefix
// (packet-wise) of a larger one. "MB" means MiB; the file stops after the record that crosses
// the requested size.
//
// Speed: records are built into one reused 8 MiB buffer (no per-packet allocation; connection
// state lives in typed arrays) and written with writeSync; 1 GiB takes ~10 s.
import {
  closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output for given parameters changes (invalidates the .bench cache). */
export const GEN_VERSION = 1;

const SLOTS = 32768; // concurrent connections at steady state
const RAMP_EVERY = 16; // one more active slot every RAMP_EVERY packets until all are active
const NCLIENTS = 40000;
const NSERVERS = 500;
// Server ports whose dissectors (in tshark) take random payload bytes without calling the packet
// malformed (TLS-ish ones); HTTP, SSH, X11, … would. Client ports are Linux's ephemeral range
// 32768–60999, above every server port, so tshark picks the server port's dissector.
const SERVER_PORTS = [443, 443, 443, 443, 443, 443, 8443, 8443, 993, 995, 5432, 465];
const EPHEMERAL_LO = 32768;
const EPHEMERAL_N = 61000 - EPHEMERAL_LO;
const CHUNK = 8 << 20;
const BASE_SEC = 1_700_000_000;

export function generate({ format = 'pcap', sizeMb = 64, out, seed = 1 } = {}) {
  if (format !== 'pcap' && format !== 'pcapng') throw new Error(`unknown format ${format}`);
  if (!out) throw new Error('out is required');
  const target = Math.round(sizeMb * 1048576);
  const ng = format === 'pcapng';

  // ---- PRNG (mulberry32), uint32 out ----
  let rs = (seed >>> 0) ^ 0x5bd1e995;
  const r32 = () => {
    rs = (rs + 0x6d2b79f5) | 0;
    let t = rs;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const rn = (n) => Math.floor((r32() / 4294967296) * n); // 0..n-1

  // payload bytes come from a random pool (deterministic)
  const POOL = 65536;
  const pool = new Uint8Array(POOL);
  for (let i = 0; i < POOL; i++) pool[i] = r32() & 0xff;

  // ---- per-slot connection state (struct of arrays) ----
  const phase = new Uint8Array(SLOTS);
  const v6 = new Uint8Array(SLOTS);
  const cAddr = new Uint32Array(SLOTS); // v4 address, or the low word of a v6 address
  const sAddr = new Uint32Array(SLOTS);
  const cPort = new Uint16Array(SLOTS);
  const sPort = new Uint16Array(SLOTS);
  const cSeq = new Uint32Array(SLOTS); // next sequence number each side sends
  const sSeq = new Uint32Array(SLOTS);
  const cTsBase = new Uint32Array(SLOTS);
  const sTsBase = new Uint32Array(SLOTS);
  const cTsLast = new Uint32Array(SLOTS); // last TSval each side sent (the peer's TSecr)
  const sTsLast = new Uint32Array(SLOTS);
  const cIpId = new Uint16Array(SLOTS);
  const sIpId = new Uint16Array(SLOTS);
  const cFlow = new Uint32Array(SLOTS);
  const sFlow = new Uint32Array(SLOTS);
  const cWin = new Uint16Array(SLOTS); // current (scaled) window each side advertises
  const sWin = new Uint16Array(SLOTS);
  const cWs = new Uint8Array(SLOTS);
  const sWs = new Uint8Array(SLOTS);
  const mss = new Uint16Array(SLOTS);
  const remaining = new Uint16Array(SLOTS);
  const pending = new Uint8Array(SLOTS); // bit0: client owes an ACK, bit1: server owes an ACK
  const closeMode = new Uint8Array(SLOTS); // 0 client FINs first, 1 server FINs first, 2 RST
  const lastDir = new Uint8Array(SLOTS); // 0 none, 1 client sent last data, 2 server
  const lastSeq = new Uint32Array(SLOTS);
  const lastLen = new Uint16Array(SLOTS);
  const lastPool = new Uint16Array(SLOTS); // pool offset of its bytes (a retransmission repeats them)
  const dsack = new Uint8Array(SLOTS); // a retransmission happened: receiver D-SACKs next

  let connCounter = 0;
  const newConn = (s) => {
    const id = connCounter++;
    const six = r32() % 100 < 30 ? 1 : 0;
    v6[s] = six;
    const ci = id % NCLIENTS;
    const k = Math.floor(id / NCLIENTS);
    // (ci, k) -> unique (address, port): k*7919 is a bijection mod EPHEMERAL_N (gcd 1)
    cAddr[s] = six ? (0x0001_0000 + ci) >>> 0 : (0x0a000000 | (ci + 1)) >>> 0;
    cPort[s] = EPHEMERAL_LO + ((k * 7919 + ci * 13) % EPHEMERAL_N);
    const si = rn(NSERVERS);
    sAddr[s] = six ? 0x00000100 + si : (0xc6120000 | (si + 1)) >>> 0; // 198.18.0.0/15 (RFC 2544)
    sPort[s] = SERVER_PORTS[rn(SERVER_PORTS.length)];
    cSeq[s] = r32();
    sSeq[s] = r32();
    cTsBase[s] = r32();
    sTsBase[s] = r32();
    cTsLast[s] = 0;
    sTsLast[s] = 0;
    cIpId[s] = r32() & 0xffff;
    sIpId[s] = r32() & 0xffff;
    cFlow[s] = r32() & 0xfffff;
    sFlow[s] = r32() & 0xfffff;
    cWin[s] = 502 + (r32() & 7);
    sWin[s] = 4000 + (r32() & 1023);
    cWs[s] = 7;
    sWs[s] = 7 + (r32() & 3);
    mss[s] = six ? 1440 : 1460;
    remaining[s] = 1 + rn(36);
    pending[s] = 0;
    const cm = r32() % 100;
    closeMode[s] = cm < 6 ? 2 : cm < 60 ? 0 : 1;
    lastDir[s] = 0;
    dsack[s] = 0;
    phase[s] = 0;
  };

  // ---- output buffer ----
  const buf = Buffer.alloc(CHUNK + 4096);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tmp = `${out}.tmp-${process.pid}`;
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const fd = openSync(tmp, 'w');
  let pos = 0;
  let written = 0;
  const flush = () => {
    let off = 0;
    while (off < pos) off += writeSync(fd, buf, off, pos - off);
    written += pos;
    pos = 0;
  };

  // ---- file header ----
  if (!ng) {
    dv.setUint32(0, 0xa1b2c3d4, true);
    dv.setUint16(4, 2, true);
    dv.setUint16(6, 4, true);
    dv.setUint32(8, 0, true);
    dv.setUint32(12, 0, true);
    dv.setUint32(16, 262144, true);
    dv.setUint32(20, 1, true); // LINKTYPE_ETHERNET
    pos = 24;
  } else {
    // SHB with shb_userappl
    const app = Buffer.from('wirelane bench/generate.mjs');
    const appPad = (app.length + 3) & ~3;
    const shbLen = 28 + 4 + appPad + 4;
    dv.setUint32(0, 0x0a0d0d0a, true);
    dv.setUint32(4, shbLen, true);
    dv.setUint32(8, 0x1a2b3c4d, true);
    dv.setUint16(12, 1, true);
    dv.setUint16(14, 0, true);
    dv.setUint32(16, 0xffffffff, true);
    dv.setUint32(20, 0xffffffff, true);
    dv.setUint16(24, 4, true);
    dv.setUint16(26, app.length, true);
    app.copy(buf, 28);
    let p = 28 + appPad;
    dv.setUint32(p, 0, true); // opt_endofopt
    dv.setUint32(p + 4, shbLen, true);
    p += 8;
    // IDB: Ethernet, snaplen 262144, if_name "bench0", if_tsresol 6
    const idbLen = 20 + 12 + 8 + 4;
    dv.setUint32(p, 1, true);
    dv.setUint32(p + 4, idbLen, true);
    dv.setUint16(p + 8, 1, true);
    dv.setUint16(p + 10, 0, true);
    dv.setUint32(p + 12, 262144, true);
    dv.setUint16(p + 16, 2, true);
    dv.setUint16(p + 18, 6, true);
    buf.write('bench0\0\0', p + 20, 'latin1');
    dv.setUint16(p + 28, 9, true);
    dv.setUint16(p + 30, 1, true);
    dv.setUint32(p + 32, 6, true); // value 6 + 3 pad bytes
    dv.setUint32(p + 36, 0, true);
    dv.setUint32(p + 40, idbLen, true);
    pos = p + idbLen;
  }

  // ---- clock ----
  let sec = BASE_SEC;
  let usec = 0;

  // ---- stats ----
  let packets = 0;
  let v4Packets = 0;
  let v6Packets = 0;
  let payloadBytes = 0;
  let retransmissions = 0;
  let dupAcks = 0;
  let rsts = 0;
  let syns = 0;

  const OPT_NONE = 0;
  const OPT_SYN = 1;
  const OPT_TS = 2;
  const OPT_TS_SACK = 3;
  const OPT_LEN = [0, 20, 12, 24];

  /**
   * Write one record. fromClient: direction. All numbers are uint32 / uint16.
   * Payload bytes come from pool[pp...]; sackL/sackR only for OPT_TS_SACK.
   */
  const emit = (s, fromClient, flags, seq, ack, payLen, pp, opt, sackL, sackR) => {
    const six = v6[s];
    const ipLen = six ? 40 : 20;
    const optLen = OPT_LEN[opt];
    const tcpHdr = 20 + optLen;
    const frameLen = 14 + ipLen + tcpHdr + payLen;
    const recHdr = ng ? 28 : 16;
    const pad = ng ? (4 - (frameLen & 3)) & 3 : 0;
    const recLen = recHdr + frameLen + pad + (ng ? 4 : 0);

    // record header
    if (!ng) {
      dv.setUint32(pos, sec, true);
      dv.setUint32(pos + 4, usec, true);
      dv.setUint32(pos + 8, frameLen, true);
      dv.setUint32(pos + 12, frameLen, true);
    } else {
      const ts = sec * 1e6 + usec;
      dv.setUint32(pos, 6, true);
      dv.setUint32(pos + 4, recLen, true);
      dv.setUint32(pos + 8, 0, true);
      dv.setUint32(pos + 12, Math.floor(ts / 4294967296), true);
      dv.setUint32(pos + 16, ts >>> 0, true);
      dv.setUint32(pos + 20, frameLen, true);
      dv.setUint32(pos + 24, frameLen, true);
    }
    const e = pos + recHdr;

    // Ethernet: clients 02:01:<idx>, gateway 02:00:00:00:00:01
    const cmac = cAddr[s];
    if (fromClient) {
      dv.setUint32(e, 0x02000000, false);
      dv.setUint16(e + 4, 0x0001, false);
      dv.setUint16(e + 6, 0x0201, false);
      dv.setUint32(e + 8, cmac, false);
    } else {
      dv.setUint16(e, 0x0201, false);
      dv.setUint32(e + 2, cmac, false);
      dv.setUint32(e + 6, 0x02000000, false);
      dv.setUint16(e + 10, 0x0001, false);
    }
    dv.setUint16(e + 12, six ? 0x86dd : 0x0800, false);

    // IP
    const ip = e + 14;
    const src = fromClient ? cAddr[s] : sAddr[s];
    const dst = fromClient ? sAddr[s] : cAddr[s];
    let pseudo; // pseudo-header sum (unfolded)
    if (!six) {
      let id;
      if (fromClient) { id = cIpId[s]; cIpId[s] = id + 1; } else { id = sIpId[s]; sIpId[s] = id + 1; }
      const total = 20 + tcpHdr + payLen;
      const ttl = fromClient ? 64 : 52;
      buf[ip] = 0x45;
      buf[ip + 1] = 0;
      dv.setUint16(ip + 2, total, false);
      dv.setUint16(ip + 4, id, false);
      dv.setUint16(ip + 6, 0x4000, false);
      buf[ip + 8] = ttl;
      buf[ip + 9] = 6;
      dv.setUint32(ip + 12, src, false);
      dv.setUint32(ip + 16, dst, false);
      let c = 0x4500 + total + id + 0x4000 + ((ttl << 8) | 6) +
        (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff);
      c = (c & 0xffff) + (c >>> 16);
      c = (c & 0xffff) + (c >>> 16);
      dv.setUint16(ip + 10, ~c & 0xffff, false);
      pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + tcpHdr + payLen;
      v4Packets++;
    } else {
      // client fd00:5eed::<hi>:<lo>, server 2001:db8:5eed::<n>
      const flow = fromClient ? cFlow[s] : sFlow[s];
      dv.setUint32(ip, (0x60000000 | flow) >>> 0, false);
      dv.setUint16(ip + 4, tcpHdr + payLen, false);
      buf[ip + 6] = 6;
      buf[ip + 7] = fromClient ? 64 : 52;
      const a = fromClient ? ip + 8 : ip + 24; // client address position
      const b = fromClient ? ip + 24 : ip + 8;
      dv.setUint32(a, 0xfd005eed, false);
      dv.setUint32(a + 4, 0, false);
      dv.setUint32(a + 8, 0x00000001, false);
      dv.setUint32(a + 12, cAddr[s], false);
      dv.setUint32(b, 0x20010db8, false);
      dv.setUint32(b + 4, 0x5eed0000, false);
      dv.setUint32(b + 8, 0, false);
      dv.setUint32(b + 12, sAddr[s], false);
      const ca = cAddr[s];
      const sa = sAddr[s];
      pseudo = 0xfd00 + 0x5eed + 1 + (ca >>> 16) + (ca & 0xffff) +
        0x2001 + 0x0db8 + 0x5eed + (sa >>> 16) + (sa & 0xffff) + 6 + tcpHdr + payLen;
      v6Packets++;
    }

    // TCP
    const t = ip + ipLen;
    dv.setUint16(t, fromClient ? cPort[s] : sPort[s], false);
    dv.setUint16(t + 2, fromClient ? sPort[s] : cPort[s], false);
    dv.setUint32(t + 4, seq, false);
    dv.setUint32(t + 8, ack, false);
    dv.setUint16(t + 12, ((tcpHdr >> 2) << 12) | flags, false);
    let win;
    if (flags & 0x02) win = fromClient ? 64240 : 65160;
    else {
      // windows change now and then (window updates), not on every segment
      if (r32() % 100 < 3) {
        if (fromClient) cWin[s] = 502 + (r32() & 7); else sWin[s] = 4000 + (r32() & 1023);
      }
      win = fromClient ? cWin[s] : sWin[s];
    }
    dv.setUint16(t + 14, win, false);
    dv.setUint32(t + 16, 0, false); // checksum (filled below) + urgent pointer
    let o = t + 20;
    if (opt !== OPT_NONE) {
      // TSval: a per-host millisecond clock
      const ms = (sec - BASE_SEC) * 1000 + Math.floor(usec / 1000);
      const tsval = ((fromClient ? cTsBase[s] : sTsBase[s]) + ms) >>> 0;
      const tsecr = fromClient ? sTsLast[s] : cTsLast[s];
      if (fromClient) cTsLast[s] = tsval; else sTsLast[s] = tsval;
      if (opt === OPT_SYN) {
        // Linux order: MSS, SACK-perm, TS, NOP, WS
        dv.setUint32(o, (0x0204 << 16) | mss[s], false);
        dv.setUint16(o + 4, 0x0402, false);
        dv.setUint16(o + 6, 0x080a, false);
        dv.setUint32(o + 8, tsval, false);
        dv.setUint32(o + 12, tsecr, false);
        dv.setUint32(o + 16, 0x01030300 | (fromClient ? cWs[s] : sWs[s]), false);
      } else {
        dv.setUint32(o, 0x0101080a, false);
        dv.setUint32(o + 4, tsval, false);
        dv.setUint32(o + 8, tsecr, false);
        if (opt === OPT_TS_SACK) {
          dv.setUint32(o + 12, 0x0101050a, false);
          dv.setUint32(o + 16, sackL, false);
          dv.setUint32(o + 20, sackR, false);
        }
      }
      o += optLen;
    }
    // payload from the pool, starting at pp
    for (let i = 0; i < payLen; i++) {
      buf[o + i] = pool[pp];
      pp = (pp + 1) & (POOL - 1);
    }
    const end = o + payLen;
    // TCP checksum over pseudo header + segment
    let sum = pseudo;
    let i = t;
    const last = end - 1;
    for (; i < last; i += 2) sum += (buf[i] << 8) | buf[i + 1];
    if (i === last) sum += buf[i] << 8;
    sum = (sum & 0xffff) + Math.floor(sum / 65536);
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    dv.setUint16(t + 16, ~sum & 0xffff, false);

    if (ng) {
      for (let k = 0; k < pad; k++) buf[end + k] = 0;
      dv.setUint32(end + pad, recLen, true);
    }
    pos += recLen;
    packets++;
    payloadBytes += payLen;
    if (pos >= CHUNK) flush();
  };

  const dataLen = () => {
    const r = r32() % 1000;
    if (r < 700) return 2 + rn(39); // ≥ 2: tshark takes a 1-byte retransmission for a keep-alive
    if (r < 970) return 41 + rn(160);
    if (r < 995) return 201 + rn(600);
    return -1; // full MSS
  };

  /** Emit exactly one packet for slot s, advancing its state. */
  const step = (s) => {
    switch (phase[s]) {
      case 0: // SYN
        emit(s, true, 0x002, cSeq[s], 0, 0, 0, OPT_SYN, 0, 0);
        syns++;
        cSeq[s] = (cSeq[s] + 1) >>> 0;
        phase[s] = 1;
        return;
      case 1: // SYN-ACK
        emit(s, false, 0x012, sSeq[s], cSeq[s], 0, 0, OPT_SYN, 0, 0);
        sSeq[s] = (sSeq[s] + 1) >>> 0;
        phase[s] = 2;
        return;
      case 2: // ACK
        emit(s, true, 0x010, cSeq[s], sSeq[s], 0, 0, OPT_TS, 0, 0);
        phase[s] = 3;
        return;
      case 3: {
        if (dsack[s]) {
          // receiver of the duplicate segment: duplicate ACK with a D-SACK block (RFC 2883)
          dsack[s] = 0;
          const fromClient = lastDir[s] === 2;
          const l = lastSeq[s];
          emit(s, fromClient, 0x010, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0,
            OPT_TS_SACK, l, (l + lastLen[s]) >>> 0);
          dupAcks++;
          return;
        }
        if (remaining[s] === 0) {
          if (closeMode[s] === 2) {
            const fromClient = (r32() & 1) === 0;
            emit(s, fromClient, 0x014, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0,
              OPT_NONE, 0, 0);
            rsts++;
            newConn(s);
            return;
          }
          phase[s] = 4;
          step(s);
          return;
        }
        const r = r32() % 1000;
        const pa = pending[s];
        if (pa !== 0 && r < 420) {
          // (delayed) pure ACK from whichever side owes one
          const fromClient = pa === 1 || (pa === 3 && (r & 1) === 0);
          pending[s] = pa & (fromClient ? 2 : 1);
          emit(s, fromClient, 0x010, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0,
            OPT_TS, 0, 0);
          return;
        }
        if (r >= 990 && lastDir[s] !== 0) {
          // retransmission of the last data segment (same seq, same length)
          const fromClient = lastDir[s] === 1;
          emit(s, fromClient, 0x018, lastSeq[s], fromClient ? sSeq[s] : cSeq[s], lastLen[s], lastPool[s],
            OPT_TS, 0, 0);
          dsack[s] = 1;
          retransmissions++;
          return;
        }
        if (r >= 984 && r < 990) {
          // plain duplicate ACK
          const fromClient = (r & 1) === 0;
          emit(s, fromClient, 0x010, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0,
            OPT_TS, 0, 0);
          dupAcks++;
          return;
        }
        // data segment: ~1/3 client (requests), ~2/3 server (responses)
        const fromClient = r32() % 3 === 0;
        let len = dataLen();
        if (len < 0) len = mss[s] - 12;
        const seq = fromClient ? cSeq[s] : sSeq[s];
        const pp = r32() & (POOL - 1);
        emit(s, fromClient, len === mss[s] - 12 ? 0x010 : 0x018, seq, fromClient ? sSeq[s] : cSeq[s], len, pp,
          OPT_TS, 0, 0);
        if (fromClient) cSeq[s] = (seq + len) >>> 0; else sSeq[s] = (seq + len) >>> 0;
        lastDir[s] = fromClient ? 1 : 2;
        lastSeq[s] = seq;
        lastLen[s] = len;
        lastPool[s] = pp;
        // the peer now owes an ACK; the sender's own owed ACK rode on this segment
        pending[s] = (pending[s] | (fromClient ? 2 : 1)) & (fromClient ? 2 : 1);
        remaining[s]--;
        return;
      }
      case 4: { // closer's FIN
        const fromClient = closeMode[s] === 0;
        emit(s, fromClient, 0x011, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0, OPT_TS, 0, 0);
        if (fromClient) cSeq[s] = (cSeq[s] + 1) >>> 0; else sSeq[s] = (sSeq[s] + 1) >>> 0;
        phase[s] = 5;
        return;
      }
      case 5: { // peer's FIN-ACK
        const fromClient = closeMode[s] !== 0;
        emit(s, fromClient, 0x011, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0, OPT_TS, 0, 0);
        if (fromClient) cSeq[s] = (cSeq[s] + 1) >>> 0; else sSeq[s] = (sSeq[s] + 1) >>> 0;
        phase[s] = 6;
        return;
      }
      default: { // closer's last ACK; the slot starts a new connection
        const fromClient = closeMode[s] === 0;
        emit(s, fromClient, 0x010, fromClient ? cSeq[s] : sSeq[s], fromClient ? sSeq[s] : cSeq[s], 0, 0, OPT_TS, 0, 0);
        newConn(s);
      }
    }
  };

  for (let s = 0; s < SLOTS; s++) newConn(s);
  let active = 1;
  let sinceRamp = 0;
  try {
    while (written + pos < target) {
      if (active < SLOTS && ++sinceRamp === RAMP_EVERY) { active++; sinceRamp = 0; }
      const s = active === SLOTS ? r32() & (SLOTS - 1) : rn(active);
      step(s);
      // clock: 0..19 µs between packets
      usec += r32() % 20;
      if (usec >= 1000000) { usec -= 1000000; sec++; }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, out);
  return {
    file: out, format, sizeMb, seed, genVersion: GEN_VERSION, bytes: written, packets, v4Packets, v6Packets,
    connections: syns, payloadBytes, retransmissions, dupAcks, rsts,
    durationSec: sec - BASE_SEC + usec / 1e6,
  };
}

/** Path of the cached capture for these parameters (in `.bench/` at the project root). */
export function cachedPath({ format, sizeMb, seed = 1, dir }) {
  const root = dir ?? join(dirname(fileURLToPath(import.meta.url)), '..', '.bench');
  return join(root, `gen-v${GEN_VERSION}-s${seed}-${sizeMb}m.${format}`);
}

/** Generate unless a complete cached file with the same parameters exists. Returns the stats. */
export function ensureCapture({ format, sizeMb, seed = 1, dir, log = () => {} }) {
  const out = cachedPath({ format, sizeMb, seed, dir });
  const meta = `${out}.json`;
  if (existsSync(out) && existsSync(meta)) {
    try {
      const m = JSON.parse(readFileSync(meta, 'utf8'));
      if (m.bytes === statSync(out).size && m.genVersion === GEN_VERSION) return { ...m, file: out, cached: true };
    } catch { /* regenerate */ }
  }
  log(`generating ${out} (${sizeMb} MiB ${format}, seed ${seed})…`);
  const t0 = process.hrtime.bigint();
  const stats = generate({ format, sizeMb, out, seed });
  stats.generateSec = Number(process.hrtime.bigint() - t0) / 1e9;
  writeFileSync(meta, JSON.stringify(stats, null, 2));
  log(`  ${stats.packets} packets, ${(stats.bytes / 1048576).toFixed(1)} MiB in ${stats.generateSec.toFixed(1)} s`);
  return { ...stats, cached: false };
}

// ---- CLI ----
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = () => {
      if (i + 1 >= args.length) throw new Error(`${a} needs a value`);
      return args[++i];
    };
    if (a === '--format') opt.format = v();
    else if (a === '--size-mb') opt.sizeMb = Number(v());
    else if (a === '--out') opt.out = v();
    else if (a === '--seed') opt.seed = Number(v());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/generate.mjs --format pcap|pcapng --size-mb N --out FILE [--seed S]\n' +
        '       (without --out: cached in .bench/ and reused when it exists)');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(opt.sizeMb > 0)) throw new Error('--size-mb N is required');
  opt.format ??= 'pcap';
  const t0 = process.hrtime.bigint();
  const stats = opt.out
    ? generate(opt)
    : ensureCapture({ ...opt, log: (m) => console.error(m) });
  stats.generateSec ??= Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify(stats));
}
