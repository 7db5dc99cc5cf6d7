import type { Client } from '@elastic/elasticsearch';
import {
  importDataset,
  importLineItems,
  type CustomersMapping,
  type Dataset,
  type ImportReport,
  type LineItemsMapping,
  type LinesMapping,
  type MessagesMapping,
  type SessionsMapping,
  type TableSource,
} from '@clvkit/core';
import { indexLayout, type IndexLayout } from '../layout.js';
import { customersIndex, messagesIndex, ordersIndex, type IndexDefinition, type IndexSettingsOptions } from '../mappings.js';
import { bulkIndex, type BulkOptions, type BulkReport } from './bulk.js';
import { jsonHeaders, type RestCompatibility } from './compat.js';
import { customerAttributeNames, customerDocuments, messageDocuments, orderDocuments } from './documents.js';

/**
 * Ingest: the inputs the in-browser importer accepts, into the clvkit indices. Rows are parsed
 * and validated by the core importer itself (`importDataset`, or `importLineItems` for a
 * one-row-per-line export), so a file is read here exactly as the browser reads it and rejects
 * the same rows for the same reasons; the resulting columnar dataset is then streamed out as
 * documents with `bulkIndex`.
 */

/** The tables to ingest: `sessions` (with optional `lines`), or `lineItems`; plus optional customers and messages. */
export interface IngestInput {
  readonly sessions?: TableSource<SessionsMapping>;
  readonly lines?: TableSource<LinesMapping>;
  /** A line-item export (one row per order line): orders and their baskets are derived from it. */
  readonly lineItems?: TableSource<LineItemsMapping>;
  readonly customers?: TableSource<CustomersMapping>;
  readonly messages?: TableSource<MessagesMapping>;
}

/** Options of `ingest`. */
export interface IngestOptions extends BulkOptions {
  readonly client: Client;
  /** Index names and calendar. Action and attribute names found in the input are added to it. */
  readonly layout?: Partial<IndexLayout>;
  /** Zone of wall-clock timestamps in the input. Default `layout.timeZone`. */
  readonly timeZone?: string;
  /** Create missing indices with `ordersIndex` etc. first (existing ones are left alone). */
  readonly createIndices?: boolean | IndexSettingsOptions;
  /** As the importer's: `skip` (default) counts bad rows, `throw` stops at the first. */
  readonly onInvalidRow?: 'skip' | 'throw';
}

/** What `ingest` did: the importer's report (rows in, used, rejected per reason) and one bulk report per index written. */
export interface IngestReport {
  readonly import: ImportReport;
  /** The layout the documents were written for (input action and attribute names included). */
  readonly layout: IndexLayout;
  /** Indices created by this run. */
  readonly created: readonly string[];
  readonly orders: BulkReport;
  readonly customers?: BulkReport;
  readonly messages?: BulkReport;
  /** True when no bulk item failed. */
  readonly ok: boolean;
}

/** The input names neither `sessions` nor `lineItems`, or both. */
export class IngestInputError extends Error {
  override readonly name = 'IngestInputError';
}

/** Header-only sessions: lets `importDataset` read customers and messages for a line-item ingest. */
const NO_SESSIONS = 'order_id,client,session_start,payment_amount\n';

/**
 * Imports `input` with the core importer and writes orders, customers and messages with the
 * bulk API (ids: `orderDocumentId`, `client`, `message_id`, so a rerun replaces, never
 * duplicates). Resolves with the report; rejects with `BulkRequestError` (its `report` holds
 * the counts so far) when the cluster fails a whole request.
 */
export async function ingest(input: IngestInput, options: IngestOptions): Promise<IngestReport> {
  if (!options?.client) throw new TypeError('ingest: options.client (an @elastic/elasticsearch Client) is required');
  const base = indexLayout(options.layout);
  const { dataset, report } = await importInput(input, { timeZone: options.timeZone ?? base.timeZone, weekStart: base.weekStart, onInvalidRow: options.onInvalidRow, signal: options.signal });
  const layout = layoutFor(base, dataset);
  const compat = options.restCompatibility === undefined ? 8 : options.restCompatibility;
  const created = options.createIndices ? await createIndices(options.client, layout, options.createIndices === true ? {} : options.createIndices, compat) : [];
  const { client } = options;
  const orders = await bulkIndex(client, layout.orders, orderDocuments(dataset), options);
  const customers = dataset.customers ? await bulkIndex(client, layout.customers, customerDocuments(dataset), options) : undefined;
  const messages = dataset.messages ? await bulkIndex(client, layout.messages, messageDocuments(dataset), options) : undefined;
  const ok = orders.failed === 0 && (customers?.failed ?? 0) === 0 && (messages?.failed ?? 0) === 0;
  return { import: report, layout, created, orders, ...(customers && { customers }), ...(messages && { messages }), ok };
}

/** Runs the core importer on whichever input form was given; one `Dataset` out. */
export async function importInput(input: IngestInput, options: { timeZone?: string; weekStart?: number; onInvalidRow?: 'skip' | 'throw'; signal?: AbortSignal }): Promise<{ dataset: Dataset; report: ImportReport }> {
  if (input.sessions && input.lineItems) throw new IngestInputError('give either sessions (with lines) or lineItems, not both: a line-item export already holds the orders');
  if (input.lineItems) {
    if (input.lines) throw new IngestInputError('lines go with sessions; a line-item export already holds the basket lines');
    const items = await importLineItems(input.lineItems, options);
    if (!input.customers && !input.messages) return items;
    // Customers and messages through the same importer, beside no sessions of their own.
    const rest = await importDataset({ sessions: { data: NO_SESSIONS, format: 'csv' }, customers: input.customers, messages: input.messages }, options);
    const dataset: Dataset = { ...items.dataset, customers: rest.dataset.customers, messages: rest.dataset.messages, customerActions: rest.dataset.customerActions };
    const report: ImportReport = { ...items.report, customers: rest.report.customers, messages: rest.report.messages, warnings: [...items.report.warnings, ...rest.report.warnings] };
    return { dataset, report };
  }
  if (!input.sessions) throw new IngestInputError('nothing to ingest: give sessions (an orders or sessions table) or lineItems (a one-row-per-line export)');
  return importDataset({ sessions: input.sessions, lines: input.lines, customers: input.customers, messages: input.messages }, options);
}

/** `layout` plus the action and attribute names the dataset has (kept in the layout's order, new ones after). */
export function layoutFor(layout: IndexLayout, dataset: Dataset): IndexLayout {
  const union = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((name) => !a.includes(name))];
  return indexLayout({
    ...layout,
    orderActions: union(layout.orderActions, dataset.sessionActions),
    customerActions: union(layout.customerActions, dataset.customerActions),
    customerAttributes: union(layout.customerAttributes, customerAttributeNames(dataset)),
  });
}

/**
 * Creates the orders, customers and messages indices of `layout` where they do not exist yet
 * (existing indices and their mappings are left as they are). Returns the names created.
 */
export async function createIndices(client: Client, layout: IndexLayout, settings: IndexSettingsOptions = {}, restCompatibility: RestCompatibility = 8): Promise<string[]> {
  const headers = jsonHeaders(restCompatibility);
  const definitions: [string, IndexDefinition][] = [
    [layout.orders, ordersIndex(layout, settings)],
    [layout.customers, customersIndex(layout, settings)],
    [layout.messages, messagesIndex(layout, settings)],
  ];
  const created: string[] = [];
  for (const [index, definition] of definitions) {
    if (await client.indices.exists({ index }, { headers })) continue;
    await client.indices.create({ index, settings: definition.settings, mappings: definition.mappings } as Parameters<Client['indices']['create']>[0], { headers });
    created.push(index);
  }
  return created;
}
