import { readU32 as u32 } from './bytes';
import { BlockType } from './pcapng';
import type { CaptureInfo } from './types';

/** One packet re-read from its record (see FrameIndex). `data` is a fresh copy. */
export interface ExtractedPacket {
  data: Uint8Array;
  caplen: number;
  wirelen: number;
  linktype: number;
  /** pcapng packet comments (opt_comment), joined by newlines; null when none. Capture text: show as text only. */
  comment: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The opt_comment values of a pcapng option list [p, end). */
function comments(b: Uint8Array, p: number, end: number, le: boolean): string | null {
  const out: string[] = [];
  while (p + 4 <= end) {
    const code = le ? b[p] | (b[p + 1] << 8) : (b[p] << 8) | b[p + 1];
    const len = le ? b[p + 2] | (b[p + 3] << 8) : (b[p + 2] << 8) | b[p + 3];
    if (code === 0 || p + 4 + len > end) break;
    if (code === 1) out.push(utf8.decode(b.subarray(p + 4, p + 4 + len)));
    p += 4 + ((len + 3) & ~3);
  }
  return out.length ? out.join('\n') : null;
}

/** Bytes to read at a record's offset to be sure to hold its header (the caller reads more if needed). */
export const RECORD_HEAD_BYTES = 32;


/**
 * Total bytes of the record starting with `head` (≥ RECORD_HEAD_BYTES of it), so the caller
 * can read it whole; -1 when the bytes are not a record of this capture.
 */
export function recordLength(info: CaptureInfo, iface: number, head: Uint8Array): number {
  if (info.format === 'pcap') return 16 + u32(head, 8, info.littleEndian ?? true);
  if (info.format === 'pcapng') {
    const le = littleEndianOf(info, iface);
    return u32(head, 4, le);
  }
  return -1;
}

function littleEndianOf(info: CaptureInfo, iface: number): boolean {
  const section = info.interfaces[iface]?.section ?? 0;
  return info.sections[section]?.littleEndian ?? true;
}

/** The packet held by a whole record (pcap record, or pcapng EPB / SPB / PB), or null. */
export function extractPacket(info: CaptureInfo, iface: number, record: Uint8Array): ExtractedPacket | null {
  const linktype = info.interfaces[iface]?.linktype ?? 0;
  if (info.format === 'pcap') {
    const le = info.littleEndian ?? true;
    if (record.length < 16) return null;
    const caplen = u32(record, 8, le);
    if (16 + caplen > record.length) return null;
    return { data: record.slice(16, 16 + caplen), caplen, wirelen: Math.max(caplen, u32(record, 12, le)), linktype, comment: null };
  }
  const le = littleEndianOf(info, iface);
  if (record.length < 12) return null;
  const type = u32(record, 0, le);
  const total = u32(record, 4, le);
  if (total > record.length) return null;
  if (type === BlockType.EnhancedPacket || type === BlockType.ObsoletePacket) {
    const caplen = u32(record, 20, le);
    if (28 + caplen > total) return null;
    const comment = comments(record, 28 + ((caplen + 3) & ~3), total - 4, le);
    return { data: record.slice(28, 28 + caplen), caplen, wirelen: Math.max(caplen, u32(record, 24, le)), linktype, comment };
  }
  if (type === BlockType.SimplePacket) {
    const wirelen = u32(record, 8, le);
    const snap = info.interfaces[iface]?.snaplen ?? 0;
    let caplen = Math.min(wirelen, total - 16);
    if (snap > 0) caplen = Math.min(caplen, snap);
    return { data: record.slice(12, 12 + caplen), caplen, wirelen, linktype, comment: null };
  }
  return null;
}
