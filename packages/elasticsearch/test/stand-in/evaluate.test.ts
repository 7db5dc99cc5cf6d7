import { describe, expect, it } from 'vitest';
import { evaluateSearch, StandInError } from './evaluate.js';

// Hand-computed fixtures: every expected number below was worked out by hand from the
// Elasticsearch 8 reference semantics, not by running the query layer.
const docs = [
  { order_id: 'o1', client: 'a', session_start: Date.UTC(2024, 2, 30, 23, 30), has_purchased: true, payment_amount: 10, discount_amount: 1, promotion_id: null, basket: [{ product: 'p', category: 'x/y', price: 2, quantity: 3 }, { product: 'q', category: 'x', price: 4, quantity: 1 }] },
  { order_id: 'o2', client: 'a', session_start: Date.UTC(2024, 2, 31, 23, 30), has_purchased: true, payment_amount: 20, discount_amount: 0, promotion_id: 'P1', basket: [{ product: 'p', category: 'x/yz', price: 2, quantity: 1 }] },
  { order_id: 'o3', client: 'b', session_start: Date.UTC(2024, 9, 26, 23, 30), has_purchased: false, payment_amount: 0, discount_amount: 0, promotion_id: null, basket: [] },
  { order_id: 'o4', client: 'c', session_start: Date.UTC(2024, 9, 27, 23, 30), has_purchased: true, payment_amount: 5, discount_amount: 0, promotion_id: 'P2', basket: [{ product: 'r', category: null, price: 5, quantity: 1 }] },
];

const search = (body: Record<string, unknown>) => evaluateSearch(docs, body);
const ids = (query: Record<string, unknown>) => {
  const out = evaluateSearch(docs, { size: 0, query, aggs: { ids: { terms: { field: 'order_id', size: 10, order: { _key: 'asc' } } } } });
  return ((out.aggregations!.ids as { buckets: { key: string }[] }).buckets).map((b) => b.key);
};

describe('evaluateSearch queries', () => {
  it('term, terms, range, exists, bool', () => {
    expect(ids({ term: { has_purchased: true } })).toEqual(['o1', 'o2', 'o4']);
    expect(ids({ terms: { client: ['a', 'c'] } })).toEqual(['o1', 'o2', 'o4']);
    expect(ids({ range: { payment_amount: { gte: 5, lt: 20 } } })).toEqual(['o1', 'o4']);
    expect(ids({ exists: { field: 'promotion_id' } })).toEqual(['o2', 'o4']);
    expect(ids({ bool: { must_not: [{ exists: { field: 'promotion_id' } }] } })).toEqual(['o1', 'o3']);
    expect(ids({ bool: { should: [{ term: { client: 'b' } }, { term: { client: 'c' } }], minimum_should_match: 1 } })).toEqual(['o3', 'o4']);
    // should beside a filter is optional (minimum_should_match defaults to 0).
    expect(ids({ bool: { filter: [{ term: { client: 'a' } }], should: [{ term: { order_id: 'zz' } }] } })).toEqual(['o1', 'o2']);
    expect(ids({ terms: { client: [] } })).toEqual([]);
  });

  it('prefix and nested: a document matches when any nested object does', () => {
    expect(ids({ nested: { path: 'basket', query: { prefix: { 'basket.category': { value: 'x/' } } } } })).toEqual(['o1', 'o2']);
    expect(ids({ nested: { path: 'basket', query: { term: { 'basket.category': 'x' } } } })).toEqual(['o1']);
    expect(ids({ nested: { path: 'basket', query: { bool: { must_not: [{ exists: { field: 'basket.category' } }] } } } })).toEqual(['o4']);
    expect(ids({ nested: { path: 'basket', query: { match_all: {} } } })).toEqual(['o1', 'o2', 'o4']);
  });

  it('refuses what it does not know', () => {
    expect(() => search({ query: { wildcard: { client: 'a*' } } })).toThrow(StandInError);
  });
});

describe('evaluateSearch aggregations', () => {
  it('filter, sum, cardinality, nested, reverse_nested, value_count, script product', () => {
    const out = search({
      size: 0,
      aggs: {
        bought: { filter: { term: { has_purchased: true } }, aggs: { revenue: { sum: { field: 'payment_amount' } }, buyers: { cardinality: { field: 'client' } } } },
        lines: {
          nested: { path: 'basket' },
          aggs: {
            qty: { sum: { field: 'basket.quantity', missing: 1 } },
            revenue: { sum: { script: { lang: 'painless', source: "double p = doc['basket.price'].size() == 0 ? 0 : doc['basket.price'].value; double q = doc['basket.quantity'].size() == 0 ? 1 : doc['basket.quantity'].value; return p * q;" } } },
            p: { filter: { term: { 'basket.product': 'p' } }, aggs: { orders: { reverse_nested: {}, aggs: { clients: { cardinality: { field: 'client' } } } } } },
          },
        },
        none: { filter: { term: { client: 'zz' } }, aggs: { m: { min: { field: 'session_start' } }, s: { sum: { field: 'payment_amount' } } } },
      },
    });
    const a = out.aggregations as Record<string, any>;
    expect(a.bought).toEqual({ doc_count: 3, revenue: { value: 35 }, buyers: { value: 2 } });
    expect(a.lines.doc_count).toBe(4);
    expect(a.lines.qty.value).toBe(6);
    expect(a.lines.revenue.value).toBe(2 * 3 + 4 + 2 + 5);
    expect(a.lines.p.doc_count).toBe(2);
    expect(a.lines.p.orders).toEqual({ doc_count: 2, clients: { value: 1 } });
    expect(a.none).toEqual({ doc_count: 0, m: { value: null }, s: { value: 0 } });
    expect(out.hits.total).toEqual({ value: 4, relation: 'eq' });
  });

  it('top_metrics picks the metric of the first document by sort', () => {
    const out = search({ size: 0, aggs: { first: { top_metrics: { metrics: [{ field: 'payment_amount' }], sort: [{ session_start: { order: 'asc' } }], size: 1 } } } });
    expect(out.aggregations!.first).toEqual({ top: [{ sort: [Date.UTC(2024, 2, 30, 23, 30)], metrics: { payment_amount: 10 } }] });
  });

  it('composite: missing bucket first, after_key paging', () => {
    const body = (after?: object) => ({ size: 0, aggs: { g: { composite: { size: 2, sources: [{ k0: { terms: { field: 'promotion_id', missing_bucket: true } } }], ...(after ? { after } : {}) } } } });
    const page1 = search(body()).aggregations!.g as any;
    expect(page1.buckets.map((b: any) => [b.key.k0, b.doc_count])).toEqual([[null, 2], ['P1', 1]]);
    expect(page1.after_key).toEqual({ k0: 'P1' });
    const page2 = search(body(page1.after_key)).aggregations!.g as any;
    expect(page2.buckets.map((b: any) => [b.key.k0, b.doc_count])).toEqual([['P2', 1]]);
    const page3 = search(body(page2.after_key)).aggregations!.g as any;
    expect(page3.buckets).toEqual([]);
    expect(page3.after_key).toBeUndefined();
  });

  it('composite histogram: k × interval lower edges', () => {
    const out = search({ size: 0, aggs: { g: { composite: { size: 10, sources: [{ k0: { histogram: { field: 'payment_amount', interval: 7.5 } } }] } } } });
    expect((out.aggregations!.g as any).buckets.map((b: any) => [b.key.k0, b.doc_count])).toEqual([[0, 2], [7.5, 1], [15, 1]]);
  });

  it('date_histogram in Europe/London across both DST changes of 2024', () => {
    // o1 2024-03-30 23:30 UTC = Sat 30 Mar 23:30 GMT -> day starting 2024-03-30T00:00Z.
    // o2 2024-03-31 23:30 UTC = Mon 1 Apr 00:30 BST -> day starting 2024-03-31T23:00Z.
    // o3 2024-10-26 23:30 UTC = Sun 27 Oct 00:30 BST -> day starting 2024-10-26T23:00Z (a 25 h day).
    // o4 2024-10-27 23:30 UTC = Sun 27 Oct 23:30 GMT -> the same day.
    const out = search({ size: 0, aggs: { g: { composite: { size: 10, sources: [{ d: { date_histogram: { field: 'session_start', calendar_interval: 'day', time_zone: 'Europe/London' } } }] } } } });
    expect((out.aggregations!.g as any).buckets.map((b: any) => [new Date(b.key.d).toISOString(), b.doc_count])).toEqual([
      ['2024-03-30T00:00:00.000Z', 1],
      ['2024-03-31T23:00:00.000Z', 1],
      ['2024-10-26T23:00:00.000Z', 2],
    ]);
    const weeks = search({ size: 0, aggs: { w: { date_histogram: { field: 'session_start', calendar_interval: 'week', time_zone: 'Europe/London', min_doc_count: 1 } } } });
    // Weeks start on Monday local midnight: Mon 25 Mar (GMT), Mon 1 Apr (BST), Mon 21 Oct (BST), Mon 21 Oct again for o4.
    expect((weeks.aggregations!.w as any).buckets.map((b: any) => [new Date(b.key).toISOString(), b.doc_count])).toEqual([
      ['2024-03-25T00:00:00.000Z', 1],
      ['2024-03-31T23:00:00.000Z', 1],
      ['2024-10-20T23:00:00.000Z', 2],
    ]);
    const months = search({ size: 0, aggs: { m: { date_histogram: { field: 'session_start', calendar_interval: 'month', time_zone: 'Europe/London', min_doc_count: 0, extended_bounds: { min: Date.UTC(2024, 1, 10), max: Date.UTC(2024, 3, 2) } } } } });
    const keys = (months.aggregations!.m as any).buckets.map((b: any) => [new Date(b.key).toISOString(), b.doc_count]);
    // Feb (from extended_bounds) .. Oct, empty months included; April starts at 1 Apr 00:00 BST.
    expect(keys.slice(0, 3)).toEqual([
      ['2024-02-01T00:00:00.000Z', 0],
      ['2024-03-01T00:00:00.000Z', 1],
      ['2024-03-31T23:00:00.000Z', 1],
    ]);
    expect(keys).toHaveLength(9);
    expect(keys[8]).toEqual(['2024-09-30T23:00:00.000Z', 2]);
  });

  it('hourly buckets in the repeated hour of October are two buckets', () => {
    const two = [{ t: Date.UTC(2024, 9, 27, 0, 30) }, { t: Date.UTC(2024, 9, 27, 1, 30) }];
    const out = evaluateSearch(two, { size: 0, aggs: { h: { date_histogram: { field: 't', calendar_interval: 'hour', time_zone: 'Europe/London' } } } });
    // 00:30 UTC = 01:30 BST, 01:30 UTC = 01:30 GMT: the buckets start 01:00 BST = 00:00Z and 01:00 GMT = 01:00Z.
    expect((out.aggregations!.h as any).buckets.map((b: any) => b.key)).toEqual([Date.UTC(2024, 9, 27, 0), Date.UTC(2024, 9, 27, 1)]);
  });

  it('terms: by count desc then key, boolean keys as 1/0 with key_as_string', () => {
    const out = search({ size: 0, aggs: { c: { terms: { field: 'client', size: 2 } }, b: { terms: { field: 'has_purchased' } } } });
    expect((out.aggregations!.c as any).buckets.map((b: any) => [b.key, b.doc_count])).toEqual([['a', 2], ['b', 1]]);
    expect((out.aggregations!.c as any).sum_other_doc_count).toBe(1);
    expect((out.aggregations!.b as any).buckets.map((b: any) => [b.key, b.key_as_string, b.doc_count])).toEqual([[1, 'true', 3], [0, 'false', 1]]);
  });
});
