import type { CustomerRecord, MessageRecord } from '@clvkit/analytics';
import { runSearch } from './composite.js';
import { queryEnv, type QueryEnv } from './env.js';
import { SearchResponseError, UnsupportedQueryError } from './errors.js';
import type { ExecuteOptions } from './types.js';

/**
 * Pages of the customers and messages indices (one row per customer, one per message), for
 * the analyses the worker runs on them (demographics, customer_base, communications, ... on a
 * timeline dataset, see @clvkit/analytics summaries/customers-index.ts).
 *
 * One search per page: the host's tenant clauses (`extraFilters`) as the query, the documents
 * as hits sorted by their unique key (`client`, `message_id`: keyword fields, ids of the
 * documents) and resumed with `search_after` (Elasticsearch 8, "Paginate search results":
 * repeat the search with the last hit's sort values; unlike from/size it is not capped by
 * index.max_result_window and needs no scroll context). `_source` is limited to the fields of
 * the record. The page size is capped by `limits.maxSummaryRows`.
 */

/** Where a page resumes and how many rows it holds. */
export interface IndexPageInput {
  readonly after?: Record<string, unknown> | null;
  readonly size?: number;
}

/** One page of an index: its rows and the `after` of the next page (null at the end). */
export interface IndexPage<R> {
  readonly rows: R[];
  readonly after: Record<string, unknown> | null;
}

/** Rows per page when the input does not say. */
export const DEFAULT_INDEX_PAGE = 1_000;

/** How one index is paged and read. */
interface IndexReader<R> {
  readonly name: 'customers' | 'messages';
  /** The keyword field every document has once: the sort key and the `after` key. */
  readonly key: 'client' | 'message_id';
  readonly source: readonly string[];
  read(source: Record<string, unknown>, env: QueryEnv): R | null;
}

/** The `_search` body of one page of `reader`'s index (no I/O). */
function pageBody<R>(reader: IndexReader<R>, env: QueryEnv, input: IndexPageInput): { body: Record<string, unknown>; size: number } {
  const wanted = input?.size ?? Math.min(DEFAULT_INDEX_PAGE, env.limits.maxSummaryRows);
  if (!Number.isInteger(wanted) || wanted < 1) throw new UnsupportedQueryError(`${reader.name}.size`, `size must be a positive integer, got ${JSON.stringify(input?.size)}`);
  const size = Math.min(wanted, env.limits.maxSummaryRows);
  const body: Record<string, unknown> = {
    size,
    query: env.extraFilters.length > 0 ? { bool: { filter: [...env.extraFilters] } } : { match_all: {} },
    sort: [{ [reader.key]: { order: 'asc' } }],
    _source: [...reader.source],
  };
  const after = input?.after;
  if (after !== undefined && after !== null) {
    const value = typeof after === 'object' && !Array.isArray(after) ? (after as Record<string, unknown>)[reader.key] : undefined;
    if (typeof value !== 'string') throw new UnsupportedQueryError(`${reader.name}.after`, `after must be the object a previous page returned ({ "${reader.key}": "..." })`);
    body.search_after = [value];
  }
  return { body, size };
}

/** Runs one page of `reader`'s index. */
async function runPage<R>(reader: IndexReader<R>, input: IndexPageInput, options: ExecuteOptions, index: string): Promise<IndexPage<R>> {
  const env = { ...queryEnv(options), index };
  const { body, size } = pageBody(reader, env, input);
  const response = await runSearch(env, body);
  const hits = (response.hits as { hits?: unknown } | undefined)?.hits;
  if (!Array.isArray(hits)) throw new SearchResponseError('shape', `the ${reader.name} search returned no hits`);
  const rows: R[] = [];
  let last: unknown = null;
  for (const hit of hits as { _source?: unknown; sort?: unknown }[]) {
    const source = hit?._source;
    if (!source || typeof source !== 'object') throw new SearchResponseError('shape', `a ${reader.name} hit has no _source`);
    const row = reader.read(source as Record<string, unknown>, env);
    if (row !== null) rows.push(row);
    last = Array.isArray(hit.sort) ? hit.sort[0] : (source as Record<string, unknown>)[reader.key];
  }
  // A full page may have a next one; a short page is the last.
  const after = hits.length === size && typeof last === 'string' ? { [reader.key]: last } : null;
  return { rows, after };
}

/** A time field as indexed (epoch ms number, or its text when a host indexed strings); null when missing or unreadable. */
function time(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

function object(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const CUSTOMERS: IndexReader<CustomerRecord> = {
  name: 'customers',
  key: 'client',
  source: ['client', 'download_date', 'signup_date', 'actions', 'attributes'],
  read(source, env) {
    const client = text(source.client);
    if (client === null) return null;
    const actionsIn = object(source.actions);
    const attributesIn = object(source.attributes);
    // Every name of the layout, in its order, then any other the document has: the rebuilt
    // table gets the same columns whichever documents a page holds.
    const actions: Record<string, number | null> = {};
    for (const name of env.layout.customerActions) actions[name] = time(actionsIn[name]);
    for (const name of Object.keys(actionsIn)) if (!(name in actions)) actions[name] = time(actionsIn[name]);
    // Attributes are keywords: their text, as ingest wrote it and as the importer reads any attribute.
    const attributes: Record<string, string | null> = {};
    for (const name of env.layout.customerAttributes) attributes[name] = text(attributesIn[name]);
    for (const name of Object.keys(attributesIn)) if (!(name in attributes)) attributes[name] = text(attributesIn[name]);
    return { client, download_date: time(source.download_date), signup_date: time(source.signup_date), actions, attributes };
  },
};

const MESSAGES: IndexReader<MessageRecord> = {
  name: 'messages',
  key: 'message_id',
  source: ['message_id', 'client', 'channel', 'campaign', 'sent_at', 'delivered_at', 'opened_at', 'clicked_at', 'unsubscribed_at'],
  read(source) {
    const id = text(source.message_id);
    const client = text(source.client);
    const sent = time(source.sent_at);
    if (id === null || client === null || sent === null) return null;
    return {
      message_id: id,
      client,
      channel: text(source.channel) ?? '',
      campaign: text(source.campaign) ?? '',
      sent_at: sent,
      delivered_at: time(source.delivered_at),
      opened_at: time(source.opened_at),
      clicked_at: time(source.clicked_at),
      unsubscribed_at: time(source.unsubscribed_at),
    };
  },
};

/**
 * One page of the customers index (`layout.customers`), ascending by client, resumed from
 * `input.after` (the previous page's `after`). Every record carries every action and attribute
 * name of the layout (null when the document has none). Documents without a client are skipped.
 */
export async function executeCustomers(input: IndexPageInput, options: ExecuteOptions): Promise<IndexPage<CustomerRecord>> {
  return runPage(CUSTOMERS, input, options, options.layout.customers);
}

/**
 * One page of the messages index (`layout.messages`), ascending by message_id, resumed from
 * `input.after`. Documents without a message_id, client or sent_at are skipped (the importer
 * rejects such rows too).
 */
export async function executeMessages(input: IndexPageInput, options: ExecuteOptions): Promise<IndexPage<MessageRecord>> {
  return runPage(MESSAGES, input, options, options.layout.messages);
}
