/**
 * Where each frame's record lies in the (decompressed) file, so a view can show one packet's
 * full headers and bytes without keeping them: 10 bytes per frame, apart from the segment model.
 */
export class FrameIndex {
  length = 0;
  offset: Float64Array;
  iface: Uint16Array;

  constructor(capacity = 1024) {
    this.offset = new Float64Array(Math.max(16, capacity));
    this.iface = new Uint16Array(Math.max(16, capacity));
  }

  add(offset: number, iface: number): void {
    if (this.length === this.offset.length) {
      const o = new Float64Array(this.length * 2);
      o.set(this.offset);
      this.offset = o;
      const i = new Uint16Array(this.length * 2);
      i.set(this.iface);
      this.iface = i;
    }
    this.offset[this.length] = offset;
    this.iface[this.length] = iface;
    this.length++;
  }
}
