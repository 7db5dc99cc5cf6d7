import type { CustomersMapping, MessagesMapping, TableSource } from '@clvkit/core';
import type { CustomerRecord, MessageRecord } from './types.js';

/**
 * The customers and messages tables of a timeline dataset, from the records the customers
 * and messages indices page (see timeline-dataset.ts). The records go through the core
 * importer as rows with the mapping the host's own import would have used, so the rebuilt
 * tables have the columns and types an in-memory import of the same input gives: action
 * dates as time columns under their own names (and `dataset.customerActions` in the records'
 * order), attributes as string columns (a number or boolean attribute is read as its text,
 * exactly as the importer reads it), the canonical fields as the schema types them.
 */

/** The message fields a message record carries besides the required ones (absent when no record has one). */
const MESSAGE_EVENTS = ['delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'] as const;

/**
 * The customers table source of `records`. Action and attribute names are the union of the
 * records' keys in first-seen order (the index stores every name on every document, null when
 * unset). `signup_date` is a column only when some record has one: the index cannot tell a
 * table without the column from one where it is empty, and an all-empty column would change
 * what `customer_base` counts by default.
 * @throws TypeError when an action or attribute name is one of the canonical fields or `customer`,
 * or when a record has no download_date (the importer would drop the customer).
 */
export function customersSource(records: readonly CustomerRecord[]): TableSource<CustomersMapping> {
  const actions = new Set<string>();
  const attributes = new Set<string>();
  let withSignup = false;
  for (const record of records) {
    for (const name of Object.keys(record.actions)) actions.add(name);
    for (const name of Object.keys(record.attributes)) attributes.add(name);
    if (record.signup_date !== null) withSignup = true;
  }
  // The importer rejects a customer without a download date: rather than losing customers
  // silently, say which field is missing (a proxy allow-list without it nulls it on every page).
  const undated = records.filter((record) => record.download_date === null).length;
  if (undated > 0) throw new TypeError(`customersSource: ${undated} of ${records.length} customers have no download_date, which every customer needs; allow customers.download_date in the proxy's allow-list, or index it for every customer`);
  const reserved = new Set(['client', 'download_date', 'signup_date', 'customer']);
  for (const name of [...actions, ...attributes]) {
    if (reserved.has(name)) throw new TypeError(`customersSource: the customer action or attribute "${name}" clashes with a canonical customers field; rename it in the customers index`);
  }
  const data = records.map((record) => {
    const row: Record<string, unknown> = { client: record.client, download_date: record.download_date };
    if (withSignup) row.signup_date = record.signup_date;
    for (const name of actions) row[name] = record.actions[name] ?? null;
    for (const name of attributes) row[name] = record.attributes[name] ?? null;
    return row;
  });
  return { data, format: 'rows', mapping: { actions: [...actions], attributes: [...attributes] } };
}

/**
 * The messages table source of `records`. An event column (delivered_at, opened_at,
 * clicked_at, unsubscribed_at) is present only when some record has that event: the index
 * stores null for a column the host's table lacked, and `communications` reads an absent
 * column as "not tracked" (null counts) but an empty one as zero.
 */
export function messagesSource(records: readonly MessageRecord[]): TableSource<MessagesMapping> {
  const events = MESSAGE_EVENTS.filter((name) => records.some((record) => record[name] !== null));
  const data = records.map((record) => {
    const row: Record<string, unknown> = { message_id: record.message_id, client: record.client, channel: record.channel, campaign: record.campaign, sent_at: record.sent_at };
    for (const name of events) row[name] = record[name];
    return row;
  });
  return { data, format: 'rows', mapping: {} };
}
