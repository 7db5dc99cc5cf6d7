/**
 * A least-recently-used map bounded by the bytes of its values (typed arrays, cubes): the
 * cross-filter caches live as long as the dataset, so they must not grow with the number of
 * selections a user tries.
 */
export class ByteLru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(readonly budget: number) {}

  /** The value of `key` (now the most recently used), or undefined. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` of `bytes`, dropping the least recently used entries over the budget. */
  set(key: string, value: V, bytes: number): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [k, entry] of this.#entries) {
      if (this.#bytes <= this.budget || k === key) break;
      this.#entries.delete(k);
      this.#bytes -= entry.bytes;
    }
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Number of entries held now. */
  get size(): number {
    return this.#entries.size;
  }
}
