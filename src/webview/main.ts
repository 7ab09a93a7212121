/**
 * Wirelane's webview. Two pages share this bundle: the capture summary ("Show Capture Info",
 * which only ever receives `summary`) and the capture editor (connections list + swimlane),
 * which it becomes as soon as connection data arrives. Every message is validated with
 * isToWebview; anything else is ignored.
 */
import { isToWebview, type ToWebview } from '../shared/protocol';
import { post, saveState, savedState } from './api';
import { ConnectionsList } from './connectionsList';
import type { SortKey } from './connFilter';
import { SORT_KEYS } from './connFilter';
import { el, isTextField } from './dom';
import { renderNarrativePage } from './narrativeView';
import { Header, renderSummaryPage } from './summaryView';
import { Swimlane } from './swimlane';

const app = document.getElementById('app') ?? document.body.appendChild(el('main'));

class Editor {
  readonly header = new Header();
  readonly list: ConnectionsList;
  readonly lane = new Swimlane();
  private requested: number | null = null;
  private requestTimer: number | undefined;
  private pendingFrame: number | undefined;
  private autoSelected = false;

  constructor(root: HTMLElement) {
    const st = savedState();
    const sortKey = SORT_KEYS.includes(st.sort?.key as SortKey) ? (st.sort!.key as SortKey) : 'stream';
    this.list = new ConnectionsList(
      { query: st.filter ?? '', sort: { key: sortKey, desc: st.sort?.desc ?? false }, problemsFirst: st.problemsFirst ?? false },
      (stream) => this.request(stream),
      () => this.lane.focus(),
      (o) => saveState({ filter: o.query, sort: o.sort, problemsFirst: o.problemsFirst }),
    );
    root.className = 'editor';
    root.removeAttribute('aria-live');
    root.replaceChildren();
    const split = el('div', 'split');
    const splitter = el('div', 'splitter');
    splitter.setAttribute('role', 'separator');
    splitter.setAttribute('aria-orientation', 'vertical');
    splitter.setAttribute('aria-label', 'Resize the connections list');
    splitter.tabIndex = 0;
    split.append(this.list.root, splitter, this.lane.root);
    root.append(this.header.root, split);
    this.setListWidth(st.listWidth);
    let drag: { x: number; w: number } | null = null;
    splitter.addEventListener('pointerdown', (ev) => { drag = { x: ev.clientX, w: this.list.root.offsetWidth }; splitter.setPointerCapture(ev.pointerId); });
    splitter.addEventListener('pointermove', (ev) => { if (drag) this.setListWidth(drag.w + ev.clientX - drag.x); });
    splitter.addEventListener('pointerup', () => { drag = null; saveState({ listWidth: this.list.root.offsetWidth }); });
    splitter.addEventListener('keydown', (ev) => {
      const d = ev.key === 'ArrowLeft' ? -24 : ev.key === 'ArrowRight' ? 24 : 0;
      if (d) { ev.preventDefault(); this.setListWidth(this.list.root.offsetWidth + d); saveState({ listWidth: this.list.root.offsetWidth }); }
    });
  }

  private setListWidth(w: number | undefined): void {
    if (w === undefined) return;
    const max = Math.max(260, window.innerWidth - 420);
    this.list.root.style.width = `${Math.max(240, Math.min(max, w))}px`;
    this.list.root.style.flex = 'none';
  }

  /** Asks for a connection's detail (debounced for keyboard runs through the list). */
  request(stream: number, frame?: number): void {
    this.pendingFrame = frame;
    this.requested = stream;
    saveState({ stream, frame: frame ?? null });
    window.clearTimeout(this.requestTimer);
    if (this.lane.stream === stream && frame !== undefined) { void this.lane.focusFrame(frame); return; }
    this.requestTimer = window.setTimeout(() => post({ type: 'selectConnection', stream }), this.lane.stream === null ? 0 : 90);
  }

  onMessage(m: ToWebview): void {
    switch (m.type) {
      case 'progress':
        this.header.setProgress(m.bytes, m.total, m.connections, m.done);
        break;
      case 'connections':
        this.list.setRows(m.rows, m.done);
        this.header.setConnections(m.rows.length, m.done);
        if (!this.autoSelected && m.rows.length) {
          this.autoSelected = true;
          const saved = savedState();
          const target = saved.stream !== undefined && m.rows.some((r) => r.stream === saved.stream) ? saved.stream : this.list.rows[0]?.stream;
          if (target !== undefined && this.requested === null) {
            this.list.select(target);
            this.request(target, saved.stream === target && saved.frame != null ? saved.frame : undefined);
          }
        } else if (this.requested !== null) {
          this.list.select(this.requested);
        }
        break;
      case 'summary':
        this.header.setSummary(m.summary);
        break;
      case 'connection':
        if (m.detail.row.stream !== this.requested) break;
        this.lane.show(m.detail, this.pendingFrame);
        this.pendingFrame = undefined;
        break;
      case 'segments':
        if (m.stream === this.lane.stream) this.lane.store?.receive(m.from, m.rows);
        break;
      case 'explanation':
        this.lane.onExplanation(m.stream, m.explanation);
        break;
      case 'details':
        this.lane.onDetails(m.stream, m.details);
        break;
      case 'select':
        this.autoSelected = true;
        this.list.select(m.stream);
        this.request(m.stream, m.frame);
        break;
      case 'error':
        if (this.lane.stream !== null) this.lane.onError();
        else this.header.error(m.message);
        break;
    }
  }

  onKey(ev: KeyboardEvent): void {
    if (ev.key === '/' && !isTextField(ev.target) && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      this.list.filter.focus();
      this.list.filter.select();
      return;
    }
    if (ev.key === 'Escape') {
      if (ev.target === this.list.filter) {
        if (this.list.filter.value) { this.list.filter.value = ''; this.list.filter.dispatchEvent(new Event('input')); }
        else this.list.focus();
        ev.preventDefault();
        return;
      }
      if (this.lane.dismiss()) ev.preventDefault();
    }
  }
}

let editor: Editor | null = null;
let lastSummary: ToWebview | null = null;

window.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const m = ev.data;
  if (!isToWebview(m)) return; // not ours, or malformed: ignore
  if (m.type === 'narrative' && !editor) {
    renderNarrativePage(app, m.narrative);
    return;
  }
  if (m.type === 'summary' && !editor) {
    lastSummary = m;
    renderSummaryPage(app, m.summary);
    return;
  }
  if (!editor && m.type !== 'summary') {
    editor = new Editor(app);
    if (lastSummary?.type === 'summary') editor.header.setSummary(lastSummary.summary);
  }
  try {
    editor?.onMessage(m);
  } catch (err) {
    editor?.header.error(`Wirelane could not show this: ${(err as Error)?.message ?? err}`);
  }
});

document.addEventListener('keydown', (ev) => editor?.onKey(ev));
post({ type: 'ready' });
