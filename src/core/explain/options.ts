import type { DirectionState } from '../tcp/direction';
import type { ConnView, Side } from './context';
import type { Messages } from './messages';

/**
 * SYN options and what the handshake settles with them. The tracker keeps the options of each
 * side's first SYN only (DirectionState), so a retransmitted SYN is described by its first copy.
 */

/** "MSS 1460 (…), window scale 7 (×128), SACK permitted, timestamps" for one side's SYN. */
export function optionList(d: DirectionState, synAck: boolean, m: Messages): string {
  const o = m.opt;
  const items: string[] = [];
  if (d.mss >= 0) items.push(o.mss(d.mss));
  if (d.synWscale >= 0) items.push(o.wscale(Math.min(d.synWscale, 14)));
  if (d.sackPermitted) items.push(o.sackPerm);
  if (d.timestamps) items.push(o.timestamps);
  if (d.tfoCookie) items.push(o.tfo);
  if (d.ecnSetup) items.push(synAck ? o.ecnSynAck : o.ecnSyn);
  return items.length ? m.list(items) : o.none;
}

/** RFC 9293 §3.7.1 (MUST-15): the send MSS when the peer sent no MSS option. */
export function defaultMss(ipVersion: number): number {
  return ipVersion === 6 ? 1220 : 536;
}

interface Both {
  client: DirectionState;
  server: DirectionState;
}

function sides(v: ConnView): Both {
  return { client: v.c.dirs[v.endpoint('client')], server: v.c.dirs[v.endpoint('server')] };
}

/** Who offered an option that needs both sides: "neither side" / "only the client". */
function offeredBy(client: boolean, server: boolean, m: Messages): string {
  if (!client && !server) return m.neg.neither;
  return m.neg.only(client ? 'client' : 'server');
}

function effectiveMss(v: ConnView, b: Both): number {
  const dflt = defaultMss(v.c.ipVersion);
  return Math.min(b.client.mss >= 0 ? b.client.mss : dflt, b.server.mss >= 0 ? b.server.mss : dflt);
}

/**
 * The negotiated result, one sentence per option: effective MSS, window scaling (RFC 7323 §1.3:
 * both SYNs must carry the option), SACK (RFC 2018: both), timestamps (RFC 7323 §3.2: both),
 * ECN (RFC 3168 §6.1.1: ECE+CWR on the SYN, ECE on the SYN-ACK). Needs both SYNs.
 */
export function negotiated(v: ConnView, m: Messages): string[] {
  const b = sides(v);
  const n = m.neg;
  const out: string[] = [];
  const dflt = defaultMss(v.c.ipVersion);
  for (const s of ['client', 'server'] as Side[]) if (b[s].mss < 0) out.push(n.mssDefault({ who: s, dflt }));
  out.push(n.mss({ client: b.client.mss >= 0 ? b.client.mss : dflt, server: b.server.mss >= 0 ? b.server.mss : dflt, eff: effectiveMss(v, b) }));
  const cw = b.client.synWscale;
  const sw = b.server.synWscale;
  if (cw >= 0 && sw >= 0) {
    const cs = Math.min(cw, 14);
    const ss = Math.min(sw, 14);
    out.push(n.wscaleOn({ cs, cf: 2 ** cs, ss, sf: 2 ** ss }));
  } else out.push(n.wscaleOff({ who: offeredBy(cw >= 0, sw >= 0, m) }));
  out.push(b.client.sackPermitted && b.server.sackPermitted ? n.sackOn : n.sackOff({ who: offeredBy(b.client.sackPermitted, b.server.sackPermitted, m) }));
  out.push(b.client.timestamps && b.server.timestamps ? n.tsOn : n.tsOff({ who: offeredBy(b.client.timestamps, b.server.timestamps, m) }));
  if (b.client.ecnSetup || b.server.ecnSetup) {
    out.push(b.client.ecnSetup && b.server.ecnSetup ? n.ecnOn : n.ecnOff({ who: offeredBy(b.client.ecnSetup, b.server.ecnSetup, m) }));
  }
  return out;
}

/** One short line for a SYN-ACK's hover: "MSS 1460, window scaling on, SACK on, timestamps on". */
export function negotiatedShort(v: ConnView, m: Messages): string {
  const b = sides(v);
  const s = m.neg.short;
  return m.neg.summary({
    items: m.list([
      s.mss(effectiveMss(v, b)),
      b.client.synWscale >= 0 && b.server.synWscale >= 0 ? s.wsOn : s.wsOff,
      b.client.sackPermitted && b.server.sackPermitted ? s.sackOn : s.sackOff,
      b.client.timestamps && b.server.timestamps ? s.tsOn : s.tsOff,
    ]),
  });
}
