import {
  destinationAddress, formatEpoch, packetOptions, problemList, sourceAddress, TcpFlag,
  type DecodedPacket, type PacketRecord, type TcpOption,
} from '../core';

/** tcpdump's flag notation: S F P R U W E, and "." for ACK. */
function tcpdumpFlags(f: number): string {
  let s = '';
  if (f & TcpFlag.SYN) s += 'S';
  if (f & TcpFlag.FIN) s += 'F';
  if (f & TcpFlag.PSH) s += 'P';
  if (f & TcpFlag.RST) s += 'R';
  if (f & TcpFlag.URG) s += 'U';
  if (f & TcpFlag.CWR) s += 'W';
  if (f & TcpFlag.ECE) s += 'E';
  if (f & TcpFlag.ACK) s += '.';
  if (f & TcpFlag.AE) s += 'e';
  return s || 'none';
}

function optionText(o: TcpOption): string {
  switch (o.name) {
    case 'nop': return 'nop';
    case 'eol': return 'eol';
    case 'mss': return `mss ${(o as { mss: number }).mss}`;
    case 'wscale': return `wscale ${(o as { shift: number }).shift}`;
    case 'sack_perm': return 'sackOK';
    case 'sack': return `sack ${(o as { blocks: Array<[number, number]> }).blocks.map(([l, r]) => `{${l}:${r}}`).join('')}`;
    case 'timestamp': { const t = o as { tsval: number; tsecr: number }; return `TS val ${t.tsval} ecr ${t.tsecr}`; }
    case 'tfo': return `tfo cookie ${(o as { cookie: string }).cookie}`;
    case 'mptcp': return `mptcp ${(o as { subtypeName: string }).subtypeName}`;
    case 'malformed': return `malformed(${(o as { problem: string }).problem})`;
    default: return `opt-${o.kind}`;
  }
}

/** A readable one-line summary, close to `tcpdump -tt -n`. */
export function packetText(rec: PacketRecord, p: DecodedPacket): string {
  const head = `${rec.frame} ${formatEpoch(rec.tsSec, rec.tsNsec)}`;
  let body: string;
  if (p.isTcp && p.tcpTruncated) {
    body = `${p.ipVersion === 6 ? 'IP6' : 'IP'} ${sourceAddress(rec.data, p)}.${p.sport} > ${destinationAddress(rec.data, p)}.${p.dport}: [|tcp]`;
  } else if (p.isTcp) {
    const ip = p.ipVersion === 6 ? 'IP6' : 'IP';
    const opts = packetOptions(rec.data, p);
    body = `${ip} ${sourceAddress(rec.data, p)}.${p.sport} > ${destinationAddress(rec.data, p)}.${p.dport}: ` +
      `Flags [${tcpdumpFlags(p.flags)}], seq ${p.seq}` +
      (p.flags & TcpFlag.ACK ? `, ack ${p.ack}` : '') +
      `, win ${p.window}` +
      (opts.length ? `, options [${opts.map(optionText).join(',')}]` : '') +
      `, length ${p.payloadLength}`;
  } else if (p.ipVersion !== 0) {
    body = `${p.ipVersion === 6 ? 'IP6' : 'IP'} ${sourceAddress(rec.data, p)} > ${destinationAddress(rec.data, p)}: proto ${p.ipProto}` +
      (p.fragment ? ` (fragment offset ${p.fragmentOffset})` : '') + `, length ${p.ipPayloadLength}`;
  } else {
    body = `linktype ${rec.linktype}, ${rec.caplen} bytes captured of ${rec.wirelen}`;
  }
  const problems = problemList(p.problems);
  if (problems.length) body += ` [${problems.map((x) => x.message).join('; ')}]`;
  return `${head} ${body}`;
}
