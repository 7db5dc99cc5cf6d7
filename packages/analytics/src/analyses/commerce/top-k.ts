/**
 * Keeps the `limit` items that rank first under `compare` (negative when a ranks before b)
 * among everything offered: a bounded heap, O(n log limit), so ranking a million candidate
 * pairs for a top 10 never holds or sorts them all.
 */
export class TopK<T> {
  readonly #limit: number;
  readonly #compare: (a: T, b: T) => number;
  /** Max-heap by rank: the root is the worst item kept. */
  readonly #heap: T[] = [];
  #offered = 0;

  constructor(limit: number, compare: (a: T, b: T) => number) {
    this.#limit = limit;
    this.#compare = compare;
  }

  /** How many items were offered. */
  get offered(): number {
    return this.#offered;
  }

  /** True when `item` would be kept (so a caller can skip building items that would not). */
  admits(item: T): boolean {
    if (this.#limit <= 0) return false;
    return this.#heap.length < this.#limit || this.#compare(item, this.#heap[0]) < 0;
  }

  /** Counts an item offered but not kept (after `admits` said no). */
  skip(): void {
    this.#offered++;
  }

  /** Offers one item. */
  offer(item: T): void {
    this.#offered++;
    const heap = this.#heap;
    if (this.#limit <= 0) return;
    if (heap.length < this.#limit) {
      heap.push(item);
      let child = heap.length - 1;
      while (child > 0) {
        const parent = (child - 1) >> 1;
        if (this.#compare(heap[child], heap[parent]) <= 0) break;
        [heap[child], heap[parent]] = [heap[parent], heap[child]];
        child = parent;
      }
      return;
    }
    if (this.#compare(item, heap[0]) >= 0) return;
    heap[0] = item;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let worst = parent;
      if (left < heap.length && this.#compare(heap[left], heap[worst]) > 0) worst = left;
      if (right < heap.length && this.#compare(heap[right], heap[worst]) > 0) worst = right;
      if (worst === parent) break;
      [heap[worst], heap[parent]] = [heap[parent], heap[worst]];
      parent = worst;
    }
  }

  /** The kept items, best first. */
  result(): T[] {
    return [...this.#heap].sort(this.#compare);
  }
}

/** Code-point order of two strings (-1, 0, 1), as the rest of the analytics sorts text. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
