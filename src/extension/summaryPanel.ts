import * as vscode from 'vscode';
import type { FromWebview, ToWebview } from '../shared/protocol';

/** A webview panel with a strict CSP: only our bundled script (by nonce) and our stylesheet. */
export class SummaryPanel {
  private readonly panel: vscode.WebviewPanel;
  private ready: Promise<void>;

  constructor(extensionUri: vscode.Uri, title: string) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('wirelane.summary', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist, media],
    });
    const webview = this.panel.webview;
    const nonce = makeNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css'));
    webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Wirelane</title></head>
<body><main id="app" aria-live="polite">Reading…</main>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
    this.ready = new Promise((resolve) => {
      const sub = webview.onDidReceiveMessage((m: FromWebview) => {
        if (m.type === 'ready') { sub.dispose(); resolve(); }
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

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}
