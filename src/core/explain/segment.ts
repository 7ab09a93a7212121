import type { Explanation } from '../model/viewTypes';
import type { Lang } from '../session/captureSession';
import type { TcpTracker } from '../tcp/tracker';
import { ConnView } from './context';
import { flagParagraphs } from './flags';
import { kindLabel, segmentKind } from './kind';
import { messages } from './messages';
import { negotiatedShort, optionList } from './options';
import { roleParagraphs } from './role';
import { ackParagraphs, seqParagraphs } from './seqAck';
import { segmentStates } from './states';
import { windowParagraph } from './window';

/**
 * The explanation of one segment (hover, "Explain Segment", `wirelane explain --what segment`):
 * what it is in the connection's story, what its seq and ack mean with the arithmetic, its
 * window, its SYN options, every analysis flag with the rule that raised it, and the state
 * changes it causes. `index` is the segment's position within its connection (as in
 * connectionSegments / SegmentRow.index); `rows` may pass the connection's rows when the caller
 * already has them (saves one scan of the segment table). Plain text only: the UI inserts it as text.
 */
export function explainSegment(tracker: TcpTracker, stream: number, index: number, lang: Lang = 'en', rows?: Int32Array): Explanation {
  const v = new ConnView(tracker, stream, rows);
  if (!(index >= 0 && index < v.count)) throw new RangeError(`connection ${stream} has no segment ${index}`);
  const m = messages(lang);
  const i = index;
  const e = v.sender(i);
  const kind = segmentKind(v, i);
  const related: number[] = [];
  const paragraphs: string[] = [];

  paragraphs.push(...roleParagraphs(v, i, kind, m));
  if (v.c.rolesInferred) paragraphs.push(m.role.rolesGuessed({ port: v.port(v.endpoint('server')) }));
  paragraphs.push(...seqParagraphs(v, i, m));
  paragraphs.push(...ackParagraphs(v, i, m, related));
  if (v.syn(i)) {
    const d = v.c.dirs[e];
    const synAck = v.hasAck(i);
    const list = optionList(d, synAck, m);
    paragraphs.push(synAck ? m.opt.answered({ who: v.side(e), list }) : m.opt.offered({ who: v.side(e), list }));
    if (d.synFrame !== v.frame(i)) paragraphs.push(m.opt.fromFirst({ frame: d.synFrame }));
    if (synAck && v.c.dirs[1 - e].synFrame !== 0) paragraphs.push(negotiatedShort(v, m));
  }
  const win = windowParagraph(v, i, m);
  if (win) paragraphs.push(win);
  paragraphs.push(...flagParagraphs(v, i, m, related));
  paragraphs.push(...segmentStates(v, i, m));

  return {
    frame: v.frame(i),
    title: m.title.segment({
      frame: v.frame(i), label: kindLabel(v, i, kind, m), from: m.side(v.side(e)), to: m.side(v.side(1 - e)),
    }),
    paragraphs,
    related,
  };
}
