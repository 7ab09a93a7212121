import { DiagnosticReporter, hex32 } from './diagnostics';
import { UnitFramer } from './framer';
import { emptyCaptureInfo, MAX_UNIT_BYTES, newPacketRecord } from './info';
import type { CaptureInfo, CaptureParser, CaptureSink, InterfaceInfo } from './types';

/** Classic libpcap magics, as read little-endian from the first 4 bytes. */
export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/**
 * The classic pcap format (one file header, then 16-byte record headers). Either byte order,
 * microsecond or nanosecond timestamps. The link-type word's upper bits carry the FCS length
 * (libpcap's LT_FCS_LENGTH_PRESENT / LT_FCS_LENGTH); the low 16 bits are the link type.
 */
export class PcapParser extends UnitFramer implements CaptureParser {
  readonly info: CaptureInfo = emptyCaptureInfo();
  private readonly diag: DiagnosticReporter;
  private readonly rec = newPacketRecord();
  private sawHeader = false;
  private nano = false;
  private snaplen = 0;
  private linktype = 0;

  constructor(private readonly sink: CaptureSink, reporter?: DiagnosticReporter) {
    super();
    this.info.format = 'pcap';
    this.diag = reporter ?? new DiagnosticReporter(sink);
  }

  protected headerSize(): number {
    return this.sawHeader ? RECORD_HEADER : FILE_HEADER;
  }


  protected unitSize(buf: Uint8Array, off: number, streamOffset: number): number {
    if (!this.sawHeader) return FILE_HEADER;
    const caplen = this.u32(buf, off + 8);
    if (caplen > MAX_UNIT_BYTES) {
      this.fail(streamOffset, 'pcap.caplen-bogus',
        `record header claims a captured length of ${caplen} bytes (over the ${MAX_UNIT_BYTES}-byte limit); the file is damaged from here`);
      return -1;
    }
    return RECORD_HEADER + caplen;
  }

  protected unit(buf: Uint8Array, off: number, size: number, streamOffset: number): void {
    if (!this.sawHeader) return this.fileHeader(buf, off);
    const frame = this.info.packets + 1;
    const tsSec = this.u32(buf, off);
    const frac = this.u32(buf, off + 4);
    const caplen = size - RECORD_HEADER;
    let wirelen = this.u32(buf, off + 12);
    if (this.snaplen > 0 && caplen > this.snaplen) {
      this.diag.report('warning', 'pcap.caplen-over-snaplen', streamOffset,
        `frame ${frame}: captured length ${caplen} is larger than the file's snapshot length ${this.snaplen}`, frame);
    }
    if (wirelen < caplen) {
      this.diag.report('warning', 'pcap.wirelen-short', streamOffset,
        `frame ${frame}: original length ${wirelen} is smaller than the captured length ${caplen}; using ${caplen}`, frame);
      wirelen = caplen;
    }
    const limit = this.nano ? 1_000_000_000 : 1_000_000;
    if (frac >= limit) {
      this.diag.report('warning', 'pcap.timestamp-fraction', streamOffset,
        `frame ${frame}: timestamp fraction ${frac} is not below ${limit}; carried into the seconds`, frame);
    }
    const r = this.rec;
    r.frame = frame;
    if (frac < limit) {
      r.tsSec = tsSec;
      r.tsNsec = this.nano ? frac : frac * 1000;
    } else { // rare and broken: carry the excess into the seconds
      const nsec = this.nano ? frac : frac * 1000;
      r.tsSec = tsSec + Math.floor(nsec / 1_000_000_000);
      r.tsNsec = nsec % 1_000_000_000;
    }
    r.iface = 0;
    r.linktype = this.linktype;
    r.caplen = caplen;
    r.wirelen = wirelen;
    r.data = buf;
    r.dataOffset = off + RECORD_HEADER;
    r.offset = streamOffset;
    this.info.packets = frame;
    this.sink.packet(r);
  }

  private fileHeader(b: Uint8Array, off: number): void {
    const magicLE = (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
    const magicBE = ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
    if (magicLE === PCAP_MAGIC_US || magicLE === PCAP_MAGIC_NS) this.le = true;
    else if (magicBE === PCAP_MAGIC_US || magicBE === PCAP_MAGIC_NS) this.le = false;
    else {
      this.fail(0, 'pcap.magic', `not a pcap file: magic ${hex32(magicBE)} at offset 0`);
      this.stopped = true;
      return;
    }
    const magic = this.le ? magicLE : magicBE;
    this.nano = magic === PCAP_MAGIC_NS;
    const major = this.u16(b, off + 4);
    const minor = this.u16(b, off + 6);
    this.snaplen = this.u32(b, off + 16);
    const ltWord = this.u32(b, off + 20);
    this.linktype = ltWord & 0xffff;
    const info = this.info;
    info.nanosecond = this.nano;
    info.littleEndian = this.le;
    info.versionMajor = major;
    info.versionMinor = minor;
    if (major !== 2) {
      this.diag.report('warning', 'pcap.version', 4, `unusual pcap version ${major}.${minor} (expected 2.4); reading on`);
    }
    const iface: InterfaceInfo = {
      id: 0, section: 0, linktype: this.linktype, snaplen: this.snaplen,
      tsresolBase: 10, tsresolExponent: this.nano ? 9 : 6, tsOffset: 0, comments: [],
    };
    // libpcap: bit 26 says the upper 4 bits give the FCS length in 16-bit words.
    if (ltWord & 0x04000000) iface.fcsLength = ((ltWord >>> 28) & 0xf) * 2;
    info.sections.push({ index: 0, offset: 0, littleEndian: this.le, versionMajor: major, versionMinor: minor, comments: [] });
    info.interfaces.push(iface);
    this.sink.sectionStarted?.(info.sections[0]);
    this.sink.interfaceAdded?.(iface);
    this.sawHeader = true;
  }

  end(): void {
    // After a fatal error, report where reading stopped — not how far the caller happened to push.
    this.info.bytesRead = this.info.stopped ? this.failOffset : this.streamOffset;
    if (!this.stopped) {
      const left = this.pendingBytes();
      if (!this.sawHeader) {
        this.fail(0, 'pcap.truncated-header',
          `file ends after ${left} bytes, inside the 24-byte pcap file header`);
      } else if (left > 0) {
        const view = this.pendingView();
        const frame = this.info.packets + 1;
        const detail = left >= RECORD_HEADER
          ? `its record header claims ${this.u32(view, 8)} captured bytes but only ${left - RECORD_HEADER} follow`
          : `only ${left} of its 16-byte record header is present`;
        this.diag.report('warning', 'pcap.truncated-record', this.pendingOffset(),
          `frame ${frame} is cut short at the end of the file (${detail}); the capture was probably interrupted`, frame);
      }
    }
    this.diag.flushSuppressed(this.info.bytesRead);
  }

  private failOffset = 0;

  private fail(offset: number, code: string, message: string): void {
    this.info.stopped = true;
    this.failOffset = offset;
    const frame = this.sawHeader ? this.info.packets + 1 : undefined;
    this.diag.report('error', code, offset, message, frame);
  }
}
