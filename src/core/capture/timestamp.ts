/**
 * Exact conversion of pcapng's 64-bit timestamp (in units of base^-exp seconds) into integer
 * seconds and nanoseconds. A JS number holds integers exactly only up to 2^53, and a
 * nanosecond timestamp of today is ~1.8e18, so the 64-bit value is divided limb by limb
 * (16 bits at a time keeps every intermediate below 2^53 for divisors up to 10^9).
 */
export interface SecNsec {
  sec: number;
  nsec: number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

export function timestampToSecNsec(hi: number, lo: number, base: 10 | 2, exp: number, out: SecNsec): void {
  if (base === 10 && exp <= 9) {
    const d = POW10[exp];
    if (hi < 0x200000) { // below 2^53: one exact division (µs timestamps of this century)
      const t = hi * 4294967296 + lo;
      const sec = Math.floor(t / d);
      out.sec = sec;
      out.nsec = (t - sec * d) * POW10[9 - exp];
      return;
    }
    let q = 0;
    let r = 0;
    const limbs0 = hi >>> 16, limbs1 = hi & 0xffff, limbs2 = lo >>> 16, limbs3 = lo & 0xffff;
    let cur = limbs0; let digit = Math.floor(cur / d); r = cur - digit * d; q = digit;
    cur = r * 65536 + limbs1; digit = Math.floor(cur / d); r = cur - digit * d; q = q * 65536 + digit;
    cur = r * 65536 + limbs2; digit = Math.floor(cur / d); r = cur - digit * d; q = q * 65536 + digit;
    cur = r * 65536 + limbs3; digit = Math.floor(cur / d); r = cur - digit * d; q = q * 65536 + digit;
    out.sec = q;
    out.nsec = r * POW10[9 - exp];
    return;
  }
  if (base === 2 && exp <= 20 && hi < 0x200000) {
    const t = hi * 4294967296 + lo; // < 2^53: exact
    const unit = 2 ** exp;
    const sec = Math.floor(t / unit);
    out.sec = sec;
    out.nsec = Math.floor(((t - sec * unit) * 1e9) / unit);
    return;
  }
  // Rare resolutions (finer than 1 ns, or coarse binary fractions of huge values): BigInt.
  const t = (BigInt(hi) << 32n) | BigInt(lo);
  const unit = base === 10 ? 10n ** BigInt(exp) : 1n << BigInt(exp);
  const sec = t / unit;
  out.sec = Number(sec);
  out.nsec = Number(((t - sec * unit) * 1_000_000_000n) / unit);
}

/** "sec.nnnnnnnnn" — all nine digits, exactly. */
export function formatEpoch(sec: number, nsec: number): string {
  const frac = String(nsec);
  return `${sec}.${'000000000'.slice(frac.length)}${frac}`;
}
