import type { Lang, SessionReply, SessionRequest } from '../core';
import type { CaptureSummary, ConnectionRow } from '../shared/protocol';

/** Extension host → analysis worker. */
export type ToWorker =
  | { type: 'open'; path: string; lang: Lang; timeWaitSeconds: number }
  | { type: 'request'; id: number; request: SessionRequest }
  | { type: 'setLang'; lang: Lang }
  | { type: 'cancel' };

/** Analysis worker → extension host. */
export type FromWorker =
  | { type: 'progress'; bytes: number; total: number; connections: number }
  /** Connections known so far, sent while loading and once more at the end (`done`). */
  | { type: 'connections'; captureStart: string; rows: ConnectionRow[]; done: boolean }
  | { type: 'loaded'; summary: CaptureSummary }
  | { type: 'reply'; id: number; reply: SessionReply }
  | { type: 'failed'; message: string };
