import type { CaptureSink, Diagnostic, InterfaceInfo, PacketRecord } from '../capture/types';
import { DecodingSink } from '../decode/session';
import type { DecodedPacket } from '../decode/types';
import { TcpTracker, type TrackerOptions } from './tracker';

/**
 * Decoding and TCP tracking wired together as one CaptureSink: feed it to any reader
 * (createCaptureParser, readCaptureStream) and read `tracker` afterwards.
 */
export class AnalysisSink implements CaptureSink {
  readonly tracker: TcpTracker;
  readonly decoding: DecodingSink;

  constructor(options: TrackerOptions & {
    onDiagnostic?: (d: Diagnostic) => void;
    onPacket?: (rec: PacketRecord, p: DecodedPacket) => void;
    segmentCapacity?: number;
  } = {}) {
    this.tracker = new TcpTracker(options, options.segmentCapacity);
    const onPacket = options.onPacket;
    this.decoding = new DecodingSink(
      onPacket
        ? (rec, p) => { this.tracker.add(rec, p); onPacket(rec, p); }
        : (rec, p) => this.tracker.add(rec, p),
      options.onDiagnostic,
    );
  }

  packet(rec: PacketRecord): void {
    this.decoding.packet(rec);
  }

  diagnostic(d: Diagnostic): void {
    this.decoding.diagnostic(d);
  }

  interfaceAdded(i: InterfaceInfo): void {
    this.decoding.interfaceAdded(i);
  }

  /** Call after the reader's end(). */
  finish(): void {
    this.tracker.finish();
  }
}
