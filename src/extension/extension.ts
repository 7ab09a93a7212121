import * as vscode from 'vscode';
import { basename } from 'node:path';
import { CaptureEditorProvider } from './captureEditor';
import { registerExplainCommands } from './explainCommands';
import { loadSummary } from './loadSummary';
import { SummaryPanel } from './summaryPanel';

export function activate(context: vscode.ExtensionContext): void {
  const editors = new CaptureEditorProvider(context);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  status.name = 'Wirelane capture';
  context.subscriptions.push(
    ...CaptureEditorProvider.register(editors),
    status,
    vscode.commands.registerCommand('wirelane.showCaptureInfo', (uri?: vscode.Uri) => showCaptureInfo(context, uri)),
    ...registerExplainCommands(context, editors),
    editors.onDidChangeSelection(async (sel) => {
      if (!sel) { status.hide(); return; }
      await sel.document.whenLoaded;
      const s = sel.document.summary;
      const n = sel.document.connections?.rows.length ?? 0;
      if (!s || editors.selection?.document !== sel.document) return;
      status.text = `$(pulse) ${s.packets.toLocaleString()} packets · ${n.toLocaleString()} TCP connections${s.diagnostics.length ? ` · $(warning) ${s.diagnostics.length}` : ''}`;
      status.tooltip = `${basename(s.file)}: ${s.format}${s.gzip ? ' (gzip)' : ''}, ${s.tcpPackets.toLocaleString()} TCP packets`;
      status.show();
    }),
  );
}

export function deactivate(): void {
  /* nothing to release: every resource is in context.subscriptions */
}

async function pickCapture(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (uri) return uri;
  const active = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
  if (active && active.scheme === 'file') return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'Show Capture Info',
    filters: { Captures: ['pcap', 'pcapng', 'cap', 'gz'], 'All files': ['*'] },
  });
  return picked?.[0];
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input && typeof input === 'object' && 'uri' in input ? (input as { uri: vscode.Uri }).uri : undefined;
}

/** Wirelane: Show Capture Info — reads the file with progress and Cancel, shows the summary. */
async function showCaptureInfo(context: vscode.ExtensionContext, uri?: vscode.Uri): Promise<void> {
  const target = await pickCapture(uri);
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Wirelane reads local files only (got ${target.scheme}:).`);
    return;
  }
  const panel = new SummaryPanel(context.extensionUri, `Capture: ${basename(target.fsPath)}`);
  const abort = new AbortController();
  void panel.disposed.then(() => abort.abort());
  try {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Wirelane: reading ${basename(target.fsPath)}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        return loadSummary(target.fsPath, (bytes, total) => {
          const pct = total > 0 ? (bytes / total) * 100 : 0;
          if (pct - last >= 1) {
            progress.report({ increment: pct - last, message: `${Math.round(pct)}%` });
            last = pct;
          }
        }, abort.signal);
      },
    );
    await panel.post({ type: 'summary', summary });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    void vscode.window.showErrorMessage(`Wirelane could not read ${basename(target.fsPath)}: ${e.code ? `${e.code}: ` : ''}${e.message}`);
  }
}
