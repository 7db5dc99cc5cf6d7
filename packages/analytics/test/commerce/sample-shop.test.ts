import { beforeAll, describe, expect, it } from 'vitest';
import { interval, isIn, prefix, type Dataset, type Row } from '@clvkit/core';
import { generateShop, sampleDataset, type PlantedEffects } from '@clvkit/sample-data';
import { and, run } from './fixtures.js';

/**
 * The sample shop's planted effects (sample-data README, "What is planted") must show where
 * the commerce analyses look: the planted product pairs lead most_combined_products and are
 * each other's first "bought with" at the planted rate; the planted promotions run in their
 * windows at their discount rates, and the effective one brings more orders per customer.
 */
const OPTIONS = { orders: 20_000, seed: 42 };
let dataset: Dataset;
let planted: PlantedEffects;

beforeAll(async () => {
  dataset = (await sampleDataset(OPTIONS)).dataset;
  planted = generateShop(OPTIONS).planted;
}, 60_000);

const pairKey = (a: unknown, b: unknown) => [String(a), String(b)].sort().join(' + ');

describe('planted product pairs', () => {
  it('lead most_combined_products by orders, with lift far above 1', () => {
    const plantedPairs = new Set(planted.productPairs.map((p) => pairKey(p.first, p.second)));
    const { rows, meta } = run(dataset, 'most_combined_products', { limit: 5 });
    expect(meta.orders).toBe(OPTIONS.orders); // every order of the sample has a basket
    for (const row of rows) {
      expect(plantedPairs.has(pairKey(row.productA, row.productB)), pairKey(row.productA, row.productB)).toBe(true);
      expect(row.lift as number).toBeGreaterThan(3);
    }
    // Ranked by lift among pairs seen in at least 50 baskets, the top 10 are all planted.
    for (const row of run(dataset, 'most_combined_products', { metric: 'lift', minOrders: 50 }).rows) {
      expect(plantedPairs.has(pairKey(row.productA, row.productB)), pairKey(row.productA, row.productB)).toBe(true);
    }
  });

  it("are each other's first bought_with, at about the planted rate", () => {
    for (const pair of planted.productPairs) {
      const { rows } = run(dataset, 'bought_with', { product: pair.first, limit: 1 });
      expect(rows[0].product, pair.first).toBe(pair.second);
      // confidence first -> second = the planted probability plus chance co-occurrence
      expect(rows[0].confidence as number, pair.first).toBeGreaterThan(pair.probability - 0.05);
      expect(rows[0].confidence as number, pair.first).toBeLessThan(pair.probability + 0.15);
      expect(rows[0].lift as number).toBeGreaterThan(3);
    }
  });

  it('product figures agree with the top-products report and the category tree with the categories report', () => {
    const [top] = run(dataset, 'most_ordered_products', { limit: 1 }).rows;
    const kpis = Object.fromEntries(run(dataset, 'product_kpis', { product: top.product, bucket: 'month' }).rows.map((r) => [r.metric, r.value]));
    expect([kpis.orders, kpis.quantity]).toEqual([top.orders, top.quantity]);
    expect(kpis.revenue as number).toBeCloseTo(top.revenue as number, 6);
    const categories = run(dataset, 'most_ordered_categories', { depth: 1, limit: 100 }).rows;
    const tree = run(dataset, 'category_tree', { limit: 100 }).rows;
    const fields = (r: Row) => [r.orders, r.quantity, Math.round((r.revenue as number) * 100)];
    expect(new Map(tree.map((r) => [r.name, fields(r)]))).toEqual(new Map(categories.map((r) => [r.category, fields(r)])));
    // One level down equals the categories report under that prefix at depth 2.
    const home = run(dataset, 'category_tree', { path: 'Home', limit: 100 }).rows;
    const homeCategories = run(dataset, 'most_ordered_categories', { depth: 2, limit: 100 }, and(prefix('category', ['Home']))).rows;
    expect(new Map(home.map((r) => [r.category, fields(r)]))).toEqual(new Map(homeCategories.map((r) => [r.category, fields(r)])));
  });
});

describe('planted promotions', () => {
  const byId = () => new Map(run(dataset, 'promotion_kpis').rows.map((r) => [r.promotion as string, r]));

  it('are used only inside their windows, at their discount rates', () => {
    const rows = byId();
    for (const promotion of [planted.effectivePromotion, planted.neutralPromotion]) {
      const row = rows.get(promotion.id)!;
      expect(row, promotion.id).toBeDefined();
      expect(row.orders as number).toBeGreaterThan(100);
      expect(row.firstUse as number).toBeGreaterThanOrEqual(promotion.startMs);
      expect(row.lastUse as number).toBeLessThan(promotion.endMs);
      // payment is after discount: rate = discount / (payment + discount)
      const rate = (row.discount as number) / ((row.revenue as number) + (row.discount as number));
      expect(Math.abs(rate - promotion.discountRate), promotion.id).toBeLessThan(0.005);
    }
    // The welcome code is for first orders only: one order per customer.
    expect(rows.get('WELCOME10')!.ordersPerCustomer).toBe(1);
  });

  it('the effective promotion brings more orders per customer than the neutral one', () => {
    const perCustomer = new Map(run(dataset, 'avg_order_count_per_promo_per_cust').rows.map((r) => [r.promotion, r.ordersPerCustomer as number]));
    expect(perCustomer.get(planted.effectivePromotion.id)!).toBeGreaterThan(perCustomer.get(planted.neutralPromotion.id)! + 0.2);
  });

  it('raise the promoted share of daily orders while they run', () => {
    const { startMs, endMs, id } = planted.effectivePromotion;
    const weeks = 28 * 86_400_000;
    const share = (lo: number, hi: number) => {
      const rows = run(dataset, 'daily_organic_orders', {}, and(interval('session_start', lo, hi))).rows;
      const promoted = rows.reduce((sum, r) => sum + (r.promoted as number), 0);
      const organic = rows.reduce((sum, r) => sum + (r.organic as number), 0);
      return promoted / (promoted + organic);
    };
    expect(share(startMs, endMs)).toBeGreaterThan(share(startMs - weeks, startMs) + 0.2);
    // Its days in the per-day report lie inside the window.
    const days = run(dataset, 'inorganic_orders_per_promotion_per_day', {}, and(isIn('promotion_id', [id]))).rows;
    expect(days.length).toBeGreaterThan(30);
    for (const day of days) {
      expect(day.bucket as number).toBeGreaterThanOrEqual(startMs);
      expect(day.bucket as number).toBeLessThan(endMs);
    }
  });
});
