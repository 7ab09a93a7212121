import type { Diagnostic, Lang } from '../core';
import { connectionSegments } from '../core';
import { explainHandshake, explainSegment, explainTeardown, renderExplanation, type ExplainFormat } from '../core/explain';
import { UnreadableError, UsageError } from './commands';
import { Output } from './output';
import { analyzeFile } from './segments';

export const EXPLAIN_USAGE =
  'explain FILE --stream N --what handshake|teardown|segment [--frame F] [--lang en|zh-cn] [--format markdown|text]';

export interface ExplainArgs {
  file: string;
  stream: number;
  what: 'handshake' | 'teardown' | 'segment';
  frame?: number;
  lang: Lang;
  format: ExplainFormat;
}

const WHAT = ['handshake', 'teardown', 'segment'] as const;
const LANGS = ['en', 'zh-cn'] as const;
const FORMATS = ['markdown', 'text'] as const;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`explain: ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function count(name: string, value: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`explain: ${name} needs a number${min ? ` ≥ ${min}` : ''} (got "${value}")`);
  return Number(value);
}

/**
 * `explain FILE --stream N --what … [--frame F] [--lang …] [--format …]`: options take their
 * value as the next argument or after "=". Defaults: stream 0, handshake, en, markdown.
 */
export function parseExplainArgs(args: string[]): ExplainArgs {
  const files: string[] = [];
  const opts = new Map<string, string>();
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (!a.startsWith('--')) { files.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!['--stream', '--what', '--frame', '--lang', '--format'].includes(name)) throw new UsageError(`explain: unknown option ${name}`);
    const value = eq > 0 ? a.slice(eq + 1) : args[++k];
    if (value === undefined) throw new UsageError(`explain: ${name} needs a value`);
    opts.set(name, value);
  }
  if (files.length !== 1) throw new UsageError('explain: expected exactly one FILE');
  const what = oneOf('--what', opts.get('--what') ?? 'handshake', WHAT);
  const frame = opts.has('--frame') ? count('--frame', opts.get('--frame')!, 1) : undefined;
  if (what === 'segment' && frame === undefined) throw new UsageError('explain: --what segment needs --frame F');
  return {
    file: files[0],
    stream: count('--stream', opts.get('--stream') ?? '0', 0),
    what, frame,
    lang: oneOf('--lang', (opts.get('--lang') ?? 'en').toLowerCase(), LANGS),
    format: oneOf('--format', opts.get('--format') ?? 'markdown', FORMATS),
  };
}

function describe(d: Diagnostic): string {
  return `${d.severity}: offset ${d.offset}${d.frame !== undefined ? `, frame ${d.frame}` : ''}: ${d.message} [${d.code}]`;
}

/**
 * `wirelane explain`: the handshake, teardown or one segment of a connection, explained with the
 * capture's numbers in English or Simplified Chinese. `args` are the arguments after "explain".
 * The file's diagnostics go to stderr after the explanation, as for the other commands.
 */
export async function explainCommand(args: string[]): Promise<void> {
  const a = parseExplainArgs(args);
  const diagnostics: Diagnostic[] = [];
  const sink = await analyzeFile(a.file, diagnostics);
  const tracker = sink.tracker;
  const fatal = diagnostics.find((d) => d.severity === 'error');
  if (fatal && tracker.originSec < 0) throw new UnreadableError(`${a.file}: ${describe(fatal)}`);
  const n = tracker.connections.length;
  if (a.stream >= n) throw new UsageError(`explain: ${a.file} has no connection ${a.stream} (${n === 0 ? 'no TCP connections' : `streams 0–${n - 1}`})`);
  let text: string;
  if (a.what === 'segment') {
    const rows = connectionSegments(tracker, a.stream);
    let index = -1;
    for (let k = 0; k < rows.length && index < 0; k++) if (tracker.segments.frame[rows[k]] === a.frame) index = k;
    if (index < 0) throw new UsageError(`explain: frame ${a.frame} is not a segment of connection ${a.stream}`);
    text = renderExplanation(explainSegment(tracker, a.stream, index, a.lang, rows), a.format);
  } else {
    const explain = a.what === 'handshake' ? explainHandshake : explainTeardown;
    text = explain(tracker, a.stream, a.lang, a.format).rendered;
  }
  const out = new Output();
  out.line(text.replace(/\n$/, ''));
  out.flush();
  for (const d of diagnostics) process.stderr.write(`wirelane: ${a.file}: ${describe(d)}\n`);
}
