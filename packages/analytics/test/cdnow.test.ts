import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interval, NO_FILTER, type Row } from '@clvkit/core';
import { runQuery } from '../src/index.js';
import { buildDataset } from './helpers.js';

/**
 * Real data: the CDNOW master log (69,659 purchases of 23,570 customers). Every number the
 * analyses report is recomputed here independently with plain loops over the text file.
 */
const FILE = '/work/shared/data/cdnow/CDNOW_master.txt';
const present = existsSync(FILE);
if (!present) console.warn(`skipping CDNOW checks: ${FILE} is absent`);

describe.skipIf(!present)('CDNOW master log', () => {
  const records = present
    ? readFileSync(FILE, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f.length === 4)
        .map(([client, date, , dollars]) => ({ client, date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, dollars: Number(dollars) }))
    : [];
  const dataset = buildDataset({
    sessions: records.map((r, i) => ({ id: `t${i}`, client: r.client, start: `${r.date}T00:00:00Z`, payment: r.dollars })),
  });
  const kpi = (filter = NO_FILTER) => Object.fromEntries(runQuery(dataset, { spec: { kind: 'analysis', name: 'kpis' }, filter }).rows.map((r: Row) => [r.metric, r]));

  it('reports the published counts', () => {
    expect(records).toHaveLength(69_659);
    const k = kpi();
    expect(k.orders.value).toBe(69_659);
    expect(k.buyers.value).toBe(23_570);
    const revenue = records.reduce((sum, r) => sum + r.dollars, 0);
    expect(k.revenue.value).toBeCloseTo(revenue, 6);
    expect(k.historicalClv.value).toBeCloseTo(revenue / 23_570, 9);
    expect(k.quantity.value).toBeNull();
  });

  it('matches monthly totals and a quarter against the one before it', () => {
    const byMonth = new Map<string, { orders: number; revenue: number }>();
    for (const r of records) {
      const month = r.date.slice(0, 7);
      const m = byMonth.get(month) ?? { orders: 0, revenue: 0 };
      m.orders++;
      m.revenue += r.dollars;
      byMonth.set(month, m);
    }
    const rows = runQuery(dataset, { spec: { kind: 'analysis', name: 'monthly_orders' }, filter: NO_FILTER }).rows;
    expect(rows).toHaveLength(18); // 1997-01 .. 1998-06
    for (const row of rows) {
      const expected = byMonth.get(new Date(row.bucket as number).toISOString().slice(0, 7))!;
      expect(row.orders).toBe(expected.orders);
      expect(row.revenue).toBeCloseTo(expected.revenue, 6);
    }
    // Q2 1997 (91 days) against the 91 days before it (1996-12-31 .. 1997-03-31 = Q1, no data on 12-31)
    const q2 = kpi({ mode: 'and', predicates: [interval('session_start', Date.UTC(1997, 3, 1), Date.UTC(1997, 6, 1))] });
    const sum = (months: string[], key: 'orders' | 'revenue') => months.reduce((s, m) => s + byMonth.get(m)![key], 0);
    expect(q2.orders.value).toBe(sum(['1997-04', '1997-05', '1997-06'], 'orders'));
    expect(q2.orders.previous).toBe(sum(['1997-01', '1997-02', '1997-03'], 'orders'));
    const buyersQ1 = new Set(records.filter((r) => r.date < '1997-04-01').map((r) => r.client)).size;
    expect(q2.buyers.previous).toBe(buyersQ1);
    expect(q2.revenue.change).toBeCloseTo((sum(['1997-04', '1997-05', '1997-06'], 'revenue') / sum(['1997-01', '1997-02', '1997-03'], 'revenue') - 1) * 100, 6);
  });
});
