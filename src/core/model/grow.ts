export type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;

/** A column of the same type with room for `capacity` rows, holding the old one's values. */
export function grown<T extends Column>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
