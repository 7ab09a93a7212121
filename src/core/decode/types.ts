/**
 * The decoder's contract: one reusable `DecodedPacket` filled in place for every record
 * (gopacket's DecodingLayerParser idea: decode into structures allocated once).
 * Addresses and options are kept as offsets into the record's bytes; turning them into
 * strings or option objects is done on demand, off the hot path.
 */

/** Layer codes recorded in `DecodedPacket.layers`, outermost first. */
export const enum Layer {
  Ethernet = 1,
  Vlan = 2,
  PbbItag = 3,
  VnTag = 4,
  Mpls = 5,
  LlcSnap = 6,
  Sll = 7,
  Sll2 = 8,
  Null = 9,
  Ppp = 10,
  Arcnet = 11,
  Juniper = 12,
  PppoE = 13,
  IPv4 = 20,
  IPv6 = 21,
  IPv6Ext = 22,
  Udp = 30,
  Vxlan = 31,
  Geneve = 32,
  Gre = 33,
  Tcp = 40,
}

export const LAYER_NAMES: Record<number, string> = {
  1: 'eth', 2: 'vlan', 3: 'pbb', 4: 'vntag', 5: 'mpls', 6: 'llc', 7: 'sll', 8: 'sll2', 9: 'null',
  10: 'ppp', 11: 'arcnet', 12: 'juniper', 13: 'pppoe', 20: 'ip', 21: 'ipv6', 22: 'ipv6ext', 30: 'udp',
  31: 'vxlan', 32: 'geneve', 33: 'gre', 40: 'tcp',
};

/** TCP flag bits in the 12-bit field of bytes 12–13 (RFC 9293 §3.1, RFC 3168, RFC 3540/AccECN). */
export const enum TcpFlag {
  FIN = 0x001,
  SYN = 0x002,
  RST = 0x004,
  PSH = 0x008,
  ACK = 0x010,
  URG = 0x020,
  ECE = 0x040,
  CWR = 0x080,
  /** NS (RFC 3540, historic) / AE (AccECN). */
  AE = 0x100,
}

/** Bits of `DecodedPacket.problems`: what was wrong with this packet (not fatal). */
export const enum Problem {
  /** The capture cut the packet before the end of a header we needed. */
  Truncated = 1 << 0,
  /** IPv4 header checksum does not match. */
  Ipv4Checksum = 1 << 1,
  /** IP total/payload length disagrees with what was on the wire. */
  IpLength = 1 << 2,
  /** TCP data offset < 5 or beyond the IP payload. */
  TcpHeaderLength = 1 << 3,
  /** TCP options malformed (length byte 0/1, past the header, wrong fixed length). */
  TcpOptions = 1 << 4,
  /** Link type this decoder does not know. */
  UnsupportedLinktype = 1 << 5,
  /** IP header bogus (version, IHL, total length < header). */
  IpHeader = 1 << 6,
  /** Too many nested encapsulations. */
  TooDeep = 1 << 7,
}

/** Bits of `DecodedPacket.optMask`: which TCP option kinds appeared. */
export const enum OptBit {
  Mss = 1 << 0,
  WScale = 1 << 1,
  SackPerm = 1 << 2,
  Sack = 1 << 3,
  Timestamps = 1 << 4,
  Tfo = 1 << 5,
  Mptcp = 1 << 6,
  Other = 1 << 7,
  AccEcn = 1 << 8,
}

export interface DecodedPacket {
  /** Layer codes outermost first; `layerCount` of them are valid. */
  layers: Uint8Array;
  layerCount: number;
  /** Bitmask of `Problem`. */
  problems: number;

  /** Innermost IP header: 0 = none, 4 or 6. */
  ipVersion: number;
  ipOffset: number;
  ipHeaderLength: number;
  /** Offset of the source/destination address bytes (4 or 16 bytes each). */
  srcOffset: number;
  dstOffset: number;
  /** IP payload length as the header implies (after the IPv6 extension chain). */
  ipPayloadLength: number;
  /** Upper-layer protocol (IPv4 protocol / last IPv6 next header). */
  ipProto: number;
  ttl: number;
  /** DSCP+ECN byte (IPv4 TOS / IPv6 traffic class). */
  tos: number;
  ipId: number;
  /** IPv4 DF flag. */
  dontFragment: boolean;
  /** A fragment (IPv4 MF or offset ≠ 0; IPv6 Fragment header). */
  fragment: boolean;
  /** Fragment offset in bytes; non-zero means no transport header here. */
  fragmentOffset: number;
  /** IPv4 header checksum: true if valid, false if wrong, null if not checked (truncated). */
  ipChecksumOk: boolean | null;
  /** IPv6 flow label. */
  flowLabel: number;
  /** IP total length was 0 (TSO/GSO / BIG TCP); length taken from the frame, as tcpdump does. */
  ipLengthFromFrame: boolean;

  /** True when a TCP header was decoded (ports and everything below are valid). */
  isTcp: boolean;
  /** Fewer than 20 TCP header bytes were captured: only the ports are valid; not analysed. */
  tcpTruncated: boolean;
  tcpOffset: number;
  sport: number;
  dport: number;
  /** Raw 32-bit sequence / acknowledgement numbers (unsigned). */
  seq: number;
  ack: number;
  /** TCP header length in bytes (data offset × 4). */
  tcpHeaderLength: number;
  /** 12 flag bits (see TcpFlag; bits 9–11 are the reserved bits). */
  flags: number;
  window: number;
  checksum: number;
  urgent: number;
  /** Payload length as the IP length implies (what tshark calls tcp.len). */
  payloadLength: number;
  /** Payload bytes actually present in the capture. */
  payloadCaptured: number;
  payloadOffset: number;
  /** Options region in the record's bytes (may be shorter than the header claims if truncated). */
  optionsOffset: number;
  optionsLength: number;
  /** Hot-path option values; -1 / false when absent. */
  optMask: number;
  mss: number;
  wscale: number;
  tsVal: number;
  tsEcr: number;
  sackBlocks: number;
  /** Sum of (right − left) over the first three SACK blocks (mod 2^32). */
  sackSpan: number;
}

/** A TCP option decoded for display (allocated on demand, not on the hot path). */
export type TcpOption =
  | { kind: 0; name: 'eol' }
  | { kind: 1; name: 'nop' }
  | { kind: 2; name: 'mss'; mss: number }
  | { kind: 3; name: 'wscale'; shift: number; multiplier: number }
  | { kind: 4; name: 'sack_perm' }
  | { kind: 5; name: 'sack'; blocks: Array<[number, number]> }
  | { kind: 8; name: 'timestamp'; tsval: number; tsecr: number }
  | { kind: 34; name: 'tfo'; cookie: string }
  | { kind: 30; name: 'mptcp'; subtype: number; subtypeName: string; length: number; data: string }
  | { kind: number; name: 'unknown' | string; length: number; data: string }
  | { kind: number; name: 'malformed'; length: number; problem: string };
