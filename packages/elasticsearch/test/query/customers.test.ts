import { canRunSummaryAggregate, runQuery, runSummaryAggregate, runSummaryAnalysis, timelineDataset, type CustomerRecord, type MessageRecord, type SummaryEnv } from '@clvkit/analytics';
import { interval, isIn, type Dataset, type Filter, type QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerAttributeNames, customerDocuments, messageDocuments } from '../../src/ingest/documents.js';
import { indexLayout, type IndexLayout } from '../../src/layout.js';
import { executeCustomers, executeMessages, type IndexPage } from '../../src/query/customers.js';
import { executeActivity, executeQuery, executeSummaries } from '../../src/query/index.js';
import { datasetOrderDocuments } from '../parity/documents.js';
import { UnsupportedQueryError } from '../../src/query/errors.js';
import type { ExecuteOptions, SearchFn } from '../../src/query/types.js';
import { evaluateSearch } from '../stand-in/evaluate.js';

// The customers and messages pages through the stand-in cluster (independent _search evaluator):
// ingest's documents in, records out; the customers and messages tables rebuilt from the records
// by the worker (timelineDataset) must equal the imported ones, column by column and type by type.
let dataset: Dataset;
let layout: IndexLayout;
let customers: object[];
let messages: object[];
let orders: object[];
const bodies: { index: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  ({ dataset } = await sampleDataset({ orders: 600, seed: 11, timeZone: 'Europe/Berlin' }));
  layout = indexLayout({ timeZone: 'Europe/Berlin', orderActions: dataset.sessionActions, customerActions: dataset.customerActions, customerAttributes: customerAttributeNames(dataset) });
  // Two tenants: every document of this shop is tenant "a", copies of a few are tenant "b".
  customers = [...customerDocuments(dataset)].map((d) => ({ ...d.document, tenant: 'a' }));
  messages = [...messageDocuments(dataset)].map((d) => ({ ...d.document, tenant: 'a' }));
  orders = datasetOrderDocuments(dataset).map((d) => ({ ...d, tenant: 'a' }));
  customers.push(...customers.slice(0, 5).map((d) => ({ ...d, client: `${(d as { client: string }).client}-b`, tenant: 'b' })));
  messages.push(...messages.slice(0, 5).map((d) => ({ ...d, message_id: `${(d as { message_id: string }).message_id}-b`, tenant: 'b' })));
}, 60_000);

function options(extra: Partial<ExecuteOptions> = {}): ExecuteOptions {
  const search: SearchFn = async (index, body) => {
    bodies.push({ index, body });
    const documents = index === layout.customers ? customers : index === layout.messages ? messages : index === layout.orders ? orders : [];
    // Round-trip through JSON, as the HTTP client would.
    return evaluateSearch(documents, JSON.parse(JSON.stringify(body))) as never;
  };
  return { layout, search, extraFilters: [{ term: { tenant: 'a' } }], ...extra };
}

/** Every row of the pages `page(after)` gives, from the first to the last. */
async function pages<R>(page: (after: Record<string, unknown> | null) => Promise<{ rows: R[]; after: Record<string, unknown> | null }>): Promise<R[]> {
  const rows: R[] = [];
  let after: Record<string, unknown> | null = null;
  do {
    const result: { rows: R[]; after: Record<string, unknown> | null } = await page(after);
    rows.push(...result.rows);
    after = result.after;
  } while (after);
  return rows;
}

describe('customers and messages pages', () => {
  it('page every customer of the tenant once, ascending by client, with search_after', async () => {
    let count = 0;
    const rows = await pages((after) => {
      count++;
      return executeCustomers({ after, size: 40 }, options());
    });
    const n = dataset.customers!.length;
    expect(rows.length).toBe(n);
    expect(count).toBe(Math.floor(n / 40) + 1);
    const ids = rows.map((r) => r.client);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(n);
    expect(ids.some((id) => id.endsWith('-b'))).toBe(false);
  });

  it('sends the tenant filter, the sort on the key, search_after and _source', async () => {
    bodies.length = 0;
    await executeCustomers({ after: { client: 'C1' }, size: 7 }, options());
    await executeMessages({ size: 3 }, options());
    expect(bodies).toEqual([
      { index: layout.customers, body: { track_total_hits: false, size: 7, query: { bool: { filter: [{ term: { tenant: 'a' } }] } }, sort: [{ client: { order: 'asc' } }], _source: ['client', 'download_date', 'signup_date', 'actions', 'attributes'], search_after: ['C1'] } },
      { index: layout.messages, body: { track_total_hits: false, size: 3, query: { bool: { filter: [{ term: { tenant: 'a' } }] } }, sort: [{ message_id: { order: 'asc' } }], _source: ['message_id', 'client', 'channel', 'campaign', 'sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'] } },
    ]);
  });

  it('caps a page at limits.maxSummaryRows and refuses a bad size or after', async () => {
    const page = await executeCustomers({ size: 50_000 }, options({ limits: { maxSummaryRows: 25 } }));
    expect(page.rows.length).toBe(25);
    expect(page.after).toEqual({ client: page.rows[24].client });
    await expect(executeCustomers({ size: 0 }, options())).rejects.toThrow(UnsupportedQueryError);
    await expect(executeCustomers({ after: { client: 3 } }, options())).rejects.toThrow(/after must be/);
    await expect(executeMessages({ after: ['x'] as never }, options())).rejects.toThrow(UnsupportedQueryError);
  });

  it('give records the worker rebuilds into the imported customers and messages tables', async () => {
    const customerRows = await pages((after) => executeCustomers({ after, size: 100 }, options()));
    const messageRows = await pages((after) => executeMessages({ after, size: 500 }, options()));
    expect(messageRows.length).toBe(dataset.messages!.length);
    // One session (the importer needs a sessions table); the customers and messages tables are what is compared.
    const day = { client: customerRows[0].client, day: 0, sessions: 1, firstSessionAt: 0, lastSessionAt: 0, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, lastOrderRevenue: null, firstOrderDiscount: null, lastOrderDiscount: null, promotionOrders: 0 };
    const { dataset: rebuilt } = await timelineDataset({ time: dataset.time, activity: [day], customers: customerRows, messages: messageRows });
    expect(rebuilt.customerActions).toEqual(dataset.customerActions);
    for (const table of ['customers', 'messages'] as const) {
      const original = dataset[table]!;
      const copy = rebuilt[table]!;
      // Rows in key order on both sides.
      const key = table === 'customers' ? 'client' : 'message_id';
      const order = (t: typeof original) => {
        const c = t.columns[key];
        if (c.type !== 'string') throw new Error(`${table}.${key} is not a string column`);
        return Array.from({ length: t.length }, (_, i) => i).sort((a, b) => (c.dictionary[c.codes[a]] < c.dictionary[c.codes[b]] ? -1 : 1));
      };
      const [ro, rc] = [order(original), order(copy)];
      const names = Object.keys(original.columns).filter((n) => original.columns[n].type !== 'ref');
      expect(Object.keys(copy.columns).filter((n) => copy.columns[n].type !== 'ref').sort()).toEqual(names.sort());
      for (const name of names) {
        const a = original.columns[name];
        const b = copy.columns[name];
        expect(b.type, `${table}.${name}`).toBe(a.type);
        const value = (col: typeof a, row: number) => (col.type === 'string' ? (col.codes[row] < 0 ? null : col.dictionary[col.codes[row]]) : col.type === 'ref' ? null : col.values[row]);
        expect(rc.map((row) => value(b, row)), `${table}.${name}`).toEqual(ro.map((row) => value(a, row)));
      }
    }
  });

  it('fill every layout name, read indexed text times and non-string attributes as text', async () => {
    const docs = [{ client: 'x', download_date: '1700000000000', signup_date: null, actions: {}, attributes: { age: 34, email_opt_in: true } }];
    const o: ExecuteOptions = { layout: indexLayout({ customerActions: ['first_login_date'], customerAttributes: ['gender', 'age', 'email_opt_in'] }), search: async (_i, body) => evaluateSearch(docs, body) as never };
    const page = await executeCustomers({}, o);
    expect(page).toEqual<IndexPage<CustomerRecord>>({
      rows: [{ client: 'x', download_date: 1_700_000_000_000, signup_date: null, actions: { first_login_date: null }, attributes: { gender: null, age: '34', email_opt_in: 'true' } }],
      after: null,
    });
  });

  it('map an error body to SearchResponseError', async () => {
    const o: ExecuteOptions = { layout: indexLayout(), search: async () => ({ error: { type: 'index_not_found_exception' }, status: 404 }) as never };
    await expect(executeMessages({}, o)).rejects.toThrow(/refused the search/);
    const shapeless: ExecuteOptions = { layout: indexLayout(), search: async () => ({ took: 1, timed_out: false }) as never };
    await expect(executeMessages({}, shapeless)).rejects.toThrow(/no hits/);
    const page: IndexPage<MessageRecord> = await executeMessages({}, { layout: indexLayout(), search: async (_i, body) => evaluateSearch([], body) as never });
    expect(page).toEqual({ rows: [], after: null });
  });
});

describe('customers-index analyses and customer aggregates through the adapter', () => {
  // The worker's env over the query layer and the stand-in (every index of the tenant), against runQuery in memory.
  const env = (): SummaryEnv => {
    const start = dataset.sessions.columns.session_start;
    const times = start.type === 'time' ? [...start.values] : [];
    return {
      time: dataset.time,
      timeExtent: [Math.min(...times), Math.max(...times)],
      summaries: (filter: Filter) => pages((after) => executeSummaries({ filter, after, size: 50 }, options())),
      activity: (filter: Filter) => pages((after) => executeActivity({ filter, after, size: 50 }, options())),
      customers: () => pages((after) => executeCustomers({ after, size: 50 }, options())),
      messages: () => pages((after) => executeMessages({ after, size: 50 }, options())),
      query: (request: QueryRequest) => executeQuery(request, options()),
    };
  };
  const dimension = () => {
    const column = dataset.sessions.columns.dimension;
    return column.type === 'string' ? column.dictionary[0] : '';
  };
  const range = (): Filter['predicates'][number] => {
    const [lo, hi] = env().timeExtent!;
    return interval('session_start', lo + (hi - lo) / 5, hi - (hi - lo) / 5);
  };
  const cases: [string, () => QueryRequest][] = [
    ['demographics by gender, one dimension', () => ({ spec: { kind: 'analysis', name: 'demographics', params: { by: 'gender' } }, filter: { mode: 'and', predicates: [isIn('dimension', [dimension()])] } })],
    ['demographics by age, a date range', () => ({ spec: { kind: 'analysis', name: 'demographics', params: { by: 'age' } }, filter: { mode: 'and', predicates: [range()] } })],
    ['customer_base by week, a dimension and a gender', () => ({ spec: { kind: 'analysis', name: 'customer_base', params: { unit: 'week' } }, filter: { mode: 'and', predicates: [isIn('dimension', [dimension()]), isIn('customers.gender', ['female'])] } })],
    ['contactable_customers, a date range', () => ({ spec: { kind: 'analysis', name: 'contactable_customers' }, filter: { mode: 'and', predicates: [range()] } })],
    ['profile_completeness', () => ({ spec: { kind: 'analysis', name: 'profile_completeness' }, filter: { mode: 'and', predicates: [] } })],
    ['communications, a date range', () => ({ spec: { kind: 'analysis', name: 'communications' }, filter: { mode: 'and', predicates: [range()] } })],
    ['revenue and quantity by location, a date range', () => ({ spec: { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'customers.location' }], measures: ['revenue', 'quantity', 'buyers'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 11 }, filter: { mode: 'and', predicates: [range()] } })],
    ['revenue and quantity by retailer and segment', () => ({ spec: { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'dimension' }, { field: 'rfm_segment' }], measures: ['revenue', 'quantity'], orderBy: { measure: 'revenue', order: 'desc' }, limit: 1000 }, filter: { mode: 'and', predicates: [] } })],
    ['revenue and quantity by product and segment (lines)', () => ({ spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }, { field: 'rfm_segment' }], measures: ['lineRevenue', 'quantity'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 1000 }, filter: { mode: 'and', predicates: [range()] } })],
    ['line revenue and quantity by retailer and segment (lines)', () => ({ spec: { kind: 'aggregate', table: 'lines', groupBy: [{ field: 'dimension' }, { field: 'rfm_segment' }], measures: ['lineRevenue', 'quantity'], orderBy: { measure: 'lineRevenue', order: 'desc' }, limit: 1000 }, filter: { mode: 'and', predicates: [range()] } })],
    ['a filled daily series under a gender click', () => ({ spec: { kind: 'aggregate', groupBy: [{ field: 'session_start', bucket: 'day' }], measures: ['orders', 'revenue', 'buyers'], fill: true }, filter: { mode: 'and', predicates: [isIn('customers.gender', ['female'])] } })],
    ['gender split by segment, one dimension', () => ({ spec: { kind: 'aggregate', table: 'sessions', groupBy: [{ field: 'rfm_segment' }, { field: 'customers.gender' }], measures: ['buyers'] }, filter: { mode: 'and', predicates: [isIn('dimension', [dimension()])] } })],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const request = make();
    const memory = runQuery(dataset, request);
    expect(memory.rows.length).toBeGreaterThan(0);
    if (request.spec.kind === 'aggregate') expect(canRunSummaryAggregate(request)).toBe(true);
    const remote = request.spec.kind === 'aggregate' ? await runSummaryAggregate(request, env()) : await runSummaryAnalysis(request, env());
    expect(remote.rows.length).toBe(memory.rows.length);
    remote.rows.forEach((row, k) => {
      expect(Object.keys(row).sort()).toEqual(Object.keys(memory.rows[k]).sort());
      for (const [key, value] of Object.entries(memory.rows[k])) {
        if (typeof value === 'number') expect(row[key] as number, `${k}.${key}`).toBeCloseTo(value, 6);
        else expect(row[key], `${k}.${key}`).toEqual(value);
      }
    });
    expect(remote.meta).toEqual(memory.meta);
  });
});
