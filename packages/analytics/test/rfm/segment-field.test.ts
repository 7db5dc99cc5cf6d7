import { describe, expect, it } from 'vitest';
import { isIn, lineMask, sessionMask, type Dataset } from '@clvkit/core';
import { derivedFieldDefinitions, runQuery, withDerivedFields } from '../../src/index.js';
import { buildDataset } from '../helpers.js';
import { byClient, report, rfmShop } from './fixtures.js';

const aggregate = (dataset: Dataset, predicates: Parameters<typeof isIn>[] | ReturnType<typeof isIn>[], groupBy?: string) =>
  runQuery(dataset, {
    spec: { kind: 'aggregate', measures: ['orders', 'visitors', 'revenue'], ...(groupBy ? { groupBy: [{ field: groupBy }] } : {}) },
    filter: { mode: 'and', predicates: predicates as ReturnType<typeof isIn>[] },
  }).rows;

describe('sessions.rfm_segment (derived filterable field)', () => {
  it('is registered with the other derived fields', () => {
    const names = derivedFieldDefinitions().map((d) => `${d.table}.${d.name}`);
    expect(names).toEqual(expect.arrayContaining(['sessions.rfm_segment', 'customers.rfm_segment']));
  });

  it('filters every query by the customer\'s default segment (a treemap click)', () => {
    const shop = rfmShop();
    // Default segments: a Champions (4 orders, 400), e Loyal (3, 120), b About to Sleep (1, 50),
    // c Hibernating (2, 60), d At Risk (1, 500); f never ordered.
    expect(aggregate(shop, [isIn('rfm_segment', ['Champions'])])).toEqual([{ orders: 4, visitors: 1, revenue: 400 }]);
    expect(aggregate(shop, [isIn('rfm_segment', ['At Risk', 'Hibernating'])])).toEqual([{ orders: 3, visitors: 2, revenue: 560 }]);
    expect(aggregate(shop, [isIn('sessions.rfm_segment', ['Lost'])])).toEqual([]);
    // Combined with other clauses like any column: Hibernating c's app order.
    expect(aggregate(shop, [isIn('rfm_segment', ['Hibernating']), isIn('dimension', ['app'])])).toEqual([{ orders: 1, visitors: 1, revenue: 30 }]);
  });

  it('groups like a column, customers without an order missing', () => {
    const rows = aggregate(rfmShop(), [], 'rfm_segment');
    expect(Object.fromEntries(rows.map((r) => [String(r.rfm_segment), [r.orders, r.visitors, r.revenue]]))).toEqual({
      Champions: [4, 1, 400],
      'Loyal Customers': [3, 1, 120],
      'About to Sleep': [1, 1, 50],
      Hibernating: [2, 1, 60],
      'At Risk': [1, 1, 500],
      null: [0, 1, 0],
    });
  });

  it('is the segment of the default rfm snapshot, whatever the analysis\'s own filter', () => {
    const shop = withDerivedFields(rfmShop());
    const rows = report(shop, 'rfm').rows;
    const column = shop.sessions.columns.rfm_segment;
    if (column.type !== 'string') throw new Error('rfm_segment must be a string column');
    const client = shop.sessions.columns.client;
    if (client.type !== 'string') throw new Error('client must be a string column');
    const bySession = new Map<string, string | null>();
    for (let i = 0; i < shop.sessions.length; i++) {
      bySession.set(client.dictionary[client.codes[i]], column.codes[i] >= 0 ? column.dictionary[column.codes[i]] : null);
    }
    expect(Object.fromEntries(bySession)).toEqual({ ...Object.fromEntries(rows.map((r) => [r.client, r.segment])), f: null });
    // A dimension-filtered rfm re-fits (c becomes Lost) but the field does not move.
    expect(byClient(report(shop, 'rfm', {}, [isIn('dimension', ['app'])]).rows).c.segment).toBe('Lost');
    expect(aggregate(shop, [isIn('rfm_segment', ['Hibernating'])])).toEqual([{ orders: 2, visitors: 1, revenue: 60 }]);
  });

  it('reaches basket lines through their order and the customers table by client', () => {
    const dataset = buildDataset({
      sessions: [
        { id: 'o1', client: 'x', start: '2024-01-01T10:00:00Z', payment: 10 },
        { id: 'o2', client: 'x', start: '2024-01-05T10:00:00Z', payment: 900 },
        { id: 'o3', client: 'y', start: '2023-01-01T10:00:00Z', payment: 5 },
      ],
      lines: [
        { order: 'o1', product: 'P', price: 10 },
        { order: 'o2', product: 'Q', price: 900 },
        { order: 'o3', product: 'P', price: 5 },
      ],
      customers: [{ client: 'y' }, { client: 'x' }, { client: 'z' }],
    });
    // Two customers, two distinct values per metric (scores 1 and 5): x R5 F5 M5 Champions,
    // y R1 F1 M1 Lost; z has no order.
    const enriched = withDerivedFields(dataset);
    expect(Array.from(lineMask(enriched, { mode: 'and', predicates: [isIn('rfm_segment', ['Champions'])] }))).toEqual([1, 1, 0]);
    const customers = enriched.customers?.columns.rfm_segment;
    if (customers?.type !== 'string') throw new Error('customers.rfm_segment must be a string column');
    expect(Array.from(customers.codes, (c) => (c >= 0 ? customers.dictionary[c] : null))).toEqual(['Lost', 'Champions', null]);
    expect(Array.from(sessionMask(enriched, { mode: 'and', predicates: [isIn('customers.rfm_segment', ['Lost'])] }))).toEqual([0, 0, 1]);
  });
});
