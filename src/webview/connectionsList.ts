/**
 * The connections list: a filter box, sortable column headers, "problems first", and a
 * virtualized listbox (only the visible rows are in the DOM) navigable with the keyboard.
 */
import type { ConnectionRow } from '../shared/protocol';
import { arrange, type SortKey } from './connFilter';
import { el, frameThrottle, toggle } from './dom';
import { problemSummary } from './flags';
import { bytesText, durationText, endpointText, intText } from './format';

const ROW_H = 26;

interface Column { key: SortKey; label: string; cls: string; aria: string }

const COLUMNS: Column[] = [
  { key: 'stream', label: '#', cls: 'c-stream', aria: 'Stream' },
  { key: 'client', label: 'Client', cls: 'c-client', aria: 'Client endpoint' },
  { key: 'server', label: 'Server', cls: 'c-server', aria: 'Server endpoint' },
  { key: 'start', label: 'Start', cls: 'c-start', aria: 'Start (since the first packet)' },
  { key: 'duration', label: 'Duration', cls: 'c-dur', aria: 'Duration' },
  { key: 'packets', label: 'Pkts', cls: 'c-pkts', aria: 'Packets' },
  { key: 'bytes', label: 'Bytes', cls: 'c-bytes', aria: 'Payload bytes, both directions' },
  { key: 'close', label: 'Close', cls: 'c-close', aria: 'How the connection ended' },
  { key: 'state', label: 'State', cls: 'c-state', aria: "Zeek's conn_state" },
  { key: 'problems', label: 'Problems', cls: 'c-problems', aria: 'Problems' },
];

export interface ListOptions {
  query: string;
  sort: { key: SortKey; desc: boolean };
  problemsFirst: boolean;
}

export class ConnectionsList {
  readonly root = el('section', 'conns');
  readonly filter = el('input', 'filter');
  private readonly count = el('span', 'count');
  private readonly head = el('div', 'conn-head conn-grid');
  private readonly scroller = el('div', 'conn-scroller');
  private readonly spacer = el('div', 'conn-spacer');
  private readonly body = el('div', 'conn-body');
  private readonly empty = el('p', 'conn-empty');
  private all: ConnectionRow[] = [];
  private view: ConnectionRow[] = [];
  private readonly rendered = new Map<number, HTMLElement>();
  private done = false;
  selected: number | null = null;
  private readonly renderSoon = frameThrottle(() => this.render());

  constructor(private opts: ListOptions, private readonly onSelect: (stream: number) => void,
    private readonly onActivate: () => void, private readonly onOptions: (o: ListOptions) => void) {
    const bar = el('div', 'conn-bar');
    this.filter.type = 'search';
    this.filter.placeholder = 'Filter: address, port, state, flag  ( / )';
    this.filter.setAttribute('aria-label', 'Filter connections by address, port, state or flag name');
    this.filter.spellcheck = false;
    this.filter.value = opts.query;
    this.filter.addEventListener('input', () => { this.opts.query = this.filter.value; this.rearrange(); });
    this.filter.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown' || ev.key === 'Enter') { ev.preventDefault(); this.scroller.focus(); if (this.selected === null && this.view[0]) this.choose(this.view[0].stream); }
    });
    const pf = toggle('Problems first', opts.problemsFirst, (on) => { this.opts.problemsFirst = on; this.rearrange(); },
      'Show connections with problems first');
    pf.classList.add('problems-first');
    bar.append(this.filter, pf, this.count);

    this.head.setAttribute('role', 'row');
    for (const c of COLUMNS) {
      const h = el('button', `col ${c.cls}`, c.label);
      h.type = 'button';
      h.dataset.key = c.key;
      h.setAttribute('role', 'columnheader');
      h.setAttribute('aria-label', `Sort by ${c.aria}`);
      h.addEventListener('click', () => {
        const s = this.opts.sort;
        this.opts.sort = s.key === c.key ? { key: c.key, desc: !s.desc } : { key: c.key, desc: c.key === 'problems' || c.key === 'bytes' || c.key === 'packets' || c.key === 'duration' };
        this.rearrange();
      });
      this.head.append(h);
    }

    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'listbox');
    this.scroller.setAttribute('aria-label', 'Connections');
    this.scroller.append(this.spacer, this.body);
    this.scroller.addEventListener('scroll', this.renderSoon, { passive: true });
    this.scroller.addEventListener('keydown', (ev) => this.onKey(ev));
    this.body.addEventListener('click', (ev) => {
      const row = (ev.target as HTMLElement).closest<HTMLElement>('.conn-row');
      if (row) { this.choose(Number(row.dataset.stream)); this.scroller.focus({ preventScroll: true }); }
    });
    this.body.addEventListener('dblclick', () => this.onActivate());
    new ResizeObserver(this.renderSoon).observe(this.scroller);
    this.root.append(bar, this.head, this.scroller, this.empty);
    this.updateHead();
  }

  setRows(rows: ConnectionRow[], done: boolean): void {
    this.all = rows;
    this.done = done;
    this.rearrange(false);
  }

  get rows(): readonly ConnectionRow[] {
    return this.view;
  }


  private rearrange(notify = true): void {
    this.view = arrange(this.all, this.opts.query, this.opts.sort.key, this.opts.sort.desc, this.opts.problemsFirst);
    this.count.textContent = this.view.length === this.all.length
      ? `${intText(this.all.length)} connection${this.all.length === 1 ? '' : 's'}${this.done ? '' : ' so far'}`
      : `${intText(this.view.length)} of ${intText(this.all.length)}`;
    this.empty.textContent = this.all.length === 0 ? (this.done ? 'No TCP connections in this capture.' : 'Reading…')
      : this.view.length === 0 ? 'No connection matches the filter.' : '';
    this.empty.hidden = this.empty.textContent === '';
    this.spacer.style.height = `${this.view.length * ROW_H}px`;
    for (const e of this.rendered.values()) e.remove();
    this.rendered.clear();
    this.updateHead();
    this.render();
    if (notify) this.onOptions(this.opts);
  }

  private updateHead(): void {
    for (const h of Array.from(this.head.querySelectorAll<HTMLElement>('.col'))) {
      const on = h.dataset.key === this.opts.sort.key;
      h.setAttribute('aria-sort', on ? (this.opts.sort.desc ? 'descending' : 'ascending') : 'none');
      h.classList.toggle('sorted', on);
      h.classList.toggle('desc', on && this.opts.sort.desc);
    }
  }

  /** Selects a connection (from a click, a key, or the extension) and tells the owner. */
  choose(stream: number): void {
    this.select(stream);
    this.onSelect(stream);
  }

  select(stream: number | null): void {
    this.selected = stream;
    const i = stream === null ? -1 : this.view.findIndex((r) => r.stream === stream);
    if (i >= 0) this.reveal(i);
    if (stream === null || i < 0) this.scroller.removeAttribute('aria-activedescendant');
    else this.scroller.setAttribute('aria-activedescendant', `conn-${stream}`);
    for (const [s, e] of this.rendered) this.markSelected(e, s === stream);
  }

  private markSelected(e: HTMLElement, on: boolean): void {
    e.classList.toggle('selected', on);
    e.setAttribute('aria-selected', String(on));
  }

  private reveal(i: number): void {
    const top = i * ROW_H;
    const h = this.scroller.clientHeight;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_H > this.scroller.scrollTop + h) this.scroller.scrollTop = top + ROW_H - h;
    this.render();
  }

  focus(): void {
    this.scroller.focus();
  }

  private onKey(ev: KeyboardEvent): void {
    const n = this.view.length;
    if (!n) return;
    const cur = this.selected === null ? -1 : this.view.findIndex((r) => r.stream === this.selected);
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / ROW_H) - 1);
    let next = cur;
    switch (ev.key) {
      case 'ArrowDown': next = Math.min(n - 1, cur + 1); break;
      case 'ArrowUp': next = Math.max(0, cur - 1); break;
      case 'PageDown': next = Math.min(n - 1, cur + page); break;
      case 'PageUp': next = Math.max(0, cur - page); break;
      case 'Home': next = 0; break;
      case 'End': next = n - 1; break;
      case 'Enter': case 'ArrowRight': ev.preventDefault(); this.onActivate(); return;
      default: return;
    }
    ev.preventDefault();
    if (next !== cur && next >= 0) this.choose(this.view[next].stream);
  }

  private render(): void {
    const top = this.scroller.scrollTop;
    const h = this.scroller.clientHeight || 400;
    const a = Math.max(0, Math.floor(top / ROW_H) - 2);
    const b = Math.min(this.view.length, Math.ceil((top + h) / ROW_H) + 2);
    const keep = new Set<number>();
    for (let i = a; i < b; i++) {
      const r = this.view[i];
      keep.add(r.stream);
      let e = this.rendered.get(r.stream);
      if (!e) {
        e = this.rowElement(r);
        this.rendered.set(r.stream, e);
        this.body.append(e);
      }
      e.style.transform = `translateY(${i * ROW_H}px)`;
    }
    for (const [s, e] of this.rendered) if (!keep.has(s)) { e.remove(); this.rendered.delete(s); }
  }

  private rowElement(r: ConnectionRow): HTMLElement {
    const row = el('div', 'conn-row conn-grid');
    row.id = `conn-${r.stream}`;
    row.dataset.stream = String(r.stream);
    row.setAttribute('role', 'option');
    this.markSelected(row, r.stream === this.selected);
    const p = problemSummary(r.problems);
    const client = endpointText(r.client);
    const server = endpointText(r.server);
    const bytes = r.bytesC2s + r.bytesS2c;
    const cells: Array<[string, string]> = [
      ['c-stream', String(r.stream)],
      ['c-client', client + (r.rolesInferred ? ' ?' : '')],
      ['c-server', server],
      ['c-start', `+${(r.start / 1e9).toFixed(3)} s`],
      ['c-dur', durationText(r.durationNs)],
      ['c-pkts', intText(r.packets)],
      ['c-bytes', bytesText(bytes)],
      ['c-close', r.closeKind],
      ['c-state', r.connState || '—'],
    ];
    for (const [cls, text] of cells) row.append(el('span', `cell ${cls}`, text));
    const probs = el('span', 'cell c-problems');
    if (p.retx) probs.append(badge(`RETX ${p.retx}`, 'bad', `${p.retx} retransmissions or lost segments`));
    if (p.rst) probs.append(badge('RST', 'bad', 'reset'));
    if (p.zw) probs.append(badge(`ZW ${p.zw}`, 'win', `${p.zw} zero windows`));
    if (p.other) probs.append(badge(`⚠ ${p.other}`, 'warn', `${p.other} other problems (duplicate ACKs, out of order, window full)`));
    row.append(probs);
    const problemText = Object.entries(r.problems).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ');
    row.setAttribute('aria-label', `Connection ${r.stream}: client ${client}, server ${server}${r.rolesInferred ? ' (roles inferred)' : ''}, `
      + `${durationText(r.durationNs)}, ${r.packets} packets, ${bytes} payload bytes, ${r.closeKind}, ${r.connState}`
      + (problemText ? `, problems: ${problemText}` : ', no problems'));
    return row;
  }
}

function badge(text: string, cls: string, aria: string): HTMLElement {
  const b = el('span', `badge ${cls}`, text);
  b.setAttribute('aria-label', aria);
  return b;
}
