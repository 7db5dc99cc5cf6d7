import type { Column, Dataset, Filter, QueryRequest } from '@clvkit/core';
import { sampleDataset } from '@clvkit/sample-data';
import { runQuery, withDerivedFields, type CustomerRecord, type MessageRecord, type SummaryEnv } from '../../src/index.js';
import { envOf } from './harness.js';

/**
 * The customers and messages pages of a dataset, read straight from its columns in this test
 * (independently of the code under test), as the customers and messages indices would page
 * them: one record per row, times as epoch ms or null, attributes as their text or null.
 */

function text(column: Column | undefined, row: number): string | null {
  if (!column || column.type !== 'string') return null;
  const code = column.codes[row];
  return code >= 0 ? column.dictionary[code] : null;
}

function time(column: Column | undefined, row: number): number | null {
  if (!column || (column.type !== 'time' && column.type !== 'number')) return null;
  const v = column.values[row];
  return v === v ? v : null;
}

/** Every customers row as a `CustomerRecord` (attributes: the string columns other than client and the actions). */
export function customersOf(dataset: Dataset): CustomerRecord[] {
  const customers = dataset.customers;
  if (!customers) return [];
  const c = customers.columns;
  const actions = dataset.customerActions;
  const attributes = Object.keys(c).filter((name) => name !== 'client' && !actions.includes(name) && c[name].type === 'string');
  const out: CustomerRecord[] = [];
  for (let row = 0; row < customers.length; row++) {
    out.push({
      client: text(c.client, row)!,
      download_date: time(c.download_date, row),
      signup_date: time(c.signup_date, row),
      actions: Object.fromEntries(actions.map((name) => [name, time(c[name], row)])),
      attributes: Object.fromEntries(attributes.map((name) => [name, text(c[name], row)])),
    });
  }
  return out;
}

/** Every messages row as a `MessageRecord`. */
export function messagesOf(dataset: Dataset): MessageRecord[] {
  const messages = dataset.messages;
  if (!messages) return [];
  const c = messages.columns;
  const out: MessageRecord[] = [];
  for (let row = 0; row < messages.length; row++) {
    out.push({
      message_id: text(c.message_id, row)!,
      client: text(c.client, row)!,
      channel: text(c.channel, row)!,
      campaign: text(c.campaign, row)!,
      sent_at: time(c.sent_at, row)!,
      delivered_at: time(c.delivered_at, row),
      opened_at: time(c.opened_at, row),
      clicked_at: time(c.clicked_at, row),
      unsubscribed_at: time(c.unsubscribed_at, row),
    });
  }
  return out;
}

/**
 * `envOf(dataset)` with the customers and messages pages and a server for aggregates,
 * recording the filters and requests asked for. The
 * pages are computed over the dataset with its derived fields, so `first_order_at` clauses
 * (which the Elasticsearch server resolves to client sets) pass to the server side as there.
 */
export function customersEnvOf(dataset: Dataset, asked: Filter[] = [], queries: QueryRequest[] = []): SummaryEnv {
  return {
    ...envOf(withDerivedFields(dataset), asked),
    customers: async () => customersOf(dataset),
    messages: async () => messagesOf(dataset),
    // What the server answers itself: aggregates of session and basket fields (the test checks none names a customers field).
    query: async (request) => {
      queries.push(request);
      return runQuery(dataset, request);
    },
  };
}

/** The sample shop of the customers tests (customers, sessions, lines, messages), its time extent and its first dimension value. */
export interface CustomersShop {
  readonly dataset: Dataset;
  readonly first: number;
  readonly last: number;
  readonly dimension: string;
}

/** Loads `CustomersShop` (1 500 orders, seed 5, Europe/London). */
export async function customersShop(): Promise<CustomersShop> {
  const { dataset } = await sampleDataset({ orders: 1500, seed: 5, timeZone: 'Europe/London' });
  const [first, last] = customersEnvOf(dataset).timeExtent!;
  const column = dataset.sessions.columns.dimension;
  return { dataset, first, last, dimension: column.type === 'string' ? column.dictionary[0] : '' };
}

/** An `and` filter of `predicates`. */
export const and = (...predicates: Filter['predicates']): Filter => ({ mode: 'and', predicates });
