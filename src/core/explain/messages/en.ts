/**
 * English explanation texts. This table defines the key set: `Messages` is its type, and the
 * other languages are declared as `Messages`, so a key missing there (or a parameter of another
 * shape) is a compile error. Every text gets the capture's own numbers as parameters.
 *
 * Conventions: state names as printed everywhere (SYN_SENT, FIN_WAIT_1); RFC rule texts in
 * `rule` are word for word the tracker's (test/unit/explainRules.test.ts checks it), so the
 * English explanation and `wirelane conns` say the same thing.
 */
import type { Side } from '../context';

const list = (items: string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const fr = (n: number): string => `frame ${n}`;
const frs = (ns: number[]): string => (ns.length === 1 ? fr(ns[0]) : `frames ${list(ns.map(String))}`);
const bytes = (n: number): string => (n === 1 ? '1 byte' : `${n} bytes`);

export const en = {
  lang: 'en',
  side: (s: Side): string => s,
  Side: (s: Side): string => (s === 'client' ? 'Client' : 'Server'),
  frame: fr,
  frames: frs,
  list,

  title: {
    segment: (p: { frame: number; label: string; from: string; to: string }): string => `Frame ${p.frame} · ${p.label} · ${p.from} → ${p.to}`,
    handshake: (p: { stream: number; client: string; server: string }): string => `Handshake of connection ${p.stream} · ${p.client} → ${p.server}`,
    teardown: (p: { stream: number; client: string; server: string }): string => `Teardown of connection ${p.stream} · ${p.client} → ${p.server}`,
  },

  /** Short labels for the segment title. */
  kind: {
    syn: 'SYN',
    synAck: 'SYN-ACK',
    handshakeAck: 'handshake ACK',
    handshakeAckData: (n: number): string => `handshake ACK + data (${bytes(n)})`,
    data: (n: number): string => `data (${bytes(n)})`,
    dataFin: (n: number): string => `data (${bytes(n)}) + FIN`,
    fin: 'FIN',
    rst: 'RST',
    ack: 'ACK',
    ackOfFin: 'ACK of FIN',
    keepAlive: 'keep-alive',
    keepAliveAck: 'keep-alive ACK',
    zeroWindowProbe: 'zero-window probe',
    zeroWindowProbeAck: 'zero-window probe ACK',
    dupAck: (n: number): string => `duplicate ACK #${n}`,
    windowUpdate: 'window update',
    other: 'segment',
    again: (label: string): string => `${label}, retransmitted`,
    outOfOrder: (label: string): string => `${label}, out of order`,
  },

  /** What the segment is, in the story of the connection. */
  role: {
    synStep1: (p: { who: Side; peer: Side }): string =>
      `Step 1 of the three-way handshake: the ${p.who} asks the ${p.peer} to open a connection (RFC 9293 §3.5).`,
    synAgain: (p: { who: Side; n: number; first: number; after: string }): string =>
      `The ${p.who} sends its SYN again (transmission ${p.n}), ${p.after} after the first one (${fr(p.first)}): no SYN-ACK had come back, so its retransmission timer fired.`,
    synSimultaneous: (p: { who: Side; peer: Side }): string =>
      `The ${p.who}'s SYN of a simultaneous open: the ${p.peer} sends a SYN of its own at the same time, and the two cross (RFC 9293 §3.5, figure 8).`,
    synAckStep2: (p: { who: Side; peer: Side }): string =>
      `Step 2 of the three-way handshake: the ${p.who} accepts the ${p.peer}'s SYN and sends its own SYN in the same segment.`,
    synAckSimultaneous: (p: { who: Side; peer: Side }): string =>
      `Simultaneous open: the ${p.who} has received the ${p.peer}'s SYN and answers it with a SYN-ACK that repeats its own ISN.`,
    synAckAgain: (p: { first: number }): string => `The SYN-ACK is sent again (first sent in ${fr(p.first)}).`,
    handshakeAck: (p: { who: Side; peer: Side }): string =>
      `Step 3 of the three-way handshake: the ${p.who} acknowledges the ${p.peer}'s SYN; the connection is now open in both directions.`,
    handshakeAckSimultaneous: (p: { who: Side; peer: Side }): string =>
      `After the simultaneous open both sides are already ESTABLISHED; the ${p.who} acknowledges the ${p.peer}'s SYN-ACK, whose SYN repeated the ${p.peer}'s ISN.`,
    handshakeAckData: (p: { len: number }): string => `It already carries ${bytes(p.len)} of data, which is allowed once the SYN-ACK has arrived.`,
    data: (p: { who: Side; len: number }): string => `Data: the ${p.who} sends ${bytes(p.len)} of application data.`,
    dataHalfClosed: (p: { peer: Side; fin: number }): string =>
      `The ${p.peer} has already closed its direction (FIN in ${fr(p.fin)}); this direction is still open, so sending is allowed: a half-close.`,
    pureAck: (p: { who: Side }): string => `A pure acknowledgement: the ${p.who} sends no data, only reports what it has received.`,
    firstFin: (p: { who: Side; peer: Side }): string =>
      `The ${p.who} closes first: its FIN says it will send no more data. The ${p.peer} may still send; TCP shuts each direction separately (RFC 9293 §3.6).`,
    secondFin: (p: { who: Side; peer: Side; fin: number }): string =>
      `The ${p.who} closes its direction too: the second FIN of the teardown (the ${p.peer} sent its FIN in ${fr(p.fin)}).`,
    finAlsoAcks: (p: { peer: Side }): string =>
      `The same segment acknowledges the ${p.peer}'s FIN, so the close takes three segments instead of four.`,
    finCrossed: (p: { who: Side; peer: Side; fin: number }): string =>
      `The FINs crossed: the ${p.who} sent this FIN before the ${p.peer}'s FIN (${fr(p.fin)}) had reached it; it does not acknowledge that FIN. A simultaneous close.`,
    finAgain: (p: { first: number }): string => `The FIN is sent again (first sent in ${fr(p.first)}).`,
    ackOfFin: (p: { who: Side; peer: Side; fin: number }): string => `The ${p.who} acknowledges the ${p.peer}'s FIN (${fr(p.fin)}).`,
    lastAck: (p: { peer: Side }): string =>
      `It is the last segment of the close: when it arrives the ${p.peer} deletes the connection.`,
    rstRefused: (p: { who: Side; port: number }): string =>
      `The ${p.who} refuses the connection: nothing listens on port ${p.port}, so its TCP answers the SYN with a reset (RFC 9293 §3.10.7.1). The client's connect() fails with "connection refused".`,
    rstOwnAttempt: (p: { who: Side }): string =>
      `The ${p.who} resets its own connection attempt before the handshake completed (RFC 9293 §3.10.5, ABORT).`,
    rstAbort: (p: { who: Side }): string =>
      `The ${p.who} aborts the connection with a reset instead of closing it with FIN: no goodbye, data not yet delivered is thrown away, and both sides drop the connection at once (RFC 9293 §3.10.5). The peer's application sees "connection reset by peer".`,
    other: 'A segment with neither ACK nor SYN, FIN or RST set: unusual.',
    rolesGuessed: (p: { port: number }): string =>
      `No SYN was captured, so which side is the client is a guess from the ports (server port ${p.port}).`,
  },

  seq: {
    synIsn: (p: { who: Side; rel: number; raw: number }): string =>
      `seq = ${p.rel} (raw ${p.raw}): the ${p.who}'s initial sequence number (ISN). A SYN consumes one sequence number, so the ${p.who}'s first data byte will be seq ${p.rel + 1}.`,
    synIsnAgain: (p: { first: number }): string => `Same ISN as in ${fr(p.first)}: it is the same connection attempt, not a new one.`,
    synData: (p: { len: number }): string => `The SYN also carries ${bytes(p.len)} of data: seq 1 to ${p.len}.`,
    data: (p: { who: Side; rel: number; raw: number; len: number }): string =>
      `seq = ${p.rel} (raw ${p.raw}): the ${bytes(p.len)} are the ${p.who}'s bytes ${p.rel} to ${p.rel + p.len - 1}; its next new byte will be seq ${p.rel + p.len}.`,
    dataAgain: (p: { who: Side; rel: number; raw: number; len: number }): string =>
      `seq = ${p.rel} (raw ${p.raw}): the ${bytes(p.len)} are the ${p.who}'s bytes ${p.rel} to ${p.rel + p.len - 1}, which lie below bytes it had already sent.`,
    empty: (p: { rel: number; raw: number }): string =>
      `seq = ${p.rel} (raw ${p.raw}): no data and no SYN or FIN, so the segment occupies no sequence number.`,
    fin: (p: { rel: number; raw: number; len: number; finSeq: number }): string =>
      `seq = ${p.rel} (raw ${p.raw})${p.len ? `: ${bytes(p.len)} of data, then the FIN` : ''}. The FIN itself occupies sequence number ${p.finSeq}, so it is acknowledged with ack ${p.finSeq + 1}.`,
    rst: (p: { rel: number; raw: number }): string =>
      `seq = ${p.rel} (raw ${p.raw}). A reset is accepted only if its seq falls inside the receiver's window (RFC 9293 §3.10.7, RFC 5961 §3).`,
    rstZero: (p: { rel: number }): string =>
      `Raw seq 0: the reset answers a segment without ACK (the SYN), and RFC 9293 §3.10.7.1 then uses sequence number 0 (shown relative as ${p.rel}).`,
    baseGuessed: (p: { who: Side }): string =>
      `No SYN from the ${p.who} was captured: its relative numbers count from one below the first seq (or the peer's first ack) the capture saw, not from an ISN.`,
    baseFromSynAck: (p: { who: Side; frame: number }): string =>
      `The ${p.who}'s SYN was not captured, but the SYN-ACK (${fr(p.frame)}) revealed its ISN, so its relative numbers still count from the ISN.`,
  },

  ack: {
    synAck: (p: { who: Side; peer: Side; pl: string; pisn: number; ack: number; synFrame: number; ol: string; oisn: number }): string =>
      `ack = ${p.pl}+1 = ${p.pisn}+1 = ${p.ack} acknowledges the SYN that carried seq = ${p.pl} (${fr(p.synFrame)}): the SYN used up sequence number ${p.pl}, so the next one the ${p.who} expects is ${p.pl}+1. Its own seq = ${p.ol} = ${p.oisn} is the ${p.who}'s ISN.`,
    synAckData: (p: { who: Side; x: number; len: number; ack: number; synFrame: number; y: number }): string =>
      `ack = x+1+${p.len} = ${p.x}+1+${p.len} = ${p.ack} acknowledges the SYN (${fr(p.synFrame)}) and the ${bytes(p.len)} of data it carried. Its own seq = y = ${p.y} is the ${p.who}'s ISN.`,
    synAckDataRefused: (p: { peer: Side; len: number }): string =>
      `It acknowledges only the SYN, not the ${bytes(p.len)} of data on it: the ${p.peer} must send that data again (RFC 7413 §3).`,
    synAckNoSyn: (p: { peer: Side; x: number; ackRaw: number; y: number; who: Side }): string =>
      `The ${p.peer}'s SYN was not captured, but this ack tells its ISN: ack = x+1 = ${p.ackRaw}, so x = ${p.x}. Its own seq = y = ${p.y} is the ${p.who}'s ISN.`,
    handshake: (p: { peer: Side; pl: string; pisn: number; ack: number; frame: number }): string =>
      `ack = ${p.pl}+1 = ${p.pisn}+1 = ${p.ack} (relative 1) acknowledges the ${p.peer}'s SYN (${fr(p.frame)}), which carried seq = ${p.pl}.`,
    belowSyn: (p: { ack: number; raw: number; peer: Side; pl: string; need: number }): string =>
      `ack ${p.ack} (raw ${p.raw}) does not even acknowledge the ${p.peer}'s SYN, which needs ${p.pl}+1 = ${p.need}: an unacceptable acknowledgement (RFC 9293 §3.10.7.3).`,
    refused: (p: { x: number; x1: number; frame: number }): string =>
      `ack = x+1 = ${p.x}+1 = ${p.x1} acknowledges the SYN of ${fr(p.frame)}: a reset reaching a host in SYN_SENT counts only if it acknowledges that SYN (RFC 9293 §3.10.7.3).`,
    arith: (p: { ack: number; seq: number; len: number; syn: boolean; fin: boolean; frame: number }): string => {
      const parts = [`seq ${p.seq}`];
      if (p.syn) parts.push('1 for the SYN');
      if (p.len) parts.push(bytes(p.len));
      if (p.fin) parts.push('1 for the FIN');
      return `ack ${p.ack} = ${parts.join(' + ')} of ${fr(p.frame)}.`;
    },
    meaning: (p: { ack: number; raw: number; peer: Side }): string =>
      `It says (raw ack ${p.raw}): every byte the ${p.peer} sent before seq ${p.ack} has arrived; ${p.ack} is the next one expected.`,
    finMeaning: 'A FIN consumes one sequence number, which is why the ack is one past it.',
    partial: (p: { ack: number; frame: number; from: number; to: number; n: number; len: number }): string =>
      `ack ${p.ack} falls inside ${fr(p.frame)} (seq ${p.from} to ${p.to}): it acknowledges only the first ${bytes(p.n)} of its ${p.len}; the rest is still outstanding.`,
    repeat: (p: { ack: number; raw: number; frame: number; peer: Side }): string =>
      `ack ${p.ack} (raw ${p.raw}) repeats the acknowledgement of ${fr(p.frame)}: nothing new from the ${p.peer} has arrived since.`,
    covers: (p: { ack: number; frame: number }): string =>
      `ack ${p.ack} covers everything up to the end of ${fr(p.frame)}, which had already been acknowledged.`,
    nothingYet: (p: { ack: number; peer: Side }): string =>
      `ack ${p.ack}: the capture has seen no data from the ${p.peer} yet.`,
    unseen: (p: { ack: number; end: number; peer: Side }): string =>
      `ack ${p.ack} acknowledges data the capture never saw: the ${p.peer}'s captured segments end at ${p.end}.`,
    none: (p: { raw: number }): string => `The ACK flag is off, so the ack field (raw ${p.raw}) carries no meaning.`,
    synNone: 'The ACK flag is off: the first SYN has nothing to acknowledge yet.',
    rtt: (p: { rtt: string; frame: number }): string => `It was captured ${p.rtt} after ${fr(p.frame)} (an RTT sample as seen at the capture point).`,
  },

  win: {
    syn: (p: { win: number }): string => `Window ${p.win} bytes. A SYN's window is never scaled (RFC 7323 §2.2).`,
    scaled: (p: { bytes: number; raw: number; factor: number; shift: number; who: Side }): string =>
      `Window ${p.bytes} bytes = raw ${p.raw} × ${p.factor} (window scale ${p.shift} from the ${p.who}'s SYN): the ${p.who} can take that many bytes beyond its ack.`,
    off: (p: { win: number; who: Side }): string =>
      `Window ${p.win} bytes, unscaled: window scaling is off on this connection (it needs the option on both SYN and SYN-ACK, RFC 7323 §1.3). The ${p.who} can take that many bytes beyond its ack.`,
    unknown: (p: { raw: number; who: Side }): string =>
      `Window: raw value ${p.raw}. The scale factor is unknown because the ${p.who}'s SYN was not captured, so the real window may be larger (raw × 2^scale).`,
  },

  opt: {
    offered: (p: { who: Side; list: string }): string => `Options the ${p.who} offers: ${p.list}.`,
    answered: (p: { who: Side; list: string }): string => `Options the ${p.who} answers with: ${p.list}.`,
    fromFirst: (p: { frame: number }): string => `(Options as recorded from the first SYN, ${fr(p.frame)}.)`,
    mss: (n: number): string => `MSS ${n} (the largest segment it can receive)`,
    wscale: (shift: number): string => `window scale ${shift} (×${2 ** shift})`,
    sackPerm: 'SACK permitted',
    timestamps: 'timestamps',
    tfo: 'TCP Fast Open',
    ecnSyn: 'ECN (ECE+CWR: it can use ECN)',
    ecnSynAck: 'ECN (ECE: it agrees to use ECN)',
    none: 'none',
  },

  /** The handshake's result. */
  neg: {
    mss: (p: { client: number; server: number; eff: number }): string =>
      `Effective MSS: min(${p.client}, ${p.server}) = ${p.eff} bytes. Each side announces the largest segment it can receive, so neither sends segments larger than the smaller value.`,
    mssDefault: (p: { who: Side; dflt: number }): string =>
      `The ${p.who} sent no MSS option: the default ${p.dflt} bytes applies to segments sent to it (RFC 9293 §3.7.1).`,
    wscaleOn: (p: { cs: number; cf: number; ss: number; sf: number }): string =>
      `Window scaling on: the client's windows count in units of ${p.cf} (scale ${p.cs}), the server's in units of ${p.sf} (scale ${p.ss}) (RFC 7323 §2).`,
    wscaleOff: (p: { who: string }): string =>
      `Window scaling off: ${p.who} offered it, and it takes both SYNs (RFC 7323 §1.3); windows stay below 64 KiB.`,
    neither: 'neither side',
    only: (s: Side): string => `only the ${s}`,
    sackOn: 'SACK on: both sides may report received blocks beyond a hole (RFC 2018).',
    sackOff: (p: { who: string }): string => `SACK off: ${p.who} offered it.`,
    tsOn: 'Timestamps on: every segment carries TSval/TSecr, for RTT measurement and protection against wrapped sequence numbers (RFC 7323 §3, §5).',
    tsOff: (p: { who: string }): string => `Timestamps off: ${p.who} offered them.`,
    ecnOn: 'ECN on: routers may mark congestion instead of dropping packets (RFC 3168 §6.1.1).',
    ecnOff: (p: { who: string }): string => `ECN off: ${p.who} asked for it.`,
    summary: (p: { items: string }): string => `Together with the SYN this settles: ${p.items}.`,
    short: {
      mss: (n: number): string => `MSS ${n}`,
      wsOn: 'window scaling on',
      wsOff: 'window scaling off',
      sackOn: 'SACK on',
      sackOff: 'SACK off',
      tsOn: 'timestamps on',
      tsOff: 'timestamps off',
    },
  },

  flag: {
    reusedPorts: (p: { prev: number; last: number; isn: number }): string =>
      `Port numbers reused: the same addresses and ports as connection ${p.prev} (last seen in ${fr(p.last)}), but a new ISN ${p.isn}: a new connection, not a retransmission.`,
    reusedSynAck: (p: { isn: number }): string =>
      `Port numbers reused: a SYN-ACK with a different ISN (${p.isn}) than this side used before; its numbering restarts there.`,
    retrans: (p: { seq: number; next: number; nextFrame: number; orig: number; after: string }): string =>
      `Retransmission: seq ${p.seq} is below the next expected ${p.next} (reached in ${fr(p.nextFrame)}), so these bytes were sent before, first in ${fr(p.orig)}, ${p.after} earlier. The sender got no acknowledgement in time and sent them again.`,
    retransUnseen: (p: { seq: number; next: number; nextFrame: number }): string =>
      `Retransmission: seq ${p.seq} is below the next expected ${p.next} (reached in ${fr(p.nextFrame)}), so these bytes were sent before, though the first copy was not captured.`,
    duplicateCapture: (p: { orig: number }): string =>
      `The same bytes as ${fr(p.orig)}, captured at the same instant: most likely one packet recorded twice by the capture, not a real retransmission (Wireshark flags it all the same).`,
    retransSyn: (p: { first: number; after: string }): string =>
      `Retransmission: the same SYN as ${fr(p.first)}, ${p.after} later.`,
    retransFin: (p: { first: number; after: string }): string =>
      `Retransmission: the same FIN as ${fr(p.first)}, ${p.after} later; it was not acknowledged in time.`,
    fast: (p: { seq: number; count: number; dupFrame: number; lastFrame: number; dt: string }): string =>
      `Fast retransmission: the receiver had sent ${p.count} duplicate ACKs asking for seq ${p.seq} (the last in ${fr(p.dupFrame)}), and the sender resent that seq without waiting for its retransmission timer (RFC 5681 §3.2). Wireshark calls it fast when there were at least 2 duplicate ACKs and the receiver's latest segment (${fr(p.lastFrame)}) came less than 20 ms before (here ${p.dt}).`,
    fastNoDup: (p: { seq: number }): string =>
      `Fast retransmission: the receiver's acknowledgements kept asking for seq ${p.seq}, and the sender resent it within 20 ms of the last one (RFC 5681 §3.2).`,
    spurious: (p: { from: number; to: number; ack: number; frame: number }): string =>
      `Spurious retransmission: all of it (seq ${p.from} to ${p.to}) had already been acknowledged (ack ${p.ack} in ${fr(p.frame)}); sending it again was unnecessary.`,
    outOfOrder: (p: { seq: number; next: number; frame: number; dt: string; threshold: string; rtt: boolean }): string =>
      `Out of order: seq ${p.seq} is below the next expected ${p.next}, but it came only ${p.dt} after the highest segment (${fr(p.frame)}), less than ${p.threshold} (${p.rtt ? 'the handshake RTT' : 'the 3 ms default, no handshake RTT known'}): it overtook or was overtaken on the way, rather than being resent.`,
    lost: (p: { seq: number; next: number; gap: number }): string =>
      `Previous segment not captured: seq ${p.seq} is beyond the next expected ${p.next}: ${bytes(p.gap)} before it were never seen here (lost before the capture point, or missed by the capture).`,
    ackedUnseen: (p: { ack: number; end: number; peer: Side }): string =>
      `ACKed unseen segment: ack ${p.ack} acknowledges bytes the capture never saw (the ${p.peer}'s captured data ends at ${p.end}): the capture missed segments that did arrive.`,
    dupAck: (p: { n: number; frame: number; ack: number }): string =>
      `Duplicate ACK #${p.n} of ${fr(p.frame)}: same ack ${p.ack}, same window, no data. The receiver repeats that it still waits for seq ${p.ack}, usually because later data arrived while that byte is missing; 3 duplicates trigger a fast retransmission (RFC 5681 §3.2).`,
    zeroWindow: (p: { who: Side }): string =>
      `Zero window: the ${p.who}'s receive buffer is full. The peer must stop sending new data until the window opens again, and probes it meanwhile (RFC 9293 §3.8.6.1).`,
    zeroWindowProbe: (p: { seq: number }): string =>
      `Zero-window probe: 1 byte at the next expected seq ${p.seq} while the peer's window is 0, to learn when the window opens (RFC 9293 §3.8.6.1).`,
    zeroWindowProbeAck: (p: { frame: number }): string =>
      `Answer to the zero-window probe of ${fr(p.frame)}: the window is still 0.`,
    windowFull: (p: { end: number; ack: number; win: number; frame: number }): string =>
      `Window full: the segment ends at ${p.end} = ack ${p.ack} + window ${p.win} announced in ${fr(p.frame)}: it fills the receiver's window exactly, so the sender must wait for an ACK or a window update.`,
    keepAlive: (p: { seq: number; next: number }): string =>
      `Keep-alive: seq ${p.seq} is one below the next expected ${p.next}, with no new data: it re-sends an already acknowledged position so that the peer must answer with an ACK (RFC 9293 §3.8.4).`,
    keepAliveZeroWindow: (p: { frame: number }): string =>
      `The peer's window is 0 (${fr(p.frame)}), so this is in fact a zero-window probe as Linux sends them; Wireshark names it a keep-alive.`,
    keepAliveAck: (p: { frame: number }): string =>
      `Keep-alive ACK: the answer to the keep-alive of ${fr(p.frame)}, repeating the same ack and window.`,
    windowUpdateFirst: (p: { who: Side }): string =>
      `Window update, as Wireshark flags it: this is the ${p.who}'s first segment, so there is no earlier window to compare with, and Wireshark's rule counts that as a change.`,
    windowUpdate: (p: { from: number; to: number; frame: number }): string =>
      `Window update: no data, same seq and ack; only the window changes, from ${p.from} (${fr(p.frame)}) to ${p.to} bytes.`,
  },

  state: {
    change: (p: { who: string; from: string | null; fromInferred: boolean; to: string; rule: string; inferred: boolean }): string =>
      `${p.who}: ${p.from ? `${p.from}${p.fromInferred ? ' (inferred)' : ''} → ` : ''}${p.to}${p.inferred ? ' (inferred)' : ''}. ${p.rule.charAt(0).toUpperCase()}${p.rule.slice(1)}.`,
    none: (p: { client: string; server: string }): string => `No state change: the client stays ${p.client}, the server ${p.server}.`,
  },

  /** The tracker's RFC rules, word for word. */
  rule: {
    abortSent: 'RFC 9293 §3.10.5: ABORT — sending RST deletes the TCB',
    activeOpen: 'RFC 9293 §3.10.1: active OPEN — SYN sent, enter SYN-SENT',
    sendInListen: 'RFC 9293 §3.10.2: SEND in LISTEN — SYN sent, enter SYN-SENT',
    closeInEstablished: 'RFC 9293 §3.10.4: CLOSE in ESTABLISHED — FIN sent, enter FIN-WAIT-1',
    closeInSynReceived: 'RFC 9293 §3.10.4: CLOSE in SYN-RECEIVED — FIN sent, enter FIN-WAIT-1',
    closeInCloseWait: 'RFC 9293 §3.10.4: CLOSE in CLOSE-WAIT — FIN sent, enter LAST-ACK',
    rstInSynSent: 'RFC 9293 §3.10.7.3: RST with acceptable ACK in SYN-SENT — connection refused, enter CLOSED',
    rstSynReceivedPassive: 'RFC 9293 §3.10.7.4: RST in SYN-RECEIVED after a passive OPEN — return to LISTEN',
    rstSynReceivedActive: 'RFC 9293 §3.10.7.4: RST in SYN-RECEIVED after an active OPEN — connection refused, enter CLOSED',
    rstSynchronized: 'RFC 9293 §3.10.7.4: RST in a synchronized state — connection reset, enter CLOSED',
    rstClosing: 'RFC 9293 §3.10.7.4: RST in CLOSING, LAST-ACK or TIME-WAIT — enter CLOSED',
    synInListen: 'RFC 9293 §3.10.7.2: SYN in LISTEN — enter SYN-RECEIVED',
    synInClosed: 'RFC 9293 §3.10.7.2: SYN received (LISTEN inferred) — enter SYN-RECEIVED',
    synAckInSynSent: 'RFC 9293 §3.10.7.3: SYN-ACK acknowledging our SYN in SYN-SENT — enter ESTABLISHED',
    synInSynSent: 'RFC 9293 §3.10.7.3: SYN without ACK in SYN-SENT (simultaneous open) — enter SYN-RECEIVED',
    synAckInSynReceived: 'RFC 9293 §3.10.7.4: SYN-ACK acknowledging our SYN in SYN-RECEIVED (simultaneous open) — enter ESTABLISHED',
    ackInSynReceived: 'RFC 9293 §3.10.7.4: ACK of our SYN in SYN-RECEIVED — enter ESTABLISHED',
    ackInFinWait1: 'RFC 9293 §3.10.7.4: ACK of our FIN in FIN-WAIT-1 — enter FIN-WAIT-2',
    ackInClosing: 'RFC 9293 §3.10.7.4: ACK of our FIN in CLOSING — enter TIME-WAIT',
    ackInLastAck: 'RFC 9293 §3.10.7.4: ACK of our FIN in LAST-ACK — delete the TCB, enter CLOSED',
    finInEstablished: 'RFC 9293 §3.10.7.4: FIN received in ESTABLISHED — enter CLOSE-WAIT',
    finInSynReceived: 'RFC 9293 §3.10.7.4: FIN received in SYN-RECEIVED — enter CLOSE-WAIT',
    finInFinWait1: 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-1 before our FIN was ACKed (simultaneous close) — enter CLOSING',
    finAckInFinWait1: 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-1 that also ACKs our FIN — enter TIME-WAIT',
    finInFinWait2: 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2 — enter TIME-WAIT, start the 2·MSL timer',
    timeWaitTimeout: 'RFC 9293 §3.10.8: the 2·MSL time-wait timeout expired — delete the TCB, enter CLOSED',
    passiveOpenInferred: 'RFC 9293 §3.10.1: passive OPEN — inferred from the SYN it receives',
    closedBeforeOpen: 'RFC 9293 §3.3.2: CLOSED before the active OPEN',
    inferredSynReceived: 'inferred: it answers a SYN that was not captured (RFC 9293 §3.10.7.2)',
    inferredSynSent: 'inferred: it sent a SYN that was not captured (RFC 9293 §3.10.1)',
    inferredMidStream: 'inferred: the capture starts mid-connection (no handshake seen)',
    noListener: 'RFC 9293 §3.10.7.1: no socket listens on this port — in CLOSED, a SYN is answered with RST',
    neverAnswered: 'nothing from this endpoint was captured: no SYN-ACK and no RST (RFC 9293 §3.10.7.1), so its state is unknown — the SYN was lost, filtered, or no host answered',
    finsCrossed: (p: { frame: number }): string =>
      `RFC 9293 §3.10.7.4: the peer's FIN (frame ${p.frame}) crossed ours — FIN received in FIN-WAIT-1 before our FIN was ACKed (simultaneous close), enter CLOSING`,
    synsCrossed: (p: { frame: number }): string =>
      `RFC 9293 §3.10.7.3: the peer's SYN (frame ${p.frame}) crossed ours — simultaneous open, enter SYN-RECEIVED`,
  },

  /** Handshake narrative. */
  hs: {
    stepSyn: (p: { from: string; to: string }): string => `SYN · ${p.from} → ${p.to}`,
    stepSynAck: (p: { from: string; to: string }): string => `SYN-ACK · ${p.from} → ${p.to}`,
    stepAck: (p: { from: string; to: string }): string => `ACK · ${p.from} → ${p.to}`,
    stepRst: (p: { from: string; to: string }): string => `RST · ${p.from} → ${p.to}`,
    stepOther: (p: { label: string; from: string; to: string }): string => `${p.label} · ${p.from} → ${p.to}`,
    stepSynMissing: 'SYN · not captured',
    stepAckMissing: 'ACK · not captured',

    sumComplete: (p: { rtt: string }): string =>
      `A complete three-way handshake: SYN, SYN-ACK, ACK. Handshake RTT ${p.rtt}.`,
    sumSimultaneous: 'A simultaneous open: both sides sent a SYN at the same time and nobody was listening; each answered the other\'s SYN, so the handshake took four segments instead of three (RFC 9293 §3.5, figure 8).',
    sumRefused: (p: { port: number }): string =>
      `Refused: the SYN was answered by a reset, because nothing listens on port ${p.port}. No connection was ever established.`,
    sumUnanswered: (p: { n: number; span: string }): string =>
      `Unanswered: the client sent ${p.n === 1 ? 'a SYN' : `its SYN ${p.n} times over ${p.span}`}, and nothing came back.`,
    sumAborted: 'The client gave up: it reset its own connection attempt before any answer was captured.',
    sumOddAnswer: 'The SYN was not answered by a SYN-ACK: the server sent a segment that does not acknowledge it, and the attempt failed.',
    sumNoFinalAck: 'Incomplete: SYN and SYN-ACK were captured, but not the client\'s final ACK.',
    sumSynNotCaptured: 'The client\'s SYN was not captured: the capture starts with the server\'s SYN-ACK. Most of the handshake can still be read from it.',
    sumNotCaptured: (p: { frame: number }): string =>
      `The handshake was not captured: the capture starts in the middle of the connection (first ${fr(p.frame)} is an ordinary segment).`,
    sumReordered: (p: { synAck: number; syn: number }): string =>
      `The capture shows the SYN-ACK (${fr(p.synAck)}) before the SYN (${fr(p.syn)}): the two were reordered at the capture point (several capture queues, or timestamps taken out of order). The SYN-ACK's ack = x+1 matches the SYN's seq = x, so it answers that SYN.`,

    syn: (p: { x: number }): string =>
      `The client chooses its initial sequence number x = ${p.x} and sends a SYN with seq = x (relative seq 0). The SYN consumes one sequence number: x itself.`,
    retransAt: (p: { frame: number; after: string }): string => `${fr(p.frame)} (+${p.after})`,
    synRetrans: (p: { times: string }): string => `The SYN was sent again with the same ISN: ${p.times}.`,
    synBackoff: (p: { gaps: string }): string =>
      `The gaps between the copies (${p.gaps}) double each time: the retransmission timer starts at about 1 s (RFC 6298 §2.1) and backs off exponentially (RFC 6298 §5.5).`,
    synGaps: (p: { gaps: string }): string => `Gaps between the copies: ${p.gaps}.`,
    synRetransAnswered: 'The SYN-ACK cannot tell which copy it answers: all carry the same seq = x.',
    synData: (p: { len: number; tfo: boolean }): string =>
      `The SYN carries ${bytes(p.len)} of data${p.tfo ? ' and a TCP Fast Open cookie' : ''}: with TCP Fast Open (RFC 7413) a client that holds a cookie from an earlier connection may send data in the SYN, saving one round trip.`,
    tfoRequest: 'The client asks for a TCP Fast Open cookie (the option without data): it can use it on a later connection to send data in the SYN (RFC 7413).',
    synAck: (p: { y: number; x: number; x1: number }): string =>
      `The server chooses its own ISN y = ${p.y} and answers with SYN-ACK: seq = y, ack = x+1 = ${p.x}+1 = ${p.x1}. Why +1: the SYN occupied sequence number x, so the next number the server expects from the client is x+1; acknowledging x+1 acknowledges the SYN itself.`,
    synAckData: (p: { y: number; x: number; len: number; ack: number }): string =>
      `The server chooses its own ISN y = ${p.y} and answers with SYN-ACK: seq = y, ack = x+1+${p.len} = ${p.x}+1+${p.len} = ${p.ack}. It acknowledges the SYN (+1: the SYN occupied sequence number x) and the ${bytes(p.len)} of data the SYN carried: the server accepted the data.`,
    synAckDataRefused: (p: { len: number }): string =>
      `The ack covers only the SYN, not the ${bytes(p.len)} of data on it: the server did not accept data on the SYN, and the client sends it again after the handshake (RFC 7413 §3).`,
    synAckRetrans: (p: { frames: number[] }): string => `The SYN-ACK was sent again in ${frs(p.frames)}.`,
    synAckInferredX: (p: { x: number; ackRaw: number; frame: number }): string =>
      `The client's SYN was not captured, but the SYN-ACK (${fr(p.frame)}) reveals its ISN: its ack = x+1 = ${p.ackRaw}, so x = ${p.x}.`,
    ack: (p: { y: number; y1: number; seq: number; seqRaw: number }): string =>
      `The client acknowledges the server's SYN: ack = y+1 = ${p.y}+1 = ${p.y1}, with its own seq = ${p.seqRaw} (relative ${p.seq}). The server's SYN also consumed one sequence number, hence +1 again.`,
    ackData: (p: { len: number }): string => `The ACK already carries ${bytes(p.len)} of data.`,
    bothEstablished: 'Both sides are now ESTABLISHED.',
    rttOnly: (p: { rtt: string; syn: number; ack: number }): string =>
      `Handshake RTT ${p.rtt}: from the last SYN (${fr(p.syn)}) to the ACK that completed the handshake (${fr(p.ack)}), at the capture point.`,
    synAckRtt: (p: { rtt: string; syn: number; synAck: number }): string =>
      `From the SYN (${fr(p.syn)}) to the SYN-ACK (${fr(p.synAck)}): ${p.rtt} at the capture point; without the final ACK the full handshake RTT is unknown.`,
    rtt: (p: { rtt: string; syn: number; ack: number; synToSynAck: string; synAckToAck: string }): string =>
      `Handshake RTT ${p.rtt}: from the SYN (${fr(p.syn)}) to the ACK (${fr(p.ack)}) at the capture point; ${p.synToSynAck} from SYN to SYN-ACK (the path to the server and back) and ${p.synAckToAck} from SYN-ACK to ACK (the path to the client and back).`,
    noAck: 'The client\'s ACK (step 3) was not captured: it was lost, the capture ended, or it did not pass the capture point. The client became ESTABLISHED when the SYN-ACK reached it; the server stays in SYN_RECEIVED and resends its SYN-ACK until the ACK arrives.',
    refusedRst: (p: { x: number; x1: number; dt: string }): string =>
      `The server's TCP answers with a reset, ${p.dt} after the SYN: seq 0, ack = x+1 = ${p.x}+1 = ${p.x1}. With no connection and no ISN it takes seq 0 and acknowledges the SYN, so that the client accepts the reset (RFC 9293 §3.10.7.1, §3.10.7.3). The client goes back to CLOSED; its connect() fails with "connection refused".`,
    refusedWhy: 'A reset means a host did answer: the port is closed, not filtered. A firewall that drops the SYN gives no answer at all (then the client retransmits the SYN until it gives up).',
    unansweredWhy: 'The capture cannot tell why nothing came back: the SYN may have been lost or filtered on the way, the host may be down, or the answer took another path than the capture point. The client stays in SYN_SENT until connect() times out (Linux: after 6 retransmissions, about 127 s).',
    abortedRst: (p: { dt: string }): string =>
      `${p.dt} after its SYN the client sends a reset for its own attempt: it abandons the connection (RFC 9293 §3.10.5, ABORT). No answer from the server was captured.`,
    oddAnswer: (p: { label: string; ackRaw: number; x1: number }): string =>
      `The server answers with a plain ${p.label} instead of a SYN-ACK: its ack ${p.ackRaw} does not acknowledge the SYN (that would be x+1 = ${p.x1}). A host answers a SYN like this when it believes a connection on these ports already exists (a challenge ACK, RFC 5961 §4).`,
    oddAnswerRst: (p: { seqRaw: number }): string =>
      `In SYN_SENT an unacceptable ACK is answered with a reset whose seq is that ACK's ack field (RFC 9293 §3.10.7.3): seq = ${p.seqRaw}.`,
    simSyn2: (p: { y: number }): string =>
      `The server sends its own SYN with seq = y = ${p.y} before the client's SYN has reached it: the SYNs cross. Each side, in SYN_SENT, then receives the other's SYN and moves to SYN_RECEIVED (RFC 9293 §3.10.7.3).`,
    simSynAck: (p: { who: Side; peer: Side; own: string; isn: number; other: string; ack: number }): string =>
      `The ${p.who} answers the ${p.peer}'s SYN with a SYN-ACK: seq = ${p.own} = ${p.isn} (its own ISN again), ack = ${p.other}+1 = ${p.ack}. A side becomes ESTABLISHED when the other's SYN-ACK acknowledges its SYN.`,
    simNoListen: 'No side was in LISTEN: both opened actively; "client" here is just the side whose SYN the capture saw first.',
    midUnknown: 'What cannot be known without the SYNs: the initial sequence numbers (relative numbers start at 1 with the first segment seen), the options (MSS, window scale, SACK, timestamps), the handshake RTT, and which side opened the connection.',
    midRoles: (p: { port: number }): string => `The roles are a guess from the ports: the server is taken to be the side with port ${p.port}.`,
    midWindow: (p: { raw: number; frame: number }): string =>
      `Window scale unknown: ${fr(p.frame)} carries a raw window of ${p.raw}; if the handshake negotiated a scale, the real window is ${p.raw} × 2^scale, which the capture cannot tell.`,
    synNotCapturedUnknown: (p: { rtt: string }): string =>
      `What the missing SYN hides: the client's options (MSS, window scale, SACK, timestamps), so the client's windows stay unscaled raw values, and the full handshake RTT; only SYN-ACK to ACK was measured (${p.rtt}).`,
    synNotCapturedNoRtt: 'What the missing SYN hides: the client\'s options (MSS, window scale, SACK, timestamps), so the client\'s windows stay unscaled raw values, and the handshake RTT.',
    whyTitle: 'Why three steps?',
    why1: 'A SYN can wander in the network and arrive late, after its connection is long gone. If one SYN and its answer were enough, such a stale SYN would open a connection the client never asked for and tie up the server. With three steps the server waits for the client to acknowledge y+1, the ISN the server just chose: only a live client that received this SYN-ACK can do that. An old client answers a SYN-ACK it does not expect with a reset instead (RFC 9293 §3.5).',
    why2: 'And each side must learn the other\'s initial sequence number and have its own acknowledged: the client\'s SYN carries x and is acknowledged by x+1, the server\'s SYN carries y and is acknowledged by y+1. The server sends its SYN together with its ACK, so four messages fit in three segments.',
    whySimultaneous: 'Here each side sent its own SYN and acknowledged the other\'s in a separate SYN-ACK, so the same four messages took four segments.',
    resultTitle: 'Result',
    unknownTitle: 'What the capture cannot tell',
    notesTitle: 'Notes',
  },

  /** Teardown narrative. */
  td: {
    stepFin: (p: { from: string; to: string }): string => `FIN · ${p.from} → ${p.to}`,
    stepAck: (p: { from: string; to: string }): string => `ACK · ${p.from} → ${p.to}`,
    stepFinAck: (p: { from: string; to: string }): string => `FIN + ACK · ${p.from} → ${p.to}`,
    stepRst: (p: { from: string; to: string }): string => `RST · ${p.from} → ${p.to}`,
    stepData: (p: { from: string; to: string }): string => `Data after the FIN · ${p.from} → ${p.to}`,

    sum4: (p: { closer: Side }): string => `A four-segment close: the ${p.closer} closed first (FIN, ACK, FIN, ACK).`,
    sum3: (p: { closer: Side; other: Side }): string =>
      `A three-segment close: the ${p.closer} closed first, and the ${p.other}'s FIN carried the ACK of that FIN.`,
    sumSimultaneous: 'A simultaneous close: both sides sent a FIN before receiving the other\'s; the FINs crossed, and both went through CLOSING.',
    sumHalfClosed: (p: { closer: Side; other: Side }): string =>
      `Half-closed: the ${p.closer} sent a FIN, but the capture ends before the ${p.other} closed its direction.`,
    sumRst: (p: { who: Side; frame: number }): string =>
      `Reset: the ${p.who} ended the connection with RST (${fr(p.frame)}) instead of the FIN exchange.`,
    sumNotCaptured: (p: { frame: number; client: string; server: string }): string =>
      `No close was captured: no FIN and no RST. The connection was still open at the last captured segment (${fr(p.frame)}: client ${p.client}, server ${p.server}), or it closed after the capture stopped.`,
    sumNeverOpened: 'There is no teardown: the connection was never established (see the handshake).',

    fin1: (p: { who: Side; seq: number; raw: number; finSeq: number }): string =>
      `The ${p.who} has no more data to send and closes its direction: FIN with seq = ${p.seq} (raw ${p.raw}). The FIN occupies sequence number ${p.finSeq}.`,
    fin1Data: (p: { len: number }): string => `The same segment carries the last ${bytes(p.len)} of data.`,
    finRetrans: (p: { frames: number[] }): string => `The FIN was sent again in ${frs(p.frames)}.`,
    ackFin: (p: { who: Side; peer: Side; ack: number; finSeq: number; dt: string }): string =>
      `The ${p.who} acknowledges the ${p.peer}'s FIN: ack = ${p.finSeq}+1 = ${p.ack}, ${p.dt} after the FIN. The FIN consumed one sequence number, so its ACK is one past it.`,
    ackFinNotCaptured: (p: { peer: Side }): string => `No ACK of the ${p.peer}'s FIN was captured.`,
    closeWait: (p: { who: Side }): string =>
      `The ${p.who}'s application reads end-of-stream and may keep sending; it closes its own direction when it is done.`,
    halfClose: (p: { who: Side; peer: Side; bytes: number; n: number; frames: number[] }): string =>
      `Half-close in use: after the ${p.peer}'s FIN the ${p.who} still sent ${bytes(p.bytes)} in ${p.n === 1 ? 'one segment' : `${p.n} segments`} (${frs(p.frames)}), and the ${p.peer} acknowledged them: its receiving direction stays open until the ${p.who}'s own FIN.`,
    fin2: (p: { who: Side; seq: number; raw: number; finSeq: number; dt: string }): string =>
      `${p.dt} after the first FIN the ${p.who} closes too: FIN with seq = ${p.seq} (raw ${p.raw}), occupying sequence number ${p.finSeq}.`,
    fin2AlsoAcks: (p: { peer: Side; ack: number; finSeq: number }): string =>
      `It also acknowledges the ${p.peer}'s FIN (ack = ${p.finSeq}+1 = ${p.ack}), so the ${p.peer} goes from FIN_WAIT_1 straight to TIME_WAIT, skipping FIN_WAIT_2 (RFC 9293 §3.10.7.4).`,
    fin2Crossed: (p: { who: Side; peer: Side; ack: number; finSeq: number }): string =>
      `The ${p.who} sent it before the ${p.peer}'s FIN had arrived: its ack ${p.ack} does not cover that FIN (which would need ${p.finSeq + 1}). The FINs crossed (RFC 9293 §3.6, figure 13).`,
    lastAck: (p: { who: Side; peer: Side; ack: number; finSeq: number }): string =>
      `The ${p.who} acknowledges the ${p.peer}'s FIN: ack = ${p.finSeq}+1 = ${p.ack}. This last ACK closes the ${p.peer}'s side.`,
    halfOpenEnd: (p: { closer: Side; other: Side; cs: string; os: string }): string =>
      `The capture ends here: the ${p.closer} is in ${p.cs}, waiting for the ${p.other}'s FIN; the ${p.other} is in ${p.os} and may still send.`,
    rst: (p: { who: Side; seq: number; raw: number; ack: boolean; next: boolean }): string =>
      `The ${p.who} sends a reset: seq = ${p.seq} (raw ${p.raw})${p.ack ? ', with ACK' : ''}. ${p.next ? 'That is exactly its next sequence number, inside the receiver\'s window, so the receiver' : 'A receiver'} accepts a reset whose seq is in its window and drops the connection at once (RFC 9293 §3.10.7.4).`,
    rstWhy: 'A reset is an abortive close: no FIN handshake and no TIME_WAIT; data still queued or in flight is discarded, and the peer\'s application gets "connection reset by peer". Applications abort like this on errors, on timeouts, or when they close a socket with unread data (RFC 9293 §3.10.5; RFC 2525 §2.17).',
    rstAfterFin: 'The FINs before it had begun an orderly close; the reset cut it short.',
    timeWaitEntered: (p: { who: Side; frame: number }): string =>
      `The ${p.who} entered TIME_WAIT at ${fr(p.frame)}.`,
    timeWaitLeft: (p: { after: string }): string => `It left TIME_WAIT ${p.after} later (2·MSL expired), before the capture ended.`,
    timeWaitStill: (p: { left: string; hold: string }): string =>
      `The capture ends ${p.left} later, while it is still in TIME_WAIT (this analysis holds TIME_WAIT for ${p.hold}).`,
    rstTitle: 'Why a reset?',
    whyTitle: 'Why four steps?',
    why4: 'TCP is full duplex: each direction is a separate byte stream and is shut by its own FIN and its own ACK. A FIN only says "I will send no more"; the other side may go on sending until it closes its own direction too. Two FINs and two ACKs make four segments.',
    why4HalfClose: (p: { who: Side; bytes: number }): string =>
      `This capture shows it: the ${p.who} sent ${bytes(p.bytes)} after receiving the first FIN.`,
    why4Delay: (p: { other: Side; dt: string }): string =>
      `Here the ${p.other} had nothing more to send, but its application still took ${p.dt} to close, so its ACK and FIN went separately.`,
    why3: 'When the second side closes at once, its ACK of the first FIN can ride on its own FIN, and the close takes three segments; nothing in the protocol changes.',
    whySimultaneous: 'When both close at the same time each FIN is sent before the other arrives. Each side then receives a FIN while its own is unacknowledged (FIN_WAIT_1 → CLOSING) and goes to TIME_WAIT once its FIN is acknowledged: both sides end in TIME_WAIT.',
    timeWaitTitle: 'Why TIME_WAIT lasts 2·MSL',
    timeWait1: (p: { who: Side }): string =>
      `The ${p.who}, which closed first, waits in TIME_WAIT for twice the maximum segment lifetime (MSL) before forgetting the connection (RFC 9293 §3.10.7.4, §3.10.8). First, its last ACK may be lost: the peer would then resend its FIN, and only a side that still remembers the connection can acknowledge it again instead of answering with a reset.`,
    timeWait2: 'Second, old duplicate segments of this connection may still be in the network: waiting 2·MSL lets them die out, so they cannot be taken for data of a new connection on the same ports. RFC 9293 assumes MSL = 2 minutes (2·MSL = 4 min); Linux holds TIME_WAIT for 60 s.',
  },

  render: {
    steps: 'Steps',
    step: (p: { n: number; title: string }): string => `${p.n}. ${p.title}`,
    frameRef: (n: number): string => fr(n),
    frameSep: ', ',
  },
};

export type Messages = typeof en;
