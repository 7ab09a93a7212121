import type { PacketRecord } from '../capture/types';
import { LinkType } from './linktypes';
import { scanTcpOptions } from './tcpOptions';
import { Layer, Problem, type DecodedPacket } from './types';

const MAX_LAYERS = 24;

/** Ethertypes (IEEE registry) the decoder follows. */
const enum EtherType {
  IPv4 = 0x0800,
  IPv6 = 0x86dd,
  Vlan = 0x8100,
  QinQ = 0x88a8,
  QinQOld1 = 0x9100,
  QinQOld2 = 0x9200,
  PbbItag = 0x88e7,
  VnTag = 0x8926,
  MplsUnicast = 0x8847,
  MplsMulticast = 0x8848,
  PppoeSession = 0x8864,
  TransparentEthernet = 0x6558,
}

/** UDP ports of the tunnels whose inner frames tshark also decodes. */
const VXLAN_PORT = 4789;
const GENEVE_PORT = 6081;

export function newDecodedPacket(): DecodedPacket {
  return {
    layers: new Uint8Array(MAX_LAYERS), layerCount: 0, problems: 0,
    ipVersion: 0, ipOffset: 0, ipHeaderLength: 0, srcOffset: 0, dstOffset: 0, ipPayloadLength: 0, ipProto: -1,
    ttl: 0, tos: 0, ipId: 0, dontFragment: false, fragment: false, fragmentOffset: 0, ipChecksumOk: null,
    flowLabel: 0, ipLengthFromFrame: false,
    isTcp: false, tcpTruncated: false, tcpOffset: 0, sport: 0, dport: 0, seq: 0, ack: 0, tcpHeaderLength: 0, flags: 0, window: 0,
    checksum: 0, urgent: 0, payloadLength: 0, payloadCaptured: 0, payloadOffset: 0, optionsOffset: 0,
    optionsLength: 0, optMask: 0, mss: -1, wscale: -1, tsVal: 0, tsEcr: 0, sackBlocks: 0, sackSpan: 0,
  };
}

/**
 * Link → (tunnels) → IP → TCP, decoded in place into one reused `DecodedPacket`.
 * Every read is bounds-checked against the captured length: a short capture sets
 * `Problem.Truncated` and decoding stops at the last complete header. Nothing here throws
 * on bad bytes and nothing allocates per packet.
 */
export class PacketDecoder {
  readonly pkt: DecodedPacket = newDecodedPacket();
  private d: Uint8Array = new Uint8Array(0);
  /** End of the captured bytes. */
  private cap = 0;
  /** Bytes the frame had on the wire (for IP total length 0: TSO/GSO). */
  private wire = 0;

  decode(rec: PacketRecord): DecodedPacket {
    const p = this.pkt;
    p.layerCount = 0;
    p.problems = 0;
    p.ipVersion = 0;
    p.ipProto = -1;
    p.fragment = false;
    p.fragmentOffset = 0;
    p.ipChecksumOk = null;
    p.ipLengthFromFrame = false;
    p.isTcp = false;
    const base = rec.dataOffset;
    this.d = rec.data;
    this.cap = base + rec.caplen;
    this.wire = base + (rec.wirelen > rec.caplen ? rec.wirelen : rec.caplen);
    this.link(rec.linktype, base);
    return p;
  }

  private layer(code: Layer): boolean {
    const p = this.pkt;
    if (p.layerCount >= MAX_LAYERS) {
      p.problems |= Problem.TooDeep;
      return false;
    }
    p.layers[p.layerCount++] = code;
    return true;
  }

  private truncated(): void {
    this.pkt.problems |= Problem.Truncated;
  }

  private u16(o: number): number {
    return (this.d[o] << 8) | this.d[o + 1];
  }

  private u32(o: number): number {
    const d = this.d;
    return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
  }

  private link(lt: number, b: number): void {
    const d = this.d;
    switch (lt) {
      case LinkType.Ethernet:
        return this.ethernet(b);
      case LinkType.Raw: case LinkType.RawBsd12: case LinkType.RawBsd14:
        return this.ipByVersion(b);
      case LinkType.Ipv4:
        return this.ipv4(b);
      case LinkType.Ipv6:
        return this.ipv6(b);
      case LinkType.Null: case LinkType.Loop: {
        if (this.cap < b + 4) return this.truncated();
        this.layer(Layer.Null);
        // NULL: family in the capturing host's byte order; LOOP: network order.
        let fam = lt === LinkType.Loop ? this.u32(b) : (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0;
        if (fam > 0xffff) fam = this.u32(b);
        if (fam > 0xffff) fam = (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0;
        if (fam === 2) return this.ipv4(b + 4);
        // AF_INET6 differs by OS: Linux 10, the BSDs 24, FreeBSD 28, macOS 30.
        if (fam === 10 || fam === 24 || fam === 28 || fam === 30) return this.ipv6(b + 4);
        return;
      }
      case LinkType.LinuxSll:
        if (this.cap < b + 16) return this.truncated();
        this.layer(Layer.Sll);
        return this.sllProtocol(this.u16(b + 14), b + 16);
      case LinkType.LinuxSll2:
        if (this.cap < b + 20) return this.truncated();
        this.layer(Layer.Sll2);
        return this.sllProtocol(this.u16(b), b + 20);
      case LinkType.Ppp: case LinkType.PppHdlc:
        this.layer(Layer.Ppp);
        return this.ppp(b);
      case LinkType.CHdlc:
        if (this.cap < b + 4) return this.truncated();
        this.layer(Layer.Ppp);
        return this.ethertype(this.u16(b + 2), b + 4);
      case LinkType.PppEther:
        return this.pppoe(b);
      case LinkType.ArcnetBsd: case LinkType.ArcnetLinux:
        return this.arcnet(b + (lt === LinkType.ArcnetLinux ? 4 : 2));
      case LinkType.JuniperEther:
        return this.juniperEther(b);
      default:
        this.pkt.problems |= Problem.UnsupportedLinktype;
    }
  }

  private sllProtocol(proto: number, off: number): void {
    // In cooked headers the protocol field is an ethertype, or 4 for 802.2 LLC frames.
    if (proto === 0x0004) return this.llc(off);
    return this.ethertype(proto, off);
  }

  private ethernet(off: number): void {
    if (off + 14 > this.cap) return this.truncated();
    if (!this.layer(Layer.Ethernet)) return;
    const type = this.u16(off + 12);
    if (type <= 1500) return this.llc(off + 14); // an 802.3 length field: LLC follows
    return this.ethertype(type, off + 14);
  }

  /** 802.2 LLC; only SNAP (AA AA 03) with an ethertype leads anywhere we decode. */
  private llc(off: number): void {
    if (off + 3 > this.cap) return this.truncated();
    const d = this.d;
    if (d[off] === 0xaa && d[off + 1] === 0xaa && d[off + 2] === 0x03) {
      if (off + 8 > this.cap) return this.truncated();
      this.layer(Layer.LlcSnap);
      return this.ethertype(this.u16(off + 6), off + 8);
    }
    if (d[off] === 0x06 && d[off + 1] === 0x06) { // LLC SAP for IP (RFC 948-style)
      this.layer(Layer.LlcSnap);
      return this.ipv4(off + 3);
    }
  }

  private ethertype(type: number, off: number): void {
    for (;;) {
      switch (type) {
        case EtherType.IPv4: return this.ipv4(off);
        case EtherType.IPv6: return this.ipv6(off);
        case EtherType.Vlan: case EtherType.QinQ: case EtherType.QinQOld1: case EtherType.QinQOld2:
          if (off + 4 > this.cap) return this.truncated();
          if (!this.layer(Layer.Vlan)) return;
          type = this.u16(off + 2);
          off += 4;
          continue;
        case EtherType.PbbItag:
          // 802.1ah I-TAG: 4-byte I-SID word, then the customer's MAC addresses and ethertype.
          if (off + 18 > this.cap) return this.truncated();
          if (!this.layer(Layer.PbbItag)) return;
          type = this.u16(off + 16);
          off += 18;
          continue;
        case EtherType.VnTag:
          if (off + 6 > this.cap) return this.truncated();
          if (!this.layer(Layer.VnTag)) return;
          type = this.u16(off + 4);
          off += 6;
          continue;
        case EtherType.MplsUnicast: case EtherType.MplsMulticast:
          return this.mpls(off);
        case EtherType.PppoeSession:
          return this.pppoe(off);
        case EtherType.TransparentEthernet:
          return this.ethernet(off);
        default:
          return;
      }
    }
  }

  private mpls(off: number): void {
    // Label stack entries until bottom-of-stack; the payload is guessed from its first
    // nibble like Wireshark does by default: 4 → IPv4, 6 → IPv6, 0 → control word + Ethernet.
    for (;;) {
      if (off + 4 > this.cap) return this.truncated();
      if (!this.layer(Layer.Mpls)) return;
      const bos = this.d[off + 2] & 1;
      off += 4;
      if (bos) break;
    }
    if (off >= this.cap) return this.truncated();
    const nibble = this.d[off] >> 4;
    if (nibble === 4) return this.ipv4(off);
    if (nibble === 6) return this.ipv6(off);
    if (nibble === 0) return this.ethernet(off + 4);
    return this.ethernet(off);
  }

  private ppp(off: number): void {
    const d = this.d;
    if (off + 2 > this.cap) return this.truncated();
    if (d[off] === 0xff && d[off + 1] === 0x03) off += 2; // HDLC-like framing: address, control
    if (off + 1 > this.cap) return this.truncated();
    let proto: number;
    if (d[off] & 1) { // protocol-field compression (RFC 1661 §6.5): one byte
      proto = d[off];
      off += 1;
    } else {
      if (off + 2 > this.cap) return this.truncated();
      proto = this.u16(off);
      off += 2;
    }
    switch (proto) {
      case 0x0021: return this.ipv4(off);
      case 0x0057: return this.ipv6(off);
      case 0x0281: case 0x0283: return this.mpls(off);
      default: return;
    }
  }

  private pppoe(off: number): void {
    if (off + 6 > this.cap) return this.truncated();
    if (!this.layer(Layer.PppoE)) return;
    this.layer(Layer.Ppp);
    return this.ppp(off + 6);
  }

  /** ARCNET (RFC 1051 / RFC 1201): Linux adds a 2-byte offset field after the addresses. */
  private arcnet(off: number): void {
    if (off + 1 > this.cap) return this.truncated();
    this.layer(Layer.Arcnet);
    const proto = this.d[off];
    if (proto === 0xf0) return this.ipv4(off + 1); // RFC 1051 IP: no split header
    if (proto !== 0xd4 && proto !== 0xc4) return;
    if (off + 4 > this.cap) return this.truncated();
    let ip = off + 4; // protocol, split flag, 2-byte sequence
    if (this.d[off + 1] === 0xff) ip += 4; // exception packet: padding and a repeated header
    return proto === 0xd4 ? this.ipv4(ip) : this.ipv6(ip);
  }

  /** Juniper's "MGC" pseudo-header before an Ethernet frame (DLT_JUNIPER_ETHER). */
  private juniperEther(b: number): void {
    const d = this.d;
    if (this.cap < b + 4) return this.truncated();
    if (d[b] !== 0x4d || d[b + 1] !== 0x47 || d[b + 2] !== 0x43) return;
    this.layer(Layer.Juniper);
    let off = b + 4;
    if (d[b + 3] & 0x80) { // JUNIPER_BPF_EXT: a TLV extension area with a 2-byte length
      if (this.cap < b + 6) return this.truncated();
      off = b + 6 + ((d[b + 4] << 8) | d[b + 5]);
    }
    if (d[b + 3] & 0x02) return; // JUNIPER_BPF_NO_L2: no link-layer header follows — not handled
    return this.ethernet(off);
  }

  private ipByVersion(off: number): void {
    if (off >= this.cap) return this.truncated();
    const v = this.d[off] >> 4;
    if (v === 4) return this.ipv4(off);
    if (v === 6) return this.ipv6(off);
  }

  private ipv4(off: number): void {
    const p = this.pkt;
    const d = this.d;
    if (off + 20 > this.cap) return this.truncated();
    if (!this.layer(Layer.IPv4)) return;
    const vihl = d[off];
    const ihl = (vihl & 0x0f) * 4;
    if (vihl >> 4 !== 4 || ihl < 20) {
      p.problems |= Problem.IpHeader;
      return;
    }
    p.ipVersion = 4;
    p.ipOffset = off;
    p.ipHeaderLength = ihl;
    p.tos = d[off + 1];
    let total = this.u16(off + 2);
    p.ipId = this.u16(off + 4);
    const fragWord = this.u16(off + 6);
    p.dontFragment = (fragWord & 0x4000) !== 0;
    p.fragmentOffset = (fragWord & 0x1fff) * 8;
    p.fragment = (fragWord & 0x2000) !== 0 || p.fragmentOffset !== 0;
    p.ttl = d[off + 8];
    p.ipProto = d[off + 9];
    p.srcOffset = off + 12;
    p.dstOffset = off + 16;
    if (off + ihl > this.cap) {
      this.truncated();
      return;
    }
    p.ipChecksumOk = internetChecksum(d, off, ihl) === 0;
    if (!p.ipChecksumOk) p.problems |= Problem.Ipv4Checksum;
    if (total === 0) {
      // TSO/GSO and BIG TCP captures carry total length 0: take the length from the frame (as tcpdump does).
      total = this.wire - off;
      p.ipLengthFromFrame = true;
    }
    if (total < ihl) {
      p.problems |= Problem.IpHeader;
      return;
    }
    if (off + total > this.wire) {
      // The frame (as the file records it) ended before the IP length says: trust the frame,
      // like tshark (tcpdump refuses such a packet).
      p.problems |= Problem.IpLength;
      total = Math.max(ihl, this.wire - off);
    }
    p.ipPayloadLength = total - ihl;
    if (p.fragmentOffset !== 0) return; // no transport header in a non-first fragment
    this.transport(p.ipProto, off + ihl, total - ihl);
  }

  private ipv6(off: number): void {
    const p = this.pkt;
    const d = this.d;
    if (off + 40 > this.cap) return this.truncated();
    if (!this.layer(Layer.IPv6)) return;
    if (d[off] >> 4 !== 6) {
      p.problems |= Problem.IpHeader;
      return;
    }
    p.ipVersion = 6;
    p.ipOffset = off;
    p.ipHeaderLength = 40;
    p.tos = ((d[off] & 0x0f) << 4) | (d[off + 1] >> 4);
    p.flowLabel = ((d[off + 1] & 0x0f) << 16) | (d[off + 2] << 8) | d[off + 3];
    let payload = this.u16(off + 4);
    let next = d[off + 6];
    p.ttl = d[off + 7];
    p.srcOffset = off + 8;
    p.dstOffset = off + 24;
    p.ipChecksumOk = null;
    let pos = off + 40;
    let jumbo = -1;
    // RFC 8200 §4: walk the extension-header chain.
    for (;;) {
      if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140) {
        if (pos + 2 > this.cap) return this.truncated();
        const len = (d[pos + 1] + 1) * 8;
        if (pos + len > this.cap) return this.truncated();
        if (next === 0) jumbo = this.jumboLength(pos, len);
        if (!this.layer(Layer.IPv6Ext)) return;
        next = d[pos];
        pos += len;
      } else if (next === 44) { // Fragment
        if (pos + 8 > this.cap) return this.truncated();
        if (!this.layer(Layer.IPv6Ext)) return;
        const fo = this.u16(pos + 2);
        p.fragment = true;
        p.fragmentOffset = fo & 0xfff8;
        p.ipId = this.u32(pos + 4);
        next = d[pos];
        pos += 8;
        if (p.fragmentOffset !== 0) {
          p.ipProto = next;
          p.ipPayloadLength = Math.max(0, payload - (pos - off - 40));
          return;
        }
      } else if (next === 51) { // Authentication Header (RFC 4302): length in 4-byte units, minus 2
        if (pos + 2 > this.cap) return this.truncated();
        const len = (d[pos + 1] + 2) * 4;
        if (pos + len > this.cap) return this.truncated();
        if (!this.layer(Layer.IPv6Ext)) return;
        next = d[pos];
        pos += len;
      } else {
        break;
      }
    }
    if (payload === 0) {
      if (jumbo > 0) payload = jumbo; // RFC 2675 jumbogram
      else if (next !== 59) {
        payload = this.wire - off - 40; // BIG TCP without the jumbo option: length from the frame
        p.ipLengthFromFrame = true;
      }
    }
    if (off + 40 + payload > this.wire) {
      p.problems |= Problem.IpLength;
      payload = Math.max(0, this.wire - off - 40);
    }
    p.ipProto = next;
    const upper = payload - (pos - off - 40);
    p.ipPayloadLength = upper > 0 ? upper : 0;
    if (upper < 0) {
      p.problems |= Problem.IpLength;
      return;
    }
    this.transport(next, pos, upper);
  }

  /** Hop-by-hop options: the RFC 2675 Jumbo Payload option (type 0xC2) if present, else -1. */
  private jumboLength(pos: number, len: number): number {
    const d = this.d;
    let i = pos + 2;
    const end = pos + len;
    while (i < end) {
      const t = d[i];
      if (t === 0) { i++; continue; } // Pad1
      if (i + 2 > end) break;
      const l = d[i + 1];
      if (t === 0xc2 && l === 4 && i + 6 <= end) return this.u32(i + 2);
      i += 2 + l;
    }
    return -1;
  }

  private transport(proto: number, off: number, length: number): void {
    switch (proto) {
      case 6: return this.tcp(off, length);
      case 17: return this.udp(off, length);
      case 4: return this.ipv4(off);
      case 41: return this.ipv6(off);
      case 47: return this.gre(off);
      default: return;
    }
  }

  private udp(off: number, length: number): void {
    if (off + 8 > this.cap || length < 8) return this.truncated();
    if (!this.layer(Layer.Udp)) return;
    const sport = this.u16(off);
    const dport = this.u16(off + 2);
    const body = off + 8;
    if (dport === VXLAN_PORT || sport === VXLAN_PORT) {
      // RFC 7348: 8-byte header with the I flag, then an Ethernet frame.
      if (body + 8 > this.cap) return this.truncated();
      if (!this.layer(Layer.Vxlan)) return;
      return this.ethernet(body + 8);
    }
    if (dport === GENEVE_PORT || sport === GENEVE_PORT) {
      // RFC 8926: 8-byte header + options (length in 4-byte words), protocol type is an ethertype.
      if (body + 8 > this.cap) return this.truncated();
      if (!this.layer(Layer.Geneve)) return;
      const optLen = (this.d[body] & 0x3f) * 4;
      return this.ethertype(this.u16(body + 2), body + 8 + optLen);
    }
  }

  private gre(off: number): void {
    if (off + 4 > this.cap) return this.truncated();
    if (!this.layer(Layer.Gre)) return;
    const flags = this.u16(off);
    const proto = this.u16(off + 2);
    if ((flags & 7) !== 0) return; // only GRE version 0 carries ethertypes
    let pos = off + 4;
    if (flags & 0x8000) pos += 4; // checksum + reserved
    if (flags & 0x2000) pos += 4; // key
    if (flags & 0x1000) pos += 4; // sequence number
    return this.ethertype(proto, pos);
  }

  private tcp(off: number, length: number): void {
    const p = this.pkt;
    const d = this.d;
    if (off + 4 > this.cap) return this.truncated();
    if (!this.layer(Layer.Tcp)) return;
    p.isTcp = true;
    p.tcpOffset = off;
    p.sport = this.u16(off);
    p.dport = this.u16(off + 2);
    if (off + 20 > this.cap) {
      // Only the ports survived the snaplen (tshark and tcpdump still show them).
      p.tcpTruncated = true;
      p.seq = p.ack = p.flags = p.window = p.checksum = p.urgent = p.tcpHeaderLength = 0;
      p.payloadLength = p.payloadCaptured = p.optionsLength = p.optMask = p.sackBlocks = p.sackSpan = 0;
      p.mss = p.wscale = -1;
      return this.truncated();
    }
    p.tcpTruncated = false;
    p.seq = this.u32(off + 4);
    p.ack = this.u32(off + 8);
    const hl = (d[off + 12] >> 4) * 4;
    p.tcpHeaderLength = hl;
    p.flags = ((d[off + 12] & 0x0f) << 8) | d[off + 13];
    p.window = this.u16(off + 14);
    p.checksum = this.u16(off + 16);
    p.urgent = this.u16(off + 18);
    p.optMask = 0;
    p.mss = -1;
    p.wscale = -1;
    p.tsVal = 0;
    p.tsEcr = 0;
    p.sackBlocks = 0;
    p.sackSpan = 0;
    const ipEnd = off + length;
    const capEnd = ipEnd < this.cap ? ipEnd : this.cap;
    if (hl < 20 || hl > length) {
      p.problems |= Problem.TcpHeaderLength;
      p.payloadLength = 0;
      p.payloadCaptured = 0;
      p.payloadOffset = off + 20;
      p.optionsOffset = off + 20;
      p.optionsLength = 0;
      return;
    }
    p.payloadOffset = off + hl;
    p.payloadLength = length - hl;
    p.payloadCaptured = capEnd > off + hl ? capEnd - off - hl : 0;
    p.optionsOffset = off + 20;
    const optEnd = off + hl < this.cap ? off + hl : this.cap;
    p.optionsLength = optEnd > off + 20 ? optEnd - off - 20 : 0;
    if (off + hl > this.cap) this.truncated();
    if (p.optionsLength > 0 && !scanTcpOptions(d, p.optionsOffset, p.optionsOffset + p.optionsLength, p)) {
      p.problems |= Problem.TcpOptions;
    }
  }
}

/** RFC 1071 one's-complement sum; 0 over a header that includes its checksum means valid. */
export function internetChecksum(d: Uint8Array, off: number, len: number): number {
  let sum = 0;
  const end = off + (len & ~1);
  for (let i = off; i < end; i += 2) sum += (d[i] << 8) | d[i + 1];
  if (len & 1) sum += d[off + len - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
