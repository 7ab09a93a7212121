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
  // Pseudo-header: source and destination address, zero + protocol (6), TCP length. For IPv6 the
  // length is a 32-bit field and the protocol sits in the low byte of a 32-bit word, but the upper
  // bits are zero so the one's-complement sum is the same (RFC 8200 §8.1).
  // Note: with an IPv6 Routing header the pseudo-header should use the final destination; such
  // packets are rare enough in TCP captures that the header's destination is used as is.
  for (let i = 0; i < addrLen; i += 2) {
    sum += (data[p.srcOffset + i] << 8) | data[p.srcOffset + i + 1];
    sum += (data[p.dstOffset + i] << 8) | data[p.dstOffset + i + 1];
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
