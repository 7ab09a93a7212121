/** Text formatting of numbers, times and TCP flags for the views. */

const FLAG_NAMES: Record<string, string> = { N: 'NS', C: 'CWR', E: 'ECE', U: 'URG', A: 'ACK', P: 'PSH', R: 'RST', S: 'SYN', F: 'FIN' };

/** "AS" (header order N C E U A P R S F) → "SYN, ACK" (Wireshark's order: low bit first). */
export function flagsText(letters: string): string {
  if (!letters) return 'no flags';
  const out: string[] = [];
  for (let i = letters.length - 1; i >= 0; i--) out.push(FLAG_NAMES[letters[i]] ?? letters[i]);
  return out.join(', ');
}

/** A duration in ns as a short human text: "16 µs", "50.1 ms", "1.250 s", "2 min 5 s". */
export function durationText(ns: number): string {
  const a = Math.abs(ns);
  if (a < 1e3) return `${ns} ns`;
  if (a < 1e6) return `${trim(ns / 1e3, 1)} µs`;
  if (a < 1e9) return `${trim(ns / 1e6, 1)} ms`;
  if (a < 120e9) return `${trim(ns / 1e9, 3)} s`;
  const s = Math.round(ns / 1e9);
  if (s < 7200) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

function trim(v: number, digits: number): string {
  return v.toFixed(digits).replace(/\.?0+$/, '');
}

/** Seconds with µs precision: "0.050123". */
export function secondsText(ns: number): string {
  return (ns / 1e9).toFixed(6);
}

export function intText(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${trim(n / 1024, 1)} KiB`;
  if (n < 1024 ** 3) return `${trim(n / 1024 ** 2, 1)} MiB`;
  return `${trim(n / 1024 ** 3, 2)} GiB`;
}

/** `ip:port`, with brackets around IPv6 addresses. */
export function endpointText(e: { ip: string; port: number }): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}

/** A hex dump with offsets: "0000  45 00 00 3c …  E..<" (16 bytes a line). */
export function hexDump(hex: string): string {
  const lines: string[] = [];
  const n = hex.length >> 1;
  for (let o = 0; o < n; o += 16) {
    let h = '';
    let a = '';
    for (let i = 0; i < 16; i++) {
      if (o + i < n) {
        const byte = parseInt(hex.substr((o + i) * 2, 2), 16);
        h += hex.substr((o + i) * 2, 2) + ' ';
        a += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
      } else {
        h += '   ';
      }
      if (i === 7) h += ' ';
    }
    lines.push(`${o.toString(16).padStart(4, '0')}  ${h} ${a}`);
  }
  return lines.join('\n');
}
