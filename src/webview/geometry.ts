/** Horizontal geometry of the swimlane for a given width. */
export const MIN_WIDTH = 720;
export const ARROW_TOP = 15;
export const ARROW_BOT = 28;
/** Approximate advance of one character of the 11px editor font in labels. */
export const CHAR_W = 6.7;

export interface Geometry {
  width: number;
  /** x of the client and server lanes. */
  xc: number;
  xs: number;
  mid: number;
}

export function geometry(width: number): Geometry {
  const w = Math.max(MIN_WIDTH, Math.floor(width));
  const xc = 214;
  const xs = w - 140;
  return { width: w, xc, xs, mid: (xc + xs) / 2 };
}
