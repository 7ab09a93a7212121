/**
 * The swimlane (ladder) diagram of the selected connection: toolbar, overview strip, lane
 * headers, and a virtualized SVG where only the rows in view exist. Hover explains a segment
 * (tooltip), click or Enter pins its details, ↑/↓ move between segments.
 */
import type { ConnectionDetail, Explanation, PacketDetails } from '../shared/protocol';
import { post, saveState, savedState } from './api';
import { button, el, frameThrottle, svgEl, toggle } from './dom';
import { ANALYSIS, ARROW_LEGEND, STATE_LEGEND } from './flags';
import { durationText, hexDump } from './format';
import { geometry, type Geometry } from './geometry';
import { RowLayout, ROW_H, TimeLayout, type Layout } from './layout';
import { Overview } from './overview';
import { buildHead, buildRow, diagramDefs, laneTitles, statePlan, tailHeight, type RowContext, type StatePlan } from './rowRenderer';
import { SegmentStore } from './segmentStore';
import { exportPng, exportSvg } from './exporter';

/** Largest scroll height handed to the browser; taller diagrams scroll scaled. */
const MAX_SCROLL = 4_000_000;
const HOVER_DELAY_MS = 120;
/**
 * Rows keep their place on the sheet while it scrolls (a transform of the sheet's layer, no
 * repaint); only when the view leaves the sheet is it re-anchored and the rows moved.
 */
const SHEET_BUF = 1024;

export type Spacing = 'time' | 'rows';

export class Swimlane {
  readonly root = el('section', 'lane');
  private readonly toolbar = el('div', 'lane-toolbar');
  private readonly title = el('div', 'lane-title');
  private readonly overview: Overview;
  private readonly head = el('div', 'lane-head');
  private readonly headClient = el('div', 'lane-h client');
  private readonly headServer = el('div', 'lane-h server');
  private readonly scroller = el('div', 'lane-scroller');
  private readonly stage = el('div', 'lane-stage');
  private readonly spacer = el('div', 'lane-spacer');
  /** The SVG sheet: taller than the view by SHEET_BUF above and below, moved by a compositor transform. */
  private readonly sheet = el('div', 'lane-sheet');
  private readonly svg = svgEl('svg', undefined, 'diagram');
  private readonly lanesG = svgEl('g', undefined, 'lanes');
  private readonly rowsG = svgEl('g', undefined, 'rows');
  readonly tooltip = el('div', 'tooltip');
  private readonly details = el('aside', 'details');
  private readonly legend = el('div', 'legend');
  private readonly empty = el('p', 'lane-empty', 'Select a connection to see its swimlane.');
  private readonly timeBtn: HTMLButtonElement;
  private readonly rawBtn: HTMLButtonElement;

  detail: ConnectionDetail | null = null;
  store: SegmentStore | null = null;
  private plan: StatePlan | null = null;
  private layout: Layout = new RowLayout(0, 0);
  private geo: Geometry = geometry(800);
  raw: boolean;
  spacing: Spacing;
  private viewH = 400;
  private scale = 1;
  /** Virtual y of the sheet's top. */
  private origin = 0;
  /** Virtual y at the top of the view (exact; scrollTop × scale is only as fine as scale). */
  private vtop = 0;
  /** The scrollTop we last set ourselves, to tell our scrolls from the user's. */
  private ownScroll = -1;
  /** A focused row element was replaced: focus its successor once rendered. */
  private refocus = false;
  private readonly rendered = new Map<number, SVGGElement>();
  private headEl: SVGGElement | null = null;
  private focusIndex = -1;
  private hoverFrame: number | null = null;
  private hoverTimer: number | undefined;
  private pinnedFrame: number | null = null;
  private pendingFocusFrame: number | null = null;
  private readonly explanations = new Map<number, Explanation>();
  private related = new Set<number>();
  private tipFrame: number | null = null;
  private tipAnchor: { x: number; y: number } | null = null;
  private selectionTimer: number | undefined;
  private readonly renderSoon = frameThrottle(() => this.render());

  constructor() {
    const st = savedState();
    this.raw = st.raw ?? false;
    this.spacing = st.spacing ?? 'time';
    this.overview = new Overview((t) => this.jumpToTime(t));

    this.rawBtn = toggle('Raw numbers', this.raw, (on) => { this.raw = on; saveState({ raw: on }); this.invalidate(); },
      'Show raw (absolute) sequence and acknowledgement numbers and the raw window field');
    this.timeBtn = toggle('Time spacing', this.spacing === 'time', (on) => { this.setSpacing(on ? 'time' : 'rows'); },
      'Space segments by time (idle gaps collapsed) instead of one row per segment');
    const legendBtn = toggle('Legend', false, (on) => { this.legend.hidden = !on; }, 'Show the legend of colours and badges');
    const exp = el('span', 'export-group');
    exp.append(
      button('SVG', 'tool', () => void this.export('svg'), 'Export the diagram as SVG'),
      button('PNG', 'tool', () => void this.export('png'), 'Export the diagram as PNG'),
      button('Mermaid', 'tool', () => this.export('mermaid'), 'Export the diagram as a Mermaid sequence diagram'),
    );
    exp.prepend(el('span', 'tool-label', 'Export'));
    this.toolbar.setAttribute('role', 'toolbar');
    this.toolbar.setAttribute('aria-label', 'Swimlane options');
    this.toolbar.append(this.title, this.rawBtn, this.timeBtn, legendBtn, exp);

    this.head.append(this.headClient, this.headServer);
    this.svg.setAttribute('role', 'list');
    this.svg.append(diagramDefs(), this.lanesG, this.rowsG);
    this.sheet.append(this.svg);
    this.stage.append(this.sheet);
    this.scroller.tabIndex = -1;
    this.scroller.append(this.stage, this.spacer);
    this.scroller.addEventListener('scroll', () => {
      this.head.scrollLeft = this.scroller.scrollLeft;
      const st = this.scroller.scrollTop;
      if (this.ownScroll < 0 || Math.abs(st - this.ownScroll) > 1) this.vtop = st * this.scale;
      this.ownScroll = -1;
      this.renderSoon();
    }, { passive: true });
    // When the diagram is taller than the browser can scroll (scale > 1), the wheel moves it by
    // its own delta in diagram pixels, not by scale × delta.
    this.scroller.addEventListener('wheel', (ev) => {
      if (this.scale <= 1 || ev.ctrlKey) return;
      ev.preventDefault();
      const unit = ev.deltaMode === 1 ? ROW_H : ev.deltaMode === 2 ? this.viewH : 1;
      if (ev.deltaX) this.scroller.scrollLeft += ev.deltaX * unit;
      if (ev.deltaY) this.scrollToY(this.vtop + ev.deltaY * unit);
    }, { passive: false });
    this.scroller.addEventListener('keydown', (ev) => this.onKey(ev));
    this.svg.addEventListener('pointerover', (ev) => this.onPointer(ev));
    this.svg.addEventListener('pointermove', (ev) => this.onPointer(ev));
    this.svg.addEventListener('pointerleave', () => this.onLeave());
    this.svg.addEventListener('click', (ev) => {
      const g = (ev.target as Element).closest<SVGGElement>('g.seg');
      if (!g?.dataset.frame) return;
      this.setFocus(Number(g.dataset.index), { dom: true, explain: false });
      this.pin(Number(g.dataset.frame));
    });
    this.svg.addEventListener('focusin', (ev) => {
      const g = (ev.target as Element).closest<SVGGElement>('g.seg');
      if (g && Number(g.dataset.index) !== this.focusIndex) this.setFocus(Number(g.dataset.index), { dom: false });
    });

    this.tooltip.setAttribute('role', 'tooltip');
    this.tooltip.id = 'wl-tooltip';
    this.tooltip.hidden = true;
    this.details.hidden = true;
    this.details.setAttribute('aria-label', 'Pinned segment details');
    this.details.tabIndex = -1;
    this.legend.hidden = true;
    this.buildLegend();

    const body = el('div', 'lane-body');
    body.append(this.head, this.scroller, this.empty, this.tooltip);
    this.root.append(this.toolbar, this.overview.root, this.legend, body, this.details);
    this.root.classList.add('no-connection');
    new ResizeObserver(() => this.resize()).observe(this.scroller);
  }

  private buildLegend(): void {
    const arrows = el('div', 'legend-col');
    arrows.append(el('h3', undefined, 'Arrows'));
    for (const [cls, text] of ARROW_LEGEND) {
      const item = el('div', 'legend-item');
      const sw = svgEl('svg', { width: 28, height: 10 }, 'legend-swatch');
      sw.append(svgEl('line', { x1: 1, y1: 5, x2: 27, y2: 5 }, `arrow ${cls}${cls === 'k-data' ? ' data' : ''}`));
      item.append(sw, el('span', undefined, text));
      arrows.append(item);
    }
    const states = el('div', 'legend-col');
    states.append(el('h3', undefined, 'State bands'));
    for (const [cls, text] of STATE_LEGEND) {
      const item = el('div', 'legend-item');
      const sw = svgEl('svg', { width: 28, height: 10 }, 'legend-swatch');
      sw.append(svgEl('rect', { x: 9, y: 0, width: 10, height: 10 }, `band ${cls}`));
      item.append(sw, el('span', undefined, text));
      states.append(item);
    }
    const flags = el('div', 'legend-col wide');
    flags.append(el('h3', undefined, 'Analysis badges (Wireshark tcp.analysis.*)'));
    for (const [name, info] of Object.entries(ANALYSIS)) {
      const item = el('div', 'legend-item');
      item.dataset.flag = name;
      item.append(el('span', `badge ${info.cls}`, info.badge), el('span', undefined, info.meaning));
      flags.append(item);
    }
    this.legend.append(arrows, states, flags);
  }

  // ------------------------------------------------------------------ connection

  get stream(): number | null {
    return this.detail?.row.stream ?? null;
  }

  /** Shows a connection (its segments are then fetched page by page). */
  show(detail: ConnectionDetail, focusFrame?: number): void {
    const same = this.detail?.row.stream === detail.row.stream && this.store?.total === detail.row.segments;
    this.detail = detail;
    this.plan = statePlan(detail);
    if (!same) {
      this.store = new SegmentStore(detail.row.stream, detail.row.segments, (from, n) => this.onData(from, n));
      this.explanations.clear();
      this.related.clear();
      this.focusIndex = -1;
      this.unpin();
      this.hideTip();
      this.scroller.scrollTop = 0;
      this.vtop = 0;
    }
    this.pendingFocusFrame = focusFrame ?? null;
    this.root.classList.remove('no-connection');
    this.empty.hidden = true;
    const titles = laneTitles(detail);
    for (const [h, t] of [[this.headClient, titles.client], [this.headServer, titles.server]] as const) {
      h.replaceChildren(el('span', 'lane-addr', t.addr), el('span', 'lane-role', t.role));
    }
    const r = detail.row;
    this.title.textContent = `#${r.stream} · ${r.closeKind}${r.connState ? ` · ${r.connState}` : ''} · ${r.segments.toLocaleString('en-US')} segments · ${durationText(r.durationNs)}`;
    this.svg.setAttribute('aria-label', `Segments of connection ${r.stream}, ${titles.client.addr} to ${titles.server.addr}`);
    // Time spacing needs every segment's time: offered up to FULL_MAX segments.
    this.timeBtn.disabled = !this.store!.full;
    this.timeBtn.setAttribute('aria-pressed', String(this.spacing === 'time' && this.store!.full));
    this.overview.set(detail, this.store!);
    this.relayout();
    if (focusFrame !== undefined) void this.focusFrame(focusFrame);
  }

  clear(): void {
    this.detail = null;
    this.store = null;
    this.root.classList.add('no-connection');
    this.empty.hidden = false;
    this.invalidate();
  }

  private onData(from: number, n: number): void {
    const store = this.store!;
    if (this.layout.count !== store.total) this.relayout();
    // Placeholders of the page are rebuilt, and the row below it (a row's bands start from the
    // state of the row above).
    for (let i = from; i <= from + n; i++) {
      const g = this.rendered.get(i);
      if (g && (g.classList.contains('placeholder') || i === from + n)) this.drop(i, g);
    }
    if (from === 0 && this.headEl) { this.headEl.remove(); this.headEl = null; }
    if (this.spacing === 'time' && store.full && store.complete && !(this.layout instanceof TimeLayout)) this.relayout();
    if (store.full ? store.complete : n === 1) this.overview.redraw();
    this.renderSoon();
    if (this.pendingFocusFrame !== null) {
      const i = store.indexOfFrame(this.pendingFocusFrame);
      if (i >= 0) { this.pendingFocusFrame = null; this.setFocus(i, { dom: false, center: true }); }
    }
  }

  private setSpacing(s: Spacing): void {
    this.spacing = s;
    saveState({ spacing: s });
    this.timeBtn.setAttribute('aria-pressed', String(s === 'time'));
    this.relayout();
  }

  /** Recomputes row positions (spacing, count) keeping the focused or top row in view. */
  private relayout(): void {
    const store = this.store;
    const anchor = this.focusIndex >= 0 ? this.focusIndex : this.layout.count ? this.layout.indexAt(this.virtualTop()) : 0;
    const tail = this.plan ? tailHeight(this.plan) : 0;
    if (!store) { this.layout = new RowLayout(0, 0); this.invalidate(); return; }
    if (this.spacing === 'time' && store.full && store.complete && store.total > 0) {
      const times = new Float64Array(store.total);
      for (let i = 0; i < store.total; i++) times[i] = store.get(i)!.time;
      this.layout = new TimeLayout(times, tail);
    } else {
      this.layout = new RowLayout(store.total, tail);
    }
    this.root.classList.toggle('time-spacing', this.layout instanceof TimeLayout);
    this.sizeSpacer();
    if (anchor > 0) this.scrollToY(this.layout.y(anchor) - (this.focusIndex >= 0 ? this.viewH / 3 : 0));
    this.invalidate();
  }

  private sizeSpacer(): void {
    const h = this.layout.height;
    const sh = Math.min(h, MAX_SCROLL);
    this.scale = h > MAX_SCROLL ? (h - this.viewH) / Math.max(1, sh - this.viewH) : 1;
    this.spacer.style.height = `${Math.max(0, sh - this.viewH)}px`;
  }

  private virtualTop(): number {
    return this.vtop;
  }

  private scrollToY(y: number): void {
    this.vtop = Math.max(0, Math.min(y, this.layout.height - this.viewH));
    this.scroller.scrollTop = this.vtop / this.scale;
    this.ownScroll = this.scroller.scrollTop;
    this.renderSoon();
  }

  private resize(): void {
    const w = this.scroller.clientWidth;
    const h = this.scroller.clientHeight;
    if (!w || !h) return;
    const geo = geometry(w);
    const changed = geo.width !== this.geo.width;
    this.geo = geo;
    this.viewH = h;
    this.stage.style.height = `${h}px`;
    this.stage.style.width = `${geo.width}px`;
    this.svg.setAttribute('width', String(geo.width));
    const sh = h + 2 * SHEET_BUF;
    this.svg.setAttribute('height', String(sh));
    this.svg.setAttribute('viewBox', `0 0 ${geo.width} ${sh}`);
    this.headClient.style.left = `${geo.xc}px`;
    this.headServer.style.left = `${geo.xs}px`;
    this.lanesG.replaceChildren(
      svgEl('line', { x1: geo.xc, x2: geo.xc, y1: 0, y2: sh }, 'lane-line'),
      svgEl('line', { x1: geo.xs, x2: geo.xs, y1: 0, y2: sh }, 'lane-line'),
    );
    this.sizeSpacer();
    // Keep the focused segment in view when the view gets shorter (details pinned, legend shown).
    const y = this.focusIndex >= 0 && this.layout.count ? this.layout.y(this.focusIndex) : -1;
    if (y >= 0 && (y < this.vtop || y + ROW_H > this.vtop + h)) this.scrollToY(y - Math.max(8, (h - ROW_H) / 2));
    if (changed) this.invalidate(); else this.render();
  }

  /** Removes a rendered row, remembering to give the focus to its replacement. */
  private drop(i: number, g: SVGGElement): void {
    if (g === document.activeElement) this.refocus = true;
    g.remove();
    this.rendered.delete(i);
  }

  private invalidate(): void {
    for (const [i, g] of this.rendered) this.drop(i, g);
    this.headEl?.remove();
    this.headEl = null;
    this.render();
  }

  private context(): RowContext | null {
    if (!this.detail || !this.store || !this.plan) return null;
    const store = this.store;
    return { geo: this.geo, layout: this.layout, plan: this.plan, detail: this.detail, raw: this.raw, get: (i) => (i >= 0 && i < store.total ? store.get(i) : undefined) };
  }

  // ------------------------------------------------------------------ rendering

  /** Puts the rows in view (and only those) in the SVG. */
  render(): void {
    const ctx = this.context();
    if (!ctx || this.layout.count === 0) {
      for (const g of this.rendered.values()) g.remove();
      this.rendered.clear();
      return;
    }
    const top = this.virtualTop();
    const bottom = top + this.viewH;
    const a = Math.max(0, this.layout.indexAt(top) - 1);
    const b = Math.min(this.layout.count - 1, this.layout.indexAt(bottom) + 1);
    this.store!.ensure(Math.max(0, a - 20), b + 21);
    const hadFocus = this.root.contains(document.activeElement) && document.activeElement instanceof SVGGElement;
    let moved = false;
    if (top < this.origin || bottom > this.origin + this.viewH + 2 * SHEET_BUF) {
      this.origin = Math.max(0, top - SHEET_BUF);
      moved = true;
    }
    this.sheet.style.transform = `translateY(${(this.origin - top).toFixed(1)}px)`;
    for (const [i, g] of this.rendered) {
      if (i < a || i > b) {
        if (g === document.activeElement) this.scroller.focus({ preventScroll: true });
        g.remove();
        this.rendered.delete(i);
      }
    }
    for (let i = a; i <= b; i++) {
      let g = this.rendered.get(i);
      if (!g) {
        g = buildRow(ctx, i);
        this.decorate(g, i);
        this.rendered.set(i, g);
        this.rowsG.append(g);
        g.setAttribute('transform', `translate(0 ${(this.layout.y(i) - this.origin).toFixed(1)})`);
      } else if (moved) {
        g.setAttribute('transform', `translate(0 ${(this.layout.y(i) - this.origin).toFixed(1)})`);
      }
    }
    if (top < this.layout.y(0)) {
      if (!this.headEl) { this.headEl = buildHead(ctx); this.rowsG.prepend(this.headEl); moved = true; }
      if (moved) this.headEl.setAttribute('transform', `translate(0 ${(-this.origin).toFixed(1)})`);
    } else if (this.headEl) { this.headEl.remove(); this.headEl = null; }
    const focused = this.rendered.get(this.focusIndex);
    if ((hadFocus || this.refocus) && focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
    this.refocus = false;
    // Overview outline: the times of the first and last rows in view.
    const first = this.store!.get(this.layout.indexAt(top));
    const last = this.store!.get(this.layout.indexAt(bottom));
    if (first && last) this.overview.setView(first.time, last.time);
    if (this.tipFrame !== null && this.tipAnchor === null) this.placeTipAtRow();
  }

  /** Focus, hover, pin and related marks of a freshly built row. */
  private decorate(g: SVGGElement, i: number): void {
    g.tabIndex = i === this.focusIndex || (this.focusIndex < 0 && i === 0) ? 0 : -1;
    const frame = g.dataset.frame ? Number(g.dataset.frame) : null;
    g.classList.toggle('focused', i === this.focusIndex);
    if (i === this.focusIndex) g.setAttribute('aria-describedby', this.tooltip.id);
    if (frame !== null) {
      g.classList.toggle('related', this.related.has(frame));
      g.classList.toggle('pinned', frame === this.pinnedFrame);
      g.classList.toggle('hover', frame === this.hoverFrame);
    }
  }

  private redecorate(): void {
    for (const [i, g] of this.rendered) this.decorate(g, i);
  }

  // ------------------------------------------------------------------ focus & keys

  private setFocus(i: number, opts: { dom: boolean; explain?: boolean; center?: boolean }): void {
    const store = this.store;
    if (!store || store.total === 0) return;
    i = Math.max(0, Math.min(store.total - 1, i));
    this.focusIndex = i;
    const y = this.layout.y(i);
    const top = this.virtualTop();
    const outside = y < top + 4 || y + ROW_H > top + this.viewH - 4;
    if (outside && opts.center) this.scrollToY(y - this.viewH / 3);
    else if (y < top + 4) this.scrollToY(y - 8);
    else if (y + ROW_H > top + this.viewH - 4) this.scrollToY(y + ROW_H + 8 - this.viewH);
    this.render();
    this.redecorate();
    const g = this.rendered.get(i);
    if (opts.dom && g) g.focus({ preventScroll: true });
    const s = store.get(i);
    if (s && opts.explain !== false) {
      this.tipAnchor = null;
      this.showTipFor(s.frame);
    }
    window.clearTimeout(this.selectionTimer);
    this.selectionTimer = window.setTimeout(() => {
      const row = this.store?.get(this.focusIndex);
      if (this.detail && row) post({ type: 'selectionChanged', stream: this.detail.row.stream, frame: row.frame });
    }, 150);
  }

  /** Moves the keyboard focus into the diagram (first or focused segment). */
  focus(): void {
    if (!this.store?.total) { this.scroller.focus(); return; }
    this.setFocus(this.focusIndex >= 0 ? this.focusIndex : this.layout.indexAt(this.virtualTop()), { dom: true });
  }

  async focusFrame(frame: number): Promise<void> {
    const store = this.store;
    if (!store) return;
    const i = await store.findFrame(frame);
    if (i >= 0 && store === this.store) this.setFocus(i, { dom: false, center: true });
  }

  private onKey(ev: KeyboardEvent): void {
    if (!this.store?.total) return;
    const cur = this.focusIndex >= 0 ? this.focusIndex : this.layout.indexAt(this.virtualTop()) - 1;
    const page = Math.max(1, Math.floor(this.viewH / ROW_H) - 2);
    let next: number;
    switch (ev.key) {
      case 'ArrowDown': next = cur + 1; break;
      case 'ArrowUp': next = cur - 1; break;
      case 'PageDown': next = cur + page; break;
      case 'PageUp': next = cur - page; break;
      case 'Home': next = 0; break;
      case 'End': next = this.store.total - 1; break;
      case 'Enter': case ' ': {
        ev.preventDefault();
        const s = this.store.get(this.focusIndex);
        if (s) this.pin(s.frame);
        return;
      }
      default: return;
    }
    ev.preventDefault();
    this.setFocus(next, { dom: true });
  }

  private jumpToTime(t: number): void {
    const store = this.store;
    if (!store || !store.total) return;
    // Binary search over what is loaded, interpolating over samples for big connections.
    let best = 0;
    let bestDt = Infinity;
    store.forEachLoaded((i, r) => { const d = Math.abs(r.time - t); if (d < bestDt) { bestDt = d; best = i; } });
    this.scrollToY(this.layout.y(best) - this.viewH / 3);
    this.render();
  }

  // ------------------------------------------------------------------ hover, tooltip, pin

  private onPointer(ev: PointerEvent): void {
    const g = (ev.target as Element).closest<SVGGElement>('g.seg');
    const frame = g?.dataset.frame ? Number(g.dataset.frame) : null;
    const r = this.root.querySelector('.lane-body')!.getBoundingClientRect();
    this.tipAnchor = { x: ev.clientX - r.left, y: ev.clientY - r.top };
    if (frame === this.hoverFrame) { if (frame !== null && this.tipFrame === frame) this.placeTip(); return; }
    this.hoverFrame = frame;
    this.redecorate();
    window.clearTimeout(this.hoverTimer);
    if (frame === null) { this.hideTip(); return; }
    this.hoverTimer = window.setTimeout(() => this.showTipFor(frame), HOVER_DELAY_MS);
  }

  private onLeave(): void {
    window.clearTimeout(this.hoverTimer);
    this.hoverFrame = null;
    this.redecorate();
    this.hideTip();
  }

  private showTipFor(frame: number): void {
    this.tipFrame = frame;
    const ex = this.explanations.get(frame);
    if (ex) { this.fillTip(ex); return; }
    this.tooltip.replaceChildren(el('p', 'tip-loading', `Frame ${frame}…`));
    this.tooltip.hidden = false;
    this.placeTip();
    if (this.detail) post({ type: 'explain', stream: this.detail.row.stream, frame });
  }

  /** An `explanation` reply. */
  onExplanation(stream: number, ex: Explanation): void {
    if (stream !== this.stream) return;
    this.explanations.set(ex.frame, ex);
    if (this.tipFrame === ex.frame) this.fillTip(ex);
    if (this.pinnedFrame === ex.frame) this.fillPinnedExplanation(ex);
  }

  private fillTip(ex: Explanation): void {
    const nodes: HTMLElement[] = [el('strong', 'tip-title', ex.title)];
    for (const p of ex.paragraphs) nodes.push(el('p', undefined, p));
    this.tooltip.replaceChildren(...nodes);
    this.tooltip.hidden = false;
    this.related = new Set(ex.related);
    this.redecorate();
    this.placeTip();
  }

  private hideTip(): void {
    this.tooltip.hidden = true;
    this.tipFrame = null;
    if (this.related.size) { this.related.clear(); this.redecorate(); }
  }

  /** Hides the tooltip and related marks (Esc). Returns whether anything was shown. */
  dismiss(): boolean {
    if (this.pinnedFrame !== null) { this.unpin(); return true; }
    if (!this.tooltip.hidden) { this.hideTip(); return true; }
    return false;
  }

  private placeTip(): void {
    if (this.tipAnchor === null) { this.placeTipAtRow(); return; }
    this.position(this.tipAnchor.x + 14, this.tipAnchor.y + 18, this.tipAnchor.y - 8);
  }

  private placeTipAtRow(): void {
    const g = this.rendered.get(this.focusIndex);
    if (!g) return;
    const body = this.root.querySelector('.lane-body')!.getBoundingClientRect();
    const r = g.getBoundingClientRect();
    this.position(this.geo.mid - 160 - this.scroller.scrollLeft, r.top - body.top + ROW_H + 2, r.top - body.top - 2);
  }

  /** Places the tooltip at (x, below) or, when it does not fit, above `above`. */
  private position(x: number, below: number, above: number): void {
    const body = this.root.querySelector<HTMLElement>('.lane-body')!;
    const bw = body.clientWidth;
    const bh = body.clientHeight;
    const tw = this.tooltip.offsetWidth;
    const th = this.tooltip.offsetHeight;
    const left = Math.max(4, Math.min(x, bw - tw - 4));
    let top = below;
    if (top + th > bh - 4) top = Math.max(4, above - th);
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${top}px`;
  }

  pin(frame: number): void {
    if (!this.detail) return;
    this.pinnedFrame = frame;
    this.redecorate();
    this.details.hidden = false;
    this.root.classList.add('pinned');
    const close = el('button', 'tool close', '✕');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close the details');
    close.addEventListener('click', () => this.unpin());
    const header = el('div', 'details-head');
    header.append(el('h2', undefined, `Frame ${frame}`), close);
    this.details.replaceChildren(header, el('div', 'details-explain'), el('div', 'details-body', 'Loading the packet…'));
    const ex = this.explanations.get(frame);
    if (ex) this.fillPinnedExplanation(ex);
    else post({ type: 'explain', stream: this.detail.row.stream, frame });
    post({ type: 'details', stream: this.detail.row.stream, frame });
    post({ type: 'selectionChanged', stream: this.detail.row.stream, frame });
  }

  private unpin(): void {
    if (this.pinnedFrame === null) return;
    this.pinnedFrame = null;
    this.details.hidden = true;
    this.root.classList.remove('pinned');
    this.redecorate();
  }

  private fillPinnedExplanation(ex: Explanation): void {
    const box = this.details.querySelector('.details-explain');
    if (!box) return;
    const h2 = this.details.querySelector('.details-head h2');
    if (h2) h2.textContent = ex.title;
    const nodes: HTMLElement[] = [];
    for (const p of ex.paragraphs) nodes.push(el('p', undefined, p));
    if (ex.related.length) {
      const rel = el('p', 'related-links', 'Related: ');
      for (const f of ex.related) {
        const b = button(`#${f}`, 'link', () => void this.focusFrame(f), `Go to frame ${f}`);
        rel.append(b, ' ');
      }
      nodes.push(rel);
    }
    box.replaceChildren(...nodes);
  }

  /** A `details` reply. */
  onDetails(stream: number, d: PacketDetails): void {
    if (stream !== this.stream || d.frame !== this.pinnedFrame) return;
    const body = this.details.querySelector('.details-body');
    if (!body) return;
    const nodes: HTMLElement[] = [];
    for (const g of d.groups) {
      const sec = el('section', 'field-group');
      sec.append(el('h3', undefined, g.name));
      const table = el('table', 'fields');
      for (const [k, v] of g.fields) {
        const tr = el('tr');
        tr.append(el('th', undefined, k), el('td', undefined, v));
        table.append(tr);
      }
      sec.append(table);
      nodes.push(sec);
    }
    const hex = el('section', 'field-group hex');
    hex.append(el('h3', undefined, `Bytes (${d.hex.length / 2})`), el('pre', 'hexdump', hexDump(d.hex)));
    nodes.push(hex);
    body.replaceChildren(...nodes);
  }

  onError(): void {
    const body = this.details.querySelector('.details-body');
    if (body && body.textContent === 'Loading the packet…') body.textContent = 'The packet could not be read.';
    if (this.tipFrame !== null && !this.explanations.has(this.tipFrame)) {
      const p = this.tooltip.querySelector('.tip-loading');
      if (p) p.textContent = 'No explanation available.';
    }
  }

  // ------------------------------------------------------------------ export

  private async export(format: 'svg' | 'png' | 'mermaid'): Promise<void> {
    const ctx = this.context();
    if (!ctx || !this.detail) return;
    const stream = this.detail.row.stream;
    if (format === 'mermaid') { post({ type: 'export', stream, format }); return; }
    const svg = await (format === 'svg' ? exportSvg : exportPng)(ctx, this.store!, this.spacing, this.root);
    post({ type: 'export', stream, format, data: svg });
  }
}
