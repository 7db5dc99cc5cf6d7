import type { Baskets } from './baskets.js';

/**
 * Product × product counters up to which pairs are tallied in one dense matrix (4 bytes per
 * cell: 16 MB at the limit, about 2,000 products).
 */
export const DENSE_PAIR_LIMIT = 1 << 22;

/**
 * Enumerates every unordered pair of products bought together, with the number of baskets
 * holding both: `visit(a, b, count)` once per pair with a < b and count > 0 (in no promised
 * order).
 *
 * With few products (productCount² <= `denseLimit`) every basket's pairs are added to one
 * dense upper-triangular matrix in a single sequential pass over the baskets: Σ k(k-1)/2
 * increments into a matrix that stays in cache, then one scan of the matrix.
 *
 * Otherwise, product by product: for product a, its baskets (an inverted index built by counting sort)
 * are scanned and the products after a in them are tallied in one dense scratch array, which
 * stays in cache (4 bytes per product). That costs Σ k² over baskets of k products plus one
 * pass per product, with no hash table and no product × product matrix, so it is as fast with
 * 200 products as with 40 000 of which most pairs never occur.
 */
export function forEachPair(baskets: Baskets, visit: (a: number, b: number, count: number) => void, denseLimit = DENSE_PAIR_LIMIT): void {
  const { starts, products, productOrders } = baskets;
  const productCount = productOrders.length;
  if (productCount * productCount <= denseLimit) {
    densePairs(baskets, visit);
    return;
  }
  // Inverted index: the baskets of product p are basketIds[firstBasket[p] .. firstBasket[p + 1] - 1].
  const firstBasket = new Int32Array(productCount + 1);
  for (let p = 0; p < productCount; p++) firstBasket[p + 1] = firstBasket[p] + productOrders[p];
  const basketIds = new Int32Array(products.length);
  const next = firstBasket.slice(0, productCount);
  for (let b = 0; b < baskets.count; b++) {
    for (let i = starts[b], end = starts[b + 1]; i < end; i++) basketIds[next[products[i]]++] = b;
  }
  const tally = new Int32Array(productCount);
  const touched = new Int32Array(productCount);
  for (let a = 0; a < productCount; a++) {
    let seen = 0;
    for (let k = firstBasket[a], end = firstBasket[a + 1]; k < end; k++) {
      const b = basketIds[k];
      for (let i = starts[b], stop = starts[b + 1]; i < stop; i++) {
        const p = products[i];
        if (p <= a) continue;
        if (tally[p]++ === 0) touched[seen++] = p;
      }
    }
    for (let t = 0; t < seen; t++) {
      const p = touched[t];
      visit(a, p, tally[p]);
      tally[p] = 0;
    }
  }
}

/** The dense-matrix variant of `forEachPair` (see there). */
function densePairs(baskets: Baskets, visit: (a: number, b: number, count: number) => void): void {
  const { starts, products } = baskets;
  const width = baskets.productOrders.length;
  const counts = new Int32Array(width * width);
  for (let b = 0; b < baskets.count; b++) {
    const end = starts[b + 1];
    for (let i = starts[b]; i < end; i++) {
      const p = products[i];
      for (let j = i + 1; j < end; j++) {
        const q = products[j];
        counts[p < q ? p * width + q : q * width + p]++;
      }
    }
  }
  for (let a = 0; a < width; a++) {
    for (let cell = a * width + a + 1, end = (a + 1) * width; cell < end; cell++) {
      const count = counts[cell];
      if (count > 0) visit(a, cell - a * width, count);
    }
  }
}
