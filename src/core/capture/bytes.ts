/** Unsigned integers from capture bytes in either byte order (capture headers carry their own). */
export function readU32(b: Uint8Array, o: number, le: boolean): number {
  return le
    ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
    : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export function readU16(b: Uint8Array, o: number, le: boolean): number {
  return le ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1];
}

/** Lowercase hex of bytes [from, to), no separators. */
export function hexBytes(d: Uint8Array, from = 0, to = d.length): string {
  let s = '';
  for (let i = from; i < to; i++) s += (d[i] < 16 ? '0' : '') + d[i].toString(16);
  return s;
}

/** The parts one after another in one new array (the only part itself when there is one). */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
