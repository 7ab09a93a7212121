/**
 * Runs the core's readers over bytes and keeps copies of everything they report
 * (records and their data are reused by the reader, so they are snapshotted here).
 */
import {
  createCaptureParser, layerString, PacketDecoder, readCaptureStream, type CaptureInfo, type CaptureParser, type CaptureSink,
  type Diagnostic, type InterfaceInfo, type PacketRecord, type SectionInfo,
} from '../../../src/core';
import { hex } from './build';

export interface RecordSnapshot {
  frame: number;
  tsSec: number;
  tsNsec: number;
  iface: number;
  linktype: number;
  caplen: number;
  wirelen: number;
  offset: number;
  comment: string | null;
  epbFlags: number;
  /** The record's bytes as hex. */
  data: string;
  /** A summary of the decoded packet, when the run decodes (parse(…, { decode: true })). */
  decoded?: string;
}

/** The record's own bytes: data[dataOffset, dataOffset + caplen). */
export function recordBytes(r: PacketRecord): Uint8Array {
  return r.data.subarray(r.dataOffset, r.dataOffset + r.caplen);
}

export function snapshot(r: PacketRecord): RecordSnapshot {
  return {
    frame: r.frame, tsSec: r.tsSec, tsNsec: r.tsNsec, iface: r.iface, linktype: r.linktype,
    caplen: r.caplen, wirelen: r.wirelen, offset: r.offset, comment: r.comment, epbFlags: r.epbFlags,
    data: hex(recordBytes(r)),
  };
}

export interface RunResult {
  records: RecordSnapshot[];
  diagnostics: Diagnostic[];
  interfaces: InterfaceInfo[];
  sections: SectionInfo[];
  info: CaptureInfo;
}

export class CollectingSink implements CaptureSink {
  readonly records: RecordSnapshot[] = [];
  private readonly decoder: PacketDecoder | null;

  constructor(decode = false) {
    this.decoder = decode ? new PacketDecoder() : null;
  }

  readonly diagnostics: Diagnostic[] = [];
  readonly interfaces: InterfaceInfo[] = [];
  readonly sections: SectionInfo[] = [];

  packet(rec: PacketRecord): void {
    const s = snapshot(rec);
    if (this.decoder) {
      const p = this.decoder.decode(rec);
      s.decoded = [
        layerString(p), p.problems, p.ipVersion, p.ipProto, p.ipPayloadLength, p.isTcp, p.tcpTruncated,
        p.sport, p.dport, p.seq, p.ack, p.flags, p.window, p.payloadLength, p.payloadCaptured, p.optMask, p.mss,
        p.wscale, p.tsVal, p.tsEcr, p.sackBlocks,
        p.ipVersion ? p.srcOffset - rec.dataOffset : -1, p.isTcp ? p.tcpOffset - rec.dataOffset : -1,
      ].join(' ');
    }
    this.records.push(s);
  }

  diagnostic(d: Diagnostic): void {
    this.diagnostics.push({ ...d });
  }

  interfaceAdded(iface: InterfaceInfo): void {
    this.interfaces.push(structuredClone(iface));
  }

  sectionStarted(section: SectionInfo): void {
    this.sections.push(structuredClone(section));
  }
}

/** Split `bytes` into chunks of `size` (a number) or of the given successive sizes (cycled). */
export function chunksOf(bytes: Uint8Array, size: number | number[]): Uint8Array[] {
  const sizes = typeof size === 'number' ? [size] : size;
  const out: Uint8Array[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = Math.max(1, sizes[k++ % sizes.length]);
    out.push(bytes.slice(i, i + n)); // a copy, so a reader keeping a view would be caught
    i += n;
  }
  return out;
}

/**
 * Push `bytes` through a parser (auto-detecting unless `make` is given) in chunks, then end it.
 * Each chunk is overwritten with garbage after `push` returns, to catch a reader that keeps
 * a view of a chunk it was told it may not keep.
 */
export function parse(
  bytes: Uint8Array,
  opts: { chunk?: number | number[]; make?: (sink: CaptureSink) => CaptureParser; decode?: boolean } = {},
): RunResult {
  const sink = new CollectingSink(opts.decode);
  const parser = (opts.make ?? createCaptureParser)(sink);
  const chunks = opts.chunk === undefined ? [bytes.slice()] : chunksOf(bytes, opts.chunk);
  for (const c of chunks) {
    parser.push(c);
    c.fill(0xee);
  }
  parser.end();
  return {
    records: sink.records, diagnostics: sink.diagnostics, interfaces: sink.interfaces, sections: sink.sections,
    info: parser.info,
  };
}

export async function* asyncChunks(bytes: Uint8Array, size: number | number[]): AsyncGenerator<Uint8Array> {
  for (const c of chunksOf(bytes, size)) yield c;
}

/** Through `readCaptureStream` (the gzip-aware entry point). */
export async function parseStream(bytes: Uint8Array, chunk: number | number[] = 65536): Promise<RunResult> {
  const sink = new CollectingSink();
  const info = await readCaptureStream(asyncChunks(bytes, chunk), sink);
  return {
    records: sink.records, diagnostics: sink.diagnostics, interfaces: sink.interfaces, sections: sink.sections, info,
  };
}

/** The diagnostics with a given code. */
export function withCode(r: { diagnostics: Diagnostic[] }, code: string): Diagnostic[] {
  return r.diagnostics.filter((d) => d.code === code);
}

/** Exactly one diagnostic with this code; returns it. */
export function one(r: { diagnostics: Diagnostic[] }, code: string): Diagnostic {
  const found = withCode(r, code);
  if (found.length !== 1) {
    throw new Error(`expected exactly one "${code}" diagnostic, got ${found.length}: ${JSON.stringify(r.diagnostics, null, 1)}`);
  }
  return found[0];
}
