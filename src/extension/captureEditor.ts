import * as vscode from 'vscode';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mermaidSequence, type Lang, type SessionReply, type SessionRequest } from '../core';
import { isFromWebview, type CaptureSummary, type ConnectionRow, type FromWebview, type SegmentRow, type ToWebview } from '../shared/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';
import type { FromWorker, ToWorker } from './workerProtocol';

export const CAPTURE_EDITOR = 'wirelane.captureEditor';
export const CAPTURE_EDITOR_ANY = 'wirelane.captureEditor.any';

/** Show a progress notification only for loads that take longer than this. */
const PROGRESS_DELAY_MS = 500;

/** The selection the commands act on (Explain Segment, Explain Handshake…). */
export interface Selection { document: CaptureDocument; stream: number | null; frame: number | null }

/**
 * One open capture: an analysis worker that holds the decoded model, and what it reported.
 * Several editors (split views) can show the same document.
 */
export class CaptureDocument implements vscode.CustomDocument {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: SessionReply) => void>();
  private readonly listeners = new Set<(m: ToWebview) => void>();
  summary: CaptureSummary | null = null;
  connections: { captureStart: string; rows: ConnectionRow[]; done: boolean } | null = null;
  failure: string | null = null;
  private loaded!: Promise<void>;
  private markLoaded!: () => void;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly uri: vscode.Uri, private readonly extensionUri: vscode.Uri, private readonly lang: Lang, private readonly timeWaitSeconds: number) {
    this.start();
    if (uri.scheme === 'file') {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(uri.fsPath)), basename(uri.fsPath)));
      watcher.onDidChange(() => this.reload());
      this.disposables.push(watcher);
    }
  }

  /** Starts (or restarts) the worker on the file; resolves `whenLoaded` when analysis is complete. */
  private start(): void {
    this.loaded = new Promise((resolve) => { this.markLoaded = resolve; });
    this.summary = null;
    this.connections = null;
    this.failure = null;
    const worker = new Worker(join(this.extensionUri.fsPath, 'dist', 'worker.js'));
    this.worker = worker;
    worker.on('message', (m: FromWorker) => this.onWorker(m));
    worker.on('error', (err) => this.fail(`the analysis stopped: ${err.message}`));
    worker.on('exit', (code) => { if (code !== 0 && !this.summary) this.fail(`the analysis worker exited with code ${code}`); });
    const open: ToWorker = { type: 'open', path: this.uri.fsPath, lang: this.lang, timeWaitSeconds: this.timeWaitSeconds };
    worker.postMessage(open);
    void this.showProgress();
  }

  private async showProgress(): Promise<void> {
    const done = this.loaded;
    const quick = await Promise.race([done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), PROGRESS_DELAY_MS))]);
    if (quick) return;
    await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `Wirelane: analysing ${basename(this.uri.fsPath)}`, cancellable: true,
    }, (progress, token) => {
      token.onCancellationRequested(() => this.post({ type: 'cancel' }));
      let last = 0;
      const listener = (m: ToWebview) => {
        if (m.type !== 'progress' || m.total <= 0) return;
        const pct = (m.bytes / m.total) * 100;
        progress.report({ increment: pct - last, message: `${Math.round(pct)}% · ${m.connections} connections` });
        last = pct;
      };
      this.listeners.add(listener);
      return done.finally(() => this.listeners.delete(listener));
    });
  }

  private onWorker(m: FromWorker): void {
    switch (m.type) {
      case 'progress': this.emit({ type: 'progress', bytes: m.bytes, total: m.total, connections: m.connections, done: false }); break;
      case 'connections':
        this.connections = { captureStart: m.captureStart, rows: m.rows, done: m.done };
        this.emit({ type: 'connections', captureStart: m.captureStart, rows: m.rows, done: m.done });
        break;
      case 'loaded':
        this.summary = m.summary;
        this.emit({ type: 'summary', summary: m.summary });
        this.markLoaded();
        break;
      case 'reply': {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.reply);
        break;
      }
      case 'failed': this.fail(m.message); break;
    }
  }

  private fail(message: string): void {
    this.failure = message;
    this.emit({ type: 'error', message });
    this.markLoaded();
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private emit(m: ToWebview): void {
    for (const l of this.listeners) l(m);
  }

  onMessage(listener: (m: ToWebview) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  get whenLoaded(): Promise<void> {
    return this.loaded;
  }

  async request(request: SessionRequest): Promise<SessionReply> {
    await this.loaded;
    if (!this.worker || this.failure) return { type: 'error', message: this.failure ?? 'no analysis' };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ type: 'request', id, request });
    });
  }

  /** All segments of a connection (for exports), fetched in pages. */
  async allSegments(stream: number, total: number): Promise<SegmentRow[]> {
    const out: SegmentRow[] = [];
    for (let from = 0; from < total; from += 10_000) {
      const r = await this.request({ type: 'getSegments', stream, from, count: 10_000 });
      if (r.type !== 'segments') break;
      out.push(...r.rows);
    }
    return out;
  }

  reload(): void {
    void this.worker?.terminate();
    for (const resolve of this.pending.values()) resolve({ type: 'error', message: 'the file changed; reloading' });
    this.pending.clear();
    this.start();
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = null;
    for (const d of this.disposables) d.dispose();
    this.listeners.clear();
  }
}

/**
 * The Wirelane editor: a read-only custom editor for captures. Decoding runs in a worker; the
 * webview asks for what it shows (connections, pages of segments, explanations, details).
 */
export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  private readonly documents = new Set<CaptureDocument>();
  selection: Selection | null = null;
  private readonly selectionEmitter = new vscode.EventEmitter<Selection | null>();
  readonly onDidChangeSelection = this.selectionEmitter.event;
  private readonly panels = new Map<CaptureDocument, Set<vscode.WebviewPanel>>();

  constructor(private readonly context: vscode.ExtensionContext) {}

  static register(provider: CaptureEditorProvider): vscode.Disposable[] {
    const options = { supportsMultipleEditorsPerDocument: true, webviewOptions: { retainContextWhenHidden: false } };
    return [
      vscode.window.registerCustomEditorProvider(CAPTURE_EDITOR, provider, options),
      vscode.window.registerCustomEditorProvider(CAPTURE_EDITOR_ANY, provider, options),
    ];
  }

  private settings(): { lang: Lang; timeWaitSeconds: number } {
    const cfg = vscode.workspace.getConfiguration('wirelane');
    const configured = cfg.get<string>('explanationLanguage', 'auto');
    const lang: Lang = configured === 'zh-cn' || (configured === 'auto' && vscode.env.language.toLowerCase().startsWith('zh')) ? 'zh-cn' : 'en';
    return { lang, timeWaitSeconds: cfg.get<number>('timeWaitSeconds', 60) };
  }

  openCustomDocument(uri: vscode.Uri): CaptureDocument {
    if (uri.scheme !== 'file') throw new Error(`Wirelane opens local files only (not ${uri.scheme}:)`);
    const s = this.settings();
    const doc = new CaptureDocument(uri, this.context.extensionUri, s.lang, s.timeWaitSeconds);
    this.documents.add(doc);
    return doc;
  }

  resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = webviewOptions(this.context.extensionUri);
    webview.html = webviewHtml(webview, this.context.extensionUri, basename(document.uri.fsPath));
    const set = this.panels.get(document) ?? new Set();
    set.add(panel);
    this.panels.set(document, set);
    const send = (m: ToWebview) => { void webview.postMessage(m); };
    const subs: vscode.Disposable[] = [
      document.onMessage(send),
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromWebview(m)) return; // a webview is untrusted input too
        void this.onWebviewMessage(document, m, send);
      }),
      panel.onDidChangeViewState(() => {
        if (panel.active && this.selection?.document !== document) this.setSelection({ document, stream: null, frame: null });
      }),
    ];
    panel.onDidDispose(() => {
      for (const s of subs) s.dispose();
      set.delete(panel);
      if (this.selection?.document === document && set.size === 0) this.setSelection(null);
    });
    this.setSelection({ document, stream: null, frame: null });
  }

  private async onWebviewMessage(doc: CaptureDocument, m: FromWebview, send: (m: ToWebview) => void): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (doc.connections) send({ type: 'connections', ...doc.connections });
        if (doc.summary) send({ type: 'summary', summary: doc.summary });
        if (doc.failure) send({ type: 'error', message: doc.failure });
        if (this.selection?.document === doc && this.selection.stream !== null) {
          send({ type: 'select', stream: this.selection.stream, frame: this.selection.frame ?? undefined });
        }
        return;
      case 'selectionChanged':
        this.setSelection({ document: doc, stream: m.stream, frame: m.frame });
        return;
      case 'export':
        return this.export(doc, m.stream, m.format, m.data);
      case 'revealFrame':
        return this.reveal(doc, m.stream, m.frame);
      default: {
        const reply = await doc.request(m);
        send(reply as ToWebview);
        if (m.type === 'selectConnection') this.setSelection({ document: doc, stream: m.stream, frame: null });
      }
    }
  }

  private setSelection(s: Selection | null): void {
    this.selection = s;
    this.selectionEmitter.fire(s);
  }

  /** Asks the editor(s) showing `doc` to select a connection / segment. */
  reveal(doc: CaptureDocument, stream: number, frame?: number): void {
    for (const p of this.panels.get(doc) ?? []) {
      void p.webview.postMessage({ type: 'select', stream, frame } satisfies ToWebview);
      p.reveal(undefined, false);
    }
    this.setSelection({ document: doc, stream, frame: frame ?? null });
  }

  get activeDocument(): CaptureDocument | null {
    return this.selection?.document ?? null;
  }

  private async export(doc: CaptureDocument, stream: number, format: 'svg' | 'png' | 'mermaid', data?: string): Promise<void> {
    const detailReply = await doc.request({ type: 'selectConnection', stream });
    if (detailReply.type !== 'connection') return;
    const name = `${basename(doc.uri.fsPath).replace(/\.[^.]+$/, '')}-stream${stream}`;
    if (format === 'mermaid') {
      const segments = await doc.allSegments(stream, detailReply.detail.row.segments);
      const content = `# ${name}\n\n\`\`\`mermaid\n${mermaidSequence(detailReply.detail, segments)}\`\`\`\n`;
      const md = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(md, { preview: false });
      return;
    }
    if (!data) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(dirname(doc.uri.fsPath), `${name}.${format}`)),
      filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
    });
    if (!target) return;
    const bytes = format === 'svg'
      ? new TextEncoder().encode(data)
      : Uint8Array.from(Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64'));
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Wirelane: saved ${basename(target.fsPath)}`);
  }
}
