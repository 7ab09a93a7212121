import type { ConnectionDetail, SegmentRow } from '../model/viewTypes';

/** Mermaid cannot show more arrows than this readably; the diagram says when it stops. */
export const MERMAID_MAX_SEGMENTS = 500;

/** Participant names must not carry Mermaid syntax: keep address characters only. */
function safe(s: string): string {
  return s.replace(/[^0-9A-Za-z.:[\]_-]/g, '_');
}

/**
 * A Mermaid `sequenceDiagram` of one connection: one message per segment (flags, relative
 * seq/ack/len, analysis flags) and a note at each state change of either endpoint.
 */
export function mermaidSequence(detail: ConnectionDetail, segments: SegmentRow[], relative = true): string {
  const r = detail.row;
  const c = `${safe(r.client.ip)}:${r.client.port}`;
  const s = `${safe(r.server.ip)}:${r.server.port}`;
  const lines = [
    'sequenceDiagram',
    `    participant C as Client ${c}`,
    `    participant S as Server ${s}`,
  ];
  const notes = new Map<number, string[]>();
  const addNote = (frame: number | null, side: 'C' | 'S', state: string) => {
    const key = frame ?? -1;
    const list = notes.get(key) ?? [];
    list.push(`    Note over ${side}: ${state}`);
    notes.set(key, list);
  };
  for (const ch of detail.states.client) addNote(ch.frame, 'C', ch.state);
  for (const ch of detail.states.server) addNote(ch.frame, 'S', ch.state);
  const shown = segments.slice(0, MERMAID_MAX_SEGMENTS);
  const firstFrame = shown.length ? shown[0].frame : 0;
  // States set before the first segment (LISTEN, CLOSED) go first.
  for (const [frame, list] of notes) if (frame !== -1 && frame < firstFrame) lines.push(...list);
  for (const seg of shown) {
    const [from, to] = seg.c2s ? ['C', 'S'] : ['S', 'C'];
    const seq = relative ? seg.seq : seg.seqRaw;
    const ack = relative ? seg.ack : seg.ackRaw;
    const flags = seg.flags || 'none';
    const parts = [`#${seg.frame} [${flags}] seq=${seq}`];
    if (seg.flags.includes('A')) parts.push(`ack=${ack}`);
    parts.push(`len=${seg.len}`, `win=${seg.win}`);
    if (seg.analysis.length) parts.push(`(${seg.analysis.join(', ')})`);
    lines.push(`    ${from}->>${to}: ${parts.join(' ')}`);
    const list = notes.get(seg.frame);
    if (list) lines.push(...list);
  }
  if (segments.length > shown.length) lines.push(`    Note over C,S: … ${segments.length - shown.length} more segments not drawn`);
  const timeout = notes.get(-1);
  if (timeout) lines.push(...timeout);
  return lines.join('\n') + '\n';
}
