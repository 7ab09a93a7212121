import type { CaptureSummary, FromWebview, ToWebview } from '../shared/protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };
const vscode = acquireVsCodeApi();

/** Builds an element whose content is plain text: capture strings never become HTML. */
function el(tag: string, text?: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function row(table: HTMLElement, label: string, value: string): void {
  const tr = el('tr');
  tr.append(el('th', label), el('td', value));
  table.append(tr);
}

function render(s: CaptureSummary): void {
  const app = document.getElementById('app')!;
  app.replaceChildren();
  app.append(el('h1', s.file.split(/[\\/]/).pop() ?? s.file));
  const t = el('table', undefined, 'facts');
  row(t, 'Format', `${s.format}${s.gzip ? ' (gzip)' : ''}`);
  row(t, 'File size', `${s.fileSize.toLocaleString()} bytes`);
  row(t, 'Packets', s.packets.toLocaleString());
  row(t, 'TCP packets', s.tcpPackets.toLocaleString());
  row(t, 'First packet', s.firstTime ?? '—');
  row(t, 'Last packet', s.lastTime ?? '—');
  row(t, 'Read', s.cancelled ? 'cancelled before the end' : s.complete ? 'whole file' : 'stopped at an error (see below)');
  app.append(t);
  app.append(el('h2', `Interfaces (${s.interfaces.length})`));
  const ifs = el('ul');
  for (const i of s.interfaces) {
    ifs.append(el('li', `#${i.id}${i.name ? ` ${i.name}` : ''}: ${i.linktypeName} (${i.linktype}), snaplen ${i.snaplen}, ${i.packets.toLocaleString()} packets`));
  }
  app.append(ifs);
  for (const c of s.comments) app.append(el('p', c, 'comment'));
  app.append(el('h2', `Diagnostics (${s.diagnostics.length})`));
  if (s.diagnostics.length === 0) app.append(el('p', 'None: the file is well-formed.'));
  const list = el('ul', undefined, 'diagnostics');
  for (const d of s.diagnostics) {
    const li = el('li', undefined, `diag ${d.severity}`);
    li.append(el('span', d.severity, 'sev'), el('span', ` offset ${d.offset}${d.frame !== undefined ? `, frame ${d.frame}` : ''}: `), el('span', d.message));
    list.append(li);
  }
  app.append(list);
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  if (m.type === 'summary') render(m.summary);
});
vscode.postMessage({ type: 'ready' });
