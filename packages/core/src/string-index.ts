/**
 * The lookup behind a dictionary-encoded column under construction: value -> code, where a
 * value is a string or a range of characters in a larger text (a CSV field), so that a
 * value already in the dictionary is found without cutting it out of the text.
 *
 * Open addressing with linear probing over an Int32Array of codes (load <= 1/2), the hash of
 * each code kept beside it so that growing never reads a string again. Why not a Map: a Map
 * keys on strings only (every field would have to become a string first), holds at most
 * 2^24 entries (10M orders have 18M order ids), and costs about 40 bytes per entry against
 * about 12 here.
 */

/** Slots of the cache of recent values (a power of two). */
const RECENT = 1024;

/** Lookups after which a cache that hit less than 1 in 20 is switched off. */
const RECENT_TRIAL = 4096;

/** Values up to this long are compared character by character (no allocation); longer ones by cutting the range. */
const SHORT_COMPARE = 10;

/** Strings at least this long are cut from their text as slices that keep the whole text alive. */
const SLICED_MIN = 13;

/** Hash of `text[a, b)` (FNV-1a over UTF-16 code units, then a murmur3 finalizer). */
export function hashRange(text: string, a: number, b: number): number {
  let h = 0x811c9dc5 ^ (b - a);
  for (let i = a; i < b; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * `text[a, b)` as a string of its own. A plain slice of 13 or more characters is, in V8, a
 * view that keeps the whole text alive (a 1 MB chunk, or the host's entire CSV); concatenating
 * and slicing again makes V8 copy the characters, so a dictionary holds only its values.
 */
export function ownString(text: string, a: number, b: number): string {
  const value = text.slice(a, b);
  return b - a < SLICED_MIN ? value : (value + ' ').slice(0, -1);
}

/**
 * Whether `value` is `text[a, b)` (of the same length). For all but short values, cutting
 * the range and comparing strings (a short copy, then memcmp) measured faster in V8 than
 * `startsWith(value, a)` (a generic builtin) or a loop over the characters.
 */
export function equalsRange(value: string, text: string, a: number, b: number): boolean {
  const n = b - a;
  if (n > SHORT_COMPARE) return text.slice(a, b) === value;
  for (let i = 0; i < n; i++) if (text.charCodeAt(a + i) !== value.charCodeAt(i)) return false;
  return true;
}

/**
 * `value` as a string of its own: a copy when it may be a view into a larger text (a slice of
 * 13 or more characters, or a concatenation of slices, e.g. an unescaped quoted CSV field);
 * shorter strings are always flat copies in V8 already.
 */
export function ownCopy(value: string): string {
  return value.length < SLICED_MIN ? value : (value + ' ').slice(0, -1);
}

/** value -> code over `dictionary` (codes are indexes into it, in insertion order). */
export class StringIndex {
  // Direct-mapped cache of recent codes, keyed by a signature of three characters and the
  // length (no pass over the value): small dictionaries (products, categories, channels) and
  // runs of one value (a client's sessions, an order's lines) are found without hashing.
  readonly #recent = new Int32Array(RECENT).fill(-1);
  #recentSlot = 0;
  // A column of unique values (order ids) never hits the cache: after RECENT_TRIAL lookups
  // with almost no hits it is switched off.
  #recentOn = true;
  #recentTries = 0;
  #recentHits = 0;
  #slots = new Int32Array(64); // code + 1; 0 = empty
  #hashes = new Int32Array(32); // by code
  #size = 0;
  readonly #dictionary: string[];
  // The last miss of `find`, so that the insert right after it needs no second probe.
  #missText: string | null = null;
  #missStart = 0;
  #missEnd = 0;
  #missHash = 0;
  #missSlot = 0;

  constructor(dictionary: string[]) {
    this.#dictionary = dictionary;
  }

  /** The code of `text[a, b)`, or -1 when absent. */
  find(text: string, a: number, b: number): number {
    return this.findHashed(text, a, b, hashRange(text, a, b));
  }

  /** `find` with the range's `hashRange` already known (a value looked up in two dictionaries is hashed once). */
  findHashed(text: string, a: number, b: number, h: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    const length = b - a;
    const dictionary = this.#dictionary;
    let i = h & mask;
    for (;;) {
      const entry = slots[i];
      if (entry === 0) break;
      const code = entry - 1;
      if (this.#hashes[code] === h) {
        const value = dictionary[code];
        if (value.length === length && equalsRange(value, text, a, b)) {
          this.#missText = null;
          return code;
        }
      }
      i = (i + 1) & mask;
    }
    this.#missText = text;
    this.#missStart = a;
    this.#missEnd = b;
    this.#missHash = h;
    this.#missSlot = i;
    return -1;
  }

  /**
   * Adds `value` (which must be absent) under the next code, `dictionary.length`, and pushes
   * it onto the dictionary. `text[a, b)` is the value's range in the text `find` was given,
   * when it was found missing just before; otherwise pass the value as `text`.
   */
  add(value: string, text: string, a: number, b: number): number {
    let h: number;
    let slot: number;
    if (this.#missText === text && this.#missStart === a && this.#missEnd === b) {
      h = this.#missHash;
      slot = this.#missSlot;
    } else {
      if (this.find(text, a, b) >= 0) throw new Error('StringIndex.add: value already present');
      h = this.#missHash;
      slot = this.#missSlot;
    }
    this.#missText = null;
    const code = this.#dictionary.length;
    this.#dictionary.push(value);
    if (code === this.#hashes.length) {
      const hashes = new Int32Array(code * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[code] = h;
    this.#slots[slot] = code + 1;
    this.#size++;
    if (this.#size * 2 > this.#slots.length) this.#rehash();
    return code;
  }

  /** The code of `text[a, b)` (non-empty), or -1 when absent; through the cache of recent values. */
  lookup(text: string, a: number, b: number): number {
    let code = this.#recentCode(text, a, b);
    if (code >= 0) return code;
    const slot = this.#recentSlot;
    code = this.find(text, a, b);
    if (code >= 0) this.#recent[slot] = code;
    return code;
  }

  /** The code of `text[a, b)` (non-empty), added (as its own string, see `ownString`) when absent. */
  intern(text: string, a: number, b: number): number {
    let code = this.#recentCode(text, a, b);
    if (code >= 0) return code;
    const slot = this.#recentSlot;
    // A `find` that just missed this very range left where to insert it.
    if (this.#missText !== text || this.#missStart !== a || this.#missEnd !== b) code = this.find(text, a, b);
    if (code < 0) code = this.add(ownString(text, a, b), text, a, b);
    this.#recent[slot] = code;
    return code;
  }

  /** The code of `value` (non-empty), added as it is when absent. */
  internString(value: string): number {
    const n = value.length;
    let code = this.#recentCode(value, 0, n);
    if (code >= 0) return code;
    const slot = this.#recentSlot;
    if (this.#missText !== value || this.#missStart !== 0 || this.#missEnd !== n) code = this.find(value, 0, n);
    if (code < 0) code = this.add(value, value, 0, n);
    this.#recent[slot] = code;
    return code;
  }

  /** The cached code whose value is `text[a, b)`, else -1 (with `#recentSlot` set to where it would be). */
  #recentCode(text: string, a: number, b: number): number {
    if (!this.#recentOn) return -1;
    if (++this.#recentTries === RECENT_TRIAL) this.#recentOn = this.#recentHits * 20 > RECENT_TRIAL;
    const n = b - a;
    let h = Math.imul(n, 0x9e3779b1) ^ Math.imul(text.charCodeAt(a), 0x85ebca6b) ^ Math.imul(text.charCodeAt(b - 1), 0xc2b2ae35) ^ Math.imul(text.charCodeAt(a + (n >> 1)), 0x27d4eb2f);
    h ^= h >>> 15;
    const slot = h & (RECENT - 1);
    this.#recentSlot = slot;
    const code = this.#recent[slot];
    if (code >= 0) {
      const value = this.#dictionary[code];
      if (value.length === n && equalsRange(value, text, a, b)) {
        this.#recentHits++;
        return code;
      }
    }
    return -1;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    const hashes = this.#hashes;
    for (let code = 0; code < this.#size; code++) {
      let i = hashes[code] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = code + 1;
    }
    this.#slots = slots;
  }
}
