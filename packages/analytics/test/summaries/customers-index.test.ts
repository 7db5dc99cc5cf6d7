import { allOf, interval, isIn, ordersIn, present, type Dataset, type Filter, type QueryRequest } from '@clvkit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { customersSource, messagesSource, runQueryAsync, runSummaryAnalysis, timelineDataset, type CustomerRecord, type SummaryEnv } from '../../src/index.js';
import { splitCustomerClauses } from '../../src/summaries/customers-index.js';
import { and, customersEnvOf, customersOf, customersShop } from './customers-harness.js';
import { analysis, expectSameRows } from './harness.js';

// The customers-index analyses on a remote source (customers and messages pages, customer-day
// activity, the registry analysis on the rebuilt timeline dataset) against `runQuery` on the
// same sample shop: the pages are read from the dataset in the test (customers-harness.ts,
// harness.ts), the in-memory answer by the registry. Equal rows and meta.
let dataset: Dataset;
let first: number;
let last: number;
let dimension: string;
let client: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ({ dataset, first, last, dimension } = await customersShop());
  // A customer without any session: kept by a client clause (in memory it tests the customer row).
  const sessionClients = dataset.sessions.columns.client;
  const seen = new Set(sessionClients.type === 'string' ? sessionClients.dictionary : []);
  client = customersOf(dataset).find((c) => !seen.has(c.client))?.client ?? '';
}, 60_000);

const filters: [string, () => Filter][] = [
  ['no filter', () => and()],
  ['a date range', () => and(interval('session_start', first + 30 * DAY, first + 200 * DAY))],
  ['one dimension', () => and(isIn('dimension', [dimension]))],
  ['a customers field', () => and(isIn('customers.gender', ['female']))],
  ['a dimension, a date range and an unqualified customers field', () => and(isIn('dimension', [dimension]), interval('session_start', first + 10 * DAY, last - 20 * DAY), isIn('location', ['London', 'Manchester']))],
  ['a campaign (messages field)', () => and(present('messages.campaign'), isIn('dimension', [dimension]))],
  ['an "or" of session clauses', () => ({ mode: 'or', predicates: [isIn('dimension', [dimension]), ordersIn(first, first + 60 * DAY)] })],
  ['an "or" of customers clauses', () => ({ mode: 'or', predicates: [isIn('customers.gender', ['male']), present('customers.email', false)] })],
  ['clients, one without sessions', () => and(isIn('client', [client, ...customersOf(dataset).slice(0, 40).map((c) => c.client)]))],
  ['customers with 3+ orders (a histogram bar), one dimension', () => and(isIn('dimension', [dimension]), interval('customer_orders', 3, Infinity))],
  ['customers with 2 orders', () => and(isIn('customer_orders', [2]))],
  ['a compound clause mixing sides', () => and(allOf([isIn('dimension', [dimension]), isIn('customers.gender', ['male'])]))],
];

const requests: [string, (filter: Filter) => QueryRequest][] = [
  ['demographics by gender', (f) => analysis('demographics', { by: 'gender' }, f)],
  ['demographics by age', (f) => analysis('demographics', { by: 'age' }, f)],
  ['demographics by location', (f) => analysis('demographics', { by: 'location' }, f)],
  ['demographics by a consent', (f) => analysis('demographics', { by: 'email_opt_in' }, f)],
  ['customer_base by month', (f) => analysis('customer_base', {}, f)],
  ['customer_base by week of download_date', (f) => analysis('customer_base', { unit: 'week', field: 'download_date' }, f)],
  ['contactable_customers', (f) => analysis('contactable_customers', {}, f)],
  ['profile_completeness', (f) => analysis('profile_completeness', {}, f)],
  ['communications', (f) => analysis('communications', {}, f)],
  ['communications by channel, 3-day window', (f) => analysis('communications', { by: 'channel', windowDays: 3 }, f)],
];

const cases = requests.flatMap(([name, make]) => filters.map(([label, filter]) => [`${name}, ${label}`, () => make(filter())] as const));

describe('customers-index analyses equal the in-memory ones', () => {
  it('has messages, customers without sessions and busy days in the sample', () => {
    expect(dataset.messages?.length).toBeGreaterThan(0);
    expect(client).not.toBe('');
  });

  it.each(cases)('%s', async (_name, make) => {
    const request = make();
    const memory = await runQueryAsync(dataset, request);
    const remote = await runSummaryAnalysis(request, customersEnvOf(dataset));
    expectSameRows(remote.rows, memory.rows);
    expect(remote.meta).toEqual(memory.meta);
  });

  it('fetches activity under the server clauses only, customers and messages whole', async () => {
    const asked: Filter[] = [];
    const brush = interval('session_start', first, first + 90 * DAY);
    await runSummaryAnalysis(analysis('demographics', {}, and(isIn('dimension', [dimension]), brush, isIn('customers.gender', ['male']))), customersEnvOf(dataset, asked));
    expect(asked).toEqual([and(isIn('dimension', [dimension]))]);
  });

  it('reads no activity for contactable_customers and profile_completeness under customers clauses only', async () => {
    const asked: Filter[] = [];
    for (const name of ['contactable_customers', 'profile_completeness']) {
      await runSummaryAnalysis(analysis(name, {}, and(isIn('customers.gender', ['male']), present('customers.email'))), customersEnvOf(dataset, asked));
    }
    expect(asked).toEqual([]);
    await runSummaryAnalysis(analysis('contactable_customers', {}, and(interval('session_start', first, first + DAY))), customersEnvOf(dataset, asked));
    expect(asked).toEqual([and()]);
  });

  it('reads the customers and messages indices once per loaded source when the env keeps things', async () => {
    const base = customersEnvOf(dataset);
    const calls = { customers: 0, messages: 0 };
    const kept = new Map<string, Promise<unknown>>();
    const env: SummaryEnv = {
      ...base,
      customers: () => (calls.customers++, base.customers!()),
      messages: () => (calls.messages++, base.messages!()),
      memo: <T,>(key: string, build: (e: SummaryEnv) => Promise<T>) => {
        if (!kept.has(key)) kept.set(key, build(env));
        return kept.get(key) as Promise<T>;
      },
    };
    for (const name of ['demographics', 'contactable_customers', 'communications', 'communications']) await runSummaryAnalysis(analysis(name), env);
    expect(calls).toEqual({ customers: 1, messages: 1 });
  });

  it('refuses an "or" selection mixing customers and session fields, and whole-log derived fields', async () => {
    const mixed: Filter = { mode: 'or', predicates: [isIn('dimension', [dimension]), isIn('customers.gender', ['male'])] };
    await expect(runSummaryAnalysis(analysis('demographics', {}, mixed), customersEnvOf(dataset))).rejects.toThrow(/"or" selection mixing/);
    await expect(runSummaryAnalysis(analysis('contactable_customers', {}, and(isIn('order_number', [2]))), customersEnvOf(dataset))).rejects.toThrow(/order_number/);
  });

  it('refuses without customers pages, and passes the registry param errors', async () => {
    const { customers: _c, ...env } = customersEnvOf(dataset);
    await expect(runSummaryAnalysis(analysis('demographics'), env)).rejects.toThrow(/no customer activity or customers pages/);
    await expect(runSummaryAnalysis(analysis('communications', { windowDays: 0 }), customersEnvOf(dataset))).rejects.toThrow(TypeError);
  });

  it('splits a filter by where its clauses can be evaluated', () => {
    const columns = new Set(['client', 'gender']);
    const brush = interval('session_start', 0, 10);
    expect(splitCustomerClauses('x', and(isIn('dimension', ['a']), brush, isIn('gender', ['f']), isIn('channel', ['sms'])), columns)).toEqual({
      server: and(isIn('dimension', ['a'])),
      local: and(brush, isIn('gender', ['f']), isIn('channel', ['sms'])),
    });
    const or: Filter = { mode: 'or', predicates: [brush, isIn('promotion_id', ['p'])] };
    expect(splitCustomerClauses('x', or, columns)).toEqual({ server: or, local: and() });
  });

  it('rebuilds customers and messages tables as the importer reads the same records', async () => {
    const day = { client: 'a', day: 0, sessions: 1, firstSessionAt: 0, lastSessionAt: 0, orders: 0, firstOrderAt: null, lastOrderAt: null, revenue: 0, discount: 0, firstOrderRevenue: null, lastOrderRevenue: null, firstOrderDiscount: null, lastOrderDiscount: null, promotionOrders: 0 };
    const customers: CustomerRecord[] = [
      { client: 'a', download_date: 1000, signup_date: null, actions: { first_login: 2000 }, attributes: { age: 34, email_opt_in: true, gender: 'f' } },
      { client: 'b', download_date: 3000, signup_date: null, actions: { first_login: null }, attributes: { age: null, email_opt_in: false, gender: null, city: 'York' } },
    ];
    const messages = [{ message_id: 'm1', client: 'a', channel: 'sms', campaign: 'c', sent_at: 5000, delivered_at: 6000, opened_at: null, clicked_at: null, unsubscribed_at: null }];
    const { dataset: rebuilt } = await timelineDataset({ time: { timeZone: 'UTC', weekStart: 1 }, activity: [day], customers, messages });
    const c = rebuilt.customers!.columns;
    // No record has a signup date: no column (customer_base then counts download_date, as for a table without one).
    expect(Object.keys(c).sort()).toEqual(['age', 'city', 'client', 'download_date', 'email_opt_in', 'first_login', 'gender']);
    expect(rebuilt.customerActions).toEqual(['first_login']);
    expect([c.first_login.type, c.age.type, c.email_opt_in.type]).toEqual(['time', 'string', 'string']);
    const text = (name: string, row: number) => {
      const column = c[name];
      return column.type === 'string' && column.codes[row] >= 0 ? column.dictionary[column.codes[row]] : null;
    };
    expect([text('age', 0), text('email_opt_in', 0), text('email_opt_in', 1), text('city', 0), text('city', 1)]).toEqual(['34', 'true', 'false', null, 'York']);
    // Events no message has are absent (not tracked), the others kept.
    expect(Object.keys(rebuilt.messages!.columns).filter((n) => n.endsWith('_at')).sort()).toEqual(['delivered_at', 'sent_at']);
    expect(customersSource([]).data).toEqual([]);
    expect(messagesSource([]).data).toEqual([]);
    expect(() => customersSource([{ ...customers[0], attributes: { client: 'x' } }])).toThrow(/clashes with a canonical customers field/);
    expect(() => customersSource([customers[0], { ...customers[1], download_date: null }])).toThrow(/1 of 2 customers have no download_date/);
  });
});
