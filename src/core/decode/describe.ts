import { formatIpv4Bytes, formatIpv6Bytes } from './address';
import { decodeTcpOptions } from './tcpOptions';
import { LAYER_NAMES, Problem, TcpFlag, type DecodedPacket, type TcpOption } from './types';

/** Flag letters in header order (N = NS/AE, C = CWR, E = ECE, U, A, P, R, S, F); a SYN-ACK is "AS". */
export function flagLetters(flags: number): string {
  let s = '';
  if (flags & TcpFlag.AE) s += 'N';
  if (flags & TcpFlag.CWR) s += 'C';
  if (flags & TcpFlag.ECE) s += 'E';
  if (flags & TcpFlag.URG) s += 'U';
  if (flags & TcpFlag.ACK) s += 'A';
  if (flags & TcpFlag.PSH) s += 'P';
  if (flags & TcpFlag.RST) s += 'R';
  if (flags & TcpFlag.SYN) s += 'S';
  if (flags & TcpFlag.FIN) s += 'F';
  return s;
}

export function sourceAddress(data: Uint8Array, p: DecodedPacket): string {
  return p.ipVersion === 4 ? formatIpv4Bytes(data, p.srcOffset) : formatIpv6Bytes(data, p.srcOffset);
}

export function destinationAddress(data: Uint8Array, p: DecodedPacket): string {
  return p.ipVersion === 4 ? formatIpv4Bytes(data, p.dstOffset) : formatIpv6Bytes(data, p.dstOffset);
}

export function layerString(p: DecodedPacket): string {
  const names: string[] = [];
  for (let i = 0; i < p.layerCount; i++) names.push(LAYER_NAMES[p.layers[i]] ?? '?');
  return names.join(':');
}

export function packetOptions(data: Uint8Array, p: DecodedPacket): TcpOption[] {
  return p.optionsLength > 0 ? decodeTcpOptions(data, p.optionsOffset, p.optionsOffset + p.optionsLength) : [];
}

const PROBLEM_TEXT: Array<[Problem, string, string]> = [
  [Problem.Truncated, 'decode.truncated', 'the capture cut the packet inside a header (snaplen)'],
  [Problem.Ipv4Checksum, 'decode.ipv4-checksum', 'IPv4 header checksum is wrong'],
  [Problem.IpLength, 'decode.ip-length', 'IP length disagrees with the frame length'],
  [Problem.TcpHeaderLength, 'decode.tcp-header-length', 'TCP data offset is below 5 words or beyond the IP payload'],
  [Problem.TcpOptions, 'decode.tcp-options', 'TCP options are malformed'],
  [Problem.UnsupportedLinktype, 'decode.unsupported-linktype', 'link type not supported'],
  [Problem.IpHeader, 'decode.ip-header', 'IP header is bogus (version, header length or total length)'],
  [Problem.TooDeep, 'decode.too-deep', 'too many nested encapsulations'],
];

/** The packet's decode problems as (code, text) pairs. */
export function problemList(problems: number): Array<{ code: string; message: string }> {
  const out: Array<{ code: string; message: string }> = [];
  for (const [bit, code, message] of PROBLEM_TEXT) if (problems & bit) out.push({ code, message });
  return out;
}
