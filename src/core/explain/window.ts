import type { ConnView } from './context';
import type { Messages } from './messages';

/**
 * The advertised window in bytes and how it was computed: the raw field times 2^shift, where the
 * shift is the one the sender announced on its own SYN (RFC 7323 §2.2: it applies to windows that
 * side sends, never to a SYN's own window). Null for a reset, whose window means nothing.
 */
export function windowParagraph(v: ConnView, i: number, m: Messages): string | null {
  if (v.rst(i)) return null;
  const e = v.sender(i);
  const who = v.side(e);
  const raw = v.winRaw(i);
  const bytes = v.winBytes(i);
  if (v.syn(i)) return m.win.syn({ win: raw });
  const scale = v.c.dirs[e].winScale;
  // The row's own numbers say which factor was in effect for it; the final scale is the fallback.
  if (raw > 0 && bytes !== raw) {
    const shift = Math.round(Math.log2(bytes / raw));
    return m.win.scaled({ bytes, raw, factor: 2 ** shift, shift, who });
  }
  if (scale >= 0) {
    const shift = raw > 0 ? 0 : scale;
    return m.win.scaled({ bytes, raw, factor: 2 ** shift, shift, who });
  }
  if (scale === -2) return m.win.off({ win: raw, who });
  return m.win.unknown({ raw, who });
}
