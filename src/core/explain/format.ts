/**
 * Number formatting shared by both languages. Raw sequence numbers are printed as plain
 * digits (no grouping) so a reader can find them verbatim in tshark or tcpdump output.
 */

/** A duration in ns as "0.032 ms" or "3.040 s" (units are the same in English and Chinese text). */
export function durationText(ns: number): string {
  if (Math.abs(ns) >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  return `${(ns / 1e6).toFixed(3)} ms`;
}

/** 2^shift as an integer. */
export function scaleFactor(shift: number): number {
  return 2 ** shift;
}
