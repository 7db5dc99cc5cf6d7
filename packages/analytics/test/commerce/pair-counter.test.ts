import { describe, expect, it } from 'vitest';
import type { Baskets } from '../../src/analyses/commerce/baskets.js';
import { forEachPair } from '../../src/analyses/commerce/pair-counter.js';
import { mulberry32 as random } from '../../src/random.js';


/** Random baskets of distinct products among `productCount`. */
function randomBaskets(productCount: number, count: number, seed: number): { baskets: Baskets; lists: number[][] } {
  const next = random(seed);
  const lists: number[][] = [];
  for (let b = 0; b < count; b++) {
    const set = new Set<number>();
    const size = 1 + Math.floor(next() * 6);
    // Squared draws: a few popular products, a long tail, as in a shop.
    while (set.size < size) set.add(Math.floor(next() ** 2 * productCount));
    lists.push([...set]);
  }
  const starts = new Int32Array(count + 1);
  lists.forEach((list, b) => (starts[b + 1] = starts[b] + list.length));
  const productOrders = new Int32Array(productCount);
  for (const list of lists) for (const p of list) productOrders[p]++;
  const baskets: Baskets = { count, starts, products: Int32Array.from(lists.flat()), productOrders, skipped: 0, dictionary: [] };
  return { baskets, lists };
}

function pairsOf(baskets: Baskets, denseLimit?: number): Map<string, number> {
  const out = new Map<string, number>();
  const wrong: string[] = [];
  forEachPair(
    baskets,
    (a, b, count) => {
      if (!(a < b) || out.has(`${a}|${b}`)) wrong.push(`${a}|${b}`);
      out.set(`${a}|${b}`, count);
    },
    denseLimit,
  );
  // Each pair once, smaller code first.
  expect(wrong).toEqual([]);
  return out;
}

describe('forEachPair', () => {
  it('gives every co-occurring pair once with its basket count, on the dense matrix and on the inverted index', () => {
    const { baskets, lists } = randomBaskets(60, 500, 11);
    // Independent count: every pair of every basket, by brute force.
    const expected = new Map<string, number>();
    for (const list of lists) {
      for (const p of list) {
        for (const q of list) if (p < q) expected.set(`${p}|${q}`, (expected.get(`${p}|${q}`) ?? 0) + 1);
      }
    }
    const dense = pairsOf(baskets);
    const sparse = pairsOf(baskets, 0);
    expect(dense).toEqual(expected);
    expect(sparse).toEqual(expected);
  });

  it('takes the inverted index for a large catalogue and the dense matrix for a small one', () => {
    // 2,100 products: 4.4M cells, just above the dense limit; the result is the same either way.
    const { baskets } = randomBaskets(2_100, 2_000, 3);
    expect(pairsOf(baskets)).toEqual(pairsOf(baskets, Infinity));
  });
});
