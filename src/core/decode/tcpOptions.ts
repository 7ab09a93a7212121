import { hexBytes } from '../capture/bytes';
import { OptBit, type DecodedPacket, type TcpOption } from './types';

/** TCP option kinds (IANA "TCP Option Kind Numbers"). */
export const enum OptKind {
  Eol = 0, Nop = 1, Mss = 2, WScale = 3, SackPerm = 4, Sack = 5, Timestamps = 8,
  Mptcp = 30, Tfo = 34, AccEcn0 = 172, AccEcn1 = 174,
}

const MPTCP_SUBTYPES = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'];

export function mptcpSubtypeName(subtype: number): string {
  if (subtype === 0xf) return 'MP_EXPERIMENTAL';
  return MPTCP_SUBTYPES[subtype] ?? `subtype ${subtype}`;
}

/** Fixed lengths the RFCs give (RFC 9293 §3.2, RFC 7323, RFC 2018). */
function fixedLength(kind: number): number {
  switch (kind) {
    case OptKind.Mss: return 4;
    case OptKind.WScale: return 3;
    case OptKind.SackPerm: return 2;
    case OptKind.Timestamps: return 10;
    default: return 0;
  }
}

function u32(d: Uint8Array, o: number): number {
  return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
}

/**
 * Hot path: pulls the values the analysis needs (MSS, window scale, SACK-permitted,
 * SACK block count, timestamps) into the reused packet without allocating.
 * Returns false when the option list is malformed (what came before is kept).
 */
export function scanTcpOptions(d: Uint8Array, i: number, end: number, p: DecodedPacket): boolean {
  while (i < end) {
    const kind = d[i];
    if (kind === OptKind.Eol) return true;
    if (kind === OptKind.Nop) { i++; continue; }
    if (i + 1 >= end) return false;
    const len = d[i + 1];
    if (len < 2 || i + len > end) return false;
    const fixed = fixedLength(kind);
    if (fixed !== 0 && len !== fixed) return false;
    switch (kind) {
      case OptKind.Mss: p.mss = (d[i + 2] << 8) | d[i + 3]; p.optMask |= OptBit.Mss; break;
      case OptKind.WScale: p.wscale = d[i + 2]; p.optMask |= OptBit.WScale; break;
      case OptKind.SackPerm: p.optMask |= OptBit.SackPerm; break;
      case OptKind.Sack: {
        p.sackBlocks = (len - 2) >> 3;
        p.optMask |= OptBit.Sack;
        let span = 0;
        for (let b = 0; b < p.sackBlocks && b < 3; b++) span += (u32(d, i + 6 + 8 * b) - u32(d, i + 2 + 8 * b)) >>> 0;
        p.sackSpan = span >>> 0;
        break;
      }
      case OptKind.Timestamps: p.tsVal = u32(d, i + 2); p.tsEcr = u32(d, i + 6); p.optMask |= OptBit.Timestamps; break;
      case OptKind.Tfo: p.optMask |= OptBit.Tfo; break;
      case OptKind.Mptcp: p.optMask |= OptBit.Mptcp; break;
      case OptKind.AccEcn0: case OptKind.AccEcn1: p.optMask |= OptBit.AccEcn; break;
      default: p.optMask |= OptBit.Other;
    }
    i += len;
  }
  return true;
}

/** Every option as an object, for display and the CLI (allocates; not for the hot path). */
export function decodeTcpOptions(d: Uint8Array, i: number, end: number): TcpOption[] {
  const out: TcpOption[] = [];
  while (i < end) {
    const kind = d[i];
    if (kind === OptKind.Eol) { out.push({ kind: 0, name: 'eol' }); break; }
    if (kind === OptKind.Nop) { out.push({ kind: 1, name: 'nop' }); i++; continue; }
    if (i + 1 >= end) {
      out.push({ kind, name: 'malformed', length: end - i, problem: `option ${kind} has no length byte` });
      break;
    }
    const len = d[i + 1];
    if (len < 2) {
      out.push({ kind, name: 'malformed', length: len, problem: `option ${kind} has length ${len} (at least 2)` });
      break;
    }
    if (i + len > end) {
      out.push({ kind, name: 'malformed', length: len, problem: `option ${kind} of length ${len} runs ${i + len - end} byte(s) past the header` });
      break;
    }
    const fixed = fixedLength(kind);
    if (fixed !== 0 && len !== fixed) {
      out.push({ kind, name: 'malformed', length: len, problem: `option ${kind} must be ${fixed} bytes long, not ${len}` });
      i += len;
      continue;
    }
    switch (kind) {
      case OptKind.Mss: out.push({ kind: 2, name: 'mss', mss: (d[i + 2] << 8) | d[i + 3] }); break;
      case OptKind.WScale: {
        const shift = d[i + 2];
        // RFC 7323 §2.3: shifts above 14 are treated as 14.
        out.push({ kind: 3, name: 'wscale', shift, multiplier: 2 ** Math.min(shift, 14) });
        break;
      }
      case OptKind.SackPerm: out.push({ kind: 4, name: 'sack_perm' }); break;
      case OptKind.Sack: {
        const blocks: Array<[number, number]> = [];
        for (let b = i + 2; b + 8 <= i + len; b += 8) blocks.push([u32(d, b), u32(d, b + 4)]);
        out.push({ kind: 5, name: 'sack', blocks });
        break;
      }
      case OptKind.Timestamps: out.push({ kind: 8, name: 'timestamp', tsval: u32(d, i + 2), tsecr: u32(d, i + 6) }); break;
      case OptKind.Tfo: out.push({ kind: 34, name: 'tfo', cookie: hexBytes(d, i + 2, i + len) }); break;
      case OptKind.Mptcp: {
        const subtype = len > 2 ? d[i + 2] >> 4 : -1;
        out.push({ kind: 30, name: 'mptcp', subtype, subtypeName: mptcpSubtypeName(subtype), length: len, data: hexBytes(d, i + 2, i + len) });
        break;
      }
      default: {
        const name = kind === OptKind.AccEcn0 ? 'accecn0' : kind === OptKind.AccEcn1 ? 'accecn1' : kind === 254 || kind === 253 ? 'experimental' : 'unknown';
        out.push({ kind, name, length: len, data: hexBytes(d, i + 2, i + len) });
      }
    }
    i += len;
  }
  return out;
}
