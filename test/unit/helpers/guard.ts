/**
 * Runs the readers in a worker thread with a deadline: a synchronous infinite loop cannot be
 * stopped by mocha's timeout, but a worker can be terminated. The worker is ./parseWorker.ts
 * bundled with esbuild (so it needs no TypeScript loader of its own).
 */
import { buildSync } from 'esbuild';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { repoRoot } from './fixtures';
import type { ParseJob, ParseReply } from './parseWorker';
import type { RunResult } from './run';

let bundled: string | null = null;

function workerCode(): string {
  if (bundled === null) {
    const out = buildSync({
      entryPoints: [path.join(repoRoot(), 'test', 'unit', 'helpers', 'parseWorker.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
    });
    bundled = out.outputFiles[0].text;
  }
  return bundled;
}

export class HangError extends Error {}

export class GuardedParser {
  private worker: Worker | null = null;
  private nextId = 1;

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(workerCode(), { eval: true });
      this.worker.unref();
    }
    return this.worker;
  }

  /** Parse `bytes` once per entry of `chunks` (with decoding); rejects with HangError after `timeoutMs`. */
  parse(bytes: Uint8Array, chunks: Array<number | number[] | undefined>, timeoutMs = 5000): Promise<RunResult[]> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<RunResult[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        void this.close();
        reject(new HangError(`reader did not return within ${timeoutMs} ms on ${bytes.length} bytes: ${Buffer.from(bytes).toString('base64')}`));
      }, timeoutMs);
      const onMessage = (m: ParseReply) => {
        if (m.id !== id) return;
        cleanup();
        if (m.ok) resolve(m.results);
        else reject(new Error(`reader threw: ${m.error}`));
      };
      const onError = (err: Error) => { cleanup(); reject(err); };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      const job: ParseJob = { id, bytes, chunks };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
