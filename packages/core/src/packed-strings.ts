import type { StringColumn } from './table.js';

/**
 * Large dictionaries (unique keys: a million order ids) packed into one byte buffer, and
 * string columns whose `dictionary` is made from it only when something reads it.
 *
 * Why: in V8 every string is an object of its own (a 16-byte header, characters rounded up to
 * 8 bytes, an 8-byte slot in the array): 1.83M order ids of 9 characters are 73 MB as a
 * `string[]` and 16 MB as bytes. The cross-filter and the dashboard's analyses read codes,
 * never the order-id strings, so most sessions never pay for them. The column still has a
 * real `readonly string[]` dictionary behind the same `StringColumn` type: the first read of
 * `column.dictionary` builds it (once, shared by every column over the same keys) and drops
 * the bytes. Structured cloning (postMessage) reads the getter too, so a packed column crosses
 * to a worker as an ordinary one.
 */

/** Dictionaries with fewer entries stay string arrays (products, categories: read per query for labels). */
export const PACK_MIN_ENTRIES = 65_536;

/** Entries decoded per TextDecoder call when the dictionary is built (keeps each decoded text well under V8's string limit). */
const DECODE_BATCH = 1 << 16;

/** A dictionary as ASCII bytes: entry k is `bytes[start(k), start(k + 1))`. */
export class PackedStrings {
  readonly length: number;
  #bytes: Uint8Array | null;
  // Entry k starts at k * width when every entry has the same length (ids like O00000001);
  // otherwise at offsets[k].
  #width: number;
  #offsets: Int32Array | null;
  #values: readonly string[] | null = null;

  private constructor(length: number, bytes: Uint8Array, width: number, offsets: Int32Array | null) {
    this.length = length;
    this.#bytes = bytes;
    this.#width = width;
    this.#offsets = offsets;
  }

  /**
   * `values` packed, or null when packing would not pay or not be exact: fewer than
   * `PACK_MIN_ENTRIES` entries, or any character outside ASCII (kept as strings rather than
   * re-encoded: decoding ASCII bytes gives back exactly the same strings).
   */
  static pack(values: readonly string[]): PackedStrings | null {
    const n = values.length;
    if (n < PACK_MIN_ENTRIES) return null;
    let chars = 0;
    const width = values[0].length;
    let fixed = true;
    for (let k = 0; k < n; k++) {
      const length = values[k].length;
      chars += length;
      if (length !== width) fixed = false;
    }
    if (chars > 0x7fffffff) return null;
    const bytes = new Uint8Array(chars);
    const offsets = fixed ? null : new Int32Array(n + 1);
    // A plain copy loop: measured faster than joining batches for TextEncoder.encodeInto
    // (the join dominates) and far faster than encodeInto per value.
    let at = 0;
    let any = 0;
    for (let k = 0; k < n; k++) {
      const value = values[k];
      if (offsets) offsets[k] = at;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        any |= c;
        bytes[at++] = c;
      }
    }
    // Only ASCII decodes back to exactly the same strings (see `values`).
    if (any > 0x7f) return null;
    if (offsets) offsets[n] = at;
    return new PackedStrings(n, bytes, width, offsets);
  }

  /** Bytes held now: the packed characters and offsets, or (once built) none of them. */
  get byteLength(): number {
    return (this.#bytes?.byteLength ?? 0) + (this.#offsets?.byteLength ?? 0);
  }

  /** Whether the string array has been built (by a read of `values`). */
  get unpacked(): boolean {
    return this.#values !== null;
  }

  /** The dictionary as strings, built on the first call; the packed bytes are dropped then. */
  get values(): readonly string[] {
    if (this.#values) return this.#values;
    const bytes = this.#bytes!;
    const n = this.length;
    const values = new Array<string>(n);
    const decoder = new TextDecoder();
    for (let first = 0; first < n; first += DECODE_BATCH) {
      const last = Math.min(first + DECODE_BATCH, n);
      const base = this.#start(first);
      const text = decoder.decode(bytes.subarray(base, this.#start(last)));
      // Slices of 13+ characters share `text` (one batch, about 64k entries): still less than
      // a copy per value, and the batch goes with the dictionary.
      for (let k = first; k < last; k++) values[k] = text.slice(this.#start(k) - base, this.#start(k + 1) - base);
    }
    this.#values = values;
    this.#bytes = null;
    this.#offsets = null;
    return values;
  }

  #start(k: number): number {
    return this.#offsets ? this.#offsets[k] : k * this.#width;
  }
}

/** The packed dictionary behind a column made by `packedStringColumn` (not a property: cloning must see only `StringColumn`'s fields). */
const packedOf = new WeakMap<StringColumn, PackedStrings>();

/** A string column over `packed`: `dictionary` is built from it on first read (see `PackedStrings.values`). */
export function packedStringColumn(codes: Int32Array, packed: PackedStrings): StringColumn {
  const column: StringColumn = {
    type: 'string',
    codes,
    get dictionary() {
      return packed.values;
    },
  };
  packedOf.set(column, packed);
  return column;
}

/**
 * A string column with `codes` over the same dictionary as `keys` (lines.order_id over
 * sessions.order_id's): shares a packed dictionary without building it.
 */
export function columnOverDictionaryOf(keys: StringColumn, codes: Int32Array): StringColumn {
  const packed = packedOf.get(keys);
  return packed ? packedStringColumn(codes, packed) : { type: 'string', codes, dictionary: keys.dictionary };
}

/** The packed dictionary of `column`, if it has one (for measuring memory; reading it does not build the strings). */
export function packedDictionaryOf(column: StringColumn): PackedStrings | undefined {
  return packedOf.get(column);
}
