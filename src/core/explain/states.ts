import { stateName } from '../tcp/state';
import type { ConnView, Side } from './context';
import type { Messages } from './messages';
import { ruleText } from './rules';

const SIDES: readonly Side[] = ['client', 'server'];

/**
 * The state changes a frame caused, one line per change, client first, each with its RFC rule
 * (from the tracker's timelines, so the text matches the swimlane). An inferred state that the
 * same frame immediately leaves (the LISTEN deduced from a SYN) is folded in as the "from".
 */
export function stateLines(v: ConnView, frame: number, m: Messages): string[] {
  const out: string[] = [];
  for (const side of SIDES) {
    const ch = v.c.changes[v.endpoint(side)];
    for (let k = 0; k < ch.length; k++) {
      const x = ch[k];
      if (x.frame !== frame) continue;
      const next = ch[k + 1];
      if (x.inferred && next && next.frame === frame && !next.inferred) continue; // shown as the next line's "from"
      const prev = k > 0 ? ch[k - 1] : null;
      out.push(m.state.change({
        who: m.Side(side),
        from: prev ? stateName(prev.state) : null,
        fromInferred: prev !== null && prev.inferred && prev.frame === frame,
        to: stateName(x.state),
        rule: ruleText(x.rule, m),
        inferred: x.inferred,
      }));
    }
  }
  return out;
}

/** State lines of segment i, or the one-line "no change" with both states. */
export function segmentStates(v: ConnView, i: number, m: Messages): string[] {
  const lines = stateLines(v, v.frame(i), m);
  if (lines.length) return lines;
  return [m.state.none({
    client: stateName(v.stateAfter(i, v.endpoint('client'))),
    server: stateName(v.stateAfter(i, v.endpoint('server'))),
  })];
}
