import * as vscode from 'vscode';
import { isFromWebview, type FromWebview, type ToWebview } from '../shared/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';

/**
 * A webview panel of Wirelane's own pages (the capture summary, the explanation view), with a
 * strict CSP: only our bundled script (by nonce) and our stylesheet.
 */
export class SummaryPanel {
  private readonly panel: vscode.WebviewPanel;
  private ready: Promise<void>;

  constructor(extensionUri: vscode.Uri, title: string, options: {
    viewType?: string; column?: vscode.ViewColumn; onMessage?: (m: FromWebview) => void;
  } = {}) {
    this.panel = vscode.window.createWebviewPanel(options.viewType ?? 'wirelane.summary', title,
      { viewColumn: options.column ?? vscode.ViewColumn.Active, preserveFocus: options.column === vscode.ViewColumn.Beside },
      webviewOptions(extensionUri));
    const webview = this.panel.webview;
    webview.html = webviewHtml(webview, extensionUri, title);
    let markReady!: () => void;
    this.ready = new Promise((resolve) => { markReady = resolve; });
    const sub = webview.onDidReceiveMessage((m: unknown) => {
      if (!isFromWebview(m)) return;
      if (m.type === 'ready') markReady();
      else options.onMessage?.(m);
    });
    this.panel.onDidDispose(() => sub.dispose());
  }

  get disposed(): Promise<void> {
    return new Promise((resolve) => this.panel.onDidDispose(() => resolve()));
  }

  async post(message: ToWebview): Promise<void> {
    await this.ready;
    await this.panel.webview.postMessage(message);
  }
}
