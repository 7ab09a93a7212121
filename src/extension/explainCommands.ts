import * as vscode from 'vscode';
import type { CaptureDocument, CaptureEditorProvider } from './captureEditor';
import { CAPTURE_EDITOR } from './captureEditor';
import { SummaryPanel } from './summaryPanel';
import type { ConnectionRow } from '../shared/protocol';

type Story = 'handshake' | 'teardown' | 'segment';

/** Commands of the teaching half: Explain Handshake / Teardown / Segment, Go to Connection…. */
export function registerExplainCommands(context: vscode.ExtensionContext, editors: CaptureEditorProvider): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('wirelane.explainHandshake', () => explain(context, editors, 'handshake')),
    vscode.commands.registerCommand('wirelane.explainTeardown', () => explain(context, editors, 'teardown')),
    vscode.commands.registerCommand('wirelane.explainSegment', () => explain(context, editors, 'segment')),
    vscode.commands.registerCommand('wirelane.goToConnection', () => goToConnection(context, editors)),
  ];
}

/** The capture to act on: the active Wirelane editor's, or — offered — the bundled sample. */
async function captureDocument(context: vscode.ExtensionContext, editors: CaptureEditorProvider): Promise<CaptureDocument | null> {
  const doc = editors.activeDocument;
  if (doc) return doc;
  const open = 'Open the Sample Capture';
  const answer = await vscode.window.showInformationMessage('No capture is open in Wirelane. Open the bundled sample to try it?', open);
  if (answer !== open) return null;
  const sample = vscode.Uri.joinPath(context.extensionUri, 'media', 'sample', 'handshake.pcap');
  const opened = new Promise<CaptureDocument | null>((resolve) => {
    const sub = editors.onDidChangeSelection((s) => { if (s) { sub.dispose(); resolve(s.document); } });
    setTimeout(() => { sub.dispose(); resolve(editors.activeDocument); }, 15000);
  });
  await vscode.commands.executeCommand('vscode.openWith', sample, CAPTURE_EDITOR);
  return opened;
}

/** Problem connections first (resets, retransmissions…), then in stream order. */
function problemScore(r: ConnectionRow): number {
  return Object.values(r.problems).reduce((a, b) => a + b, 0) + (r.closeKind === 'rejected' || r.closeKind === 'unanswered' ? 1 : 0);
}

async function pickConnection(doc: CaptureDocument, placeHolder: string): Promise<number | null> {
  await doc.whenLoaded;
  const rows = [...(doc.connections?.rows ?? [])];
  if (rows.length === 0) {
    void vscode.window.showInformationMessage('This capture holds no TCP connection.');
    return null;
  }
  if (rows.length === 1) return rows[0].stream;
  rows.sort((a, b) => (problemScore(b) > 0 ? 1 : 0) - (problemScore(a) > 0 ? 1 : 0) || a.stream - b.stream);
  const items = rows.map((r) => ({
    label: `#${r.stream}  ${r.client.ip}:${r.client.port} → ${r.server.ip}:${r.server.port}`,
    description: `${r.closeKind} · ${r.connState || '—'} · ${r.packets} packets`,
    detail: Object.keys(r.problems).length ? Object.entries(r.problems).map(([k, v]) => `${k}×${v}`).join('  ') : undefined,
    stream: r.stream,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked ? picked.stream : null;
}

async function explain(context: vscode.ExtensionContext, editors: CaptureEditorProvider, what: Story): Promise<void> {
  const doc = await captureDocument(context, editors);
  if (!doc) return;
  await doc.whenLoaded;
  const sel = editors.selection?.document === doc ? editors.selection : null;
  let stream = sel?.stream ?? null;
  let frame = sel?.frame ?? null;
  if (what === 'segment' && frame === null) {
    void vscode.window.showInformationMessage('Select a segment in the Wirelane swimlane first (click it or move to it with ↑/↓).');
    return;
  }
  if (stream === null) stream = await pickConnection(doc, `Explain the ${what} of which connection?`);
  if (stream === null) return;
  if (what !== 'segment') frame = null;
  const reply = await doc.request({ type: 'narrative', stream, what, frame: frame ?? undefined });
  if (reply.type !== 'narrative') {
    void vscode.window.showErrorMessage(`Wirelane: ${reply.type === 'error' ? reply.message : 'no explanation'}`);
    return;
  }
  const panel = new SummaryPanel(context.extensionUri, reply.narrative.title, {
    viewType: 'wirelane.explanation',
    column: vscode.ViewColumn.Beside,
    onMessage: (m) => { if (m.type === 'revealFrame') editors.reveal(doc, m.stream, m.frame); },
  });
  await panel.post({ type: 'narrative', narrative: reply.narrative });
}

async function goToConnection(context: vscode.ExtensionContext, editors: CaptureEditorProvider): Promise<void> {
  const doc = await captureDocument(context, editors);
  if (!doc) return;
  const stream = await pickConnection(doc, 'Go to connection (filter by address, port, close kind, state or flag)');
  if (stream !== null) editors.reveal(doc, stream);
}
