import type { CustomersMapping, MessagesMapping, TableSource } from '@clvkit/core';
import type { CustomerRecord, MessageRecord } from './types.js';

/**
 * The customers and messages tables of a timeline dataset, from the records the customers
 * and messages indices page (owned by the customers-index work; see timeline-dataset.ts).
 */

/** The customers table source of `records`. */
export function customersSource(records: readonly CustomerRecord[]): TableSource<CustomersMapping> {
  throw new TypeError(`customersSource: not built yet (${records.length} records)`);
}

/** The messages table source of `records`. */
export function messagesSource(records: readonly MessageRecord[]): TableSource<MessagesMapping> {
  throw new TypeError(`messagesSource: not built yet (${records.length} records)`);
}
