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

/** One line of a basket. */
export interface BasketLine {
  readonly product: number;
  readonly quantity: number;
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

/** Draws a basket of about `1 + extraLines` lines. */
export function drawBasket(catalog: Catalog, taste: BasketTaste, rng: Rng, extraLines: number): BasketLine[] {
  const count = 1 + rng.poisson(extraLines);
  const lines: BasketLine[] = [];
  const has = (product: number) => lines.some((l) => l.product === product);
  for (let k = 0; k < count; k++) {
    const r = rng.next();
    let product: number;
    if (r < 0.25 && taste.staples.length > 0) product = taste.staples[rng.int(taste.staples.length)];
    else if (r < 0.7) product = fromTop(catalog, taste.favourites[rng.int(taste.favourites.length)], rng);
    else product = rng.pickCumulative(catalog.overall);
    if (has(product)) continue;
    const quantity = Math.min(12, 1 + rng.poisson(catalog.products[product].extraQuantity));
    lines.push({ product, quantity });
  }
  const picked = lines.length;
  for (let k = 0; k < picked; k++) {
    const partner = catalog.partner[lines[k].product];
    if (partner >= 0 && rng.chance(catalog.partnerProbability[lines[k].product]) && !has(partner)) {
      lines.push({ product: partner, quantity: 1 });
    }
  }
  return lines;
}

/** Basket value in cents. */
export function basketCents(catalog: Catalog, lines: readonly BasketLine[]): number {
  let cents = 0;
  for (const line of lines) cents += catalog.products[line.product].priceCents * line.quantity;
  return cents;
}
