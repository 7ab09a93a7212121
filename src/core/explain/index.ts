/**
 * Explanations of segments, handshakes and teardowns in English and Simplified Chinese, with
 * the capture's own numbers: one module for hovers, the Explain commands and `wirelane explain`.
 */
export { explainSegment } from './segment';
export { explainHandshake, handshakeCase } from './handshake';
export { explainTeardown, teardownCase } from './teardown';
export { renderExplanation, renderNarrative, escapeMarkdown, type RenderOptions } from './render';
export type { NarrativeOptions } from './narrative';
export { messages, ALL_MESSAGES, type Messages } from './messages';
export type { ExplainFormat, HandshakeCase, Narrative, NarrativeSection, NarrativeStep, TeardownCase } from './types';
