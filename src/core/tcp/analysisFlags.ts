/**
 * Per-segment analysis flags, named exactly as Wireshark names them after `tcp.analysis.`,
 * so the CLI output compares one-to-one with tshark.
 */
export const enum Analysis {
  Retransmission = 1 << 0,
  FastRetransmission = 1 << 1,
  SpuriousRetransmission = 1 << 2,
  OutOfOrder = 1 << 3,
  LostSegment = 1 << 4,
  AckLostSegment = 1 << 5,
  DuplicateAck = 1 << 6,
  ZeroWindow = 1 << 7,
  ZeroWindowProbe = 1 << 8,
  ZeroWindowProbeAck = 1 << 9,
  WindowFull = 1 << 10,
  WindowUpdate = 1 << 11,
  KeepAlive = 1 << 12,
  KeepAliveAck = 1 << 13,
  ReusedPorts = 1 << 14,
}

/** Names in bit order (bit i ↔ ANALYSIS_NAMES[i]). */
export const ANALYSIS_NAMES = [
  'retransmission', 'fast_retransmission', 'spurious_retransmission', 'out_of_order', 'lost_segment',
  'ack_lost_segment', 'duplicate_ack', 'zero_window', 'zero_window_probe', 'zero_window_probe_ack',
  'window_full', 'window_update', 'keep_alive', 'keep_alive_ack', 'reused_ports',
] as const;

export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/**
 * The flag names tshark prints for a segment. Wireshark adds the generic `retransmission`
 * item beside `fast_retransmission` and `spurious_retransmission`, so the list does too.
 */
export function analysisNames(bits: number): AnalysisName[] {
  const out: AnalysisName[] = [];
  if (bits & (Analysis.FastRetransmission | Analysis.SpuriousRetransmission)) bits |= Analysis.Retransmission;
  for (let i = 0; i < ANALYSIS_NAMES.length; i++) if (bits & (1 << i)) out.push(ANALYSIS_NAMES[i]);
  return out;
}

/** Flags that mark a problem worth a badge in the connection list. */
export const PROBLEM_FLAGS =
  Analysis.Retransmission | Analysis.FastRetransmission | Analysis.SpuriousRetransmission | Analysis.OutOfOrder |
  Analysis.LostSegment | Analysis.AckLostSegment | Analysis.DuplicateAck | Analysis.ZeroWindow | Analysis.WindowFull;
