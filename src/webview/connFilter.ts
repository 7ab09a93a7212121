/** Filtering and sorting of the connections list (pure functions). */
import type { ConnectionRow } from '../shared/protocol';
import { endpointText } from './format';
import { problemSummary } from './flags';

export type SortKey = 'stream' | 'client' | 'server' | 'start' | 'duration' | 'packets' | 'bytes' | 'close' | 'state' | 'problems';

export const SORT_KEYS: SortKey[] = ['stream', 'client', 'server', 'start', 'duration', 'packets', 'bytes', 'close', 'state', 'problems'];

/**
 * Every whitespace-separated term must match. A term matches an address or `ip:port` (substring),
 * a port or stream number (exact, when the term is a number; `#3` is stream 3), the close kind,
 * Zeek's conn_state or history, or a problem flag name (`zero_window`, `tcp.analysis.zero_window`,
 * `rst`). `port:80`, `stream:3`, `state:SF` restrict a term to one field.
 */
export function matches(row: ConnectionRow, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return terms.every((t) => termMatches(row, t));
}

function termMatches(r: ConnectionRow, raw: string): boolean {
  let t = raw.replace(/^tcp\.analysis\./, '');
  const colon = /^(port|stream|state|close|flag|ip|addr):(.+)$/.exec(t);
  if (colon) {
    const [, field, v] = colon;
    switch (field) {
      case 'port': return String(r.client.port) === v || String(r.server.port) === v;
      case 'stream': return String(r.stream) === v.replace(/^#/, '');
      case 'state': return r.connState.toLowerCase() === v;
      case 'close': return r.closeKind.includes(v);
      case 'flag': return Object.keys(r.problems).some((k) => k.includes(v.replace(/^tcp\.analysis\./, '')));
      default: return r.client.ip.toLowerCase().includes(v) || r.server.ip.toLowerCase().includes(v);
    }
  }
  if (/^#\d+$/.test(t)) return String(r.stream) === t.slice(1);
  if (/^\d+$/.test(t)) {
    return String(r.client.port) === t || String(r.server.port) === t || String(r.stream) === t;
  }
  t = t.replace(/-/g, '_');
  const texts = [
    endpointText(r.client), endpointText(r.server), r.closeKind.replace(/-/g, '_'), r.connState, r.history,
  ].map((s) => s.toLowerCase());
  if (texts.some((s) => s.includes(t))) return true;
  return Object.keys(r.problems).some((k) => k.includes(t));
}

function compareIp(a: string, b: string): number {
  const pa = a.includes(':') ? a : a.split('.').map((x) => x.padStart(3, '0')).join('.');
  const pb = b.includes(':') ? b : b.split('.').map((x) => x.padStart(3, '0')).join('.');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

function compareBy(key: SortKey): (a: ConnectionRow, b: ConnectionRow) => number {
  switch (key) {
    case 'stream': return (a, b) => a.stream - b.stream;
    case 'client': return (a, b) => compareIp(a.client.ip, b.client.ip) || a.client.port - b.client.port;
    case 'server': return (a, b) => compareIp(a.server.ip, b.server.ip) || a.server.port - b.server.port;
    case 'start': return (a, b) => a.start - b.start;
    case 'duration': return (a, b) => a.durationNs - b.durationNs;
    case 'packets': return (a, b) => a.packets - b.packets;
    case 'bytes': return (a, b) => (a.bytesC2s + a.bytesS2c) - (b.bytesC2s + b.bytesS2c);
    case 'close': return (a, b) => a.closeKind.localeCompare(b.closeKind);
    case 'state': return (a, b) => a.connState.localeCompare(b.connState);
    case 'problems': return (a, b) => problemSummary(a.problems).score - problemSummary(b.problems).score;
  }
}

/** Rows matching `query`, sorted by `key` (stable: ties keep stream order); problems first if asked. */
export function arrange(rows: ConnectionRow[], query: string, key: SortKey, desc: boolean, problemsFirst: boolean): ConnectionRow[] {
  const out = query.trim() ? rows.filter((r) => matches(r, query)) : rows.slice();
  const scores = new Map<ConnectionRow, number>();
  const score = (r: ConnectionRow): number => {
    let v = scores.get(r);
    if (v === undefined) { v = problemSummary(r.problems).score; scores.set(r, v); }
    return v;
  };
  const cmp = key === 'problems' ? (a: ConnectionRow, b: ConnectionRow) => score(a) - score(b) : compareBy(key);
  const dir = desc ? -1 : 1;
  out.sort((a, b) => (problemsFirst ? score(b) - score(a) : 0) || dir * cmp(a, b) || a.stream - b.stream);
  return out;
}
