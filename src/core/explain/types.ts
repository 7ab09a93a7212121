import type { Lang } from '../session/captureSession';

/** How a narrative is rendered: Markdown (explanation view, CLI default) or plain text. */
export type ExplainFormat = 'markdown' | 'text';

/** One step of a handshake or teardown story, with the frames it is about (for links). */
export interface NarrativeStep {
  /** Frames of the step, the main one first; empty for a step the capture does not show. */
  frames: number[];
  title: string;
  paragraphs: string[];
  /** The state changes the step's frames cause, one line each ("Client: SYN_SENT → ESTABLISHED. RFC …"). */
  states: string[];
}

/** A titled part of the story outside the steps: the result, "why three steps?", what is unknown. */
export interface NarrativeSection {
  title: string;
  paragraphs: string[];
}

/** Which story the capture tells about the opening of a connection. */
export type HandshakeCase =
  | 'complete' | 'simultaneous-open' | 'refused' | 'unanswered' | 'aborted' | 'odd-answer'
  | 'no-final-ack' | 'syn-not-captured' | 'not-captured';

/** Which story the capture tells about the end of a connection. */
export type TeardownCase =
  | 'fin-4way' | 'fin-3way' | 'fin-simultaneous' | 'half-closed' | 'rst' | 'not-captured' | 'never-opened';

/** A structured handshake or teardown explanation: plain-text parts plus one rendering. */
export interface Narrative {
  kind: 'handshake' | 'teardown';
  case: HandshakeCase | TeardownCase;
  stream: number;
  lang: Lang;
  title: string;
  /** One or two paragraphs: what happened, in short. */
  summary: string[];
  steps: NarrativeStep[];
  sections: NarrativeSection[];
  /** Every frame the steps refer to, ascending. */
  frames: number[];
  /** The whole narrative in the requested format. */
  rendered: string;
  format: ExplainFormat;
}
