/** The project's committed capture files (test/fixtures/*.pcap*, media/sample/*), when present. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot as ROOT } from './analyze';

/** The repository root (one definition: helpers/analyze.ts). */
export function repoRoot(): string {
  return ROOT;
}

export interface Fixture {
  name: string;
  path: string;
  bytes: Uint8Array;
}

/** Capture fixtures (not gzip unless `gzip`), sorted by name; [] when none are committed yet. */
export function captureFixtures(opts: { gzip?: boolean } = {}): Fixture[] {
  const root = repoRoot();
  const out: Fixture[] = [];
  for (const dir of [path.join(root, 'test', 'fixtures'), path.join(root, 'media', 'sample')]) {
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { continue; }
    for (const n of names.sort()) {
      const isGz = n.endsWith('.gz');
      if (!/\.(pcap|pcapng|cap)(\.gz)?$/.test(n) || isGz !== (opts.gzip ?? false)) continue;
      const p = path.join(dir, n);
      out.push({ name: path.relative(root, p), path: p, bytes: new Uint8Array(readFileSync(p)) });
    }
  }
  return out;
}
