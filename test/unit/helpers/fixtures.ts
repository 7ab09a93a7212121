/** The project's committed capture files (test/fixtures/*.pcap*, media/sample/*), when present. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export function repoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'wirelane') return dir;
      } catch { /* not ours */ }
    }
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(from);
    dir = up;
  }
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
