import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisSink, createCaptureParser, type TcpTracker, type TrackerOptions } from '../../../src/core';

/** The repository root and the external corpora (WIRELANE_CORPORA overrides ../shared/corpora). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const corpora = process.env.WIRELANE_CORPORA
  ? path.resolve(repoRoot, process.env.WIRELANE_CORPORA)
  : path.resolve(repoRoot, '..', 'shared', 'corpora');

/** Decodes and analyses a whole capture file in-process. */
export function analyzeFile(file: string, options: TrackerOptions = {}): AnalysisSink {
  const sink = new AnalysisSink(options);
  const parser = createCaptureParser(sink);
  parser.push(new Uint8Array(readFileSync(path.resolve(repoRoot, file))));
  parser.end();
  sink.finish();
  return sink;
}

export function track(file: string): TcpTracker {
  return analyzeFile(file).tracker;
}
