/**
 * The capture layer's contract: what a reader hands to whoever decodes the packets.
 *
 * Readers are push parsers: feed them the file's bytes chunk by chunk (any chunk size),
 * they call the sink synchronously for every complete record. Nothing here touches the
 * platform, so the same code runs in Node, a worker and a browser.
 */

/** Severity of a diagnostic: `error` stops reading (everything before it was delivered). */
export type Severity = 'error' | 'warning' | 'info';

/** Something wrong (or worth knowing) about the input, always tied to a byte offset. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `pcap.truncated-record`. */
  code: string;
  /** Byte offset in the (decompressed) capture stream where the problem is. */
  offset: number;
  /** 1-based frame number the problem belongs to, when it belongs to one. */
  frame?: number;
  /** One sentence for a person. */
  message: string;
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** One capture interface (a pcap file has exactly one; pcapng has one per IDB). */
export interface InterfaceInfo {
  /** Global index, numbered across sections like Wireshark's `frame.interface_id`. */
  id: number;
  /** Section (0-based) the interface belongs to. */
  section: number;
  /** LINKTYPE_ value (the low 16 bits for pcap; FCS bits stripped). */
  linktype: number;
  snaplen: number;
  name?: string;
  description?: string;
  /** Timestamp unit: `base` ** -`exponent` seconds (10^-6 by default). */
  tsresolBase: 10 | 2;
  tsresolExponent: number;
  /** Seconds added to every timestamp (`if_tsoffset`). */
  tsOffset: number;
  /** Length of the FCS trailing each frame, in bytes, when the file says so (pcap linktype bits). */
  fcsLength?: number;
  comments: string[];
}

export interface SectionInfo {
  index: number;
  /** Offset of the Section Header Block (0 for pcap). */
  offset: number;
  littleEndian: boolean;
  versionMajor: number;
  versionMinor: number;
  hardware?: string;
  os?: string;
  application?: string;
  comments: string[];
}

/**
 * One record, as the reader sees it. The object and its `data` view are REUSED for the next
 * record: copy what you keep. (gopacket's NoCopy contract; it is what keeps the hot path free
 * of allocations.)
 */
export interface PacketRecord {
  /** 1-based, as Wireshark numbers frames. */
  frame: number;
  /** Integer seconds since the epoch (exact; never a rounded float of sec+frac). */
  tsSec: number;
  /** Integer nanoseconds, 0..999 999 999. */
  tsNsec: number;
  /** Global interface id (see InterfaceInfo.id). */
  iface: number;
  linktype: number;
  /** Bytes present in `data`. */
  caplen: number;
  /** Bytes the packet had on the wire. `caplen < wirelen` means the snaplen cut it. */
  wirelen: number;
  /**
   * The buffer that holds the packet — a view of the reader's current chunk, not a copy —
   * and where in it the packet starts: its bytes are data[dataOffset, dataOffset + caplen).
   * (A per-packet `subarray` would allocate an object per packet.) Decoded offsets
   * (DecodedPacket.srcOffset, …) index this same buffer.
   */
  data: Uint8Array;
  dataOffset: number;
  /** Offset of the record (pcap record header / pcapng block) in the decompressed stream. */
  offset: number;
  /** pcapng `opt_comment`s of this packet joined by newlines, or null. */
  comment: string | null;
  /** pcapng epb_flags word when present (direction, reception type), else 0. */
  epbFlags: number;
}

/** Receives what a reader finds, synchronously, in file order. */
export interface CaptureSink {
  packet(rec: PacketRecord): void;
  diagnostic?(d: Diagnostic): void;
  interfaceAdded?(iface: InterfaceInfo): void;
  sectionStarted?(section: SectionInfo): void;
}

/** Name Resolution Block entry (kept for display; never used for decoding). */
export interface NameRecord {
  address: string;
  names: string[];
}

/** What a reader learned about the file besides its packets. */
export interface CaptureInfo {
  format: CaptureFormat | 'unknown';
  /** The file was gzip-compressed (set by the stream layer). */
  gzip: boolean;
  /** pcap only: microsecond or nanosecond magic. */
  nanosecond?: boolean;
  littleEndian?: boolean;
  versionMajor?: number;
  versionMinor?: number;
  sections: SectionInfo[];
  interfaces: InterfaceInfo[];
  names: NameRecord[];
  /** Comments of the file itself (pcapng SHB `opt_comment`). */
  comments: string[];
  /** Counts of pcapng blocks by type name, for `info`. */
  blockCounts: Record<string, number>;
  /** Interface Statistics Blocks: interface id → last reported counters. */
  interfaceStats: Record<number, { received?: string; dropped?: string; tsSec?: number }>;
  /** Total records delivered. */
  packets: number;
  /** Bytes consumed from the (decompressed) stream. */
  bytesRead: number;
  /** True once an `error` diagnostic stopped the reader. */
  stopped: boolean;
}

/** A push parser for one capture format. */
export interface CaptureParser {
  readonly info: CaptureInfo;
  /** Feed the next bytes of the stream. The chunk may be reused by the caller once this returns. */
  push(chunk: Uint8Array): void;
  /** The stream ended: reports a truncated last record or an empty file. */
  end(): void;
}
