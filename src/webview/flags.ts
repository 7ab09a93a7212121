/**
 * How the swimlane shows Wireshark's analysis flags (tcp.analysis.*) and segment kinds: a short
 * badge, a colour class, and a legend line. The names match the core's ANALYSIS_NAMES.
 */
import type { SegmentRow, StateName } from '../shared/protocol';

export interface FlagInfo { badge: string; cls: string; meaning: string }

export const ANALYSIS: Record<string, FlagInfo> = {
  retransmission: { badge: 'RETX', cls: 'bad', meaning: 'Retransmission: data sent again (sequence space already sent)' },
  fast_retransmission: { badge: 'FAST RETX', cls: 'bad', meaning: 'Fast retransmission: sent again after duplicate ACKs' },
  spurious_retransmission: { badge: 'SPURIOUS', cls: 'warn', meaning: 'Spurious retransmission: the data had already been acknowledged' },
  out_of_order: { badge: 'OOO', cls: 'warn', meaning: 'Out of order: arrived after higher sequence numbers' },
  lost_segment: { badge: 'LOST', cls: 'bad', meaning: 'Previous segment not captured: a gap in the sequence space' },
  ack_lost_segment: { badge: 'ACK UNSEEN', cls: 'warn', meaning: 'Acknowledges data the capture did not see' },
  duplicate_ack: { badge: 'DUP ACK', cls: 'warn', meaning: 'Duplicate ACK: same ack and window again, no data' },
  zero_window: { badge: 'ZERO WIN', cls: 'win', meaning: 'Zero window: the receiver cannot accept more data' },
  zero_window_probe: { badge: 'ZW PROBE', cls: 'win', meaning: 'Zero-window probe: sender tests whether the window opened' },
  zero_window_probe_ack: { badge: 'ZW PROBE ACK', cls: 'win', meaning: 'Answer to a zero-window probe' },
  window_full: { badge: 'WIN FULL', cls: 'win', meaning: 'Window full: this segment fills the advertised window' },
  window_update: { badge: 'WIN UPD', cls: 'info', meaning: 'Window update: only the window changed' },
  keep_alive: { badge: 'KEEPALIVE', cls: 'info', meaning: 'Keep-alive: one byte below the next expected sequence number' },
  keep_alive_ack: { badge: 'KA ACK', cls: 'info', meaning: 'Answer to a keep-alive' },
  reused_ports: { badge: 'REUSED', cls: 'info', meaning: 'Ports reused: a new connection with the same 4-tuple' },
};

/** Badges of a segment (the generic `retransmission` is dropped beside fast/spurious). */
export function badges(s: SegmentRow): Array<{ name: string; info: FlagInfo }> {
  const specific = s.analysis.includes('fast_retransmission') || s.analysis.includes('spurious_retransmission');
  const out: Array<{ name: string; info: FlagInfo }> = [];
  for (const name of s.analysis) {
    if (name === 'retransmission' && specific) continue;
    out.push({ name, info: ANALYSIS[name] ?? { badge: name.toUpperCase(), cls: 'info', meaning: name } });
  }
  return out;
}

/** The colour class of a segment's arrow: its most important trait. */
export function arrowKind(s: SegmentRow): string {
  const a = s.analysis;
  if (s.flags.includes('R')) return 'k-rst';
  if (a.some((n) => n.includes('retransmission') || n === 'lost_segment')) return 'k-retx';
  if (a.includes('out_of_order') || a.includes('duplicate_ack') || a.includes('ack_lost_segment')) return 'k-warn';
  if (a.some((n) => n.startsWith('zero_window') || n === 'window_full')) return 'k-win';
  if (s.flags.includes('S')) return 'k-syn';
  if (s.flags.includes('F')) return 'k-fin';
  if (s.len > 0) return 'k-data';
  return 'k-ack';
}

export const ARROW_LEGEND: Array<[string, string]> = [
  ['k-syn', 'SYN / SYN-ACK (opening)'],
  ['k-data', 'Data (payload > 0)'],
  ['k-ack', 'Pure ACK'],
  ['k-fin', 'FIN (closing)'],
  ['k-rst', 'RST (abort)'],
  ['k-retx', 'Retransmission or lost segment'],
  ['k-warn', 'Duplicate ACK, out of order'],
  ['k-win', 'Zero window, window full'],
];

/** Colour group of a TCP state band. */
export function stateClass(s: StateName): string {
  switch (s) {
    case 'CLOSED': return 'st-closed';
    case 'LISTEN': return 'st-listen';
    case 'SYN_SENT': case 'SYN_RECEIVED': return 'st-open';
    case 'ESTABLISHED': return 'st-est';
    case 'TIME_WAIT': return 'st-tw';
    default: return 'st-close';
  }
}

export const STATE_LEGEND: Array<[string, string]> = [
  ['st-listen', 'LISTEN'],
  ['st-open', 'SYN_SENT, SYN_RECEIVED'],
  ['st-est', 'ESTABLISHED'],
  ['st-close', 'FIN_WAIT_1/2, CLOSE_WAIT, CLOSING, LAST_ACK'],
  ['st-tw', 'TIME_WAIT (2·MSL)'],
  ['st-closed', 'CLOSED'],
];

/** Problem counts for the connections list. */
export function problemSummary(p: Record<string, number>): { retx: number; rst: number; zw: number; other: number; score: number } {
  const retx = (p.retransmission ?? 0) + (p.lost_segment ?? 0);
  const rst = p.rst ?? 0;
  const zw = p.zero_window ?? 0;
  const other = (p.out_of_order ?? 0) + (p.duplicate_ack ?? 0) + (p.window_full ?? 0) + (p.ack_lost_segment ?? 0);
  return { retx, rst, zw, other, score: retx * 4 + rst * 8 + zw * 3 + other };
}
