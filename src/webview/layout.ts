/**
 * Vertical positions of the swimlane's rows. Row i's arrow starts at y(i); between rows lies the
 * spacing: one row each (`rows`), or proportional to the time between segments with a floor of
 * one row and long idle gaps collapsed to a marked break (`time`).
 */

export const ROW_H = 32;
/** Space above the first segment (the initial states). */
export const TOP = 40;
/** Height of a collapsed idle gap. */
export const GAP_H = 2 * ROW_H;
/** Longest proportional spacing; longer gaps are capped, or collapsed when idle. */
const MAX_SPACING = 4 * ROW_H;
/** A gap at least this long (ns) that would exceed MAX_SPACING is an idle gap: collapsed and marked. */
const IDLE_NS = 100e6;

export interface Layout {
  readonly count: number;
  /** Total virtual height, tail included. */
  readonly height: number;
  y(i: number): number;
  /** The row whose [y(i), y(i+1)) holds `y`, clamped to [0, count-1]. */
  indexAt(y: number): number;
  /** ns of idle time collapsed just above row i, or 0. */
  gapBefore(i: number): number;
}

export class RowLayout implements Layout {
  readonly height: number;

  constructor(readonly count: number, tail: number) {
    this.height = TOP + count * ROW_H + tail;
  }

  y(i: number): number {
    return TOP + i * ROW_H;
  }

  indexAt(y: number): number {
    return Math.max(0, Math.min(this.count - 1, Math.floor((y - TOP) / ROW_H)));
  }

  gapBefore(): number {
    return 0;
  }
}

export class TimeLayout implements Layout {
  readonly height: number;
  private readonly ys: Float64Array;
  private readonly gaps = new Map<number, number>();
  /** Pixels per ns of the proportional part. */
  readonly scale: number;

  constructor(times: ArrayLike<number>, tail: number, zoom = 1) {
    const n = times.length;
    this.count = n;
    const dts: number[] = [];
    for (let i = 1; i < n; i++) { const d = times[i] - times[i - 1]; if (d > 0) dts.push(d); }
    dts.sort((a, b) => a - b);
    // The median gap between segments spans two rows.
    const ref = dts.length ? dts[Math.min(dts.length - 1, Math.floor(dts.length * 0.5))] : 1;
    this.scale = (2 * ROW_H * zoom) / Math.max(ref, 1);
    this.ys = new Float64Array(n + 1);
    let y = TOP;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const dt = Math.max(0, times[i] - times[i - 1]);
        const h = dt * this.scale;
        if (h > MAX_SPACING && dt >= IDLE_NS) { y += ROW_H + GAP_H; this.gaps.set(i, dt); }
        else y += Math.max(ROW_H, Math.min(MAX_SPACING, h));
      }
      this.ys[i] = y;
    }
    this.ys[n] = y + ROW_H;
    this.height = this.ys[n] + tail;
  }

  readonly count: number;

  y(i: number): number {
    return i >= this.count ? this.ys[this.count] : this.ys[Math.max(0, i)];
  }

  indexAt(y: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.ys[mid] <= y) lo = mid; else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  gapBefore(i: number): number {
    return this.gaps.get(i) ?? 0;
  }
}
