import {
  ANALYSIS_NAMES, closeKind, endpointAddress, epochText, stateName, zeekView, type AnalysisSink, type CloseKind, type Diagnostic, type StateName, type TcpConnection,
} from '../core';
import type { DirectionState } from '../core/tcp/direction';
import { Output } from './output';
import { analyzeFile } from './segments';

export interface EndpointJson { ip: string; port: number }

export interface SideOptions {
  mss: number | null;
  wscale: number | null;
  sackPermitted: boolean;
  timestamps: boolean;
  ecn: boolean;
  tfo: boolean;
  /** Payload bytes carried on the SYN (TFO or plain data on SYN). */
  dataOnSyn: number;
}

export interface StateChangeJson { state: StateName; frame: number | null; time: string; rule: string; inferred: boolean }

/** One element of `wirelane conns --json` (docs/cli-json.md). */
export interface ConnJson {
  stream: number;
  client: EndpointJson;
  server: EndpointJson;
  /** Roles guessed from ports (no SYN / SYN-ACK captured). */
  rolesInferred: boolean;
  start: string;
  end: string;
  durationMs: number;
  packets: { c2s: number; s2c: number };
  /** Payload bytes by sequence space (each byte once, retransmissions not counted again). */
  bytes: { c2s: number; s2c: number };
  /** Payload bytes as sent: every segment's tcp.len, retransmissions included. */
  bytesSent: { c2s: number; s2c: number };
  /** Payload bytes present in the capture (less than sent when the snaplen cut packets). */
  bytesCaptured: { c2s: number; s2c: number };
  handshake: {
    synFrame: number | null; synAckFrame: number | null; ackFrame: number | null;
    isn: { client: number | null; server: number | null };
    /** tshark's iRTT: first SYN → the first non-SYN ACK, in ms. */
    rttMs: number | null;
    options: { client: SideOptions | null; server: SideOptions | null };
    synRetransmissions: number;
    simultaneousOpen: boolean;
    complete: boolean;
  };
  close: {
    kind: CloseKind; finClient: number | null; finServer: number | null; rst: number | null; rstFrom: 'client' | 'server' | null;
    /** Payload bytes each side sent after the other side's FIN (half-close in use when > 0). */
    bytesAfterPeerFin: { c2s: number; s2c: number };
  };
  /** Zeek's conn.log conn_state and history (checksums ignored, like `zeek -C`). */
  connState: string;
  history: string;
  states: { client: StateChangeJson[]; server: StateChangeJson[] };
  analysisCounts: Record<string, number>;
}

function sideOptions(d: DirectionState): SideOptions | null {
  if (d.synFrame === 0) return null;
  return {
    mss: d.mss >= 0 ? d.mss : null, wscale: d.synWscale >= 0 ? d.synWscale : null, sackPermitted: d.sackPermitted,
    timestamps: d.timestamps, ecn: d.ecnSetup, tfo: d.tfoCookie, dataOnSyn: d.dataOnSyn,
  };
}

const orNull = (n: number): number | null => (n === 0 ? null : n);

export function connJson(sink: AnalysisSink, c: TcpConnection): ConnJson {
  const ci = c.clientIndex;
  const cl = c.dirs[ci];
  const sv = c.dirs[1 - ci];
  const ep = (b: boolean): EndpointJson => ({ ip: endpointAddress(c, b), port: b ? c.portB : c.portA });
  const z = zeekView(c);
  const counts: Record<string, number> = {};
  ANALYSIS_NAMES.forEach((n, i) => { if (c.analysisCounts[i]) counts[n] = c.analysisCounts[i]; });
  const changes = (e: number): StateChangeJson[] => c.changes[e].map((x) => ({
    state: stateName(x.state), frame: orNull(x.frame), time: epochText(sink.tracker, x.time), rule: x.rule, inferred: x.inferred,
  }));
  return {
    stream: c.stream, client: ep(ci === 1), server: ep(ci === 0), rolesInferred: c.rolesInferred,
    start: epochText(sink.tracker, c.firstTime), end: epochText(sink.tracker, c.lastTime), durationMs: (c.lastTime - c.firstTime) / 1e6,
    packets: { c2s: cl.packets, s2c: sv.packets },
    bytes: { c2s: cl.sequenceBytes(), s2c: sv.sequenceBytes() },
    bytesSent: { c2s: cl.payloadBytes, s2c: sv.payloadBytes },
    bytesCaptured: { c2s: cl.capturedBytes, s2c: sv.capturedBytes },
    handshake: {
      synFrame: orNull(c.synFrame), synAckFrame: orNull(c.synAckFrame), ackFrame: orNull(c.handshakeAckFrame),
      isn: { client: cl.synFrame ? cl.isn : null, server: sv.synFrame ? sv.isn : null },
      rttMs: c.firstRtt ? c.firstRtt / 1e6 : null,
      options: { client: sideOptions(cl), server: sideOptions(sv) },
      synRetransmissions: Math.max(0, cl.bareSyns - 1),
      simultaneousOpen: c.simultaneousOpen,
      complete: c.synFrame !== 0 && c.synAckFrame !== 0 && c.handshakeAckFrame !== 0,
    },
    close: {
      kind: closeKind(c), finClient: orNull(cl.finFrame), finServer: orNull(sv.finFrame), rst: orNull(c.firstRstFrame),
      rstFrom: c.firstRstFrom < 0 ? null : c.firstRstFrom === ci ? 'client' : 'server',
      bytesAfterPeerFin: { c2s: c.bytesAfterPeerFin[ci], s2c: c.bytesAfterPeerFin[1 - ci] },
    },
    connState: z?.connState ?? '', history: z?.history ?? '',
    states: { client: changes(ci), server: changes(1 - ci) },
    analysisCounts: counts,
  };
}

export async function connsCommand(path: string, json: boolean): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const sink = await analyzeFile(path, diagnostics);
  const all = sink.tracker.connections.map((c) => connJson(sink, c));
  const out = new Output();
  if (json) out.line(JSON.stringify(all, null, 2));
  else {
    for (const c of all) {
      const probs = Object.entries(c.analysisCounts).map(([k, v]) => `${k}×${v}`).join(' ');
      out.line(`#${c.stream} ${c.client.ip}:${c.client.port} → ${c.server.ip}:${c.server.port}${c.rolesInferred ? ' (roles inferred)' : ''}`);
      out.line(`    ${c.packets.c2s + c.packets.s2c} packets, ${c.bytes.c2s} bytes →, ${c.bytes.s2c} bytes ←, ${c.durationMs.toFixed(3)} ms; handshake ${c.handshake.complete ? `complete, RTT ${c.handshake.rttMs?.toFixed(3)} ms` : 'not complete'}; close: ${c.close.kind}; zeek ${c.connState} ${c.history}${probs ? `; ${probs}` : ''}`);
      out.line(`    client: ${c.states.client.map((s) => s.state).join(' → ')}`);
      out.line(`    server: ${c.states.server.map((s) => s.state).join(' → ')}`);
    }
  }
  out.flush();
  return diagnostics;
}
