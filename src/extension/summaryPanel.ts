import * as vscode from 'vscode';
import { isFromWebview, type ToWebview } from '../shared/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** A webview panel with a strict CSP: only our bundled script (by nonce) and our stylesheet. */
export class SummaryPanel {
  private readonly panel: vscode.WebviewPanel;
  private ready: Promise<void>;

  constructor(extensionUri: vscode.Uri, title: string) {
    this.panel = vscode.window.createWebviewPanel('wirelane.summary', title, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    const webview = this.panel.webview;
    webview.html = webviewHtml(webview, extensionUri, title);
    this.ready = new Promise((resolve) => {
      const sub = webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m) && m.type === 'ready') { sub.dispose(); resolve(); }
      });
    });
  }

  get disposed(): Promise<void> {
    return new Promise((resolve) => this.panel.onDidDispose(() => resolve()));
  }

  async post(message: ToWebview): Promise<void> {
    await this.ready;
    await this.panel.webview.postMessage(message);
  }
}
