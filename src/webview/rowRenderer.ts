/**
 * Builds the SVG of one swimlane row (one segment): its hit area, frame and time, the state
 * bands of both lanes down to the next row, state names where they change, the arrow from the
 * sender's lane to the receiver's with its label, and analysis badges. Used both by the live
 * (virtualized) view and by the SVG/PNG export. All text goes in as textContent.
 */
import type { ConnectionDetail, SegmentRow, StateChangeRow, StateName } from '../shared/protocol';
import { svgEl, svgText } from './dom';
import { arrowKind, badges, stateClass } from './flags';
import { durationText, endpointText, flagsText, secondsText } from './format';
import { ARROW_BOT, ARROW_TOP, CHAR_W, type Geometry } from './geometry';
import { ROW_H, TOP, type Layout } from './layout';

export type Side = 'client' | 'server';

/** State changes of a connection arranged for drawing. */
export interface StatePlan {
  initial: Record<Side, StateName | null>;
  /** Changes caused by each frame, per side, in order. */
  byFrame: Record<Side, Map<number, StateChangeRow[]>>;
  /** Changes with no frame (the TIME-WAIT timeout), per side. */
  timeouts: Record<Side, StateChangeRow[]>;
  /** The side is still in TIME_WAIT when the capture ends (its 2·MSL runs past the end). */
  endsInTimeWait: Record<Side, boolean>;
}

export function statePlan(d: ConnectionDetail): StatePlan {
  const plan: StatePlan = {
    initial: { client: null, server: null },
    byFrame: { client: new Map(), server: new Map() },
    timeouts: { client: [], server: [] },
    endsInTimeWait: { client: false, server: false },
  };
  for (const side of ['client', 'server'] as const) {
    const list = d.states[side];
    plan.endsInTimeWait[side] = list[list.length - 1]?.state === 'TIME_WAIT';
    let k = 0;
    if (list[0]?.inferred) { plan.initial[side] = list[0].state; k = 1; }
    for (; k < list.length; k++) {
      const c = list[k];
      if (c.frame === null) { plan.timeouts[side].push(c); continue; }
      const at = plan.byFrame[side].get(c.frame);
      if (at) at.push(c); else plan.byFrame[side].set(c.frame, [c]);
    }
  }
  return plan;
}

export interface RowContext {
  geo: Geometry;
  layout: Layout;
  plan: StatePlan;
  detail: ConnectionDetail;
  raw: boolean;
  get(i: number): SegmentRow | undefined;
}

/** y (within the row) where side `side` changes state: the arrow's start for the sender, its end for the receiver. */
function changeY(s: SegmentRow, side: Side): number {
  return (side === 'client') === s.c2s ? ARROW_TOP : ARROW_BOT;
}

/** Space below the last segment: room for TIME_WAIT's 2·MSL and the CLOSED after it. */
export function tailHeight(plan: StatePlan): number {
  return plan.timeouts.client.length || plan.timeouts.server.length || plan.endsInTimeWait.client || plan.endsInTimeWait.server ? 84 : 28;
}

export function segmentLabel(s: SegmentRow, raw: boolean): string {
  const parts = [`seq=${raw ? s.seqRaw : s.seq}`];
  if (s.flags.includes('A')) parts.push(`ack=${raw ? s.ackRaw : s.ack}`);
  parts.push(`win=${raw ? s.winRaw : s.win}`, `len=${s.len}`);
  return parts.join(' ');
}

export function ariaLabel(s: SegmentRow, d: ConnectionDetail, plan: StatePlan): string {
  const from = s.c2s ? 'client to server' : 'server to client';
  const t = durationText(s.time - d.row.start);
  let text = `Frame ${s.frame}, ${from}, ${flagsText(s.flags)}, seq ${s.seq} (raw ${s.seqRaw})`;
  if (s.flags.includes('A')) text += `, ack ${s.ack} (raw ${s.ackRaw})`;
  text += `, len ${s.len}, window ${s.win}, at ${t}`;
  if (s.analysis.length) text += `; analysis: ${s.analysis.map((a) => a.replace(/_/g, ' ')).join(', ')}`;
  for (const side of ['client', 'server'] as const) {
    const ch = plan.byFrame[side].get(s.frame);
    if (ch) text += `; ${side} enters ${ch.map((c) => c.state).join(' then ')}`;
  }
  return text;
}

function band(x: number, y0: number, y1: number, state: StateName): SVGRectElement {
  return svgEl('rect', { x: x - 5, y: y0, width: 10, height: Math.max(0, y1 - y0) }, `band ${stateClass(state)}`);
}

/** A state name at a lane (a projected one, e.g. CLOSED after the capture's end, is dimmed and not data-side). */
function stateLabel(g: SVGGElement, geo: Geometry, side: Side, y: number, changes: StateChangeRow[], projected?: string): void {
  const last = changes[changes.length - 1].state;
  const x = side === 'client' ? geo.xc : geo.xs;
  const cls = `${stateClass(last)}${projected ? ' projected' : ''}`;
  g.append(svgEl('circle', { cx: x, cy: y, r: 4 }, `state-dot ${cls}`));
  const text = changes.map((c) => c.state).join(' → ') + (projected ? ` (${projected})` : '');
  const t = side === 'client' ? svgText(geo.xc - 12, y + 4, text, `state-label ${cls}`, 'end')
    : svgText(geo.xs + 12, y + 4, text, `state-label ${cls}`, 'start');
  if (!projected) t.dataset.side = side;
  g.append(t);
}

/** The group of row i (or a focusable placeholder while its page loads), at y = 0. */
export function buildRow(ctx: RowContext, i: number): SVGGElement {
  const { geo, layout, plan, detail } = ctx;
  const s = ctx.get(i);
  const g = svgEl('g', undefined, 'seg');
  g.setAttribute('role', 'listitem');
  g.dataset.index = String(i);
  const h = layout.y(i + 1) - layout.y(i);
  g.append(svgEl('rect', { x: 0, y: 0, width: geo.width, height: ROW_H }, 'hit'));
  if (!s) {
    g.classList.add('placeholder');
    g.setAttribute('aria-label', `Segment ${i + 1}, loading`);
    g.append(svgText(8, 20, `${i + 1} …`, 't-frame'));
    return g;
  }
  g.dataset.frame = String(s.frame);
  g.setAttribute('aria-label', ariaLabel(s, detail, plan));

  // Idle gap collapsed below this row (time spacing).
  const gap = layout.gapBefore(i + 1);
  if (gap) {
    const midY = ROW_H + (h - ROW_H) / 2;
    g.append(svgEl('line', { x1: 4, x2: geo.width - 4, y1: midY, y2: midY }, 'gap-line'));
    for (const x of [geo.xc, geo.xs]) g.append(svgEl('path', { d: `M${x - 9},${midY + 4} l6,-8 M${x + 3},${midY + 4} l6,-8` }, 'gap-break'));
    g.append(svgText(geo.mid, midY - 5, `idle ${durationText(gap)} (collapsed)`, 'gap-text', 'middle'));
  }

  // Frame number and time since the connection's first segment.
  g.append(svgText(8, 13, `#${s.frame}`, 't-frame'));
  g.append(svgText(8, 26, secondsText(s.time - detail.row.start), 't-time'));

  // State bands over this row's own height (so a highlighted row never hides another row's
  // band): the state before the segment down to where it changes, then the state after it.
  const prev = ctx.get(i - 1);
  const last = i === layout.count - 1;
  for (const side of ['client', 'server'] as const) {
    const x = side === 'client' ? geo.xc : geo.xs;
    const st = side === 'client' ? s.stateClient : s.stateServer;
    const before = i === 0 ? plan.initial[side] : prev ? (side === 'client' ? prev.stateClient : prev.stateServer) : st;
    const y0 = changeY(s, side);
    if (before) g.append(band(x, 0, y0, before));
    if (last) {
      const end = layout.height - layout.y(i) - 8;
      if (st === 'TIME_WAIT' && (plan.timeouts[side].length || plan.endsInTimeWait[side])) {
        // TIME_WAIT lasts 2·MSL; then CLOSED (drawn dimmed when that is after the capture's end).
        const closeY = end - 18;
        g.append(band(x, y0, closeY, st));
        g.append(svgText(x + (side === 'client' ? -12 : 12), (ROW_H + closeY) / 2 + 4,
          `2·MSL = ${durationText(detail.timeWaitNs)}`, 'msl-text', side === 'client' ? 'end' : 'start'));
        const timeouts = plan.timeouts[side];
        if (timeouts.length) {
          g.append(band(x, closeY, end, timeouts[timeouts.length - 1].state));
          stateLabel(g, geo, side, closeY, timeouts);
        } else {
          g.append(svgEl('path', { d: `M${x - 5},${closeY} h10` }, 'projected-end'));
          stateLabel(g, geo, side, closeY, [{ state: 'CLOSED', frame: null, time: 0, rule: '', inferred: true }], 'after the capture');
        }
      } else {
        g.append(band(x, y0, end, st));
      }
    } else {
      g.append(band(x, y0, h, st));
    }
    const changes = plan.byFrame[side].get(s.frame);
    if (changes) stateLabel(g, geo, side, y0, changes);
  }

  // The arrow.
  const kind = arrowKind(s);
  const sx = s.c2s ? geo.xc : geo.xs;
  const rx = s.c2s ? geo.xs : geo.xc;
  const dir = s.c2s ? 1 : -1;
  const x1 = sx + dir * 6;
  const tx = rx - dir * 6;
  const y1 = ARROW_TOP;
  const y2 = ARROW_BOT;
  const len = Math.hypot(tx - x1, y2 - y1);
  const ux = (tx - x1) / len;
  const uy = (y2 - y1) / len;
  const bx = tx - ux * 9;
  const by = y2 - uy * 9;
  g.append(svgEl('line', { x1, y1, x2: bx.toFixed(1), y2: by.toFixed(1) }, `arrow ${kind}${s.len > 0 ? ' data' : ''}`));
  const p = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`;
  g.append(svgEl('path', { d: `M${p(tx, y2)} L${p(bx - uy * 4, by + ux * 4)} L${p(bx + uy * 4, by - ux * 4)} Z` }, `head ${kind}`));

  // Label (flags and numbers) above the arrow, then the analysis badges, centred together.
  const flagText = `[${flagsText(s.flags)}] `;
  const numText = segmentLabel(s, ctx.raw);
  const bs = badges(s);
  const widths = bs.map((b) => b.info.badge.length * 5.6 + 8);
  const labelW = (flagText.length + numText.length) * CHAR_W;
  const total = labelW + widths.reduce((a, w) => a + w + 4, bs.length ? 4 : 0);
  let x = geo.mid - total / 2;
  const label = svgEl('text', { x, y: 11 }, 'seg-label');
  const f = svgEl('tspan', undefined, `seg-flags ${kind}`);
  f.textContent = flagText;
  const n = svgEl('tspan', undefined, 'seg-nums');
  n.textContent = numText;
  label.append(f, n);
  g.append(label);
  x += labelW + 4;
  bs.forEach((b, k) => {
    const bg = svgEl('g', undefined, `badge ${b.info.cls}`);
    bg.dataset.flag = b.name;
    bg.append(svgEl('rect', { x, y: 1.5, width: widths[k], height: 12, rx: 3 }));
    bg.append(svgText(x + widths[k] / 2, 10.5, b.info.badge, undefined, 'middle'));
    g.append(bg);
    x += widths[k] + 4;
  });
  return g;
}

/** What lies above the first segment: the initial states (top of the diagram, y = 0). */
export function buildHead(ctx: RowContext): SVGGElement {
  const { geo, plan } = ctx;
  const g = svgEl('g', undefined, 'head-row');
  for (const side of ['client', 'server'] as const) {
    const st = plan.initial[side];
    if (!st) continue;
    const x = side === 'client' ? geo.xc : geo.xs;
    g.append(band(x, 12, TOP, st));
    stateLabel(g, geo, side, 14, [{ state: st, frame: null, time: 0, rule: '', inferred: true }]);
  }
  return g;
}

/** The <defs> every diagram needs: the hatching of TIME_WAIT bands. */
export function diagramDefs(): SVGDefsElement {
  const defs = svgEl('defs');
  const pat = svgEl('pattern', { id: 'tw-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pat.append(svgEl('rect', { width: 6, height: 6 }, 'hatch-bg'), svgEl('rect', { width: 2.5, height: 6 }, 'hatch-line'));
  defs.append(pat);
  return defs;
}

/** Lane headers' text. */
export function laneTitles(d: ConnectionDetail): Record<Side, { addr: string; role: string }> {
  const inferred = d.row.rolesInferred ? ' (inferred)' : '';
  return {
    client: { addr: endpointText(d.row.client), role: `client${inferred}` },
    server: { addr: endpointText(d.row.server), role: `server${inferred}` },
  };
}
