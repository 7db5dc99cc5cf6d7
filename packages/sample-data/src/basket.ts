/**
 * Basket contents. Each customer has one or two favourite top categories and a few staples
 * they rebuy; the rest follows overall popularity, and planted pairs join their partner.
 */
import type { Catalog } from './catalog.js';
import { Rng } from './random.js';

/** A customer's taste. */
export interface BasketTaste {
  readonly favourites: readonly number[];
  readonly staples: readonly number[];
}

/** Cumulative weights of top categories as favourites (groceries are the most common). */
function topWeights(catalog: Catalog): Float64Array {
  const totals = catalog.byTop.map((t) => t.cumulative[t.cumulative.length - 1]);
  let sum = 0;
  return Float64Array.from(totals, (w) => (sum += w));
}

const topCache = new WeakMap<Catalog, Float64Array>();

/** Draws a customer's taste (the first draws of their basket stream). */
export function basketTaste(catalog: Catalog, rng: Rng, staples: number): BasketTaste {
  let tops = topCache.get(catalog);
  if (!tops) {
    tops = topWeights(catalog);
    topCache.set(catalog, tops);
  }
  const first = rng.pickCumulative(tops);
  const favourites = [first];
  if (rng.chance(0.5)) {
    const second = rng.pickCumulative(tops);
    if (second !== first) favourites.push(second);
  }
  const chosen: number[] = [];
  for (let k = 0; k < staples; k++) {
    const product = fromTop(catalog, favourites[k % favourites.length], rng);
    if (!chosen.includes(product)) chosen.push(product);
  }
  return { favourites, staples: chosen };
}

function fromTop(catalog: Catalog, top: number, rng: Rng): number {
  const t = catalog.byTop[top];
  return t.products[rng.pickCumulative(t.cumulative)];
}

/**
 * Draws a basket of about `1 + extraLines` lines, as a flat list `[product, quantity, product,
 * quantity, ...]` (no object per line: baskets are drawn millions of times).
 */
export function drawBasket(catalog: Catalog, taste: BasketTaste, rng: Rng, extraLines: number): number[] {
  const count = 1 + rng.poisson(extraLines);
  const lines: number[] = [];
  for (let k = 0; k < count; k++) {
    const r = rng.next();
    let product: number;
    if (r < 0.25 && taste.staples.length > 0) product = taste.staples[rng.int(taste.staples.length)];
    else if (r < 0.7) product = fromTop(catalog, taste.favourites[rng.int(taste.favourites.length)], rng);
    else product = rng.pickCumulative(catalog.overall);
    if (hasProduct(lines, product)) continue;
    lines.push(product, Math.min(12, 1 + rng.poisson(catalog.products[product].extraQuantity)));
  }
  const picked = lines.length;
  for (let k = 0; k < picked; k += 2) {
    const partner = catalog.partner[lines[k]];
    if (partner >= 0 && rng.chance(catalog.partnerProbability[lines[k]]) && !hasProduct(lines, partner)) lines.push(partner, 1);
  }
  return lines;
}

function hasProduct(lines: readonly number[], product: number): boolean {
  for (let k = 0; k < lines.length; k += 2) if (lines[k] === product) return true;
  return false;
}

/** Basket value in cents. */
export function basketCents(catalog: Catalog, lines: readonly number[]): number {
  let cents = 0;
  for (let k = 0; k < lines.length; k += 2) cents += catalog.products[lines[k]].priceCents * lines[k + 1];
  return cents;
}
