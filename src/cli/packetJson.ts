import {
  destinationAddress, flagLetters, formatEpoch, layerString, linktypeName, packetOptions, problemList, sourceAddress,
  type DecodedPacket, type Diagnostic, type PacketRecord, type TcpOption,
} from '../core';

/**
 * One line of `wirelane packets --ndjson`. This shape is a public contract (docs/cli-json.md):
 * add fields, never rename or remove them.
 */
export interface PacketJson {
  /** 1-based frame number, as Wireshark numbers frames. */
  frame: number;
  /** Epoch seconds with all nine fractional digits, e.g. "1795589331.632393000". */
  time: string;
  iface: number;
  linktype: number;
  linktypeName: string;
  caplen: number;
  wirelen: number;
  /** Decoded layers, outermost first, e.g. "eth:vlan:ip:tcp". */
  layers: string;
  /** Offset of the record in the (decompressed) file. */
  offset: number;
  comment?: string;
  ipVersion?: 4 | 6;
  src?: string;
  dst?: string;
  ttl?: number;
  ipChecksumOk?: boolean;
  fragment?: boolean;
  sport?: number;
  dport?: number;
  seqRaw?: number;
  ackRaw?: number;
  /** Set flags in header order from N C E U A P R S F; a SYN-ACK is "AS". */
  flags?: string;
  /** The 12-bit flags field as a number (includes the 3 reserved bits). */
  flagBits?: number;
  /** Raw (unscaled) window field. */
  win?: number;
  /** TCP payload length as the IP length implies (tshark's tcp.len). */
  len?: number;
  /** TCP payload bytes present in the capture. */
  lenCaptured?: number;
  hdrLen?: number;
  urgent?: number;
  checksum?: number;
  options?: TcpOption[];
  diagnostics?: Array<Pick<Diagnostic, 'severity' | 'code' | 'message'>>;
}

export function packetJson(rec: PacketRecord, p: DecodedPacket, readerDiagnostics: Diagnostic[]): PacketJson {
  const o: PacketJson = {
    frame: rec.frame, time: formatEpoch(rec.tsSec, rec.tsNsec), iface: rec.iface, linktype: rec.linktype,
    linktypeName: linktypeName(rec.linktype), caplen: rec.caplen, wirelen: rec.wirelen, layers: layerString(p),
    offset: rec.offset,
  };
  if (rec.comment !== null) o.comment = rec.comment;
  if (p.ipVersion !== 0) {
    o.ipVersion = p.ipVersion as 4 | 6;
    o.src = sourceAddress(rec.data, p);
    o.dst = destinationAddress(rec.data, p);
    o.ttl = p.ttl;
    if (p.ipChecksumOk !== null) o.ipChecksumOk = p.ipChecksumOk;
    if (p.fragment) o.fragment = true;
  }
  if (p.isTcp) {
    o.sport = p.sport;
    o.dport = p.dport;
  }
  if (p.isTcp && !p.tcpTruncated) {
    o.seqRaw = p.seq;
    o.ackRaw = p.ack;
    o.flags = flagLetters(p.flags);
    o.flagBits = p.flags;
    o.win = p.window;
    o.len = p.payloadLength;
    o.lenCaptured = p.payloadCaptured;
    o.hdrLen = p.tcpHeaderLength;
    o.urgent = p.urgent;
    o.checksum = p.checksum;
    o.options = packetOptions(rec.data, p);
  }
  const diags: NonNullable<PacketJson['diagnostics']> = [];
  for (const d of readerDiagnostics) diags.push({ severity: d.severity, code: d.code, message: d.message });
  for (const d of problemList(p.problems)) diags.push({ severity: 'warning', code: d.code, message: d.message });
  if (diags.length > 0) o.diagnostics = diags;
  return o;
}
