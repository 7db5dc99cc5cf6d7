import { describe, expect, it } from 'vitest';
import { buildDataset, type LineSpec, type SessionSpec } from '../helpers.js';
import { TopK } from '../../src/analyses/commerce/top-k.js';
import { run } from './fixtures.js';
import { mulberry32 as random } from '../../src/random.js';


describe('most_combined_products against a brute-force count', () => {
  it('matches pair counts, support, confidence and lift of every pair on a random shop', () => {
    const next = random(7);
    const sessions: SessionSpec[] = [];
    const lines: LineSpec[] = [];
    // Stored out of order on purpose: lines of one order are not contiguous.
    for (let o = 0; o < 400; o++) {
      sessions.push({ id: `o${o}`, client: `c${o % 37}`, start: new Date(Date.UTC(2024, 0, 1) + o * 3_600_000).toISOString(), purchased: next() > 0.15, payment: 10 });
      const size = Math.floor(next() * 7);
      for (let k = 0; k < size; k++) lines.push({ order: `o${o}`, product: `p${Math.floor(next() ** 2 * 40)}`, price: 1 });
    }
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    const dataset = buildDataset({ sessions, lines });

    // Independent computation: a set of products per purchased order.
    const purchased = new Set(sessions.filter((s) => s.purchased).map((s) => s.id));
    const baskets = new Map<string, Set<string>>();
    for (const line of lines) {
      if (!purchased.has(line.order)) continue;
      if (!baskets.has(line.order)) baskets.set(line.order, new Set());
      baskets.get(line.order)!.add(line.product);
    }
    const n = baskets.size;
    const single = new Map<string, number>();
    const pairs = new Map<string, number>();
    for (const basket of baskets.values()) {
      const products = [...basket].sort();
      for (const p of products) single.set(p, (single.get(p) ?? 0) + 1);
      for (let i = 0; i < products.length; i++) for (let j = i + 1; j < products.length; j++) pairs.set(`${products[i]}|${products[j]}`, (pairs.get(`${products[i]}|${products[j]}`) ?? 0) + 1);
    }

    const { rows, meta } = run(dataset, 'most_combined_products', { limit: 100_000 });
    expect(meta.orders).toBe(n);
    expect(meta.pairs).toBe(pairs.size);
    expect(rows).toHaveLength(pairs.size);
    for (const row of rows) {
      const [x, y] = [row.productA as string, row.productB as string].sort();
      const both = pairs.get(`${x}|${y}`)!;
      const a = single.get(row.productA as string)!;
      const b = single.get(row.productB as string)!;
      expect(row.orders).toBe(both);
      expect(a <= b).toBe(true);
      expect(row.support).toBeCloseTo(both / n, 12);
      expect(row.confidence).toBeCloseTo(both / a, 12);
      expect(row.lift).toBeCloseTo(both / n / ((a / n) * (b / n)), 9);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1].orders as number).toBeGreaterThanOrEqual(rows[i].orders as number);

    // bought_with of the most frequent product lists exactly its partners.
    const top = [...single].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))[0][0];
    const partners = [...pairs].filter(([key]) => key.split('|').includes(top));
    const withTop = run(dataset, 'bought_with', { product: top, limit: 1000 }).rows;
    expect(withTop).toHaveLength(partners.length);
    for (const [key, both] of partners) {
      const other = key.split('|').find((p) => p !== top)!;
      expect(withTop.find((r) => r.product === other)?.orders).toBe(both);
    }
  });
});

describe('TopK', () => {
  it('keeps the best items of a stream, best first, and counts what it was offered', () => {
    const top = new TopK<number>(3, (a, b) => b - a);
    for (const v of [5, 1, 9, 3, 9, 7, 2]) top.offer(v);
    expect(top.result()).toEqual([9, 9, 7]);
    expect(top.offered).toBe(7);
    expect(top.admits(7)).toBe(false); // ties with the worst kept one do not displace it
    expect(top.admits(8)).toBe(true);
    const none = new TopK<number>(0, (a, b) => a - b);
    none.offer(1);
    expect(none.result()).toEqual([]);
  });
});
