import { statSync } from 'node:fs';
import { DecodingSink, formatEpoch, linktypeName, type CaptureInfo, type Diagnostic } from '../core';
import { Output } from './output';
import { packetJson } from './packetJson';
import { packetText } from './packetText';
import { readCaptureFile } from './readFile';

export class UsageError extends Error {}

/** Raised when the file could not be read at all (exit code 2). */
export class UnreadableError extends Error {}

function describeDiagnostic(d: Diagnostic): string {
  return `${d.severity}: offset ${d.offset}${d.frame !== undefined ? `, frame ${d.frame}` : ''}: ${d.message} [${d.code}]`;
}

/** A file is unreadable when the reader stopped before delivering a single packet. */
function assertReadable(path: string, info: CaptureInfo, diagnostics: Diagnostic[]): void {
  const fatal = diagnostics.find((d) => d.severity === 'error');
  if (fatal && info.packets === 0) throw new UnreadableError(`${path}: ${describeDiagnostic(fatal)}`);
}

export async function packetsCommand(path: string, ndjson: boolean): Promise<void> {
  const out = new Output();
  const diagnostics: Diagnostic[] = [];
  let pending: Diagnostic[] = [];
  const sink = new DecodingSink(
    (rec, p) => {
      const mine = pending.filter((d) => d.frame === rec.frame);
      pending = [];
      out.line(ndjson ? JSON.stringify(packetJson(rec, p, mine)) : packetText(rec, p));
    },
    (d) => {
      diagnostics.push(d);
      if (d.frame !== undefined) pending.push(d);
    },
  );
  const info = await readCaptureFile(path, sink);
  out.flush();
  assertReadable(path, info, diagnostics);
  for (const d of diagnostics) process.stderr.write(`wirelane: ${path}: ${describeDiagnostic(d)}\n`);
}

export interface InfoJson {
  file: string;
  fileSize: number;
  format: CaptureInfo['format'];
  gzip: boolean;
  nanosecond?: boolean;
  littleEndian?: boolean;
  version?: string;
  sections: CaptureInfo['sections'];
  interfaces: Array<CaptureInfo['interfaces'][number] & { linktypeName: string; packets: number }>;
  packets: number;
  tcpPackets: number;
  firstTime: string | null;
  lastTime: string | null;
  /** Seconds between the first and the last packet, with nine decimals. */
  duration: string | null;
  bytesRead: number;
  names: CaptureInfo['names'];
  comments: string[];
  blockCounts: Record<string, number>;
  interfaceStats: CaptureInfo['interfaceStats'];
  /** True when the whole file was read without an error. */
  complete: boolean;
  diagnostics: Diagnostic[];
}

export async function infoCommand(path: string, json: boolean): Promise<void> {
  const diagnostics: Diagnostic[] = [];
  const perIface: number[] = [];
  const sink = new DecodingSink((rec) => { perIface[rec.iface] = (perIface[rec.iface] ?? 0) + 1; }, (d) => diagnostics.push(d));
  const info = await readCaptureFile(path, sink);
  assertReadable(path, info, diagnostics);
  const c = sink.counts;
  const has = c.packets > 0;
  let duration: string | null = null;
  if (has) {
    let ds = c.lastSec - c.firstSec;
    let dn = c.lastNsec - c.firstNsec;
    if (dn < 0) { dn += 1e9; ds -= 1; }
    duration = formatEpoch(ds, dn);
  }
  const result: InfoJson = {
    file: path, fileSize: statSync(path).size, format: info.format, gzip: info.gzip,
    sections: info.sections,
    interfaces: info.interfaces.map((i) => ({ ...i, linktypeName: linktypeName(i.linktype), packets: perIface[i.id] ?? 0 })),
    packets: c.packets, tcpPackets: c.tcpPackets,
    firstTime: has ? formatEpoch(c.firstSec, c.firstNsec) : null,
    lastTime: has ? formatEpoch(c.lastSec, c.lastNsec) : null,
    duration, bytesRead: info.bytesRead, names: info.names, comments: info.comments,
    blockCounts: info.blockCounts, interfaceStats: info.interfaceStats,
    complete: !diagnostics.some((d) => d.severity === 'error'), diagnostics,
  };
  if (info.nanosecond !== undefined) result.nanosecond = info.nanosecond;
  if (info.littleEndian !== undefined) result.littleEndian = info.littleEndian;
  if (info.versionMajor !== undefined) result.version = `${info.versionMajor}.${info.versionMinor}`;
  const out = new Output();
  if (json) out.line(JSON.stringify(result, null, 2));
  else for (const l of infoText(result)) out.line(l);
  out.flush();
}

function infoText(r: InfoJson): string[] {
  const lines = [
    `File:            ${r.file}`,
    `Format:          ${r.format}${r.gzip ? ' (gzip-compressed)' : ''}${r.nanosecond ? ', nanosecond timestamps' : ''}${r.littleEndian === undefined ? '' : r.littleEndian ? ', little-endian' : ', big-endian'}`,
    `File size:       ${r.fileSize} bytes${r.gzip ? ` (${r.bytesRead} decompressed)` : ''}`,
    `Sections:        ${r.sections.length}`,
  ];
  for (const s of r.sections) {
    const app = [s.application, s.os, s.hardware].filter(Boolean).join(', ');
    if (app) lines.push(`  section ${s.index}: ${app}`);
  }
  lines.push(`Interfaces:      ${r.interfaces.length}`);
  for (const i of r.interfaces) {
    const unit = `${i.tsresolBase}^-${i.tsresolExponent} s`;
    lines.push(`  #${i.id} ${i.name ?? ''} link type ${i.linktype} (${i.linktypeName}), snaplen ${i.snaplen}, timestamps ${unit}${i.tsOffset ? `, offset ${i.tsOffset} s` : ''}, ${i.packets} packets`);
  }
  lines.push(
    `Packets:         ${r.packets}`,
    `TCP packets:     ${r.tcpPackets}`,
    `First packet:    ${r.firstTime ?? '-'}`,
    `Last packet:     ${r.lastTime ?? '-'}`,
    `Duration:        ${r.duration ?? '-'} s`,
  );
  if (r.names.length) lines.push(`Names:           ${r.names.length} resolved addresses`);
  for (const c of r.comments) lines.push(`Comment:         ${c}`);
  lines.push(`Complete:        ${r.complete ? 'yes' : 'no (reading stopped at an error)'}`);
  lines.push(`Diagnostics:     ${r.diagnostics.length}`);
  for (const d of r.diagnostics) lines.push(`  ${describeDiagnostic(d)}`);
  return lines;
}
