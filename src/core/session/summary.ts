import type { CaptureInfo, Diagnostic } from '../capture/types';
import { formatEpoch } from '../capture/timestamp';
import { linktypeName } from '../decode/linktypes';
import type { DecodeCounts } from '../decode/session';
import type { CaptureSummary } from '../model/viewTypes';

/** The capture's summary for views, from what the reader and the decoder counted. */
export function captureSummary(file: string, fileSize: number, info: CaptureInfo, counts: DecodeCounts,
  perIface: ArrayLike<number>, diagnostics: Diagnostic[], cancelled: boolean): CaptureSummary {
  return {
    file, format: info.format, gzip: info.gzip, fileSize, packets: counts.packets, tcpPackets: counts.tcpPackets,
    firstTime: counts.packets ? formatEpoch(counts.firstSec, counts.firstNsec) : null,
    lastTime: counts.packets ? formatEpoch(counts.lastSec, counts.lastNsec) : null,
    interfaces: info.interfaces.map((i) => ({
      id: i.id, name: i.name, linktype: i.linktype, linktypeName: linktypeName(i.linktype), snaplen: i.snaplen, packets: perIface[i.id] ?? 0,
    })),
    comments: info.comments,
    complete: !diagnostics.some((d) => d.severity === 'error') && !cancelled,
    cancelled,
    diagnostics: diagnostics.map((d) => ({ ...d })),
  };
}
