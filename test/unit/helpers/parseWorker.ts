/**
 * Worker entry (bundled by ./guard with esbuild): parses what it is sent and posts the results
 * back, so the main thread can give up on a parser that never returns.
 */
import { parentPort } from 'node:worker_threads';
import { parse, type RunResult } from './run';

export interface ParseJob {
  id: number;
  bytes: Uint8Array;
  /** One run per entry: undefined = whole buffer, else the chunk size(s). */
  chunks: Array<number | number[] | undefined>;
}

export type ParseReply = { id: number; ok: true; results: RunResult[] } | { id: number; ok: false; error: string };

parentPort?.on('message', (job: ParseJob) => {
  let reply: ParseReply;
  try {
    reply = { id: job.id, ok: true, results: job.chunks.map((chunk) => parse(job.bytes, { chunk, decode: true })) };
  } catch (err) {
    reply = { id: job.id, ok: false, error: (err as Error)?.stack ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
