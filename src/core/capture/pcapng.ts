import { DiagnosticReporter, hex32 } from './diagnostics';
import { UnitFramer } from './framer';
import { emptyCaptureInfo, MAX_UNIT_BYTES, newPacketRecord } from './info';
import { timestampToSecNsec, type SecNsec } from './timestamp';
import { formatIpv4Bytes, formatIpv6Bytes } from '../decode/address';
import type { CaptureInfo, CaptureParser, CaptureSink, InterfaceInfo, SectionInfo } from './types';

/** pcapng block types (draft-ietf-opsawg-pcapng §4). */
export const enum BlockType {
  SectionHeader = 0x0a0d0d0a,
  InterfaceDescription = 0x00000001,
  ObsoletePacket = 0x00000002,
  SimplePacket = 0x00000003,
  NameResolution = 0x00000004,
  InterfaceStatistics = 0x00000005,
  EnhancedPacket = 0x00000006,
  DecryptionSecrets = 0x0000000a,
  Custom = 0x00000bad,
  CustomNoCopy = 0x40000bad,
}

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_NAMES: Record<number, string> = {
  [BlockType.SectionHeader]: 'SHB', [BlockType.InterfaceDescription]: 'IDB',
  [BlockType.ObsoletePacket]: 'PB', [BlockType.SimplePacket]: 'SPB', [BlockType.NameResolution]: 'NRB',
  [BlockType.InterfaceStatistics]: 'ISB', [BlockType.EnhancedPacket]: 'EPB',
  [BlockType.DecryptionSecrets]: 'DSB', [BlockType.Custom]: 'custom', [BlockType.CustomNoCopy]: 'custom',
  0x00000007: 'IRIG', 0x00000008: 'AFDX', 0x00000009: 'systemd-journal',
};

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * pcapng: sections (each with its own byte order), interfaces with their own link type and
 * timestamp resolution, packet blocks, name resolution, statistics; unknown blocks are
 * skipped by their length. Every block's trailing length must repeat the leading one — a
 * block whose lengths disagree means the framing is lost, so reading stops there.
 */
export class PcapngParser extends UnitFramer implements CaptureParser {
  readonly info: CaptureInfo = emptyCaptureInfo();
  private readonly diag: DiagnosticReporter;
  private readonly rec = newPacketRecord();
  private readonly ts: SecNsec = { sec: 0, nsec: 0 };
  private sawSection = false;
  /** Interfaces of the current section (section-local index → global InterfaceInfo). */
  private sectionIfaces: InterfaceInfo[] = [];
  private section = -1;
  private epbCount = 0;

  constructor(private readonly sink: CaptureSink, reporter?: DiagnosticReporter) {
    super();
    this.info.format = 'pcapng';
    this.diag = reporter ?? new DiagnosticReporter(sink);
  }

  protected headerSize(): number {
    return 12;
  }


  protected unitSize(buf: Uint8Array, off: number, streamOffset: number): number {
    const type = this.u32(buf, off); // SHB's type is a palindrome: byte order does not matter
    if (type === BlockType.SectionHeader) {
      const m = this.u32(buf, off + 8);
      if (m !== BYTE_ORDER_MAGIC) {
        const swapped = ((m & 0xff) << 24 | (m & 0xff00) << 8 | (m >>> 8) & 0xff00 | m >>> 24) >>> 0;
        if (swapped === BYTE_ORDER_MAGIC) this.le = !this.le;
        else {
          this.fail(streamOffset + 8, 'pcapng.byte-order-magic',
            `section header block has byte-order magic ${hex32(m)}, expected 0x1a2b3c4d`);
          return -1;
        }
      }
    } else if (!this.sawSection) {
      this.fail(streamOffset, 'pcapng.no-section', `first block (type ${hex32(type)}) is not a section header block`);
      return -1;
    }
    const len = this.u32(buf, off + 4);
    if (len < 12 || len % 4 !== 0) {
      this.fail(streamOffset + 4, 'pcapng.block-length',
        `${this.blockName(type)} block has total length ${len}; a block is at least 12 bytes and a multiple of 4`);
      return -1;
    }
    if (len > MAX_UNIT_BYTES) {
      this.fail(streamOffset + 4, 'pcapng.block-too-large',
        `${this.blockName(type)} block claims ${len} bytes (over the ${MAX_UNIT_BYTES}-byte limit); the file is damaged from here`);
      return -1;
    }
    return len;
  }

  private blockName(type: number): string {
    return BLOCK_NAMES[type] ?? `type ${hex32(type)}`;
  }

  protected unit(b: Uint8Array, off: number, size: number, streamOffset: number): void {
    const type = this.u32(b, off);
    const trailer = this.u32(b, off + size - 4);
    if (trailer !== size) {
      this.fail(streamOffset + size - 4, 'pcapng.block-length-mismatch',
        `${this.blockName(type)} block at offset ${streamOffset}: leading length ${size} and trailing length ${trailer} disagree`);
      this.stopped = true;
      return;
    }
    if (type === BlockType.EnhancedPacket) this.epbCount++; // the hot case: no string-keyed update
    else {
      const name = this.blockName(type);
      this.info.blockCounts[name] = (this.info.blockCounts[name] ?? 0) + 1;
    }
    const body = off + 8;
    const bodyEnd = off + size - 4;
    switch (type) {
      case BlockType.SectionHeader: return this.sectionHeader(b, body, bodyEnd, streamOffset);
      case BlockType.InterfaceDescription: return this.interfaceDescription(b, body, bodyEnd, streamOffset);
      case BlockType.EnhancedPacket: return this.enhancedPacket(b, body, bodyEnd, streamOffset);
      case BlockType.SimplePacket: return this.simplePacket(b, body, bodyEnd, streamOffset);
      case BlockType.ObsoletePacket: return this.obsoletePacket(b, body, bodyEnd, streamOffset);
      case BlockType.NameResolution: return this.nameResolution(b, body, bodyEnd, streamOffset);
      case BlockType.InterfaceStatistics: return this.interfaceStatistics(b, body, bodyEnd, streamOffset);
      default: return; // DSB, custom and unknown blocks: skipped by their length
    }
  }

  private sectionHeader(b: Uint8Array, p: number, end: number, at: number): void {
    this.sawSection = true;
    this.section++;
    this.sectionIfaces = [];
    if (end - p < 16) {
      this.diag.report('warning', 'pcapng.shb-short', at, 'section header block is shorter than its fixed fields');
    }
    const section: SectionInfo = {
      index: this.section, offset: at, littleEndian: this.le,
      versionMajor: end - p >= 8 ? this.u16(b, p + 4) : 0,
      versionMinor: end - p >= 8 ? this.u16(b, p + 6) : 0,
      comments: [],
    };
    if (section.versionMajor !== 1) {
      this.diag.report('warning', 'pcapng.version', at + 12,
        `section ${this.section} has version ${section.versionMajor}.${section.versionMinor} (expected 1.0); reading on`);
    }
    this.options(b, p + 16, end, at, (code, v, s, e) => {
      if (code === 1) section.comments.push(utf8.decode(v.subarray(s, e)));
      else if (code === 2) section.hardware = utf8.decode(v.subarray(s, e));
      else if (code === 3) section.os = utf8.decode(v.subarray(s, e));
      else if (code === 4) section.application = utf8.decode(v.subarray(s, e));
    });
    this.info.sections.push(section);
    this.info.comments.push(...section.comments);
    if (this.section === 0) this.info.littleEndian = this.le;
    this.sink.sectionStarted?.(section);
  }

  private interfaceDescription(b: Uint8Array, p: number, end: number, at: number): void {
    if (end - p < 8) {
      this.diag.report('warning', 'pcapng.idb-short', at, 'interface description block is shorter than its fixed fields; skipped');
      return;
    }
    const iface: InterfaceInfo = {
      id: this.info.interfaces.length, section: this.section,
      linktype: this.u16(b, p), snaplen: this.u32(b, p + 4),
      tsresolBase: 10, tsresolExponent: 6, tsOffset: 0, comments: [],
    };
    this.options(b, p + 8, end, at, (code, v, s, e) => {
      const len = e - s;
      if (code === 1) iface.comments.push(utf8.decode(v.subarray(s, e)));
      else if (code === 2) iface.name = utf8.decode(v.subarray(s, e));
      else if (code === 3) iface.description = utf8.decode(v.subarray(s, e));
      else if (code === 9 && len >= 1) {
        // if_tsresol: MSB clear → 10^-n, set → 2^-n (pcapng §4.2)
        const r = v[s];
        iface.tsresolBase = r & 0x80 ? 2 : 10;
        iface.tsresolExponent = r & 0x7f;
      } else if (code === 14 && len >= 8) {
        // if_tsoffset: signed 64-bit seconds
        const lo = this.u32(v, this.le ? s : s + 4);
        const hi = this.u32(v, this.le ? s + 4 : s) | 0;
        iface.tsOffset = hi * 4294967296 + lo;
      } else if (code === 13 && len >= 1) {
        iface.fcsLength = v[s];
      }
    });
    this.info.interfaces.push(iface);
    this.sectionIfaces.push(iface);
    this.sink.interfaceAdded?.(iface);
  }

  /** Names a skipped packet block by the frame before it (it gets no frame number of its own). */
  private afterFrame(): string {
    return this.info.packets === 0 ? 'packet block before the first frame' : `packet block after frame ${this.info.packets}`;
  }

  private lookupInterface(localId: number, at: number, what: string): InterfaceInfo | undefined {
    const iface = this.sectionIfaces[localId];
    if (!iface) {
      this.diag.report('warning', 'pcapng.unknown-interface', at,
        `${this.afterFrame()}: ${what} refers to interface ${localId}, but section ${this.section} describes only ${this.sectionIfaces.length}; packet skipped`);
    }
    return iface;
  }

  private enhancedPacket(b: Uint8Array, p: number, end: number, at: number): void {
    if (end - p < 20) {
      this.diag.report('warning', 'pcapng.epb-short', at, `${this.afterFrame()}: enhanced packet block too short for its fixed fields; packet skipped`);
      return;
    }
    const iface = this.lookupInterface(this.u32(b, p), at, 'enhanced packet block');
    if (!iface) return;
    const caplen = this.u32(b, p + 12);
    const wirelen = this.u32(b, p + 16);
    const dataStart = p + 20;
    if (caplen > end - dataStart) {
      this.diag.report('warning', 'pcapng.caplen-past-block', at,
        `${this.afterFrame()}: captured length ${caplen} runs past the end of its ${end - p + 12}-byte block; packet skipped`);
      return;
    }
    this.deliver(b, iface, this.u32(b, p + 4), this.u32(b, p + 8), dataStart, caplen, wirelen, at);
    const r = this.rec;
    r.comment = null;
    r.epbFlags = 0;
    const optStart = dataStart + ((caplen + 3) & ~3);
    if (optStart < end) {
      this.options(b, optStart, end, at, (code, v, s, e) => {
        if (code === 1) r.comment = r.comment === null ? utf8.decode(v.subarray(s, e)) : r.comment + '\n' + utf8.decode(v.subarray(s, e));
        else if (code === 2 && e - s >= 4) r.epbFlags = this.u32(v, s);
      });
    }
    this.sink.packet(r);
  }

  private simplePacket(b: Uint8Array, p: number, end: number, at: number): void {
    const iface = this.lookupInterface(0, at, 'simple packet block');
    if (!iface || end - p < 4) return;
    const wirelen = this.u32(b, p);
    // The SPB has no captured length: it is the smaller of the original length, the snaplen and what the block holds.
    let caplen = Math.min(wirelen, end - p - 4);
    if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
    this.deliver(b, iface, -1, -1, p + 4, caplen, wirelen, at);
    this.rec.comment = null;
    this.rec.epbFlags = 0;
    this.sink.packet(this.rec);
  }

  private obsoletePacket(b: Uint8Array, p: number, end: number, at: number): void {
    if (end - p < 20) return;
    const iface = this.lookupInterface(this.u16(b, p), at, 'packet block');
    if (!iface) return;
    const caplen = this.u32(b, p + 12);
    if (caplen > end - p - 20) {
      this.diag.report('warning', 'pcapng.caplen-past-block', at,
        `${this.afterFrame()}: captured length ${caplen} runs past the end of its block; packet skipped`);
      return;
    }
    this.deliver(b, iface, this.u32(b, p + 4), this.u32(b, p + 8), p + 20, caplen, this.u32(b, p + 16), at);
    this.rec.comment = null;
    this.rec.epbFlags = 0;
    this.sink.packet(this.rec);
  }

  /** Fill the reused record. hi = -1 means "no timestamp" (simple packet block). */
  private deliver(b: Uint8Array, iface: InterfaceInfo, hi: number, lo: number, start: number, caplen: number, wirelen: number, at: number): void {
    const r = this.rec;
    const frame = ++this.info.packets;
    if (hi >= 0) {
      timestampToSecNsec(hi, lo, iface.tsresolBase, iface.tsresolExponent, this.ts);
      r.tsSec = this.ts.sec + iface.tsOffset;
      r.tsNsec = this.ts.nsec;
    } else {
      r.tsSec = 0;
      r.tsNsec = 0;
    }
    if (wirelen < caplen) {
      this.diag.report('warning', 'pcapng.wirelen-short', at,
        `frame ${frame}: original length ${wirelen} is smaller than the captured length ${caplen}; using ${caplen}`, frame);
      wirelen = caplen;
    }
    if (iface.snaplen > 0 && caplen > iface.snaplen) {
      this.diag.report('warning', 'pcapng.caplen-over-snaplen', at,
        `frame ${frame}: captured length ${caplen} is larger than interface ${iface.id}'s snapshot length ${iface.snaplen}`, frame);
    }
    r.frame = frame;
    r.iface = iface.id;
    r.linktype = iface.linktype;
    r.caplen = caplen;
    r.wirelen = wirelen;
    r.data = b;
    r.dataOffset = start;
    r.offset = at;
  }

  private nameResolution(b: Uint8Array, p: number, end: number, at: number): void {
    while (p + 4 <= end) {
      const type = this.u16(b, p);
      const len = this.u16(b, p + 2);
      const v = p + 4;
      if (type === 0) return; // nrb_record_end
      if (v + len > end) {
        this.diag.report('warning', 'pcapng.nrb-record', at, `name resolution record runs past its block; rest of the block ignored`);
        return;
      }
      const alen = type === 1 ? 4 : type === 2 ? 16 : 0;
      if (alen > 0 && len > alen) {
        const address = alen === 4 ? formatIpv4Bytes(b, v) : formatIpv6Bytes(b, v);
        const names = utf8.decode(b.subarray(v + alen, v + len)).split('\0').filter((n) => n.length > 0);
        this.info.names.push({ address, names });
      }
      p = v + ((len + 3) & ~3);
    }
  }

  private interfaceStatistics(b: Uint8Array, p: number, end: number, at: number): void {
    if (end - p < 12) return;
    const local = this.u32(b, p);
    const iface = this.sectionIfaces[local];
    if (!iface) return;
    const stats: { received?: string; dropped?: string; tsSec?: number } = this.info.interfaceStats[iface.id] ?? {};
    timestampToSecNsec(this.u32(b, p + 4), this.u32(b, p + 8), iface.tsresolBase, iface.tsresolExponent, this.ts);
    stats.tsSec = this.ts.sec + iface.tsOffset;
    this.options(b, p + 12, end, at, (code, v, s, e) => {
      if (e - s < 8) return;
      const lo = this.u32(v, this.le ? s : s + 4);
      const hi = this.u32(v, this.le ? s + 4 : s);
      const n = ((BigInt(hi) << 32n) | BigInt(lo)).toString();
      if (code === 4) stats.received = n;
      else if (code === 5) stats.dropped = n;
    });
    this.info.interfaceStats[iface.id] = stats;
  }

  /** Walks a TLV option list; a malformed list is reported and the rest of it ignored. */
  private options(b: Uint8Array, p: number, end: number, at: number,
    each: (code: number, v: Uint8Array, start: number, end: number) => void): void {
    while (p + 4 <= end) {
      const code = this.u16(b, p);
      const len = this.u16(b, p + 2);
      if (code === 0) return; // opt_endofopt
      if (p + 4 + len > end) {
        this.diag.report('warning', 'pcapng.option-length', at,
          `option ${code} in the block at offset ${at} claims ${len} bytes, past the block's end; remaining options ignored`);
        return;
      }
      each(code, b, p + 4, p + 4 + len);
      p += 4 + ((len + 3) & ~3);
    }
  }

  end(): void {
    // After a fatal error, report where reading stopped — not how far the caller happened to push.
    this.info.bytesRead = this.info.stopped ? this.failOffset : this.streamOffset;
    if (this.epbCount > 0) this.info.blockCounts.EPB = this.epbCount;
    if (!this.stopped) {
      const left = this.pendingBytes();
      if (left > 0 && !this.sawSection) {
        this.fail(0, 'pcapng.truncated-header', `file ends after ${left} bytes, inside the first section header block`);
      } else if (left > 0) {
        const v = this.pendingView();
        const claim = left >= 8 ? this.u32(v, 4) : 0;
        const what = left >= 8 ? `${this.blockName(this.u32(v, 0))} block claims ${claim} bytes but only ${left} remain` : `only ${left} bytes of a block header remain`;
        const type = left >= 4 ? this.u32(v, 0) : -1;
        const isPacket = type === BlockType.EnhancedPacket || type === BlockType.SimplePacket || type === BlockType.ObsoletePacket;
        this.diag.report('warning', 'pcapng.truncated-block', this.pendingOffset(),
          `the file ends inside a block (${what}); the capture was probably interrupted`, isPacket ? this.info.packets + 1 : undefined);
      } else if (!this.sawSection) {
        this.fail(0, 'pcapng.empty', 'file holds no section header block');
      }
    }
    this.diag.flushSuppressed(this.info.bytesRead);
  }

  private failOffset = 0;

  private fail(offset: number, code: string, message: string): void {
    this.info.stopped = true;
    this.failOffset = offset;
    this.diag.report('error', code, offset, message, this.sawSection ? this.info.packets + 1 : undefined);
  }
}

