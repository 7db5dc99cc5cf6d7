import type { Dataset, Table, TimeOptions } from '@clvkit/core';
import { booleans, numbers, refs, strings, times } from '../helpers.js';

/**
 * The stats group's hand-computed shop: 5 customers, 9 sessions from Saturday 2024-12-28 to
 * Monday 2025-01-06 (UTC), so ISO weeks cross the new year, with session actions
 * has_basket -> order_screen (nested) and a customers table with download_date, signup_date,
 * gender and one customer action date (first_login_date). Weeks start on Monday:
 * W1 = 2024-12-23, W2 = 2024-12-30, W3 = 2025-01-06.
 *
 * | id | client | start (UTC)      | basket | screen | bought | pay | dim | note                              |
 * | s1 | c1     | 2024-12-28 10:00 | 1      | 1      | 1      | 100 | web | Sat, W1                           |
 * | s2 | c1     | 2024-12-30 09:00 | 1      | 0      | 0      | 0   | web | Mon, W2                           |
 * | s3 | c1     | 2025-01-01 09:30 | 1      | 1      | 1      | 40  | app | Wed, W2                           |
 * | s4 | c1     | 2025-01-02 20:00 | 1      | 1      | 1      | 60  | web | Thu, W2                           |
 * | s5 | c2     | 2024-12-29 23:30 | 0      | 0      | 0      | 0   | app | Sun W1 in UTC; Mon 00:30 W2 in Berlin |
 * | s6 | c2     | 2025-01-05 09:15 | 1      | 1      | 1      | 30  | app | Sun, W2                           |
 * | s7 | c3     | 2025-01-03 09:45 | 1      | 1      | 0      | 0   | web | Fri, W2                           |
 * | s8 | c3     | 2025-01-06 10:00 | 1      | 1      | 1      | 90  | web | Mon, W3 (the last session)        |
 * | s9 | c4     | 2025-01-06 09:10 | 0      | 0      | 0      | 0   | app | Mon, W3                           |
 *
 * | client | gender | download_date    | signup_date      | first_login_date | sessions       |
 * | c1     | f      | 2024-12-27 08:00 | 2024-12-28 09:00 | 2024-12-28 09:30 | s1 s2 s3 s4    |
 * | c2     | m      | 2024-12-29 22:00 | (none)           | 2025-01-05 09:00 | s5 s6          |
 * | c3     | f      | 2025-01-01 12:00 | 2025-01-03 09:00 | (none)           | s7 s8          |
 * | c4     | m      | 2025-01-05 18:00 | 2025-01-06 09:00 | (none)           | s9 (no order)  |
 * | c5     | f      | 2025-01-06 11:00 | (none)           | (none)           | none           |
 */
export const SESSIONS = [
  { id: 's1', client: 'c1', start: '2024-12-28T10:00:00Z', basket: true, screen: true, bought: true, pay: 100, dim: 'web' },
  { id: 's2', client: 'c1', start: '2024-12-30T09:00:00Z', basket: true, screen: false, bought: false, pay: 0, dim: 'web' },
  { id: 's3', client: 'c1', start: '2025-01-01T09:30:00Z', basket: true, screen: true, bought: true, pay: 40, dim: 'app' },
  { id: 's4', client: 'c1', start: '2025-01-02T20:00:00Z', basket: true, screen: true, bought: true, pay: 60, dim: 'web' },
  { id: 's5', client: 'c2', start: '2024-12-29T23:30:00Z', basket: false, screen: false, bought: false, pay: 0, dim: 'app' },
  { id: 's6', client: 'c2', start: '2025-01-05T09:15:00Z', basket: true, screen: true, bought: true, pay: 30, dim: 'app' },
  { id: 's7', client: 'c3', start: '2025-01-03T09:45:00Z', basket: true, screen: true, bought: false, pay: 0, dim: 'web' },
  { id: 's8', client: 'c3', start: '2025-01-06T10:00:00Z', basket: true, screen: true, bought: true, pay: 90, dim: 'web' },
  { id: 's9', client: 'c4', start: '2025-01-06T09:10:00Z', basket: false, screen: false, bought: false, pay: 0, dim: 'app' },
];

export const CUSTOMERS = [
  { client: 'c1', gender: 'f', download: '2024-12-27T08:00:00Z', signup: '2024-12-28T09:00:00Z', login: '2024-12-28T09:30:00Z' },
  { client: 'c2', gender: 'm', download: '2024-12-29T22:00:00Z', signup: null, login: '2025-01-05T09:00:00Z' },
  { client: 'c3', gender: 'f', download: '2025-01-01T12:00:00Z', signup: '2025-01-03T09:00:00Z', login: null },
  { client: 'c4', gender: 'm', download: '2025-01-05T18:00:00Z', signup: '2025-01-06T09:00:00Z', login: null },
  { client: 'c5', gender: 'f', download: '2025-01-06T11:00:00Z', signup: null, login: null },
];

export interface FixtureOptions {
  time?: Partial<TimeOptions>;
  /** false: no customers table. */
  customers?: boolean;
  /** false: no session action columns. */
  actions?: boolean;
  /** true: an order log (every row a purchase, no has_purchased flag, no actions). */
  ordersOnly?: boolean;
}

/** The fixture above as a Dataset. */
export function funnelShop(options: FixtureOptions = {}): Dataset {
  const ordersOnly = options.ordersOnly ?? false;
  const rows = ordersOnly ? SESSIONS.filter((s) => s.bought) : SESSIONS;
  const withCustomers = options.customers ?? true;
  const withActions = (options.actions ?? true) && !ordersOnly;
  const customerRow = new Map(CUSTOMERS.map((c, i) => [c.client, i]));
  const time = (v: string | null) => (v === null ? Number.NaN : Date.parse(v));
  const sessions: Table = {
    name: 'sessions',
    length: rows.length,
    columns: {
      order_id: strings(rows.map((s) => s.id)),
      client: strings(rows.map((s) => s.client)),
      session_start: times(rows.map((s) => s.start)),
      ...(ordersOnly ? {} : { has_purchased: booleans(rows.map((s) => s.bought)) }),
      payment_amount: numbers(rows.map((s) => s.pay)),
      discount_amount: numbers(rows.map(() => 0)),
      dimension: strings(rows.map((s) => s.dim)),
      ...(withActions ? { has_basket: booleans(rows.map((s) => s.basket)), order_screen: booleans(rows.map((s) => s.screen)) } : {}),
      ...(withCustomers ? { customer: refs('customers', rows.map((s) => customerRow.get(s.client) ?? -1)) } : {}),
    },
  };
  const customers: Table = {
    name: 'customers',
    length: CUSTOMERS.length,
    columns: {
      client: strings(CUSTOMERS.map((c) => c.client)),
      gender: strings(CUSTOMERS.map((c) => c.gender)),
      download_date: times(CUSTOMERS.map((c) => time(c.download))),
      signup_date: times(CUSTOMERS.map((c) => time(c.signup))),
      first_login_date: times(CUSTOMERS.map((c) => time(c.login))),
    },
  };
  return {
    sessions,
    ...(withCustomers ? { customers } : {}),
    sessionActions: withActions ? ['has_basket', 'order_screen'] : [],
    customerActions: withCustomers ? ['first_login_date'] : [],
    ordersOnly,
    time: { timeZone: options.time?.timeZone ?? 'UTC', weekStart: options.time?.weekStart ?? 1 },
  };
}

/** Epoch ms of a UTC instant written without the zone, e.g. `utc('2025-01-06')` or `utc('2025-01-06T10:00')`. */
export const utc = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}:00Z`);
