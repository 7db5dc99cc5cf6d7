import { describe, expect, it } from 'vitest';
import { interval, isIn, MissingInputError } from '@clvkit/core';
import { shop } from '../helpers.js';
import { and, basketShop, run, webOnly } from './fixtures.js';

// The 5-order fixture (see basketShop): N = 5; A 4, B 4, C 2, D 2 baskets;
// pairs AB 3, AD 2, BC 2, AC 1, BD 1.
// productA = the product with fewer baskets (ties by name):
//   {A,B}: A 4 = B 4 -> A first. support 3/5 = 0.6; confidence 3/4 = 0.75; lift 0.75 / (4/5) = 0.9375
//   {C,B}: C 2 < B 4.          support 2/5 = 0.4; confidence 2/2 = 1;    lift 1 / (4/5) = 1.25
//   {D,A}: D 2 < A 4.          support 0.4;       confidence 2/2 = 1;    lift 1.25
//   {C,A}:                     support 1/5 = 0.2; confidence 1/2 = 0.5;  lift 0.5 / (4/5) = 0.625
//   {D,B}:                     support 0.2;       confidence 0.5;        lift 0.625
const AB = { productA: 'A', productB: 'B', orders: 3, ordersA: 4, ordersB: 4, support: 0.6, confidence: 0.75, lift: 0.9375 };
const CB = { productA: 'C', productB: 'B', orders: 2, ordersA: 2, ordersB: 4, support: 0.4, confidence: 1, lift: 1.25 };
const DA = { productA: 'D', productB: 'A', orders: 2, ordersA: 2, ordersB: 4, support: 0.4, confidence: 1, lift: 1.25 };
const CA = { productA: 'C', productB: 'A', orders: 1, ordersA: 2, ordersB: 4, support: 0.2, confidence: 0.5, lift: 0.625 };
const DB = { productA: 'D', productB: 'B', orders: 1, ordersA: 2, ordersB: 4, support: 0.2, confidence: 0.5, lift: 0.625 };

const closeRows = (rows: Record<string, unknown>[], expected: Record<string, unknown>[]) => {
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => {
    for (const [key, value] of Object.entries(expected[i])) {
      if (typeof value === 'number') expect(row[key], `${i}.${key}`).toBeCloseTo(value, 12);
      else expect(row[key], `${i}.${key}`).toBe(value);
    }
    expect(Object.keys(row).sort()).toEqual(Object.keys(expected[i]).sort());
  });
};

describe('most_combined_products', () => {
  it('counts pairs per basket with support, confidence and lift worked by hand', () => {
    const { rows, meta } = run(basketShop(), 'most_combined_products');
    // By orders desc; ties (CB, DA at 2; CA, DB at 1) by lift (equal), then productA by name.
    closeRows(rows, [AB, CB, DA, CA, DB]);
    // The abandoned basket s6 and the line-less order o7 are no baskets; A twice in o5 counts once.
    expect(meta).toEqual({ metric: 'orders', orders: 5, pairs: 5, skippedOrders: 0, maxBasket: 100 });
  });

  it('ranks by lift or confidence, and applies minOrders and limit', () => {
    // lift: CB 1.25, DA 1.25 (tie: orders 2 = 2, then names C < D), AB 0.9375, CA 0.625, DB 0.625
    closeRows(run(basketShop(), 'most_combined_products', { metric: 'lift' }).rows, [CB, DA, AB, CA, DB]);
    // confidence: CB 1, DA 1, AB 0.75, CA 0.5, DB 0.5
    closeRows(run(basketShop(), 'most_combined_products', { metric: 'confidence' }).rows, [CB, DA, AB, CA, DB]);
    const some = run(basketShop(), 'most_combined_products', { minOrders: 2 });
    closeRows(some.rows, [AB, CB, DA]);
    expect(some.meta.pairs).toBe(3);
    const two = run(basketShop(), 'most_combined_products', { limit: 2 });
    closeRows(two.rows, [AB, CB]);
    expect(two.meta.pairs).toBe(5);
  });

  it('leaves baskets above maxBasket out of every count', () => {
    // maxBasket 2 drops o1 (A B C) and o3 (A B D): baskets o2 AB, o4 BC, o5 AD; N = 3;
    // A 2, B 2, C 1, D 1; each pair once.
    // {C,B}: conf 1/1 = 1, lift 1 / (2/3) = 1.5; {D,A}: the same; {A,B}: conf 1/2, lift 0.5 / (2/3) = 0.75.
    const { rows, meta } = run(basketShop(), 'most_combined_products', { maxBasket: 2 });
    closeRows(rows, [
      { productA: 'C', productB: 'B', orders: 1, ordersA: 1, ordersB: 2, support: 1 / 3, confidence: 1, lift: 1.5 },
      { productA: 'D', productB: 'A', orders: 1, ordersA: 1, ordersB: 2, support: 1 / 3, confidence: 1, lift: 1.5 },
      { productA: 'A', productB: 'B', orders: 1, ordersA: 2, ordersB: 2, support: 1 / 3, confidence: 0.5, lift: 0.75 },
    ]);
    expect(meta).toMatchObject({ orders: 3, skippedOrders: 2, maxBasket: 2 });
  });

  it('runs under the filter: sessions predicates pick baskets, lines predicates pick lines', () => {
    // web: o1 ABC, o2 AB; N = 2; A 2, B 2, C 1. {A,B} 2: support 1, conf 1, lift 1;
    // {C,A} 1: support 0.5, conf 1, lift 1 / (2/2) = 1; {C,B} the same.
    closeRows(run(basketShop(), 'most_combined_products', {}, webOnly).rows, [
      { productA: 'A', productB: 'B', orders: 2, ordersA: 2, ordersB: 2, support: 1, confidence: 1, lift: 1 },
      { productA: 'C', productB: 'A', orders: 1, ordersA: 1, ordersB: 2, support: 0.5, confidence: 1, lift: 1 },
      { productA: 'C', productB: 'B', orders: 1, ordersA: 1, ordersB: 2, support: 0.5, confidence: 1, lift: 1 },
    ]);
    // Only A and B lines: o1 AB, o2 AB, o3 AB, o4 B, o5 A -> N = 5, the AB row as before.
    closeRows(run(basketShop(), 'most_combined_products', {}, and(isIn('product', ['A', 'B']))).rows, [AB]);
    // An empty range: no baskets, no rows.
    const empty = run(basketShop(), 'most_combined_products', {}, and(interval('session_start', Date.UTC(2023, 0, 1), Date.UTC(2023, 1, 1))));
    expect(empty.rows).toEqual([]);
    expect(empty.meta.orders).toBe(0);
  });

  it('says it needs basket lines and validates params', () => {
    expect(() => run(shop(undefined, { lines: false }), 'most_combined_products')).toThrow(MissingInputError);
    expect(() => run(basketShop(), 'most_combined_products', { metric: 'revenue' })).toThrow(/params.metric/);
    expect(() => run(basketShop(), 'most_combined_products', { minOrders: 0 })).toThrow(/params.minOrders/);
    expect(() => run(basketShop(), 'most_combined_products', { top: 3 })).toThrow(/unknown param "top"/);
  });
});

describe('bought_with', () => {
  it('lists the products in the baskets of one product', () => {
    // Baskets with A: o1 (B C), o2 (B), o3 (B D), o5 (D); ordersX = 4, N = 5.
    // B: 3 -> support 0.6, confidence 3/4 = 0.75, lift 0.75 / (4/5) = 0.9375
    // D: 2 -> support 0.4, confidence 2/4 = 0.5,  lift 0.5 / (2/5) = 1.25
    // C: 1 -> support 0.2, confidence 1/4 = 0.25, lift 0.25 / (2/5) = 0.625
    const B = { product: 'B', orders: 3, ordersProduct: 4, support: 0.6, confidence: 0.75, lift: 0.9375 };
    const D = { product: 'D', orders: 2, ordersProduct: 2, support: 0.4, confidence: 0.5, lift: 1.25 };
    const C = { product: 'C', orders: 1, ordersProduct: 2, support: 0.2, confidence: 0.25, lift: 0.625 };
    const { rows, meta } = run(basketShop(), 'bought_with', { product: 'A' });
    closeRows(rows, [B, D, C]);
    expect(meta).toEqual({ product: 'A', productOrders: 4, orders: 5, values: 3, metric: 'orders', skippedOrders: 0, maxBasket: 100 });
    closeRows(run(basketShop(), 'bought_with', { product: 'A', metric: 'lift' }).rows, [D, B, C]);
    closeRows(run(basketShop(), 'bought_with', { product: 'A', minOrders: 2, limit: 1 }).rows, [B]);
  });

  it('agrees with the pair row of most_combined_products', () => {
    // D's baskets: o3 (A B), o5 (A); ordersX = 2. A: 2, conf 1, lift 1.25 = the {D,A} row.
    closeRows(run(basketShop(), 'bought_with', { product: 'D' }).rows, [
      { product: 'A', orders: 2, ordersProduct: 4, support: 0.4, confidence: 1, lift: 1.25 },
      { product: 'B', orders: 1, ordersProduct: 4, support: 0.2, confidence: 0.5, lift: 0.625 },
    ]);
  });

  it('gives no rows for a product without baskets, and requires the product', () => {
    const { rows, meta } = run(basketShop(), 'bought_with', { product: 'Z' });
    expect(rows).toEqual([]);
    expect(meta).toMatchObject({ productOrders: 0, orders: 5 });
    // C under the web filter: o1 only.
    closeRows(run(basketShop(), 'bought_with', { product: 'C' }, webOnly).rows, [
      { product: 'A', orders: 1, ordersProduct: 2, support: 0.5, confidence: 1, lift: 1 },
      { product: 'B', orders: 1, ordersProduct: 2, support: 0.5, confidence: 1, lift: 1 },
    ]);
    expect(() => run(basketShop(), 'bought_with')).toThrow(/params.product is required/);
    expect(() => run(basketShop(), 'bought_with', { product: '' })).toThrow(/params.product/);
  });
});
