import { DiagnosticReporter, hex32 } from './diagnostics';
import { emptyCaptureInfo } from './info';
import { PCAP_MAGIC_NS, PCAP_MAGIC_US, PcapParser } from './pcap';
import { PcapngParser } from './pcapng';
import type { CaptureInfo, CaptureParser, CaptureSink } from './types';

export type DetectedFormat = 'pcap' | 'pcapng' | 'gzip' | 'unknown';

/** Identify a capture by its first bytes — never by its name. Needs at least 4 bytes. */
export function detectFormat(head: Uint8Array): DetectedFormat {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length < 4) return 'unknown';
  const le = (head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24)) >>> 0;
  const be = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  if (le === PCAP_MAGIC_US || le === PCAP_MAGIC_NS || be === PCAP_MAGIC_US || be === PCAP_MAGIC_NS) return 'pcap';
  if (le === 0x0a0d0d0a) return 'pcapng';
  return 'unknown';
}

/**
 * A parser that picks pcap or pcapng from the first four bytes of the stream. Gzip is not
 * handled here (it needs an async decompressor): see `readCaptureStream`.
 */
export class AutoCaptureParser implements CaptureParser {
  private inner: CaptureParser | null = null;
  private head = new Uint8Array(4);
  private headLength = 0;
  private failed: CaptureInfo | null = null;
  private readonly reporter: DiagnosticReporter;

  constructor(private readonly sink: CaptureSink) {
    this.reporter = new DiagnosticReporter(sink);
  }

  get info(): CaptureInfo {
    return this.inner?.info ?? this.failed ?? emptyCaptureInfo();
  }

  push(chunk: Uint8Array): void {
    if (this.inner) return this.inner.push(chunk);
    if (this.failed) return;
    const take = Math.min(4 - this.headLength, chunk.length);
    this.head.set(chunk.subarray(0, take), this.headLength);
    this.headLength += take;
    if (this.headLength < 4) return;
    const format = detectFormat(this.head);
    if (format === 'pcap') this.inner = new PcapParser(this.sink, this.reporter);
    else if (format === 'pcapng') this.inner = new PcapngParser(this.sink, this.reporter);
    else return this.reject(format);
    this.inner.push(this.head);
    this.inner.push(chunk.subarray(take));
  }

  end(): void {
    if (this.inner) return this.inner.end();
    if (this.failed) return;
    this.reject('unknown');
  }

  private reject(format: DetectedFormat): void {
    const info = emptyCaptureInfo();
    info.stopped = true;
    info.bytesRead = this.headLength;
    this.failed = info;
    const magic = this.headLength === 4
      ? hex32(((this.head[0] << 24) | (this.head[1] << 16) | (this.head[2] << 8) | this.head[3]) >>> 0)
      : `${this.headLength} byte(s)`;
    const message = format === 'gzip'
      ? 'gzip-compressed data given to the plain parser; decompress it first (readCaptureStream does)'
      : this.headLength < 4
        ? `file is ${this.headLength} byte(s) long: too short to be a capture`
        : `not a pcap or pcapng capture: magic ${magic} at offset 0`;
    this.reporter.report('error', this.headLength < 4 ? 'capture.too-short' : 'capture.magic', 0, message);
  }
}

export function createCaptureParser(sink: CaptureSink): CaptureParser {
  return new AutoCaptureParser(sink);
}
