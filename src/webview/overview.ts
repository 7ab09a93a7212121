/**
 * A tcptrace-style time-sequence strip of the whole connection: x is time, y the sequence
 * number (each direction scaled to its own range; client → server and server → client in two
 * colours, retransmissions and resets marked). The part shown in the swimlane is outlined;
 * clicking or dragging jumps there.
 */
import type { ConnectionDetail, SegmentRow } from '../shared/protocol';
import { el } from './dom';
import { durationText } from './format';
import type { SegmentStore } from './segmentStore';

const H = 52;

export class Overview {
  readonly root = el('div', 'overview');
  private readonly canvas = el('canvas', 'ov-canvas');
  private readonly view = el('div', 'ov-view');
  private readonly startLabel = el('span', 'ov-label ov-start');
  private readonly endLabel = el('span', 'ov-label ov-end');
  private detail: ConnectionDetail | null = null;
  private store: SegmentStore | null = null;
  private queued = false;
  private dragging = false;

  constructor(private readonly onJump: (time: number) => void) {
    this.root.setAttribute('role', 'img');
    this.root.append(this.canvas, this.view, this.startLabel, this.endLabel);
    this.canvas.height = H;
    this.root.addEventListener('pointerdown', (ev) => {
      this.dragging = true;
      this.root.setPointerCapture(ev.pointerId);
      this.jumpTo(ev.clientX);
    });
    this.root.addEventListener('pointermove', (ev) => { if (this.dragging) this.jumpTo(ev.clientX); });
    this.root.addEventListener('pointerup', () => { this.dragging = false; });
    new ResizeObserver(() => this.redraw()).observe(this.root);
  }

  private jumpTo(clientX: number): void {
    if (!this.detail) return;
    const r = this.root.getBoundingClientRect();
    const f = Math.max(0, Math.min(1, (clientX - r.left - this.root.clientLeft - 2) / Math.max(1, this.root.clientWidth - 4)));
    this.onJump(this.detail.row.start + f * this.detail.row.durationNs);
  }

  set(detail: ConnectionDetail, store: SegmentStore): void {
    this.detail = detail;
    this.store = store;
    this.root.setAttribute('aria-label', `Time-sequence overview of connection ${detail.row.stream}: click to jump`);
    this.startLabel.textContent = '0';
    this.endLabel.textContent = durationText(detail.row.durationNs);
    this.redraw();
  }

  /** Outlines the time range [t0, t1] (ns since the capture's start). */
  setView(t0: number, t1: number): void {
    if (!this.detail) return;
    const d = Math.max(1, this.detail.row.durationNs);
    const a = Math.max(0, Math.min(1, (t0 - this.detail.row.start) / d));
    const b = Math.max(a, Math.min(1, (t1 - this.detail.row.start) / d));
    this.view.style.left = `${(a * 100).toFixed(3)}%`;
    this.view.style.width = `max(3px, ${((b - a) * 100).toFixed(3)}%)`;
  }

  redraw(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => { this.queued = false; this.draw(); });
  }

  private draw(): void {
    const d = this.detail;
    const store = this.store;
    const w = Math.max(1, this.root.clientWidth);
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(H * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${H}px`;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !d || !store) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, H);
    const css = getComputedStyle(this.root);
    const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    const cC2s = color('--vscode-charts-blue', '#3794ff');
    const cS2c = color('--vscode-charts-orange', '#d18616');
    const cBad = color('--vscode-charts-red', '#f14c4c');
    // A big connection is drawn from its evenly spaced samples only (pages come and go).
    const each = (fn: (i: number, r: SegmentRow) => void) => (store.full ? store.forEachLoaded(fn) : store.samples.forEach((r, i) => fn(i, r)));
    const max = [1, 1];
    each((_i, r) => { const k = r.c2s ? 0 : 1; if (r.seq + r.len > max[k]) max[k] = r.seq + r.len; });
    const t0 = d.row.start;
    const span = Math.max(1, d.row.durationNs);
    const bad: Array<[number, number]> = [];
    const rst: number[] = [];
    ctx.globalAlpha = 0.9;
    each((_i, r) => {
      const k = r.c2s ? 0 : 1;
      const x = ((r.time - t0) / span) * (w - 4) + 2;
      const y = H - 4 - ((r.seq + r.len) / max[k]) * (H - 8);
      ctx.fillStyle = k === 0 ? cC2s : cS2c;
      const hgt = r.len > 0 ? Math.max(2, (r.len / max[k]) * (H - 8)) : 1.5;
      ctx.fillRect(x - 0.75, y, 1.5, hgt);
      if (r.flags.includes('R')) rst.push(x);
      else if (r.analysis.length && r.analysis.some((a) => a.includes('retransmission') || a === 'lost_segment' || a === 'zero_window')) bad.push([x, y]);
    });
    ctx.fillStyle = cBad;
    for (const [x, y] of bad) { ctx.beginPath(); ctx.arc(x, y, 2.5, 0, Math.PI * 2); ctx.fill(); }
    for (const x of rst) ctx.fillRect(x - 1, 0, 2, H);
  }
}
