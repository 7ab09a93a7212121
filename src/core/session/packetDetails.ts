import { hexBytes } from '../capture/bytes';
import type { ExtractedPacket } from '../capture/extract';
import { PacketDecoder } from '../decode/decoder';
import { destinationAddress, flagLetters, layerString, packetOptions, problemList, sourceAddress } from '../decode/describe';
import { linktypeName } from '../decode/linktypes';
import type { TcpOption } from '../decode/types';
import type { PacketDetails, SegmentRow } from '../model/viewTypes';

function optionText(o: TcpOption): string {
  const x = o as Record<string, unknown>;
  switch (o.name) {
    case 'mss': return `MSS ${x.mss}`;
    case 'wscale': return `window scale ${x.shift} (×${x.multiplier})`;
    case 'sack_perm': return 'SACK permitted';
    case 'sack': return `SACK ${(x.blocks as Array<[number, number]>).map(([l, r]) => `${l}–${r}`).join(', ')}`;
    case 'timestamp': return `timestamps TSval ${x.tsval} TSecr ${x.tsecr}`;
    case 'tfo': return `TCP Fast Open cookie ${x.cookie || '(request)'}`;
    case 'mptcp': return `MPTCP ${x.subtypeName}`;
    case 'malformed': return `malformed: ${x.problem}`;
    case 'nop': return 'NOP';
    case 'eol': return 'end of options';
    default: return `kind ${o.kind}, ${x.length} bytes`;
  }
}

/** Every decoded header field of one packet, grouped for the details panel. */
export function packetDetails(pkt: ExtractedPacket, seg: SegmentRow, timeText: string, iface: number): PacketDetails {
  const decoder = new PacketDecoder();
  const rec = {
    frame: seg.frame, tsSec: 0, tsNsec: 0, iface, linktype: pkt.linktype, caplen: pkt.caplen, wirelen: pkt.wirelen,
    data: pkt.data, dataOffset: 0, offset: 0, comment: null, epbFlags: 0,
  };
  const p = decoder.decode(rec);
  const groups: PacketDetails['groups'] = [];
  groups.push({
    name: 'Frame',
    fields: [
      ['Number', String(seg.frame)], ['Time', timeText], ['Interface', String(iface)],
      ['Link type', `${pkt.linktype} (${linktypeName(pkt.linktype)})`], ['Layers', layerString(p)],
      ['Captured', `${pkt.caplen} bytes`], ['On the wire', `${pkt.wirelen} bytes`],
    ],
  });
  if (p.ipVersion !== 0) {
    const ip: Array<[string, string]> = [
      ['Version', `IPv${p.ipVersion}`], ['Source', sourceAddress(pkt.data, p)], ['Destination', destinationAddress(pkt.data, p)],
      [p.ipVersion === 4 ? 'TTL' : 'Hop limit', String(p.ttl)], ['DSCP / ECN', `${p.tos >> 2} / ${p.tos & 3}`],
      ['Header length', `${p.ipHeaderLength} bytes`], ['Payload length', `${p.ipPayloadLength} bytes`],
    ];
    if (p.ipVersion === 4) {
      ip.push(['Identification', `0x${p.ipId.toString(16).padStart(4, '0')}`], ['Don\'t fragment', p.dontFragment ? 'yes' : 'no'],
        ['Header checksum', p.ipChecksumOk === null ? 'not checked' : p.ipChecksumOk ? 'correct' : 'WRONG']);
    } else {
      ip.push(['Flow label', `0x${p.flowLabel.toString(16)}`]);
    }
    if (p.fragment) ip.push(['Fragment offset', String(p.fragmentOffset)]);
    groups.push({ name: 'IP', fields: ip });
  }
  if (p.isTcp) {
    groups.push({
      name: 'TCP',
      fields: [
        ['Source port', String(p.sport)], ['Destination port', String(p.dport)],
        ['Sequence number', `${seg.seq} (raw ${p.seq})`], ['Acknowledgement number', `${seg.ack} (raw ${p.ack})`],
        ['Header length', `${p.tcpHeaderLength} bytes`], ['Flags', `${flagLetters(p.flags) || '(none)'} (0x${p.flags.toString(16).padStart(3, '0')})`],
        ['Window', `${p.window}${seg.win !== p.window ? ` (scaled: ${seg.win} bytes)` : ''}`],
        ['Checksum', `0x${p.checksum.toString(16).padStart(4, '0')}`], ['Urgent pointer', String(p.urgent)],
        ['Payload', `${p.payloadLength} bytes (${p.payloadCaptured} captured)`],
      ],
    });
    const opts = packetOptions(pkt.data, p);
    if (opts.length) groups.push({ name: 'Options', fields: opts.map((o, i) => [`#${i + 1}`, optionText(o)] as [string, string]) });
  }
  if (pkt.comment !== null) groups.push({ name: 'Comment', fields: pkt.comment.split('\n').map((c) => ['Comment', c] as [string, string]) });
  const problems = problemList(p.problems);
  if (problems.length) groups.push({ name: 'Problems', fields: problems.map((x) => [x.code, x.message] as [string, string]) });
  return { frame: seg.frame, groups, hex: hexBytes(pkt.data) };
}
