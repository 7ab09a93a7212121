/**
 * The segments of the selected connection, fetched in pages with `getSegments`. Connections up
 * to FULL_MAX segments are fetched whole (time spacing and the overview need every time);
 * bigger ones are fetched on demand around what is visible, with the least recently used
 * pages dropped, plus a few hundred evenly spaced samples for the overview.
 */
import type { SegmentRow } from '../shared/protocol';
import { post } from './api';

export const FULL_MAX = 100_000;
const FULL_PAGE = 10_000;
const LAZY_PAGE = 500;
const LAZY_KEEP = 128;
const SAMPLES = 256;
const MAX_IN_FLIGHT = 6;

export class SegmentStore {
  total: number;
  readonly full: boolean;
  readonly pageSize: number;
  private readonly pages = new Map<number, SegmentRow[]>();
  private readonly pending = new Set<number>();
  private readonly queue: number[] = [];
  /** Evenly spaced rows (by index) for the overview of a big connection. */
  readonly samples = new Map<number, SegmentRow>();
  private readonly sampleWanted = new Set<number>();
  private waiters: Array<{ test: () => boolean; resolve: () => void }> = [];

  constructor(readonly stream: number, total: number, private readonly onData: (from: number, count: number) => void) {
    this.total = total;
    this.full = total <= FULL_MAX;
    this.pageSize = this.full ? FULL_PAGE : LAZY_PAGE;
    if (this.full) {
      for (let p = 0; p * this.pageSize < total; p++) this.want(p);
    } else {
      const step = total / SAMPLES;
      for (let k = 0; k <= SAMPLES; k++) {
        let i = Math.min(total - 1, Math.floor(k * step));
        if (i % this.pageSize === 0) i = i + 1 < total ? i + 1 : i - 1; // a reply at a page start is a page
        if (i > 0) this.sampleWanted.add(i);
      }
    }
    this.pump();
  }

  get complete(): boolean {
    return this.full && this.pages.size * this.pageSize >= this.total && this.pending.size === 0 && this.queue.length === 0;
  }

  get(i: number): SegmentRow | undefined {
    const p = this.pages.get(Math.floor(i / this.pageSize));
    if (p) return p[i % this.pageSize];
    return this.samples.get(i);
  }

  /** Asks for the pages covering [from, to). */
  ensure(from: number, to: number): void {
    if (this.total === 0) return;
    const a = Math.max(0, Math.floor(from / this.pageSize));
    const b = Math.min(Math.ceil(this.total / this.pageSize) - 1, Math.floor(Math.max(from, to - 1) / this.pageSize));
    for (let p = a; p <= b; p++) {
      const page = this.pages.get(p);
      if (page && !this.full) { this.pages.delete(p); this.pages.set(p, page); } // LRU touch
      else this.want(p, true);
    }
    this.pump();
  }

  private want(p: number, urgent = false): void {
    if (this.pages.has(p) || this.pending.has(p)) return;
    const q = this.queue.indexOf(p);
    if (q >= 0) { if (urgent) { this.queue.splice(q, 1); this.queue.unshift(p); } return; }
    if (urgent) this.queue.unshift(p); else this.queue.push(p);
  }

  private pump(): void {
    while (this.pending.size < MAX_IN_FLIGHT && this.queue.length) {
      const p = this.queue.shift()!;
      this.pending.add(p);
      post({ type: 'getSegments', stream: this.stream, from: p * this.pageSize, count: this.pageSize });
    }
    if (this.pending.size < MAX_IN_FLIGHT && this.sampleWanted.size) {
      // Samples go one row each, a few at a time, after the visible pages.
      let n = 0;
      for (const i of this.sampleWanted) {
        if (this.pending.size + n >= MAX_IN_FLIGHT * 4) break;
        post({ type: 'getSegments', stream: this.stream, from: i, count: 1 });
        this.sampleWanted.delete(i);
        n++;
      }
    }
  }

  /** A `segments` reply for this stream (pages start at multiples of the page size; samples never do). */
  receive(from: number, rows: SegmentRow[]): void {
    if (from % this.pageSize !== 0) {
      if (rows[0]) this.samples.set(from, rows[0]);
      this.onData(from, rows.length);
      this.pump();
      return;
    }
    const p = from / this.pageSize;
    this.pending.delete(p);
    this.pages.set(p, rows);
    if (rows.length < this.pageSize && from + rows.length < this.total) {
      this.total = from + rows.length; // the connection had fewer segments than announced
    }
    if (!this.full) {
      while (this.pages.size > LAZY_KEEP) this.pages.delete(this.pages.keys().next().value as number);
    }
    this.onData(from, rows.length);
    this.pump();
    this.wake();
  }

  /** Resolves when row `i` is loaded (asking for it). */
  load(i: number): Promise<void> {
    if (this.get(i) && this.pages.has(Math.floor(i / this.pageSize))) return Promise.resolve();
    this.ensure(i, i + 1);
    return new Promise((resolve) => this.waiters.push({ test: () => this.pages.has(Math.floor(i / this.pageSize)), resolve }));
  }

  /** Resolves when rows [0, n) are all loaded. */
  async loadRange(n: number): Promise<void> {
    for (let i = 0; i < n; i += this.pageSize) await this.load(i);
  }

  private wake(): void {
    const left: typeof this.waiters = [];
    for (const w of this.waiters) (w.test() ? w.resolve() : left.push(w));
    this.waiters = left;
  }

  /** Index of a frame among the loaded rows (frames grow with the index), or -1. */
  indexOfFrame(frame: number): number {
    for (const [p, rows] of this.pages) {
      if (!rows.length || rows[0].frame > frame || rows[rows.length - 1].frame < frame) continue;
      let lo = 0;
      let hi = rows.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const f = rows[mid].frame;
        if (f === frame) return p * this.pageSize + mid;
        if (f < frame) lo = mid + 1; else hi = mid - 1;
      }
    }
    return -1;
  }

  /** Index of `frame`, fetching single rows to binary-search the unloaded parts. */
  async findFrame(frame: number): Promise<number> {
    const known = this.indexOfFrame(frame);
    if (known >= 0) return known;
    let lo = 0;
    let hi = this.total - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      await this.load(mid);
      const r = this.get(mid);
      if (!r) return -1;
      if (r.frame === frame) return mid;
      if (r.frame < frame) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** Every loaded row with its index (pages, then samples), for the overview. */
  forEachLoaded(fn: (i: number, r: SegmentRow) => void): void {
    for (const [p, rows] of this.pages) for (let k = 0; k < rows.length; k++) fn(p * this.pageSize + k, rows[k]);
    if (!this.full) for (const [i, r] of this.samples) fn(i, r);
  }
}
