import { DirectionState } from './direction';
import type { FlowEndpoints } from './flowTable';
import { TcpState } from './state';
import type { ZeekConnection } from './zeek';

/** How a connection ended (or did not). */
export type CloseKind =
  | 'fin-4way' | 'fin-3way' | 'fin-simultaneous' | 'half-closed'
  | 'rst-client' | 'rst-server' | 'rejected' | 'unanswered' | 'open';

/** One state change of one endpoint. */
export interface StateChange {
  state: TcpState;
  /** Frame that caused it; 0 for the TIME-WAIT timeout (no segment). */
  frame: number;
  /** Nanoseconds since the capture's first packet. */
  time: number;
  rule: string;
  /** Deduced rather than seen (a LISTEN before the SYN, ESTABLISHED at a mid-stream start). */
  inferred: boolean;
}

/**
 * One TCP connection: the small per-connection record beside the per-segment columns.
 * Endpoint A is the source of the connection's first captured packet; `clientIsA` says
 * whether A is the client once the roles are known.
 */
export class TcpConnection implements FlowEndpoints {
  readonly dirs: [DirectionState, DirectionState] = [new DirectionState(), new DirectionState()];
  /** Current RFC 9293 state of endpoint A [0] and B [1]. */
  readonly state: [TcpState, TcpState] = [TcpState.Closed, TcpState.Closed];
  readonly passive: [boolean, boolean] = [false, false];
  readonly changes: [StateChange[], StateChange[]] = [[], []];
  /** Time (ns) each endpoint entered TIME-WAIT, or -1. */
  readonly timeWaitSince: [number, number] = [-1, -1];

  clientIsA = true;
  rolesInferred = true;
  simultaneousOpen = false;
  /** Handshake frames (0 = not seen). */
  synFrame = 0;
  synAckFrame = 0;
  handshakeAckFrame = 0;
  /** Handshake RTT (first SYN → the ACK completing the handshake), ns; 0 unknown. */
  firstRtt = 0;
  synAckTime = 0;
  firstFrame = 0;
  /** Segment-table row of the connection's first segment. */
  firstRow = -1;
  lastFrame = 0;
  firstTime = 0;
  lastTime = 0;
  packets = 0;
  /** Count of each analysis flag (bit i ↔ ANALYSIS_NAMES[i]). */
  readonly analysisCounts = new Uint32Array(16);
  /** Frame of the first RST and who sent it (0 = A, 1 = B). */
  firstRstFrame = 0;
  firstRstFrom = -1;
  /** Frames of the first FIN from A and from B. */
  readonly finFrames: [number, number] = [0, 0];
  /** Payload bytes each side (A [0], B [1]) sent after the other side's FIN: a half-close in use. */
  readonly bytesAfterPeerFin: [number, number] = [0, 0];
  /**
   * Corrections to the states recorded in segment rows, found later (crossing SYNs or FINs, a
   * refused or unanswered SYN): endpoint `e` was in `state` for frames fromFrame..toFrame.
   * Kept here rather than rewriting rows, so a correction costs O(1) however busy the capture.
   */
  stateOverrides: Array<{ e: number; fromFrame: number; toFrame: number; state: TcpState }> | null = null;
  /** Zeek's view of the connection (conn_state, history), when enabled. */
  zeek: ZeekConnection | null = null;
  /** An endpoint passed through CLOSING (both FINs crossed). */
  sawClosing = false;
  /** An endpoint went FIN-WAIT-1 → TIME-WAIT directly (the peer's FIN carried the ACK of ours). */
  sawThreeWayClose = false;

  constructor(
    readonly stream: number,
    readonly ipVersion: number,
    readonly addrA: Uint8Array,
    readonly addrB: Uint8Array,
    readonly portA: number,
    readonly portB: number,
  ) {}

  /** 0 when endpoint A is the client, 1 when B is. */
  get clientIndex(): number {
    return this.clientIsA ? 0 : 1;
  }
}
