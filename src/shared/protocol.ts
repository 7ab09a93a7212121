/**
 * The one typed channel between the extension host and Wirelane's webviews. Every message
 * either side sends is declared here; nothing else crosses the boundary. Strings that come
 * from a capture travel as data and are rendered as text, never as HTML.
 */

/** A capture's summary, as shown by "Wirelane: Show Capture Info". */
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
  diagnostics: Array<{ severity: 'error' | 'warning' | 'info'; code: string; offset: number; frame?: number; message: string }>;
}

/** Extension → webview. */
export type ToWebview =
  | { type: 'summary'; summary: CaptureSummary }
  | { type: 'progress'; file: string; bytes: number; total: number };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; file: string };
