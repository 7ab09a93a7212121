/**
 * The one typed channel between the extension host and Wirelane's webviews. Every message
 * either side sends is declared here and checked on receipt (`isToWebview`, `isFromWebview`);
 * nothing else crosses the boundary. Strings that come from a capture (addresses, comments,
 * names) travel as data and are rendered as text, never as HTML.
 *
 * Times are nanoseconds since the capture's first packet (`number`, exact to 104 days);
 * `captureStart` carries the epoch of that origin as "sec.nnnnnnnnn".
 */

import type {
  CaptureSummary, CloseKindName, ConnectionDetail, ConnectionRow, DiagnosticView, Endpoint, Explanation, NarrativeView,
  PacketDetails, SegmentRow, StateChangeRow, StateName,
} from '../core/model/viewTypes';

export type {
  CaptureSummary, CloseKindName, ConnectionDetail, ConnectionRow, DiagnosticView, Endpoint, Explanation, NarrativeView,
  PacketDetails, SegmentRow, StateChangeRow, StateName,
};

/** Extension → webview. */
export type ToWebview =
  | { type: 'summary'; summary: CaptureSummary }
  | { type: 'progress'; bytes: number; total: number; connections: number; done: boolean }
  | { type: 'connections'; captureStart: string; rows: ConnectionRow[]; done: boolean }
  | { type: 'connection'; detail: ConnectionDetail }
  | { type: 'segments'; stream: number; from: number; rows: SegmentRow[] }
  | { type: 'explanation'; stream: number; explanation: Explanation }
  | { type: 'details'; stream: number; details: PacketDetails }
  | { type: 'select'; stream: number; frame?: number }
  /** The explanation view: a handshake / teardown story or one segment's explanation. */
  | { type: 'narrative'; narrative: NarrativeView }
  | { type: 'error'; message: string };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'selectConnection'; stream: number }
  | { type: 'getSegments'; stream: number; from: number; count: number }
  | { type: 'explain'; stream: number; frame: number }
  | { type: 'details'; stream: number; frame: number }
  | { type: 'selectionChanged'; stream: number; frame: number | null }
  | { type: 'export'; stream: number; format: 'svg' | 'png' | 'mermaid'; data?: string }
  /** From the explanation view: show this segment in the capture's swimlane. */
  | { type: 'revealFrame'; stream: number; frame: number };

const TO_WEBVIEW = new Set(['summary', 'progress', 'connections', 'connection', 'segments', 'explanation', 'details', 'select', 'narrative', 'error']);
const FROM_WEBVIEW = new Set(['ready', 'selectConnection', 'getSegments', 'explain', 'details', 'selectionChanged', 'export', 'revealFrame']);

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Validates a message received by the webview (shape of the envelope and its key fields). */
export function isToWebview(m: unknown): m is ToWebview {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string' || !TO_WEBVIEW.has(o.type)) return false;
  switch (o.type) {
    case 'segments': return isInt(o.stream) && isInt(o.from) && Array.isArray(o.rows);
    case 'connections': return Array.isArray(o.rows) && typeof o.captureStart === 'string';
    case 'connection': return typeof o.detail === 'object' && o.detail !== null;
    case 'explanation': return isInt(o.stream) && typeof o.explanation === 'object' && o.explanation !== null;
    case 'details': return isInt(o.stream) && typeof o.details === 'object' && o.details !== null;
    case 'select': return isInt(o.stream);
    case 'narrative': {
      const n = o.narrative as Record<string, unknown> | null;
      return typeof n === 'object' && n !== null && typeof n.title === 'string' && Array.isArray(n.steps) && Array.isArray(n.sections);
    }
    case 'error': return typeof o.message === 'string';
    default: return true;
  }
}

/** Validates a message received by the extension from a webview. */
export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string' || !FROM_WEBVIEW.has(o.type)) return false;
  switch (o.type) {
    case 'selectConnection': return isInt(o.stream);
    case 'getSegments': return isInt(o.stream) && isInt(o.from) && isInt(o.count) && (o.count as number) <= 10_000;
    case 'explain': case 'details': case 'revealFrame': return isInt(o.stream) && isInt(o.frame);
    case 'selectionChanged': return isInt(o.stream) && (o.frame === null || isInt(o.frame));
    case 'export': return isInt(o.stream) && (o.format === 'svg' || o.format === 'png' || o.format === 'mermaid');
    default: return true;
  }
}
