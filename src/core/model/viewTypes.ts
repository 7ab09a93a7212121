/**
 * The shapes every view reads (webview swimlane, hovers, explanations, CLI): plain data,
 * derived from the columnar model on demand. src/shared/protocol.ts re-exports them as the
 * payloads of its messages.
 *
 * Times are nanoseconds since the capture's first packet (exact to 104 days).
 */

export type StateName =
  | 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_2'
  | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';

export type CloseKindName =
  | 'fin-4way' | 'fin-3way' | 'fin-simultaneous' | 'half-closed'
  | 'rst-client' | 'rst-server' | 'rejected' | 'unanswered' | 'open';

export interface DiagnosticView {
  severity: 'error' | 'warning' | 'info';
  code: string;
  offset: number;
  frame?: number;
  message: string;
}

/** A capture's summary, as shown by "Wirelane: Show Capture Info" and the editor's header. */
export interface CaptureSummary {
  file: string;
  format: 'pcap' | 'pcapng' | 'unknown';
  gzip: boolean;
  fileSize: number;
  packets: number;
  tcpPackets: number;
  /** "sec.nnnnnnnnn" or null when the capture holds no packets. */
  firstTime: string | null;
  lastTime: string | null;
  interfaces: Array<{ id: number; name?: string; linktype: number; linktypeName: string; snaplen: number; packets: number }>;
  comments: string[];
  /** True when the whole file was read without an error. */
  complete: boolean;
  /** Reading was cancelled by the user before the end. */
  cancelled: boolean;
  diagnostics: DiagnosticView[];
}

export interface Endpoint { ip: string; port: number }

/** One row of the connections list. */
export interface ConnectionRow {
  stream: number;
  client: Endpoint;
  server: Endpoint;
  rolesInferred: boolean;
  /** ns since the capture's first packet. */
  start: number;
  durationNs: number;
  packets: number;
  /** Payload bytes client → server and server → client. */
  bytesC2s: number;
  bytesS2c: number;
  segments: number;
  closeKind: CloseKindName;
  /** Zeek's conn_state and history. */
  connState: string;
  history: string;
  /** Counts per analysis flag name (only the non-zero ones). */
  problems: Record<string, number>;
}

/** One segment of the selected connection, as the swimlane draws it. */
export interface SegmentRow {
  /** Index of the segment within its connection (0-based). */
  index: number;
  frame: number;
  /** ns since the capture's first packet. */
  time: number;
  /** Sent by the client. */
  c2s: boolean;
  /** Set flag letters in header order (N C E U A P R S F). */
  flags: string;
  seq: number;
  ack: number;
  seqRaw: number;
  ackRaw: number;
  len: number;
  /** Window in bytes (scaled when known) and the raw field. */
  win: number;
  winRaw: number;
  /** tshark names of the analysis flags. */
  analysis: string[];
  /** Frame this segment acknowledges, or 0. */
  acks: number;
  /** RTT sample: time from the acknowledged segment to this one (ns), or -1. */
  rttNs: number;
  stateClient: StateName;
  stateServer: StateName;
}

export interface StateChangeRow {
  state: StateName;
  /** Causing frame, or null for the TIME-WAIT timeout. */
  frame: number | null;
  time: number;
  rule: string;
  inferred: boolean;
}

/** Everything about the selected connection except its segments (which are paged). */
export interface ConnectionDetail {
  row: ConnectionRow;
  states: { client: StateChangeRow[]; server: StateChangeRow[] };
  /** How long TIME-WAIT lasts (2·MSL, ns), for shading it on the lane. */
  timeWaitNs: number;
}

/** A hover / details explanation: plain text paragraphs (never HTML). */
export interface Explanation {
  frame: number;
  title: string;
  paragraphs: string[];
  /** Frames the explanation refers to (e.g. the segment this one acknowledges), to highlight. */
  related: number[];
}

/** Full decoded headers of one packet, for the pinned details panel. */
export interface PacketDetails {
  frame: number;
  /** Label → value, grouped: "Frame", "Link", "IP", "TCP", "Options". */
  groups: Array<{ name: string; fields: Array<[string, string]> }>;
  /** The captured bytes as hex (lowercase, no separators). */
  hex: string;
}


/** A handshake / teardown story (or one segment's explanation) as the explanation view shows it. */
export interface NarrativeView {
  kind: 'handshake' | 'teardown' | 'segment';
  stream: number;
  title: string;
  summary: string[];
  steps: Array<{ frames: number[]; title: string; paragraphs: string[]; states: string[] }>;
  sections: Array<{ title: string; paragraphs: string[] }>;
}
