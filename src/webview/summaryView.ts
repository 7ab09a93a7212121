/** The capture's summary: the whole page of "Show Capture Info", and the editor's header. */
import type { CaptureSummary, DiagnosticView } from '../shared/protocol';
import { el } from './dom';
import { bytesText, intText } from './format';

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function fact(table: HTMLElement, label: string, value: string): void {
  const tr = el('tr');
  tr.append(el('th', undefined, label), el('td', undefined, value));
  table.append(tr);
}

export function diagnosticsList(ds: DiagnosticView[]): HTMLElement {
  const list = el('ul', 'diagnostics');
  for (const d of ds) {
    const li = el('li', `diag ${d.severity}`);
    li.append(el('span', 'sev', d.severity), el('span', 'where', ` offset ${d.offset}${d.frame !== undefined ? `, frame ${d.frame}` : ''}: `), el('span', 'msg', d.message));
    list.append(li);
  }
  return list;
}

/** The full summary page (Show Capture Info). */
export function renderSummaryPage(app: HTMLElement, s: CaptureSummary): void {
  app.className = 'summary-page';
  app.replaceChildren();
  app.append(el('h1', undefined, baseName(s.file)));
  const t = el('table', 'facts');
  fact(t, 'Format', `${s.format}${s.gzip ? ' (gzip)' : ''}`);
  fact(t, 'File size', `${intText(s.fileSize)} bytes`);
  fact(t, 'Packets', intText(s.packets));
  fact(t, 'TCP packets', intText(s.tcpPackets));
  fact(t, 'First packet', s.firstTime ?? '—');
  fact(t, 'Last packet', s.lastTime ?? '—');
  fact(t, 'Read', s.cancelled ? 'cancelled before the end' : s.complete ? 'whole file' : 'stopped at an error (see below)');
  app.append(t);
  app.append(el('h2', undefined, `Interfaces (${s.interfaces.length})`));
  const ifs = el('ul');
  for (const i of s.interfaces) {
    ifs.append(el('li', undefined, `#${i.id}${i.name ? ` ${i.name}` : ''}: ${i.linktypeName} (${i.linktype}), snaplen ${i.snaplen}, ${intText(i.packets)} packets`));
  }
  app.append(ifs);
  if (s.comments.length) {
    app.append(el('h2', undefined, 'Comments'));
    for (const c of s.comments) app.append(el('p', 'comment', c));
  }
  app.append(el('h2', undefined, `Diagnostics (${s.diagnostics.length})`));
  if (s.diagnostics.length === 0) app.append(el('p', undefined, 'None: the file is well-formed.'));
  app.append(diagnosticsList(s.diagnostics));
}

/** The editor's header: file, facts, comments, diagnostics (expandable), progress. */
export class Header {
  readonly root = el('header', 'top');
  private readonly name = el('h1', 'file');
  private readonly facts = el('span', 'facts-line');
  private readonly diagBtn = el('button', 'tool diag-btn');
  private readonly diagPanel = el('div', 'diag-panel');
  private readonly info = el('div', 'capture-info');
  private readonly progress = el('progress', 'load');
  private readonly status = el('span', 'status');
  private readonly banner = el('div', 'banner');
  private connections = 0;
  private summary: CaptureSummary | null = null;

  constructor() {
    this.diagBtn.type = 'button';
    this.diagBtn.hidden = true;
    this.diagBtn.setAttribute('aria-expanded', 'false');
    this.diagBtn.addEventListener('click', () => {
      const open = this.diagPanel.hidden;
      this.diagPanel.hidden = !open;
      this.diagBtn.setAttribute('aria-expanded', String(open));
    });
    this.diagPanel.hidden = true;
    this.progress.max = 1;
    this.progress.hidden = true;
    this.banner.hidden = true;
    this.banner.setAttribute('role', 'alert');
    this.name.textContent = 'Wirelane';
    const line = el('div', 'top-line');
    line.append(this.name, this.facts, this.status, this.progress, this.diagBtn);
    this.root.append(line, this.info, this.banner, this.diagPanel);
  }

  setProgress(bytes: number, total: number, connections: number, done: boolean): void {
    this.connections = connections;
    this.progress.hidden = done || total <= 0;
    if (total > 0) this.progress.value = bytes / total;
    this.status.textContent = done ? '' : `Reading… ${total > 0 ? Math.round((bytes / total) * 100) : 0}% · ${intText(connections)} connections`;
  }

  setConnections(n: number, done: boolean): void {
    this.connections = n;
    if (done) { this.progress.hidden = true; this.status.textContent = ''; }
    this.renderFacts();
  }

  setSummary(s: CaptureSummary): void {
    this.summary = s;
    this.name.textContent = baseName(s.file);
    this.renderFacts();
    const n = s.diagnostics.length;
    this.diagBtn.hidden = n === 0;
    const errors = s.diagnostics.filter((d) => d.severity === 'error').length;
    this.diagBtn.textContent = `${errors ? '⛔' : '⚠'} ${n} diagnostic${n === 1 ? '' : 's'}`;
    this.diagBtn.classList.toggle('error', errors > 0);
    this.diagPanel.replaceChildren(el('p', undefined, s.complete ? 'The file was read to the end.' : s.cancelled ? 'Reading was cancelled: what was read before is shown.' : 'Reading stopped at an error: everything decoded before it is shown.'), diagnosticsList(s.diagnostics));
    if (!s.complete && errors) { this.diagPanel.hidden = false; this.diagBtn.setAttribute('aria-expanded', 'true'); }
    const parts: HTMLElement[] = [];
    const named = s.interfaces.filter((i) => i.name);
    if (named.length) parts.push(el('span', 'ifaces', `Interfaces: ${named.map((i) => i.name).join(', ')}`));
    for (const c of s.comments) parts.push(el('span', 'comment', c));
    this.info.replaceChildren(...parts);
    this.info.hidden = parts.length === 0;
  }

  private renderFacts(): void {
    const s = this.summary;
    const bits: string[] = [];
    if (s) {
      bits.push(`${s.format}${s.gzip ? '.gz' : ''}`, bytesText(s.fileSize), `${intText(s.packets)} packets`, `${intText(s.tcpPackets)} TCP`);
      if (s.firstTime) bits.push(`from ${new Date(Number(s.firstTime.split('.')[0]) * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC')}`);
    }
    bits.push(`${intText(this.connections)} connections`);
    this.facts.textContent = bits.join(' · ');
  }

  error(message: string): void {
    this.banner.hidden = false;
    this.banner.textContent = message;
  }
}
