import { describe, expect, it } from 'vitest';
import { interval, isIn, NO_FILTER, type Dataset, type Filter, type Row } from '@clvkit/core';
import { createContext, derivedColumns, groupMeasures, keyColumn, runQuery, withDerivedFields } from '../../src/index.js';
import { sessionsKeptBy } from '../../src/analyses/masks.js';
import { distinctBitset, distinctClientsBy, sessionSums } from '../../src/analyses/session-sums.js';
import { buildDataset, type SessionSpec } from '../helpers.js';
import { run } from './fixtures.js';
import { mulberry32 as random } from '../../src/random.js';

/**
 * daily_dimension_values, the weekly averages and customer_base sum their sessions in one
 * dedicated pass (session-sums.ts); here they are checked against the plain aggregate (a
 * separate code path) on a random shop with sessions without a time, without a dimension and
 * without an amount.
 */


function randomShop(seed: number): Dataset {
  const next = random(seed);
  const sessions: SessionSpec[] = [];
  for (let i = 0; i < 500; i++) {
    const start = next() < 0.03 ? 'not a time' : new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 30 * 86_400_000)).toISOString();
    const dimension = next() < 0.1 ? null : ['web', 'app', 'Store', 'éte'][Math.floor(next() * 4)];
    sessions.push({ id: `s${i}`, client: `c${i % 31}`, start, purchased: next() > 0.4, payment: next() < 0.05 ? Number.NaN : Math.round(next() * 10_000) / 7, dimension });
  }
  return buildDataset({ sessions });
}

const FILTERS: Record<string, Filter> = {
  none: NO_FILTER,
  'a dimension clause': { mode: 'and', predicates: [isIn('dimension', ['web', 'app'])] },
  'a time interval': { mode: 'and', predicates: [interval('session_start', Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 20))] },
};

describe('daily_dimension_values against the plain aggregate', () => {
  for (const [label, filter] of Object.entries(FILTERS)) {
    it(label, () => {
      const dataset = randomShop(label.length);
      const expected = runQuery(dataset, { spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }, { field: 'dimension' }], measures: ['orders', 'revenue'] }, filter })
        .rows.filter((row: Row) => row.dimension !== null)
        .map((row: Row) => ({ bucket: row.session_start, dimension: row.dimension, orders: row.orders, revenue: row.revenue }))
        .sort((a, b) => Number(a.bucket) - Number(b.bucket) || String(a.dimension).localeCompare(String(b.dimension)));
      const { rows } = run(dataset, 'daily_dimension_values', {}, filter);
      expect(rows.length).toBeGreaterThan(20);
      expect(rows).toEqual(expected);
    });
  }
});

describe('sessionSums and distinctClientsBy against the plain aggregate', () => {
  for (const [label, filter] of Object.entries(FILTERS)) {
    for (const walk of [false, true]) {
      it(`per week and per day, ${label}, distinct clients by ${walk ? 'a walk in client order' : 'a bitset'}`, () => {
        const dataset = withDerivedFields(randomShop(label.length + 7));
        const derived = derivedColumns(dataset);
        const context = createContext(dataset, filter);
        const saved = distinctBitset.limit;
        if (walk) distinctBitset.limit = 0;
        try {
          for (const unit of ['week', 'day'] as const) {
            const key = keyColumn(derived, 'sessions', { field: 'session_start', bucket: unit }, 'bucket');
            const { arrays } = groupMeasures(derived, 'sessions', [key], ['sessions', 'orders', 'revenue', 'visitors', 'buyers'], [filter]);
            const mask = sessionsKeptBy(context, [filter]);
            const sums = sessionSums(context, mask, key.codes, key.cardinality);
            const distinct = distinctClientsBy(context, mask, key.codes, key.cardinality);
            // Every slot, the missing-time one (the last) included.
            expect(Float64Array.from(sums.sessions)).toEqual(arrays.sessions);
            expect(sums.orders).toEqual(arrays.orders);
            expect(sums.revenue).toEqual(arrays.revenue);
            expect(distinct.visitors).toEqual(arrays.visitors);
            expect(distinct.buyers).toEqual(arrays.buyers);
          }
        } finally {
          distinctBitset.limit = saved;
        }
      });
    }
  }
});

describe('dimension_kpis against the plain aggregate', () => {
  for (const [label, filter] of Object.entries(FILTERS)) {
    for (const sort of ['orders', 'revenue', 'value'] as const) {
      it(`${label}, sorted by ${sort}`, () => {
        const dataset = randomShop(label.length + 3);
        const groups = runQuery(dataset, {
          spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'discount', 'visitors', 'buyers', 'averageOrderValue'] },
          filter,
        }).rows;
        const named = groups.filter((r: Row) => r.dimension !== null);
        const text = (r: Row) => String(r.dimension);
        named.sort((a: Row, b: Row) => (sort === 'value' ? 0 : (b[sort] as number) - (a[sort] as number)) || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
        const expected = [...named, ...groups.filter((r: Row) => r.dimension === null)];
        expect(run(dataset, 'dimension_kpis', { sort }, filter).rows).toEqual(expected);
      });
    }
  }
});
