import type { CaptureSink, Diagnostic, InterfaceInfo, PacketRecord } from '../capture/types';
import { PacketDecoder } from './decoder';
import { isSupportedLinktype, linktypeName } from './linktypes';
import type { DecodedPacket } from './types';

export interface DecodeCounts {
  packets: number;
  tcpPackets: number;
  /** Packets on interfaces whose link type is not supported, by interface id. */
  unsupported: Record<number, number>;
  firstSec: number; firstNsec: number; lastSec: number; lastNsec: number;
}

/**
 * A CaptureSink that decodes every record and hands (record, decoded packet) on; it reports
 * an unsupported link type once per interface (its packets are still counted and passed on).
 */
export class DecodingSink implements CaptureSink {
  readonly decoder = new PacketDecoder();
  readonly counts: DecodeCounts = {
    packets: 0, tcpPackets: 0, unsupported: {}, firstSec: 0, firstNsec: 0, lastSec: 0, lastNsec: 0,
  };
  private readonly linktypes: number[] = [];

  constructor(
    private readonly onPacket: (rec: PacketRecord, p: DecodedPacket) => void,
    private readonly onDiagnostic: (d: Diagnostic) => void = () => undefined,
    private readonly onInterface: (i: InterfaceInfo) => void = () => undefined,
  ) {}

  interfaceAdded(iface: InterfaceInfo): void {
    this.linktypes[iface.id] = iface.linktype;
    this.onInterface(iface);
  }

  diagnostic(d: Diagnostic): void {
    this.onDiagnostic(d);
  }

  packet(rec: PacketRecord): void {
    const c = this.counts;
    if (c.packets === 0) { c.firstSec = rec.tsSec; c.firstNsec = rec.tsNsec; }
    c.packets++;
    if (rec.tsSec > c.lastSec || (rec.tsSec === c.lastSec && rec.tsNsec > c.lastNsec)) {
      c.lastSec = rec.tsSec; c.lastNsec = rec.tsNsec;
    }
    if (!isSupportedLinktype(rec.linktype)) {
      const n = c.unsupported[rec.iface] ?? 0;
      c.unsupported[rec.iface] = n + 1;
      if (n === 0) {
        this.onDiagnostic({
          severity: 'warning', code: 'decode.unsupported-linktype', offset: rec.offset, frame: rec.frame,
          message: `interface ${rec.iface} has link type ${rec.linktype} (${linktypeName(rec.linktype)}), which Wirelane does not decode; its packets are counted but not analysed`,
        });
      }
    }
    const p = this.decoder.decode(rec);
    if (p.isTcp) c.tcpPackets++;
    this.onPacket(rec, p);
  }
}
