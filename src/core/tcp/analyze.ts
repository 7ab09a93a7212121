import type { CaptureSink, Diagnostic, InterfaceInfo, PacketRecord } from '../capture/types';
import { DecodingSink } from '../decode/session';
import type { DecodedPacket } from '../decode/types';
import { FrameIndex } from '../model/frameIndex';
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
    /** Keep each frame's file offset (FrameIndex), for re-reading one packet later. */
    indexFrames?: boolean;
  } = {}) {
    this.tracker = new TcpTracker(options, options.segmentCapacity);
    const onPacket = options.onPacket;
    const index = options.indexFrames ? (this.frames = new FrameIndex(options.segmentCapacity)) : null;
    this.decoding = new DecodingSink(
      (rec, p) => {
        this.tracker.add(rec, p);
        if (index) index.add(rec.offset, rec.iface);
        if (onPacket) onPacket(rec, p);
      },
      options.onDiagnostic,
    );
  }

  /** Frame → record offset, when `indexFrames` was asked for. */
  frames: FrameIndex | null = null;

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
