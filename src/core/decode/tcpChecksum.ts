/**
 * TCP checksum verification over the pseudo-header (RFC 9293 §3.1 for IPv4, RFC 8200 §8.1 for
 * IPv6). Used by the Zeek-compatible summary: Zeek drops a segment with a bad checksum before
 * any state tracking and records a 'C'/'c' in the history instead
 * (zeek/src/packet_analysis/protocol/tcp/TCP.cc, TCPAnalyzer::ValidateChecksum).
 */
import { Problem, type DecodedPacket } from './types';

/**
 * Verifies the TCP checksum of the decoded packet `p` whose offsets point into `data`.
 *
 * Returns null when the verdict cannot be computed: no complete TCP header, or fewer segment
 * bytes captured than the IP length says (snaplen) — Zeek likewise only checks when
 * `caplen >= len`. Also null when the IP length disagreed with the frame (the decoder then
 * capped it, so the bytes we would sum are not the segment the sender checksummed).
 *
 * Allocation-free: the pseudo-header is summed in place from the address bytes.
 */
export function tcpChecksumOk(data: Uint8Array, p: DecodedPacket): boolean | null {
  if (!p.isTcp || p.tcpTruncated) return null;
  if (p.problems & (Problem.TcpHeaderLength | Problem.IpLength)) return null;
  const hl = p.tcpHeaderLength;
  // A header cut by the snaplen leaves fewer option bytes than the data offset claims.
  if (hl < 20 || p.optionsLength !== hl - 20) return null;
  if (p.payloadCaptured < p.payloadLength) return null;
  const tcpLen = hl + p.payloadLength;
  if (p.tcpOffset + tcpLen > data.length) return null;

  let sum = 0;
  const addrLen = p.ipVersion === 4 ? 4 : p.ipVersion === 6 ? 16 : 0;
  if (addrLen === 0) return null;
  let src = p.srcOffset;
  let dst = p.dstOffset;
  if (p.ipVersion === 6 && p.tcpOffset - p.ipOffset > 40) {
    const r = ipv6PseudoAddresses(data, p.ipOffset, p.tcpOffset);
    if (r < 0) return null;
    if (r & 0xffff) src = (r & 0xffff) - 1 + p.ipOffset;
    if (r >>> 16) dst = (r >>> 16) - 1 + p.ipOffset;
  }
  // Pseudo-header: source and destination address, zero + protocol (6), TCP length. For IPv6 the
  // length is a 32-bit field and the protocol sits in the low byte of a 32-bit word, but the upper
  // bits are zero so the one's-complement sum is the same (RFC 8200 §8.1).
  for (let i = 0; i < addrLen; i += 2) {
    sum += (data[src + i] << 8) | data[src + i + 1];
    sum += (data[dst + i] << 8) | data[dst + i + 1];
  }
  sum += 6;
  sum += tcpLen & 0xffff;
  sum += tcpLen >>> 16;
  const off = p.tcpOffset;
  const end = off + (tcpLen & ~1);
  for (let i = off; i < end; i += 2) {
    sum += (data[i] << 8) | data[i + 1];
    // Fold now and then so the running sum stays a small integer (V8 keeps it in a register).
    if (sum > 0x3fffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (tcpLen & 1) sum += data[off + tcpLen - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  // A correct segment sums to 0xffff (one's-complement zero) including its checksum field.
  return sum === 0xffff;
}

/**
 * The addresses the IPv6 pseudo-header really uses when extension headers change them:
 * - RFC 8200 §8.1: with a Routing header the destination is the *final* one — the last address
 *   of a type 0 (deprecated) or type 2 (RFC 6275 §6.4) header, Segment List[0] of a type 4
 *   Segment Routing header (RFC 8754 §2) — while segments are left;
 * - RFC 6275 §6.3: a Home Address destination option replaces the source.
 * Zeek does the same in IP_Hdr (its checksum then validates such packets).
 *
 * Returns, relative to `ipOff`, (src offset + 1) in the low 16 bits and (dst offset + 1) in the
 * high 16 bits (0 = unchanged), or −1 when the chain is malformed. No allocation.
 */
function ipv6PseudoAddresses(d: Uint8Array, ipOff: number, end: number): number {
  let next = d[ipOff + 6];
  let pos = ipOff + 40;
  let src = 0;
  let dst = 0;
  while (pos < end) {
    if (next === 44) { // Fragment: fixed 8 bytes
      next = d[pos];
      pos += 8;
      continue;
    }
    if (next === 51) { // AH: length in 4-byte units minus 2
      const len = (d[pos + 1] + 2) * 4;
      next = d[pos];
      pos += len;
      continue;
    }
    if (next !== 0 && next !== 43 && next !== 60 && next !== 135 && next !== 139 && next !== 140) break;
    const len = (d[pos + 1] + 1) * 8;
    if (pos + len > end) return -1;
    if (next === 43) {
      const type = d[pos + 2];
      const segmentsLeft = d[pos + 3];
      if (segmentsLeft > 0) {
        if ((type === 0 || type === 2) && len >= 24) dst = pos + len - 16 - ipOff + 1;
        else if (type === 4 && len >= 24) dst = pos + 8 - ipOff + 1;
      }
    } else if (next === 60) {
      // Destination Options: look for the Home Address option (type 0xC9, 16 bytes).
      let o = pos + 2;
      const oend = pos + len;
      while (o < oend) {
        const t = d[o];
        if (t === 0) { o++; continue; } // Pad1
        if (o + 2 > oend) break;
        const ol = d[o + 1];
        if (t === 0xc9 && ol === 16 && o + 18 <= oend) src = o + 2 - ipOff + 1;
        o += 2 + ol;
      }
    }
    next = d[pos];
    pos += len;
  }
  return (dst << 16 | src) >>> 0;
}
