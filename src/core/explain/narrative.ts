import type { Lang } from '../session/captureSession';
import type { ConnView } from './context';
import type { Messages } from './messages';
import { renderNarrative, type RenderOptions } from './render';
import { stateLines } from './states';
import type { ExplainFormat, HandshakeCase, Narrative, NarrativeSection, NarrativeStep, TeardownCase } from './types';

/** Options of explainHandshake / explainTeardown beyond language and format. */
export interface NarrativeOptions extends RenderOptions {
  /** The 2·MSL the analysis used (TrackerOptions.timeWaitSeconds), when not the default. */
  timeWaitSeconds?: number;
}

/** The parts a narrative is assembled from, before rendering. */
export class NarrativeParts {
  readonly summary: string[] = [];
  readonly steps: NarrativeStep[] = [];
  readonly sections: NarrativeSection[] = [];

  constructor(private readonly v: ConnView, private readonly m: Messages) {}

  /** A step about `frames`, with the state changes those frames cause. */
  step(frames: number[], title: string, paragraphs: string[]): NarrativeStep {
    const states: string[] = [];
    for (const f of frames) states.push(...stateLines(this.v, f, this.m));
    const s = { frames, title, paragraphs, states };
    this.steps.push(s);
    return s;
  }

  section(title: string, paragraphs: string[]): void {
    if (paragraphs.length) this.sections.push({ title, paragraphs });
  }

  finish(kind: 'handshake' | 'teardown', kase: HandshakeCase | TeardownCase, title: string, lang: Lang, format: ExplainFormat, options: RenderOptions): Narrative {
    const frames = [...new Set(this.steps.flatMap((s) => s.frames))].sort((a, b) => a - b);
    const n = { kind, case: kase, stream: this.v.stream, lang, title, summary: this.summary, steps: this.steps, sections: this.sections, frames };
    return { ...n, rendered: renderNarrative(n, format, options), format };
  }
}
