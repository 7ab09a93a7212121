/**
 * Hand-made capture bytes for unit tests: pcap and pcapng files (every block type, any byte
 * order, lying length fields on demand) and the packets inside them (Ethernet, VLAN, cooked
 * headers, IPv4 with a correct header checksum, IPv6 with extension headers, TCP with options).
 *
 * Everything returns plain `Uint8Array`s; builders return the byte offset of what they append
 * so tests can assert the `offset` of diagnostics and records.
 */

const utf8 = new TextEncoder();

export type ByteSource = Uint8Array | readonly number[] | string;

/** A string is UTF-8 encoded; arrays of numbers are bytes. */
export function bytesOf(src: ByteSource): Uint8Array {
  if (typeof src === 'string') return utf8.encode(src);
  return src instanceof Uint8Array ? src : Uint8Array.from(src);
}

export function concat(...parts: ByteSource[]): Uint8Array {
  const arrays = parts.map(bytesOf);
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) { out.set(a, o); o += a.length; }
  return out;
}

/** `n` bytes of a recognisable pattern (i & 0xff + seed). */
export function filler(n: number, seed = 0): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i + seed) & 0xff;
  return out;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

/** Growable byte writer with a chosen byte order. */
export class Writer {
  private buf = new Uint8Array(256);
  length = 0;

  constructor(public le = true) {}

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length;
    while (cap < this.length + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    const b = this.buf;
    const o = this.length;
    if (this.le) { b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff; } else { b[o] = (v >>> 8) & 0xff; b[o + 1] = v & 0xff; }
    this.length += 2;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    const b = this.buf;
    const o = this.length;
    v >>>= 0;
    if (this.le) {
      b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff; b[o + 2] = (v >>> 16) & 0xff; b[o + 3] = v >>> 24;
    } else {
      b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 0xff; b[o + 2] = (v >>> 8) & 0xff; b[o + 3] = v & 0xff;
    }
    this.length += 4;
    return this;
  }

  /** 64-bit unsigned (or two's complement for negatives) in the writer's byte order. */
  u64(v: bigint): this {
    const x = BigInt.asUintN(64, v);
    const hi = Number(x >> 32n);
    const lo = Number(x & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }

  bytes(src: ByteSource): this {
    const a = bytesOf(src);
    this.room(a.length);
    this.buf.set(a, this.length);
    this.length += a.length;
    return this;
  }

  /** Zero bytes up to the next multiple of 4. */
  pad4(): this {
    while (this.length % 4 !== 0) this.u8(0);
    return this;
  }

  build(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/* ------------------------------------------------------------------------------ pcap */

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

export interface PcapHeaderSpec {
  le?: boolean;
  nano?: boolean;
  /** Overrides the magic word (written in the file's byte order). */
  magic?: number;
  versionMajor?: number;
  versionMinor?: number;
  snaplen?: number;
  /** The whole link-type word (FCS bits included). */
  linktype?: number;
}

export interface PcapRecordSpec {
  tsSec?: number;
  /** µs or ns depending on the file's magic. */
  tsFrac?: number;
  data: ByteSource;
  /** Original length (default: data length). */
  wirelen?: number;
  /** Value written in the captured-length field (default: data length) — lie with it. */
  caplen?: number;
}

export function pcapHeader(spec: PcapHeaderSpec = {}): Uint8Array {
  const w = new Writer(spec.le ?? true);
  w.u32(spec.magic ?? (spec.nano ? PCAP_MAGIC_NS : PCAP_MAGIC_US));
  w.u16(spec.versionMajor ?? 2).u16(spec.versionMinor ?? 4);
  w.u32(0).u32(0); // thiszone, sigfigs
  w.u32(spec.snaplen ?? 65535);
  w.u32(spec.linktype ?? 1);
  return w.build();
}

export function pcapRecord(rec: PcapRecordSpec, le = true): Uint8Array {
  const data = bytesOf(rec.data);
  const w = new Writer(le);
  w.u32(rec.tsSec ?? 0).u32(rec.tsFrac ?? 0);
  w.u32(rec.caplen ?? data.length).u32(rec.wirelen ?? data.length);
  w.bytes(data);
  return w.build();
}

/** Builds a classic pcap file; `record()` returns the record's byte offset. */
export class PcapBuilder {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  readonly le: boolean;
  /** Offsets of the records appended with `record()`, in order. */
  readonly offsets: number[] = [];

  constructor(readonly spec: PcapHeaderSpec = {}) {
    this.le = spec.le ?? true;
    this.raw(pcapHeader(spec));
  }

  record(rec: PcapRecordSpec): number {
    const at = this.size;
    this.offsets.push(at);
    this.raw(pcapRecord(rec, this.le));
    return at;
  }

  /** Append arbitrary bytes; returns their offset. */
  raw(bytes: ByteSource): number {
    const at = this.size;
    const b = bytesOf(bytes);
    this.parts.push(b);
    this.size += b.length;
    return at;
  }

  get length(): number {
    return this.size;
  }

  bytes(): Uint8Array {
    return concat(...this.parts);
  }
}

export function pcapFile(spec: PcapHeaderSpec & { records?: PcapRecordSpec[] } = {}): Uint8Array {
  const b = new PcapBuilder(spec);
  for (const r of spec.records ?? []) b.record(r);
  return b.bytes();
}

/* ----------------------------------------------------------------------------- pcapng */

export const BT = {
  SHB: 0x0a0d0d0a, IDB: 1, PB: 2, SPB: 3, NRB: 4, ISB: 5, EPB: 6, DSB: 0x0a, CUSTOM: 0xbad, CUSTOM_NOCOPY: 0x40000bad,
} as const;

export interface Option {
  code: number;
  value: ByteSource;
}

export function opt(code: number, value: ByteSource): Option {
  return { code, value };
}

/** if_tsresol option value: `10^-exp` or (base 2) `2^-exp`. */
export function tsresol(exp: number, base: 10 | 2 = 10): Option {
  return opt(9, [base === 2 ? 0x80 | exp : exp]);
}

/** Encodes an option list (with opt_endofopt) in the given byte order; empty list → no bytes. */
export function optionList(options: readonly Option[] | undefined, le: boolean, endOfOpt = true): Uint8Array {
  if (!options || options.length === 0) return new Uint8Array(0);
  const w = new Writer(le);
  for (const o of options) {
    const v = bytesOf(o.value);
    w.u16(o.code).u16(v.length).bytes(v).pad4();
  }
  if (endOfOpt) w.u16(0).u16(0);
  return w.build();
}

/** An 8-byte option value for a 64-bit number in the section's byte order. */
export function u64Value(v: bigint, le: boolean): Uint8Array {
  return new Writer(le).u64(v).build();
}

export interface BlockLies {
  /** Leading total length to write instead of the true one. */
  totalLength?: number;
  /** Trailing total length to write instead of the true one. */
  trailerLength?: number;
}

/** A generic pcapng block: type, total length, body padded to 4, trailing total length. */
export function pcapngBlock(type: number, body: ByteSource, le = true, lies: BlockLies = {}): Uint8Array {
  const b = bytesOf(body);
  const padded = (b.length + 3) & ~3;
  const total = 12 + padded;
  const w = new Writer(le);
  w.u32(type).u32(lies.totalLength ?? total).bytes(b).pad4().u32(lies.trailerLength ?? total);
  return w.build();
}

export interface ShbSpec extends BlockLies {
  le?: boolean;
  versionMajor?: number;
  versionMinor?: number;
  /** Byte-order magic (default 0x1a2b3c4d). */
  bom?: number;
  sectionLength?: bigint;
  options?: Option[];
  comments?: string[];
  hardware?: string;
  os?: string;
  application?: string;
}

export function shb(spec: ShbSpec = {}): Uint8Array {
  const le = spec.le ?? true;
  const options = [...(spec.options ?? [])];
  for (const c of spec.comments ?? []) options.push(opt(1, c));
  if (spec.hardware !== undefined) options.push(opt(2, spec.hardware));
  if (spec.os !== undefined) options.push(opt(3, spec.os));
  if (spec.application !== undefined) options.push(opt(4, spec.application));
  const w = new Writer(le);
  w.u32(spec.bom ?? 0x1a2b3c4d).u16(spec.versionMajor ?? 1).u16(spec.versionMinor ?? 0);
  w.u64(spec.sectionLength ?? -1n);
  w.bytes(optionList(options, le));
  return pcapngBlock(BT.SHB, w.build(), le, spec);
}

export interface IdbSpec extends BlockLies {
  linktype?: number;
  snaplen?: number;
  options?: Option[];
  name?: string;
  description?: string;
  comments?: string[];
  /** if_tsresol exponent (base 10 unless `tsresolBase` is 2). */
  tsresol?: number;
  tsresolBase?: 10 | 2;
  /** if_tsoffset in seconds. */
  tsoffset?: bigint;
  fcslen?: number;
}

export interface EpbSpec extends BlockLies {
  iface?: number;
  /** Timestamp in interface units (64 bits); or give tsHigh/tsLow. */
  ts?: bigint;
  tsHigh?: number;
  tsLow?: number;
  data: ByteSource;
  wirelen?: number;
  /** Value written in the captured-length field (default: data length). */
  caplen?: number;
  comments?: string[];
  flags?: number;
  options?: Option[];
}

export interface SpbSpec extends BlockLies {
  data: ByteSource;
  wirelen?: number;
}

export interface PbSpec extends BlockLies {
  iface?: number;
  drops?: number;
  ts?: bigint;
  data: ByteSource;
  wirelen?: number;
  caplen?: number;
  options?: Option[];
}

export interface NrbEntry {
  /** 1 = IPv4, 2 = IPv6, or any record type. */
  type: number;
  address: readonly number[];
  names: string[];
}

export interface IsbSpec extends BlockLies {
  iface?: number;
  ts?: bigint;
  received?: bigint;
  dropped?: bigint;
  options?: Option[];
}

/**
 * Builds a pcapng stream block by block. Every method returns the offset of its block.
 * The byte order follows the last SHB written (each `shb()` may change it).
 */
export class PcapngBuilder {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  le = true;
  /** Offsets of every block appended, in order. */
  readonly offsets: number[] = [];

  shb(spec: ShbSpec = {}): number {
    this.le = spec.le ?? true;
    return this.add(shb({ ...spec, le: this.le }));
  }

  idb(spec: IdbSpec = {}): number {
    const le = this.le;
    const options = [...(spec.options ?? [])];
    for (const c of spec.comments ?? []) options.push(opt(1, c));
    if (spec.name !== undefined) options.push(opt(2, spec.name));
    if (spec.description !== undefined) options.push(opt(3, spec.description));
    if (spec.tsresol !== undefined) options.push(tsresol(spec.tsresol, spec.tsresolBase ?? 10));
    if (spec.fcslen !== undefined) options.push(opt(13, [spec.fcslen]));
    if (spec.tsoffset !== undefined) options.push(opt(14, u64Value(spec.tsoffset, le)));
    const w = new Writer(le);
    w.u16(spec.linktype ?? 1).u16(0).u32(spec.snaplen ?? 0);
    w.bytes(optionList(options, le));
    return this.add(pcapngBlock(BT.IDB, w.build(), le, spec));
  }

  epb(spec: EpbSpec): number {
    const le = this.le;
    const data = bytesOf(spec.data);
    const options = [...(spec.options ?? [])];
    for (const c of spec.comments ?? []) options.push(opt(1, c));
    if (spec.flags !== undefined) options.push(opt(2, new Writer(le).u32(spec.flags).build()));
    const w = new Writer(le);
    w.u32(spec.iface ?? 0);
    if (spec.ts !== undefined) {
      w.u32(Number(BigInt.asUintN(64, spec.ts) >> 32n)).u32(Number(spec.ts & 0xffffffffn));
    } else {
      w.u32(spec.tsHigh ?? 0).u32(spec.tsLow ?? 0);
    }
    w.u32(spec.caplen ?? data.length).u32(spec.wirelen ?? data.length);
    w.bytes(data).pad4();
    w.bytes(optionList(options, le));
    return this.add(pcapngBlock(BT.EPB, w.build(), le, spec));
  }

  spb(spec: SpbSpec): number {
    const data = bytesOf(spec.data);
    const w = new Writer(this.le);
    w.u32(spec.wirelen ?? data.length).bytes(data);
    return this.add(pcapngBlock(BT.SPB, w.build(), this.le, spec));
  }

  /** Obsolete Packet Block (type 2). */
  pb(spec: PbSpec): number {
    const le = this.le;
    const data = bytesOf(spec.data);
    const w = new Writer(le);
    const ts = spec.ts ?? 0n;
    w.u16(spec.iface ?? 0).u16(spec.drops ?? 0);
    w.u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn));
    w.u32(spec.caplen ?? data.length).u32(spec.wirelen ?? data.length);
    w.bytes(data).pad4();
    w.bytes(optionList(spec.options, le));
    return this.add(pcapngBlock(BT.PB, w.build(), le, spec));
  }

  nrb(entries: NrbEntry[], options?: Option[], lies: BlockLies = {}): number {
    const w = new Writer(this.le);
    for (const e of entries) {
      const v = concat(Uint8Array.from(e.address), ...e.names.map((n) => n + '\0'));
      w.u16(e.type).u16(v.length).bytes(v).pad4();
    }
    w.u16(0).u16(0);
    w.bytes(optionList(options, this.le));
    return this.add(pcapngBlock(BT.NRB, w.build(), this.le, lies));
  }

  isb(spec: IsbSpec = {}): number {
    const le = this.le;
    const options = [...(spec.options ?? [])];
    if (spec.received !== undefined) options.push(opt(4, u64Value(spec.received, le)));
    if (spec.dropped !== undefined) options.push(opt(5, u64Value(spec.dropped, le)));
    const w = new Writer(le);
    const ts = spec.ts ?? 0n;
    w.u32(spec.iface ?? 0).u32(Number(ts >> 32n)).u32(Number(ts & 0xffffffffn));
    w.bytes(optionList(options, le));
    return this.add(pcapngBlock(BT.ISB, w.build(), le, spec));
  }

  /** Any block type with an opaque body (DSB, custom, unknown). */
  block(type: number, body: ByteSource, lies: BlockLies = {}): number {
    return this.add(pcapngBlock(type, body, this.le, lies));
  }

  /** Append arbitrary bytes; returns their offset. */
  raw(bytes: ByteSource): number {
    const at = this.size;
    const b = bytesOf(bytes);
    this.parts.push(b);
    this.size += b.length;
    return at;
  }

  private add(block: Uint8Array): number {
    const at = this.raw(block);
    this.offsets.push(at);
    return at;
  }

  get length(): number {
    return this.size;
  }

  bytes(): Uint8Array {
    return concat(...this.parts);
  }
}

/* ---------------------------------------------------------------------------- packets */

export function ipv4Addr(s: string): number[] {
  const parts = s.split('.').map(Number);
  if (parts.length !== 4 || parts.some((x) => !(x >= 0 && x <= 255))) throw new Error(`bad IPv4 ${s}`);
  return parts;
}

/** Accepts full or `::`-compressed IPv6 text (no embedded IPv4). */
export function ipv6Addr(s: string): number[] {
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8) throw new Error(`bad IPv6 ${s}`);
  const out: number[] = [];
  for (const g of groups) { const v = parseInt(g, 16); out.push(v >> 8, v & 0xff); }
  return out;
}

/** RFC 1071 checksum of `b` (the value to store in a checksum field that was zero). */
export function checksum(b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i + 1 < b.length; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (b.length & 1) sum += b[b.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export interface VlanTag {
  /** TPID (0x8100 default; 0x88a8 for an S-tag). */
  tpid?: number;
  vid: number;
  pcp?: number;
}

export interface EthernetSpec {
  dst?: readonly number[];
  src?: readonly number[];
  /** Ethertype after the tags. */
  type: number;
  vlans?: VlanTag[];
  payload: ByteSource;
}

export function ethernet(spec: EthernetSpec): Uint8Array {
  const w = new Writer(false);
  w.bytes(Uint8Array.from(spec.dst ?? [0x02, 0, 0, 0, 0, 2])).bytes(Uint8Array.from(spec.src ?? [0x02, 0, 0, 0, 0, 1]));
  for (const t of spec.vlans ?? []) w.u16(t.tpid ?? 0x8100).u16(((t.pcp ?? 0) << 13) | (t.vid & 0xfff));
  w.u16(spec.type).bytes(spec.payload);
  return w.build();
}

export interface Ipv4Spec {
  src?: string;
  dst?: string;
  proto?: number;
  ttl?: number;
  id?: number;
  tos?: number;
  df?: boolean;
  mf?: boolean;
  /** Fragment offset in bytes (multiple of 8). */
  fragOffset?: number;
  /** IP options (padded to 4 bytes with EOL/zero). */
  options?: ByteSource;
  payload: ByteSource;
  /** Total-length field override (e.g. 0 for TSO captures). */
  totalLength?: number;
  /** Header-length field override in 32-bit words. */
  ihlWords?: number;
  /** Version nibble override. */
  version?: number;
  /** Checksum field override (default: the correct checksum). */
  checksum?: number;
}

export function ipv4(spec: Ipv4Spec): Uint8Array {
  const opts = bytesOf(spec.options ?? []);
  const optLen = (opts.length + 3) & ~3;
  const hl = 20 + optLen;
  const payload = bytesOf(spec.payload);
  const w = new Writer(false);
  w.u8(((spec.version ?? 4) << 4) | (spec.ihlWords ?? hl / 4)).u8(spec.tos ?? 0);
  w.u16(spec.totalLength ?? hl + payload.length).u16(spec.id ?? 0x1234);
  w.u16((spec.df ? 0x4000 : 0) | (spec.mf ? 0x2000 : 0) | (((spec.fragOffset ?? 0) / 8) & 0x1fff));
  w.u8(spec.ttl ?? 64).u8(spec.proto ?? 6).u16(0);
  w.bytes(Uint8Array.from(ipv4Addr(spec.src ?? '10.0.0.1'))).bytes(Uint8Array.from(ipv4Addr(spec.dst ?? '10.0.0.2')));
  w.bytes(opts).pad4();
  const header = w.build();
  const sum = spec.checksum ?? checksum(header);
  header[10] = sum >> 8;
  header[11] = sum & 0xff;
  return concat(header, payload);
}

export interface Ipv6Spec {
  src?: string;
  dst?: string;
  /** Next header of the fixed header (the first extension header's type, or 6 for TCP). */
  next?: number;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  /** Extension headers + upper-layer bytes. */
  payload: ByteSource;
  /** Payload-length field override (0 for jumbograms / BIG TCP). */
  payloadLength?: number;
}

export function ipv6(spec: Ipv6Spec): Uint8Array {
  const payload = bytesOf(spec.payload);
  const tc = spec.trafficClass ?? 0;
  const fl = spec.flowLabel ?? 0;
  const w = new Writer(false);
  w.u32(((6 << 28) | (tc << 20) | (fl & 0xfffff)) >>> 0);
  w.u16(spec.payloadLength ?? payload.length).u8(spec.next ?? 6).u8(spec.hopLimit ?? 64);
  w.bytes(Uint8Array.from(ipv6Addr(spec.src ?? '2001:db8::1'))).bytes(Uint8Array.from(ipv6Addr(spec.dst ?? '2001:db8::2')));
  w.bytes(payload);
  return w.build();
}

/**
 * IPv6 options-style extension header (hop-by-hop 0, destination options 60): `next`, length
 * in 8-byte units minus one, options, padded with PadN/Pad1 to a multiple of 8.
 */
export function ipv6OptionsHeader(next: number, options: ByteSource = []): Uint8Array {
  const o = bytesOf(options);
  let total = 2 + o.length;
  const pad = (8 - (total % 8)) % 8;
  total += pad;
  const w = new Writer(false);
  w.u8(next).u8(total / 8 - 1).bytes(o);
  if (pad === 1) w.u8(0);
  else if (pad > 1) w.u8(1).u8(pad - 2).bytes(new Uint8Array(pad - 2));
  return w.build();
}

/** Jumbo Payload option (RFC 2675) for a hop-by-hop header. */
export function jumboOption(length: number): Uint8Array {
  return new Writer(false).u8(0xc2).u8(4).u32(length).build();
}

/** Routing header (type 43), segments-left 0, `addresses` 16-byte each (type 0 style). */
export function ipv6RoutingHeader(next: number, addresses: string[] = ['2001:db8::99']): Uint8Array {
  const w = new Writer(false);
  w.u8(next).u8(addresses.length * 2).u8(0).u8(0).u32(0);
  for (const a of addresses) w.bytes(Uint8Array.from(ipv6Addr(a)));
  return w.build();
}

/** Fragment header (type 44): offset in bytes (multiple of 8). */
export function ipv6FragmentHeader(next: number, offset: number, more: boolean, id = 0xabcdef01): Uint8Array {
  return new Writer(false).u8(next).u8(0).u16((offset & 0xfff8) | (more ? 1 : 0)).u32(id).build();
}

/** Authentication Header (type 51): `icvWords` 32-bit words of ICV after the 12 fixed bytes. */
export function ipv6AuthHeader(next: number, icvWords = 3): Uint8Array {
  const w = new Writer(false);
  w.u8(next).u8(3 + icvWords - 2).u16(0).u32(0x100).u32(1);
  for (let i = 0; i < icvWords; i++) w.u32(0xdeadbeef);
  return w.build();
}

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, AE: 0x100 } as const;

export interface TcpSpec {
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  /** 12-bit flag field (see TCP.*; 0x100 is NS/AE). */
  flags?: number;
  window?: number;
  urgent?: number;
  checksum?: number;
  /** Option bytes; padded with EOL (0) to a multiple of 4 unless `dataOffsetWords` is given. */
  options?: ByteSource;
  payload?: ByteSource;
  /** Data-offset field override in 32-bit words (lie about the header length). */
  dataOffsetWords?: number;
}

export function tcp(spec: TcpSpec = {}): Uint8Array {
  const opts = bytesOf(spec.options ?? []);
  const optLen = (opts.length + 3) & ~3;
  const words = spec.dataOffsetWords ?? (20 + optLen) / 4;
  const flags = spec.flags ?? TCP.SYN;
  const w = new Writer(false);
  w.u16(spec.sport ?? 40000).u16(spec.dport ?? 80).u32(spec.seq ?? 1000).u32(spec.ack ?? 0);
  w.u8(((words & 0xf) << 4) | ((flags >> 8) & 0x0f)).u8(flags & 0xff);
  w.u16(spec.window ?? 65535).u16(spec.checksum ?? 0).u16(spec.urgent ?? 0);
  w.bytes(opts).pad4();
  w.bytes(spec.payload ?? []);
  return w.build();
}

/** TCP option encoders. */
export const tcpOpt = {
  eol: (): number[] => [0],
  nop: (): number[] => [1],
  mss: (v: number): number[] => [2, 4, v >> 8, v & 0xff],
  wscale: (shift: number): number[] => [3, 3, shift],
  sackPerm: (): number[] => [4, 2],
  sack: (blocks: Array<[number, number]>): number[] => {
    const w = new Writer(false);
    w.u8(5).u8(2 + blocks.length * 8);
    for (const [l, r] of blocks) w.u32(l).u32(r);
    return Array.from(w.build());
  },
  timestamps: (val: number, ecr: number): number[] =>
    Array.from(new Writer(false).u8(8).u8(10).u32(val).u32(ecr).build()),
  tfo: (cookie: readonly number[]): number[] => [34, 2 + cookie.length, ...cookie],
  mptcp: (subtype: number, rest: readonly number[] = []): number[] => [30, 3 + rest.length, subtype << 4, ...rest],
  /** Any kind with its body (length byte computed). */
  raw: (kind: number, body: readonly number[] = []): number[] => [kind, 2 + body.length, ...body],
};

export function options(...opts: number[][]): Uint8Array {
  return Uint8Array.from(opts.flat());
}

/** Linux cooked v1 header (16 bytes). */
export function sll(protocol: number, payload: ByteSource, packetType = 0): Uint8Array {
  const w = new Writer(false);
  w.u16(packetType).u16(772).u16(6).bytes([0, 0, 0, 0, 0, 0, 0, 0]).u16(protocol).bytes(payload);
  return w.build();
}

/** Linux cooked v2 header (20 bytes). */
export function sll2(protocol: number, payload: ByteSource, ifindex = 1): Uint8Array {
  const w = new Writer(false);
  w.u16(protocol).u16(0).u32(ifindex).u16(772).u8(0).u8(6).bytes([0, 0, 0, 0, 0, 0, 0, 0]).bytes(payload);
  return w.build();
}

/** DLT_NULL header: address family in the capturing host's byte order. */
export function nullHeader(family: number, payload: ByteSource, le = true): Uint8Array {
  return concat(new Writer(le).u32(family).build(), payload);
}

/** DLT_LOOP header: address family in network byte order. */
export function loopHeader(family: number, payload: ByteSource): Uint8Array {
  return concat(new Writer(false).u32(family).build(), payload);
}

/** PPP frame: optional HDLC address/control bytes, then a 2-byte (or compressed 1-byte) protocol. */
export function ppp(protocol: number, payload: ByteSource, opts: { hdlc?: boolean; compressed?: boolean } = {}): Uint8Array {
  const w = new Writer(false);
  if (opts.hdlc ?? true) w.u8(0xff).u8(0x03);
  if (opts.compressed) w.u8(protocol); else w.u16(protocol);
  w.bytes(payload);
  return w.build();
}

/* ----------------------------------------------------------------- ready-made frames */

export interface TcpFrameSpec extends TcpSpec {
  src?: string;
  dst?: string;
  ipId?: number;
  ttl?: number;
}

/** Ethernet / IPv4 / TCP frame with a correct IPv4 header checksum. */
export function ethIpv4Tcp(spec: TcpFrameSpec = {}): Uint8Array {
  return ethernet({ type: 0x0800, payload: ipv4({ src: spec.src, dst: spec.dst, id: spec.ipId, ttl: spec.ttl, payload: tcp(spec) }) });
}

/** Ethernet / IPv6 / TCP frame. */
export function ethIpv6Tcp(spec: TcpFrameSpec = {}): Uint8Array {
  return ethernet({ type: 0x86dd, payload: ipv6({ src: spec.src ?? '2001:db8::1', dst: spec.dst ?? '2001:db8::2', hopLimit: spec.ttl, payload: tcp(spec) }) });
}

/**
 * A small but varied TCP conversation (handshake, data, close) as Ethernet frames: a good
 * "real capture" stand-in for property and chunking tests.
 */
export function conversation(n = 10, v6 = false): Uint8Array[] {
  const make = v6 ? ethIpv6Tcp : ethIpv4Tcp;
  const c = { src: v6 ? '2001:db8::1' : '192.168.1.10', dst: v6 ? '2001:db8::2' : '192.168.1.20' };
  const s = { src: c.dst, dst: c.src };
  const frames: Uint8Array[] = [
    make({ ...c, sport: 41000, dport: 80, seq: 100, flags: TCP.SYN, options: options(tcpOpt.mss(1460), tcpOpt.sackPerm(), tcpOpt.timestamps(1, 0), tcpOpt.nop(), tcpOpt.wscale(7)) }),
    make({ ...s, sport: 80, dport: 41000, seq: 5000, ack: 101, flags: TCP.SYN | TCP.ACK, options: options(tcpOpt.mss(1400), tcpOpt.sackPerm(), tcpOpt.timestamps(9, 1), tcpOpt.nop(), tcpOpt.wscale(8)) }),
    make({ ...c, sport: 41000, dport: 80, seq: 101, ack: 5001, flags: TCP.ACK, options: options(tcpOpt.nop(), tcpOpt.nop(), tcpOpt.timestamps(2, 9)) }),
  ];
  let cseq = 101;
  let sseq = 5001;
  for (let i = 0; i < n; i++) {
    const body = filler(10 + ((i * 37) % 300), i);
    if (i % 2 === 0) {
      frames.push(make({ ...c, sport: 41000, dport: 80, seq: cseq, ack: sseq, flags: TCP.ACK | TCP.PSH, payload: body }));
      cseq += body.length;
    } else {
      frames.push(make({ ...s, sport: 80, dport: 41000, seq: sseq, ack: cseq, flags: TCP.ACK | TCP.PSH, payload: body, options: options(tcpOpt.nop(), tcpOpt.nop(), tcpOpt.sack([[cseq - 5, cseq]])) }));
      sseq += body.length;
    }
  }
  frames.push(make({ ...c, sport: 41000, dport: 80, seq: cseq, ack: sseq, flags: TCP.FIN | TCP.ACK }));
  frames.push(make({ ...s, sport: 80, dport: 41000, seq: sseq, ack: cseq + 1, flags: TCP.FIN | TCP.ACK }));
  frames.push(make({ ...c, sport: 41000, dport: 80, seq: cseq + 1, ack: sseq + 1, flags: TCP.ACK }));
  return frames;
}
