import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { corpora, repoRoot, track } from './helpers/analyze';

import { ALL_MESSAGES, explainHandshake, explainTeardown } from '../../src/core/explain';
import { en } from '../../src/core/explain/messages/en';
import { zhCn } from '../../src/core/explain/messages/zh-cn';
import { knownRule } from '../../src/core/explain/rules';

const root = repoRoot;


/** Fixtures, samples and the Zeek TCP traces (those present). */
function captures(): string[] {
  const out: string[] = [];
  for (const dir of [path.join(root, 'test', 'fixtures'), path.join(root, 'media', 'sample'), path.join(corpora, 'zeek', 'traces', 'tcp')]) {
    if (!existsSync(dir)) continue;
    for (const n of readdirSync(dir).sort()) if (/\.(pcap|pcapng)$/.test(n)) out.push(path.join(dir, n));
  }
  return out;
}

/** "a.b.c: function" for every leaf of a message table. */
function shape(o: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...shape(v as Record<string, unknown>, `${prefix}${k}.`));
    else out.push(`${prefix}${k}: ${typeof v}`);
  }
  return out.sort();
}

describe('explanation message tables', () => {
  it('English and Simplified Chinese have the same keys, each a string or a function in both', () => {
    assert.deepEqual(shape(zhCn as unknown as Record<string, unknown>), shape(en as unknown as Record<string, unknown>));
    assert.deepEqual(Object.keys(ALL_MESSAGES).sort(), ['en', 'zh-cn']);
  });

  it('the Chinese table is Chinese: every text has CJK characters except the protocol names', () => {
    const leaves = (o: Record<string, unknown>): unknown[] => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? leaves(v as Record<string, unknown>) : [v]));
    const english = new Set(leaves(en as unknown as Record<string, unknown>).filter((v) => typeof v === 'string'));
    const same = leaves(zhCn as unknown as Record<string, unknown>).filter((v) => typeof v === 'string' && english.has(v));
    // Protocol names and formats stay as they are in both languages.
    assert.deepEqual([...new Set(same)].sort(), ['ACK', 'FIN', 'RST', 'SYN', 'SYN-ACK']);
  });

  it('every RFC rule the tracker records is known: the English text word for word, and its Chinese translation', function () {
    this.timeout(60000);
    const rules = new Set<string>();
    for (const f of captures()) for (const c of track(f).connections) for (const e of [0, 1]) for (const x of c.changes[e]) rules.add(x.rule);
    assert.ok(rules.size >= 20, `${rules.size} rules seen`);
    for (const r of rules) {
      assert.equal(knownRule(r, en), r, `English table differs from the tracker for: ${r}`);
      const zh = knownRule(r, zhCn);
      assert.ok(zh && /[\u4e00-\u9fff]/.test(zh), `no Chinese for: ${r}`);
    }
  });

  it('every handshake and teardown of every capture renders in both languages and formats, as plain strings', function () {
    this.timeout(60000);
    let n = 0;
    for (const f of captures()) {
      const t = track(f);
      for (const c of t.connections) {
        for (const lang of ['en', 'zh-cn'] as const) {
          for (const format of ['markdown', 'text'] as const) {
            for (const nar of [explainHandshake(t, c.stream, lang, format), explainTeardown(t, c.stream, lang, format)]) {
              const all = [nar.title, nar.rendered, ...nar.summary, ...nar.steps.flatMap((s) => [s.title, ...s.paragraphs, ...s.states]),
                ...nar.sections.flatMap((s) => [s.title, ...s.paragraphs])];
              for (const s of all) {
                assert.equal(typeof s, 'string');
                assert.ok(!/undefined|NaN|\[object /.test(s), `${path.basename(f)} #${c.stream} ${nar.kind} ${lang}: ${s}`);
              }
              assert.ok(nar.summary.length > 0, `${path.basename(f)} #${c.stream} ${nar.kind}: no summary`);
              assert.ok(nar.steps.every((s) => s.frames.every((fr) => Number.isInteger(fr) && fr > 0)));
              if (lang === 'zh-cn') assert.ok(/[\u4e00-\u9fff]/.test(nar.rendered));
              n++;
            }
          }
        }
      }
    }
    assert.ok(n > 100, `${n} narratives`);
  });
});
