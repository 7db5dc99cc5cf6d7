import { describe, expect, it } from 'vitest';
import { indexLayout } from '../../src/layout.js';
import { executeQuery, executeSummaries, QueryLimitError, SearchResponseError, UnsupportedQueryError, type SearchFn } from '../../src/query/index.js';

/**
 * Response parsing with hand-written response bodies of the documented Elasticsearch 8 shapes
 * (composite buckets with `key` objects and `after_key`, `filter` buckets with `doc_count`,
 * single-value metrics with `value`, null for min/max of nothing), and the error paths.
 */
const layout = indexLayout({ orders: 'orders', timeZone: 'UTC', orderActions: ['has_basket'] });
const NONE = { mode: 'and' as const, predicates: [] };
const ok = (aggregations: Record<string, unknown>) => ({ took: 3, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: 10000, relation: 'gte' }, max_score: null, hits: [] }, aggregations });

/** A search answering from a queue of response bodies, recording the request bodies. */
function scripted(...responses: unknown[]): { search: SearchFn; bodies: Record<string, any>[] } {
  const bodies: Record<string, any>[] = [];
  return {
    bodies,
    search: async (_index, body) => {
      bodies.push(body);
      const next = responses.shift();
      if (next instanceof Error) throw next;
      if (next === undefined) throw new Error('unexpected extra search');
      return next as never;
    },
  };
}

describe('grouped responses', () => {
  it('reads composite buckets, null keys and missing sub-aggregations, and orders rows like runQuery', async () => {
    const { search } = scripted(
      ok({
        groups: {
          after_key: { k0: 'web' },
          buckets: [
            // Missing value bucket (missing_bucket: true): key null, sorted last in the rows.
            { key: { k0: null }, doc_count: 2, visitors: { value: 2 }, purchased: { doc_count: 0, revenue: { value: 0 } } },
            { key: { k0: 'app' }, doc_count: 5, visitors: { value: 3 }, purchased: { doc_count: 2, revenue: { value: 30.5 } } },
            // A bucket whose purchased sub-aggregation is absent reads as 0 orders and revenue.
            { key: { k0: 'web' }, doc_count: 4, visitors: { value: 4 } },
          ],
        },
      }),
    );
    const result = await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders', 'revenue', 'visitors', 'averageOrderValue'] }, filter: NONE }, { layout, search, limits: { compositePageSize: 10 } });
    expect(result).toEqual({
      rows: [
        { dimension: 'app', orders: 2, revenue: 30.5, visitors: 3, averageOrderValue: 15.25 },
        { dimension: 'web', orders: 0, revenue: 0, visitors: 4, averageOrderValue: null },
        { dimension: null, orders: 0, revenue: 0, visitors: 2, averageOrderValue: null },
      ],
      meta: { groups: 3 },
    });
  });

  it('empty buckets give no rows, and an ungrouped query with no documents gives no rows', async () => {
    const { search } = scripted(ok({ groups: { buckets: [] } }), ok({ all: { doc_count: 0, purchased: { doc_count: 0, revenue: { value: 0 } } } }));
    const grouped = await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'dimension' }], measures: ['orders'] }, filter: NONE }, { layout, search });
    expect(grouped).toEqual({ rows: [], meta: { groups: 0 } });
    const totals = await executeQuery({ spec: { kind: 'aggregate', measures: ['orders', 'revenue'] }, filter: NONE }, { layout, search });
    expect(totals).toEqual({ rows: [], meta: { groups: 0 } });
  });

  it('pages a composite with after_key until a short page, sending each after_key back', async () => {
    const page = (keys: string[], after?: string) => ok({ groups: { ...(after ? { after_key: { k0: after } } : {}), buckets: keys.map((k) => ({ key: { k0: k }, doc_count: 1 })) } });
    const { search, bodies } = scripted(page(['a', 'b'], 'b'), page(['c', 'd'], 'd'), page(['e'], 'e'));
    const result = await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'client' }], measures: ['sessions'], orderBy: { measure: 'sessions' }, limit: 2 }, filter: NONE }, { layout, search, limits: { compositePageSize: 2 } });
    expect(bodies.map((b) => b.aggs.groups.composite.after ?? null)).toEqual([null, { k0: 'b' }, { k0: 'd' }]);
    expect(result).toEqual({ rows: [{ client: 'a', sessions: 1 }, { client: 'b', sessions: 1 }], meta: { groups: 5 } });
  });

  it('stops at an empty page even when after_key is repeated', async () => {
    const { search, bodies } = scripted(ok({ groups: { after_key: { k0: 'a' }, buckets: [{ key: { k0: 'a' }, doc_count: 1 }] } }), ok({ groups: { after_key: { k0: 'a' }, buckets: [] } }));
    await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'client' }], measures: ['sessions'] }, filter: NONE }, { layout, search, limits: { compositePageSize: 1 } });
    expect(bodies).toHaveLength(2);
  });

  it('folds hourly buckets into hours of day (UTC: the key hour)', async () => {
    const h = (day: number, hour: number, n: number) => ({ key: { k0: Date.UTC(2024, 0, day, hour) }, doc_count: n, purchased: { doc_count: n - 1 } });
    const { search } = scripted(ok({ groups: { buckets: [h(1, 9, 3), h(2, 9, 2), h(2, 17, 1)] } }));
    const result = await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['orders', 'sessions'] }, filter: NONE }, { layout, search });
    expect(result.rows).toEqual([{ session_start: 9, orders: 3, sessions: 5 }, { session_start: 17, orders: 0, sessions: 1 }]);
  });

  it('fill adds the empty calendar buckets between the first and last as zeros', async () => {
    const d = (day: number, n: number) => ({ key: { k0: Date.UTC(2024, 0, day) }, doc_count: n, purchased: { doc_count: n } });
    const { search } = scripted(ok({ groups: { buckets: [d(1, 2), d(4, 1)] } }));
    const result = await executeQuery({ spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'averageOrderValue'], fill: true }, filter: NONE }, { layout, search });
    expect(result.rows.map((r) => [r.session_start, r.orders, r.averageOrderValue])).toEqual([
      [Date.UTC(2024, 0, 1), 2, 0],
      [Date.UTC(2024, 0, 2), 0, null],
      [Date.UTC(2024, 0, 3), 0, null],
      [Date.UTC(2024, 0, 4), 1, 0],
    ]);
  });
});

describe('summaries responses', () => {
  it('reads a page: null min/max for customers without orders, top_metrics for the first order, after only on a full page', async () => {
    const bucket = (client: string, orders: number) => ({
      key: { client },
      doc_count: orders + 1,
      firstSessionAt: { value: 1000, value_as_string: '1000' },
      lastSessionAt: { value: 5000 },
      purchased: {
        doc_count: orders,
        firstOrderAt: { value: orders ? 2000 : null },
        lastOrderAt: { value: orders ? 4000 : null },
        revenue: { value: orders * 10 },
        discount: { value: 0 },
        first: { top: orders ? [{ sort: [2000], metrics: { payment_amount: 7.5 } }] : [] },
        promoted: { doc_count: orders > 1 ? 1 : 0 },
        discountShare: { value: orders * 0.25 },
        basket: { doc_count: orders * 2, lines: { doc_count: orders * 2, quantity: { value: orders * 3 } } },
      },
    });
    const { search } = scripted(ok({ customers: { after_key: { client: 'b' }, buckets: [bucket('a', 2), bucket('b', 0)] } }));
    const page = await executeSummaries({ filter: NONE, size: 2 }, { layout, search });
    expect(page).toEqual({
      rows: [
        { client: 'a', sessions: 3, firstSessionAt: 1000, lastSessionAt: 5000, orders: 2, firstOrderAt: 2000, lastOrderAt: 4000, revenue: 20, discount: 0, firstOrderRevenue: 7.5, promotionOrders: 1, quantity: 6, discountShareSum: 0.5 },
        { client: 'b', sessions: 1, firstSessionAt: 1000, lastSessionAt: 5000, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, promotionOrders: 0, quantity: 0, discountShareSum: 0 },
      ],
      after: { client: 'b' },
    });
    const short = scripted(ok({ customers: { after_key: { client: 'a' }, buckets: [bucket('a', 1)] } }));
    expect((await executeSummaries({ filter: NONE, size: 2 }, { layout, search: short.search })).after).toBeNull();
  });
});

describe('errors', () => {
  const spec = { kind: 'aggregate' as const, groupBy: [{ field: 'client' }], measures: ['orders' as const] };

  it('an error body, a timeout and failed shards are SearchResponseErrors without cluster details', async () => {
    const error = { error: { root_cause: [{ type: 'index_not_found_exception', reason: 'no such index [secret-cluster-index]' }], type: 'index_not_found_exception', reason: 'no such index [secret-cluster-index]' }, status: 404 };
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(error).search })).rejects.toThrow(SearchResponseError);
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(error).search })).rejects.not.toThrow(/secret/);
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted({ ...ok({ groups: { buckets: [] } }), timed_out: true }).search })).rejects.toMatchObject({ reason: 'timeout' });
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted({ ...ok({ groups: { buckets: [] } }), _shards: { total: 2, successful: 1, skipped: 0, failed: 1 } }).search })).rejects.toMatchObject({ reason: 'error' });
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(ok({})).search })).rejects.toMatchObject({ reason: 'shape' });
  });

  it('a rejected search propagates', async () => {
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(new Error('connect ECONNREFUSED')).search })).rejects.toThrow('ECONNREFUSED');
  });

  it('an aborted signal stops before searching and between pages', async () => {
    const controller = new AbortController();
    controller.abort();
    const { search, bodies } = scripted();
    await expect(executeQuery({ spec, filter: NONE }, { layout, search, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(bodies).toHaveLength(0);
    const later = new AbortController();
    const pages = scripted(ok({ groups: { after_key: { k0: 'a' }, buckets: [{ key: { k0: 'a' }, doc_count: 1 }] } }));
    const search2: SearchFn = async (i, b, s) => {
      const out = await pages.search(i, b, s);
      later.abort();
      return out;
    };
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: search2, signal: later.signal, limits: { compositePageSize: 1 } })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('limits: composite pages and buckets', async () => {
    const full = (k: string) => ok({ groups: { after_key: { k0: k }, buckets: [{ key: { k0: k }, doc_count: 1 }] } });
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(full('a'), full('b'), full('c')).search, limits: { compositePageSize: 1, maxCompositePages: 2 } })).rejects.toThrow(QueryLimitError);
    const many = ok({ groups: { buckets: ['a', 'b', 'c'].map((k) => ({ key: { k0: k }, doc_count: 1 })) } });
    await expect(executeQuery({ spec, filter: NONE }, { layout, search: scripted(many).search, limits: { maxBuckets: 2 } })).rejects.toMatchObject({ name: 'QueryLimitError', limit: 'maxBuckets' });
  });

  it('refuses what the orders index cannot answer, naming it', async () => {
    const run = (request: object) => executeQuery(request as never, { layout, search: scripted().search });
    await expect(run({ spec: { kind: 'analysis', name: 'rfm' }, filter: NONE })).rejects.toThrow(/analysis "rfm"/);
    await expect(run({ spec, filter: { mode: 'and', predicates: [{ type: 'in', field: 'customers.gender', values: ['f'] }] } })).rejects.toThrow(/customers\.gender/);
    await expect(run({ spec, filter: { mode: 'and', predicates: [{ type: 'orders-in', field: 'order_id', range: [0, 1], present: true }] } })).rejects.toThrow(/orders-in/);
    await expect(run({ spec: { kind: 'aggregate', groupBy: [{ field: 'product' }], measures: ['orders'] }, filter: NONE })).rejects.toThrow(/table "lines"/);
    await expect(run({ spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'hourOfDay' }], measures: ['visitors'] }, filter: NONE })).rejects.toThrow(UnsupportedQueryError);
    await expect(run({ spec: { kind: 'aggregate', table: 'lines', measures: ['lines'] }, filter: { mode: 'or', predicates: [{ type: 'in', field: 'product', values: ['x'] }, { type: 'in', field: 'dimension', values: ['web'] }] } })).rejects.toThrow(/"or" filter mixing/);
    await expect(run({ spec: { kind: 'aggregate', groupBy: [{ field: 'description' }], measures: ['orders'] }, filter: NONE })).rejects.toThrow(/full text/);
    await expect(run({ spec: { kind: 'aggregate', groupBy: [{ field: 'nope' }], measures: ['orders'] }, filter: NONE })).rejects.toThrow(/Available/);
    await expect(run({ spec: { kind: 'aggregate', measures: ['profit'] }, filter: NONE })).rejects.toThrow(/profit/);
    await expect(run({ spec: { kind: 'analysis', name: 'kpis', params: { bogus: 1 } }, filter: NONE })).rejects.toThrow(UnsupportedQueryError);
    await expect(run({ spec: { kind: 'raw', body: {} }, filter: NONE })).rejects.toThrow(/spec.kind/);
  });

  it('resolves orders-in into terms on client from a search over the orders in the range', async () => {
    const { search, bodies } = scripted(
      ok({ clients: { after_key: { client: 'c2' }, buckets: [{ key: { client: 'c1' }, doc_count: 2 }, { key: { client: 'c2' }, doc_count: 1 }] } }),
      ok({ groups: { buckets: [] } }),
    );
    const filter = { mode: 'and' as const, predicates: [{ type: 'orders-in' as const, field: 'client', range: [100, 200] as [number, number], present: false }] };
    await executeQuery({ spec, filter }, { layout, search, extraFilters: [{ term: { tenant: 't' } }] });
    expect(bodies[0].query).toEqual({ bool: { filter: [{ term: { tenant: 't' } }, { term: { has_purchased: true } }, { range: { session_start: { format: 'epoch_millis', gte: 100, lt: 200 } } }] } });
    expect(bodies[1].query.bool.filter[1]).toEqual({ bool: { must_not: [{ terms: { client: ['c1', 'c2'] } }] } });
  });

  it('puts the tenant filter into every search', async () => {
    const { search, bodies } = scripted(ok({ first: { value: 0 }, last: { value: 86_400_000 } }), ok({ all: { doc_count: 1, purchased: { doc_count: 1 } } }), ok({ all: { doc_count: 1, purchased: { doc_count: 1 } } }));
    const tenant = { term: { dimension: 'tenant-7' } };
    await executeQuery({ spec: { kind: 'analysis', name: 'kpis' }, filter: NONE }, { layout, search, extraFilters: [tenant] });
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(body.query.bool.filter).toContainEqual(tenant);
  });
});
