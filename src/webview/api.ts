import type { FromWebview } from '../shared/protocol';

/** The part of VS Code's webview API Wirelane uses (the test harness stubs the same shape). */
export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState?(): unknown;
  setState?(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** What survives a reload of the webview (selection and view options). */
export interface SavedState {
  stream?: number;
  frame?: number | null;
  raw?: boolean;
  spacing?: 'time' | 'rows';
  filter?: string;
  sort?: { key: string; desc: boolean };
  problemsFirst?: boolean;
  listWidth?: number;
}

let saved: SavedState = (() => {
  try {
    const s = api.getState?.();
    return typeof s === 'object' && s !== null ? (s as SavedState) : {};
  } catch {
    return {};
  }
})();

export function savedState(): SavedState {
  return saved;
}

export function saveState(patch: Partial<SavedState>): void {
  saved = { ...saved, ...patch };
  try { api.setState?.(saved); } catch { /* state is a nicety */ }
}
