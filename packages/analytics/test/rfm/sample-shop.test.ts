import { beforeAll, describe, expect, it } from 'vitest';
import { isIn, type Dataset, type NumberColumn, type StringColumn, type TimeColumn, type BooleanColumn } from '@clvkit/core';
import { generateShop, groupOfClient, sampleDataset, type PlantedEffects } from '@clvkit/sample-data';
import { SEGMENTS } from '../../src/index.js';
import { report } from './fixtures.js';

/*
 * The planted customer groups and promotions of the sample shop, seen through the RFM
 * analyses; the reference values come from plain loops over the dataset's columns here.
 */
const OPTIONS = { orders: 20_000, seed: 42 };
const DAY = 86_400_000;
let dataset: Dataset;
let planted: PlantedEffects;

beforeAll(async () => {
  planted = generateShop(OPTIONS).planted;
  dataset = (await sampleDataset(OPTIONS)).dataset;
}, 120_000);

interface ClientFacts {
  firstOrder: number;
  promotions: Set<string>;
  shares: number[];
}

/** Per client id: first order, promotions used, discount / (payment + discount) of each order. */
function facts(): Map<string, ClientFacts> {
  const c = dataset.sessions.columns;
  const client = c.client as StringColumn;
  const start = (c.session_start as TimeColumn).values;
  const bought = (c.has_purchased as BooleanColumn).values;
  const payment = (c.payment_amount as NumberColumn).values;
  const discount = (c.discount_amount as NumberColumn).values;
  const promo = c.promotion_id as StringColumn;
  const out = new Map<string, ClientFacts>();
  for (let i = 0; i < dataset.sessions.length; i++) {
    if (!bought[i]) continue;
    const id = client.dictionary[client.codes[i]];
    let f = out.get(id);
    if (!f) out.set(id, (f = { firstOrder: Infinity, promotions: new Set(), shares: [] }));
    f.firstOrder = Math.min(f.firstOrder, start[i]);
    if (promo.codes[i] >= 0) f.promotions.add(promo.dictionary[promo.codes[i]]);
    const whole = payment[i] + discount[i];
    f.shares.push(whole > 0 ? discount[i] / whole : 0);
  }
  return out;
}

/** Segment counts per planted group (churners split by whether they started 250+ days before the end). */
function segmentsByGroup(rows: Record<string, unknown>[], asOf: number, known: Map<string, ClientFacts>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    let group = groupOfClient(planted, row.client as string) as string;
    // Churners stop for good at most 150 days after their first order.
    if (group === 'churner') group = (known.get(row.client as string) as ClientFacts).firstOrder < asOf - 250 * DAY ? 'lapsed churner' : 'new churner';
    const counts = (out[group] ??= {});
    counts[row.segment as string] = (counts[row.segment as string] ?? 0) + 1;
  }
  return out;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const share = (counts: Record<string, number>, segments: string[]) => segments.reduce((s, name) => s + (counts[name] ?? 0), 0) / total(counts);

describe('RFM on the sample shop', () => {
  it('puts the planted groups in distinct segments', () => {
    const { rows, meta } = report(dataset, 'rfm');
    const groups = segmentsByGroup(rows, meta?.asOf as number, facts());
    // Every buying group is present; browsers never order.
    expect(Object.keys(groups).sort()).toEqual(['champion', 'lapsed churner', 'monthly', 'new churner', 'occasional', 'one-timer', 'weekly']);
    // High-value regulars: mostly Champions.
    expect(share(groups.champion, ['Champions'])).toBeGreaterThan(0.6);
    // Weekly regulars: recent and engaged.
    expect(share(groups.weekly, ['Champions', 'Loyal Customers', 'Potential Loyalists'])).toBeGreaterThan(0.8);
    // Lapsed churners: long gone; far more often At Risk / Hibernating / Lost / Can't Lose Them
    // than the weekly regulars, and never new.
    const gone = ['At Risk', 'Hibernating', 'Lost', "Can't Lose Them"];
    expect(share(groups['lapsed churner'], gone)).toBeGreaterThan(0.4);
    expect(share(groups['lapsed churner'], gone)).toBeGreaterThan(5 * share(groups.weekly, gone));
    expect(groups['lapsed churner']['New Customers'] ?? 0).toBe(0);
    // One order each: never Champions, Loyal or At Risk; almost all in the low-FM segments.
    expect(share(groups['one-timer'], ['Champions', 'Loyal Customers', 'At Risk', "Can't Lose Them", 'Need Attention'])).toBe(0);
    expect(share(groups['one-timer'], ['New Customers', 'Promising', 'About to Sleep', 'Hibernating', 'Lost'])).toBeGreaterThan(0.9);
    for (const row of rows) if (groupOfClient(planted, row.client as string) === 'one-timer') expect([row.frequency, row.f, row.meanGap]).toEqual([1, 1, null]);
  });

  it('orders the groups by frequency and spend scores as planted', () => {
    const rows = report(dataset, 'rfm').rows;
    const mean = (group: string, field: 'f' | 'm') => {
      const mine = rows.filter((r) => groupOfClient(planted, r.client as string) === group);
      return mine.reduce((s, r) => s + (r[field] as number), 0) / mine.length;
    };
    // Orders every ~5 days with big baskets > weekly > monthly > one order.
    for (const field of ['f', 'm'] as const) {
      expect(mean('champion', field)).toBeGreaterThan(mean('weekly', field));
      expect(mean('weekly', field)).toBeGreaterThan(mean('monthly', field));
      expect(mean('monthly', field)).toBeGreaterThan(mean('one-timer', field));
    }
  });

  it('gives the segments the profile their names promise', () => {
    const rows = report(dataset, 'segmentation').rows;
    const by = Object.fromEntries(rows.map((r) => [r.segment, r]));
    const others = (field: string, except: string) => rows.filter((r) => r.segment !== except && r.customers).map((r) => r[field] as number);
    expect(by.Champions.frequency).toBeGreaterThan(Math.max(...others('frequency', 'Champions')));
    expect(by.Champions.monetary).toBeGreaterThan(Math.max(...others('monetary', 'Champions')));
    expect(by.Lost.recency).toBeGreaterThan(Math.max(...others('recency', 'Lost')));
    expect(rows.reduce((s, r) => s + (r.customers as number), 0)).toBe(report(dataset, 'rfm').rows.length);
    // A treemap click keeps the tile's customers, and only them.
    const champions = report(dataset, 'segmentation', {}, [isIn('rfm_segment', ['Champions'])]).rows;
    expect(champions.map((r) => r.customers)).toEqual(SEGMENTS.map((s) => (s === 'Champions' ? by.Champions.customers : 0)));
  });

  it('is deterministic: a second generation of the same shop gives the same RFM', async () => {
    const again = (await sampleDataset(OPTIONS)).dataset;
    expect(report(again, 'rfm').rows).toEqual(report(dataset, 'rfm').rows);
    expect(report(again, 'rfm', { method: 'quantile' }).rows).toEqual(report(dataset, 'rfm', { method: 'quantile' }).rows);
  }, 120_000);
});

describe('basket and discount sensitivity on the sample shop', () => {
  it('matches the per-order discount shares and shows promotion users as more sensitive', () => {
    const known = facts();
    const { rows } = report(dataset, 'basket_sensitivity');
    expect(rows).toHaveLength(known.size);
    for (const row of rows) {
      const shares = (known.get(row.client as string) as ClientFacts).shares;
      expect(row.discountSensitivity).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / shares.length, 12);
    }
    const promotion = planted.effectivePromotion.id; // BUNDLEUP
    const used = (row: Record<string, unknown>) => (known.get(row.client as string) as ClientFacts).promotions;
    const bundle = rows.filter((r) => used(r).has(promotion));
    const never = rows.filter((r) => used(r).size === 0);
    const mean = (list: Record<string, unknown>[]) => list.reduce((s, r) => s + (r.discountSensitivity as number), 0) / list.length;
    const aboveLow = (list: Record<string, unknown>[]) => list.filter((r) => r.discountBracket !== 'low').length / list.length;
    expect(bundle.length).toBeGreaterThan(50);
    expect(mean(bundle)).toBeGreaterThan(0.01);
    expect(mean(never)).toBe(0);
    // Customers who never used a code are all in the low bracket; BUNDLEUP users often above it,
    // more often than the shop's customers overall.
    expect(aboveLow(never)).toBe(0);
    expect(aboveLow(bundle)).toBeGreaterThan(0.3);
    expect(aboveLow(bundle)).toBeGreaterThan(aboveLow(rows));
  });
});
