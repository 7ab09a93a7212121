import type { CaptureSink, Diagnostic, Severity } from './types';

/**
 * Forwards diagnostics to the sink, at most `perCode` of each code, so a file with a
 * million bad records yields a readable report (plus one line saying how many were held back).
 */
export class DiagnosticReporter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly sink: CaptureSink, private readonly perCode = 50) {}

  report(severity: Severity, code: string, offset: number, message: string, frame?: number): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n > this.perCode && severity !== 'error') return;
    const d: Diagnostic = { severity, code, offset, message };
    if (frame !== undefined) d.frame = frame;
    this.sink.diagnostic?.(d);
  }

  /** Call at the end: one summary line per code whose reports were held back. */
  flushSuppressed(offset: number): void {
    for (const [code, n] of this.counts) {
      if (n > this.perCode) {
        this.sink.diagnostic?.({
          severity: 'info', code: 'diagnostics.suppressed', offset,
          message: `${n - this.perCode} more "${code}" diagnostics not shown (${n} in all)`,
        });
      }
    }
  }
}

export function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}
