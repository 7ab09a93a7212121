/**
 * The RFC 9293 connection states of one endpoint, and the one function that moves an
 * endpoint from state to state when it sends or receives a segment.
 *
 * Vantage point: a capture is taken at one place, so each captured segment is treated as
 * both *sent* by its source and *received* by its destination at that frame's time (the
 * sender's transition is applied first). Segments lost between the capture point and the
 * receiver cannot be seen; this is the usual assumption of passive analysis.
 */
export const enum TcpState {
  Closed = 0,
  Listen = 1,
  SynSent = 2,
  SynReceived = 3,
  Established = 4,
  FinWait1 = 5,
  FinWait2 = 6,
  CloseWait = 7,
  Closing = 8,
  LastAck = 9,
  TimeWait = 10,
}

/** RFC 9293 §3.3.2 names, as printed everywhere (CLI, swimlane, explanations). */
export const STATE_NAMES = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2',
  'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
] as const;

export type StateName = (typeof STATE_NAMES)[number];

export function stateName(s: TcpState): StateName {
  return STATE_NAMES[s];
}

/** What happened to this endpoint. */
export const enum SegmentRole {
  Sent = 0,
  Received = 1,
}

/** The facts about one segment that the state machine needs. */
export interface SegmentFacts {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  /**
   * The segment acknowledges this endpoint's FIN (only meaningful when received):
   * SEG.ACK > the FIN's sequence number.
   */
  acksOurFin: boolean;
  /** The segment acknowledges this endpoint's SYN (SEG.ACK > ISS), when received. */
  acksOurSyn: boolean;
}

export interface Transition {
  to: TcpState;
  /** The RFC rule that applies, e.g. "RFC 9293 §3.10.7.3: SYN-ACK received in SYN-SENT". */
  rule: string;
}

/** Per-endpoint memory the rules need beyond the state itself. */
export interface EndpointMemory {
  /** Came from LISTEN (passive open): an RST in SYN-RECEIVED returns it to LISTEN (§3.10.7.4). */
  passive: boolean;
}

/**
 * The transition for one endpoint, or null when the segment leaves its state unchanged.
 * Rules follow RFC 9293 §3.10 (event processing); each carries its section.
 */
export function transition(state: TcpState, role: SegmentRole, seg: SegmentFacts, mem: EndpointMemory): Transition | null {
  if (role === SegmentRole.Sent) return sentTransition(state, seg);
  return receivedTransition(state, seg, mem);
}

function sentTransition(state: TcpState, seg: SegmentFacts): Transition | null {
  if (seg.rst) {
    // §3.10.5 ABORT: "send a reset segment ... delete the TCB, enter CLOSED state". An RST from
    // CLOSED/LISTEN answers an unacceptable segment (§3.10.7.1) and leaves the state as it is.
    if (state === TcpState.Closed || state === TcpState.Listen) return null;
    return { to: TcpState.Closed, rule: 'RFC 9293 §3.10.5: ABORT — sending RST deletes the TCB' };
  }
  if (seg.syn && !seg.ack) {
    if (state === TcpState.Closed) return { to: TcpState.SynSent, rule: 'RFC 9293 §3.10.1: active OPEN — SYN sent, enter SYN-SENT' };
    if (state === TcpState.Listen) return { to: TcpState.SynSent, rule: 'RFC 9293 §3.10.2: SEND in LISTEN — SYN sent, enter SYN-SENT' };
    return null; // a retransmitted SYN
  }
  if (seg.syn && seg.ack) {
    // A SYN-ACK is sent from SYN-RECEIVED (already entered on receiving the SYN).
    return null;
  }
  if (seg.fin) {
    switch (state) {
      case TcpState.Established:
      case TcpState.SynReceived:
        return { to: TcpState.FinWait1, rule: `RFC 9293 §3.10.4: CLOSE in ${state === TcpState.Established ? 'ESTABLISHED' : 'SYN-RECEIVED'} — FIN sent, enter FIN-WAIT-1` };
      case TcpState.CloseWait:
        return { to: TcpState.LastAck, rule: 'RFC 9293 §3.10.4: CLOSE in CLOSE-WAIT — FIN sent, enter LAST-ACK' };
      default:
        return null; // a retransmitted FIN
    }
  }
  return null;
}

function receivedTransition(state: TcpState, seg: SegmentFacts, mem: EndpointMemory): Transition | null {
  if (seg.rst) {
    switch (state) {
      case TcpState.SynSent:
        // §3.10.7.3: an RST with an acceptable ACK resets the connection.
        return seg.ack
          ? { to: TcpState.Closed, rule: 'RFC 9293 §3.10.7.3: RST with acceptable ACK in SYN-SENT — connection refused, enter CLOSED' }
          : null;
      case TcpState.SynReceived:
        return mem.passive
          ? { to: TcpState.Listen, rule: 'RFC 9293 §3.10.7.4: RST in SYN-RECEIVED after a passive OPEN — return to LISTEN' }
          : { to: TcpState.Closed, rule: 'RFC 9293 §3.10.7.4: RST in SYN-RECEIVED after an active OPEN — connection refused, enter CLOSED' };
      case TcpState.Established: case TcpState.FinWait1: case TcpState.FinWait2: case TcpState.CloseWait:
        return { to: TcpState.Closed, rule: 'RFC 9293 §3.10.7.4: RST in a synchronized state — connection reset, enter CLOSED' };
      case TcpState.Closing: case TcpState.LastAck: case TcpState.TimeWait:
        return { to: TcpState.Closed, rule: 'RFC 9293 §3.10.7.4: RST in CLOSING, LAST-ACK or TIME-WAIT — enter CLOSED' };
      default:
        return null;
    }
  }
  if (seg.syn) {
    switch (state) {
      case TcpState.Listen:
        if (!seg.ack) return { to: TcpState.SynReceived, rule: 'RFC 9293 §3.10.7.2: SYN in LISTEN — enter SYN-RECEIVED' };
        return null;
      case TcpState.Closed:
        // A SYN reaching an endpoint we saw no LISTEN for: it is evidently listening (inferred).
        if (!seg.ack) return { to: TcpState.SynReceived, rule: 'RFC 9293 §3.10.7.2: SYN received (LISTEN inferred) — enter SYN-RECEIVED' };
        return null;
      case TcpState.SynSent:
        if (seg.ack && seg.acksOurSyn) return { to: TcpState.Established, rule: 'RFC 9293 §3.10.7.3: SYN-ACK acknowledging our SYN in SYN-SENT — enter ESTABLISHED' };
        if (!seg.ack) return { to: TcpState.SynReceived, rule: 'RFC 9293 §3.10.7.3: SYN without ACK in SYN-SENT (simultaneous open) — enter SYN-RECEIVED' };
        return null;
      case TcpState.SynReceived:
        if (seg.ack && seg.acksOurSyn) return { to: TcpState.Established, rule: 'RFC 9293 §3.10.7.4: SYN-ACK acknowledging our SYN in SYN-RECEIVED (simultaneous open) — enter ESTABLISHED' };
        return null;
      default:
        return null; // a duplicate SYN in a synchronized state is answered with an ACK (§3.10.7.4)
    }
  }
  let s = state;
  let rule: string | null = null;
  // §3.10.7.4, fifth check: the ACK field.
  if (seg.ack) {
    if (s === TcpState.SynReceived && seg.acksOurSyn) {
      s = TcpState.Established;
      rule = 'RFC 9293 §3.10.7.4: ACK of our SYN in SYN-RECEIVED — enter ESTABLISHED';
    } else if (s === TcpState.FinWait1 && seg.acksOurFin) {
      s = TcpState.FinWait2;
      rule = 'RFC 9293 §3.10.7.4: ACK of our FIN in FIN-WAIT-1 — enter FIN-WAIT-2';
    } else if (s === TcpState.Closing && seg.acksOurFin) {
      s = TcpState.TimeWait;
      rule = 'RFC 9293 §3.10.7.4: ACK of our FIN in CLOSING — enter TIME-WAIT';
    } else if (s === TcpState.LastAck && seg.acksOurFin) {
      s = TcpState.Closed;
      rule = 'RFC 9293 §3.10.7.4: ACK of our FIN in LAST-ACK — delete the TCB, enter CLOSED';
    }
  }
  // §3.10.7.4, eighth check: the FIN bit.
  if (seg.fin) {
    switch (s) {
      case TcpState.SynReceived: case TcpState.Established:
        s = TcpState.CloseWait;
        rule = 'RFC 9293 §3.10.7.4: FIN received in ' + (state === TcpState.SynReceived ? 'SYN-RECEIVED' : 'ESTABLISHED') + ' — enter CLOSE-WAIT';
        break;
      case TcpState.FinWait1:
        s = TcpState.Closing;
        rule = 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-1 before our FIN was ACKed (simultaneous close) — enter CLOSING';
        break;
      case TcpState.FinWait2:
        s = TcpState.TimeWait;
        rule = state === TcpState.FinWait1
          ? 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-1 that also ACKs our FIN — enter TIME-WAIT'
          : 'RFC 9293 §3.10.7.4: FIN received in FIN-WAIT-2 — enter TIME-WAIT, start the 2·MSL timer';
        break;
      default:
        break; // CLOSE-WAIT, CLOSING, LAST-ACK stay; TIME-WAIT restarts its timer
    }
  }
  return rule === null || s === state ? null : { to: s, rule };
}

/** TIME-WAIT ends after 2·MSL (RFC 9293 §3.10.8 "Timeouts": time-wait timeout). */
export const TIME_WAIT_RULE = 'RFC 9293 §3.10.8: the 2·MSL time-wait timeout expired — delete the TCB, enter CLOSED';
