import type { Explanation } from '../model/viewTypes';
import { messages } from './messages';
import type { ExplainFormat, Narrative } from './types';

export interface RenderOptions {
  /** Markdown only: the link target of a frame (e.g. a command URI that selects it in the swimlane). */
  frameLink?: (frame: number) => string;
}

/**
 * Markdown escaping for text that came from the capture or from our tables: brackets and angle
 * brackets would otherwise become links or HTML in a Markdown view ("[::1]:41102").
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*<>[\]]/g, (c) => `\\${c}`);
}

/** Terminal columns of a string (CJK characters take two). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function underline(s: string, c: string): string {
  return c.repeat(Math.max(3, width(s)));
}

type Unrendered = Omit<Narrative, 'rendered' | 'format'>;

/** A handshake / teardown narrative as Markdown or plain text. */
export function renderNarrative(n: Unrendered, format: ExplainFormat, options: RenderOptions = {}): string {
  const m = messages(n.lang);
  const out: string[] = [];
  if (format === 'markdown') {
    const md = escapeMarkdown;
    const ref = (f: number): string => (options.frameLink ? `[${md(m.render.frameRef(f))}](${options.frameLink(f)})` : md(m.render.frameRef(f)));
    out.push(`## ${md(n.title)}`, '');
    for (const p of n.summary) out.push(md(p), '');
    if (n.steps.length) {
      out.push(`### ${md(m.render.steps)}`, '');
      n.steps.forEach((s, k) => {
        const frames = s.frames.length ? ` — ${s.frames.map(ref).join(m.render.frameSep)}` : '';
        out.push(`#### ${md(m.render.step({ n: k + 1, title: s.title }))}${frames}`, '');
        for (const p of s.paragraphs) out.push(md(p), '');
        if (s.states.length) {
          for (const l of s.states) out.push(`- ${md(l)}`);
          out.push('');
        }
      });
    }
    for (const sec of n.sections) {
      out.push(`### ${md(sec.title)}`, '');
      for (const p of sec.paragraphs) out.push(md(p), '');
    }
  } else {
    out.push(n.title, underline(n.title, '='), '');
    for (const p of n.summary) out.push(p, '');
    if (n.steps.length) {
      out.push(m.render.steps, underline(m.render.steps, '-'), '');
      n.steps.forEach((s, k) => {
        const frames = s.frames.length ? `  [${s.frames.map((f) => m.render.frameRef(f)).join(m.render.frameSep)}]` : '';
        out.push(`${m.render.step({ n: k + 1, title: s.title })}${frames}`);
        for (const p of s.paragraphs) out.push(`   ${p}`);
        for (const l of s.states) out.push(`   • ${l}`);
        out.push('');
      });
    }
    for (const sec of n.sections) {
      out.push(sec.title, underline(sec.title, '-'), '');
      for (const p of sec.paragraphs) out.push(p, '');
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}

/** A segment explanation as Markdown or plain text (the CLI's `--what segment`). */
export function renderExplanation(e: Explanation, format: ExplainFormat): string {
  const out: string[] = [];
  if (format === 'markdown') {
    out.push(`## ${escapeMarkdown(e.title)}`, '');
    for (const p of e.paragraphs) out.push(escapeMarkdown(p), '');
  } else {
    out.push(e.title, underline(e.title, '='), '');
    for (const p of e.paragraphs) out.push(p, '');
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
