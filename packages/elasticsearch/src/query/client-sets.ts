import type { FieldPredicate, Filter, Predicate } from '@clvkit/core';
import { pageComposite } from './composite.js';
import type { QueryEnv } from './env.js';
import { QueryLimitError, UnsupportedQueryError } from './errors.js';
import type { Clause } from './filter.js';
import { purchasedClause } from './measures.js';

/**
 * Predicates that describe the customer through their whole order history, which one search
 * over order documents cannot evaluate:
 * - `orders-in` ("has / has no order in [lo, hi)", cohort and status selections);
 * - `interval` / `present` on the derived field `first_order_at` (the customer's first order
 *   time: cohort rows).
 * They are resolved before the request compiles: a composite search on `client` over the
 * orders (the tenant filter applies, nothing else, as these predicates ignore the rest of the
 * selection) lists the customers, and the predicate becomes `terms` on client (or `must_not
 * terms`). The list is capped by `limits.maxBuckets`; `terms` queries are split at
 * Elasticsearch's default `index.max_terms_count` (65,536).
 */
const resolved = new WeakMap<object, Clause>();

/** Elasticsearch's default `index.max_terms_count`. */
export const MAX_TERMS = 65_536;

/** Derived fields resolved here: the customer's first order time. */
const FIRST_ORDER_AT = new Set(['first_order_at', 'sessions.first_order_at']);

/** True for a predicate this module resolves (orders-in, or a first_order_at interval / presence). */
export function isClientSetPredicate(predicate: Predicate): boolean {
  return predicate?.type === 'orders-in' || ((predicate?.type === 'interval' || predicate?.type === 'present') && FIRST_ORDER_AT.has(predicate.field));
}

/** The clause a client-set predicate was resolved to (null when it was not resolved). */
export function clientSetClause(predicate: FieldPredicate): Clause | null {
  return resolved.get(predicate) ?? null;
}

function collect(predicates: readonly Predicate[], out: FieldPredicate[]): void {
  for (const p of predicates) {
    if (!p || typeof p !== 'object') continue;
    if (p.type === 'and' && Array.isArray(p.predicates)) collect(p.predicates, out);
    else if (isClientSetPredicate(p)) out.push(p as FieldPredicate);
  }
}

/** Resolves every client-set predicate of `filters` (one search per distinct question). */
export async function resolveClientSets(env: QueryEnv, filters: readonly (Filter | undefined)[]): Promise<void> {
  const found: FieldPredicate[] = [];
  for (const f of filters) if (f && Array.isArray(f.predicates)) collect(f.predicates, found);
  const cache = new Map<string, string[]>();
  const cached = async (key: string, load: () => Promise<string[]>) => {
    let clients = cache.get(key);
    if (!clients) cache.set(key, (clients = await load()));
    return clients;
  };
  for (const p of found) {
    if (resolved.has(p)) continue;
    if (p.type === 'interval' || p.type === 'present') {
      const [lo, hi] = p.type === 'interval' ? openRange(p.range) : [-Infinity, Infinity];
      const want = p.type === 'interval' || p.present !== false;
      const clients = await cached(`first:${lo}:${hi}`, () => clientsByFirstOrder(env, lo, hi));
      resolved.set(p, termsClause(clients, want));
      continue;
    }
    if (p.type !== 'orders-in') continue;
    if (p.field !== 'client' && p.field !== 'sessions.client' && p.field !== 'customers.client') {
      throw new UnsupportedQueryError(`predicate "orders-in" on "${p.field}"`, 'the orders index joins customers on client only');
    }
    const [lo, hi] = openRange(p.range);
    const clients = await cached(`orders:${lo}:${hi}`, () => clientsWithOrders(env, lo, hi));
    resolved.set(p, termsClause(clients, p.present !== false));
  }
}

/** `[lo, hi]` with null (JSON's stand-in for an infinite end) read as open. */
function openRange(range: unknown): [number, number] {
  const raw = Array.isArray(range) ? range : [NaN, NaN];
  const lo = raw[0] ?? -Infinity;
  const hi = raw[1] ?? Infinity;
  if (typeof lo !== 'number' || typeof hi !== 'number' || Number.isNaN(lo) || Number.isNaN(hi)) throw new UnsupportedQueryError('predicate range', 'range must be [lo, hi] epoch ms');
  return [lo, hi];
}

function termsClause(clients: string[], want: boolean): Clause {
  const terms = chunks(clients).map((list) => ({ terms: { client: list } }));
  const has: Clause = terms.length === 1 ? terms[0] : terms.length === 0 ? { terms: { client: [] } } : { bool: { should: terms, minimum_should_match: 1 } };
  return want ? has : { bool: { must_not: [has] } };
}

function ordersQuery(env: QueryEnv, lo: number, hi: number): Clause {
  const range: Record<string, unknown> = { format: 'epoch_millis' };
  if (Number.isFinite(lo)) range.gte = lo;
  if (Number.isFinite(hi)) range.lt = hi;
  return { bool: { filter: [...(env.extraFilters as Clause[]), purchasedClause(), { range: { session_start: range } }] } };
}

/**
 * Customers whose first order is in [lo, hi): the clients with an order before `hi` and, among
 * them, those whose earliest such order is at or after `lo` (composite pipelines cannot filter
 * buckets, so the `min` is compared here).
 */
async function clientsByFirstOrder(env: QueryEnv, lo: number, hi: number): Promise<string[]> {
  const clients: string[] = [];
  const body = (after?: Record<string, unknown>) => ({
    size: 0,
    query: ordersQuery(env, -Infinity, hi),
    aggs: { clients: { composite: { size: env.limits.compositePageSize, sources: [{ client: { terms: { field: 'client' } } }], ...(after ? { after } : {}) }, aggs: { first: { min: { field: 'session_start' } } } } },
  });
  await pageComposite(env, body, ['clients'], (bucket) => {
    const c = (bucket.key as { client?: unknown } | undefined)?.client;
    const first = (bucket.first as { value?: unknown } | undefined)?.value;
    if (c === null || c === undefined || typeof first !== 'number' || !(first >= lo)) return;
    if (clients.length >= env.limits.maxBuckets) throw new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'a cohort selection names too many customers for a terms filter; narrow its range');
    clients.push(String(c));
  });
  return clients;
}

async function clientsWithOrders(env: QueryEnv, lo: number, hi: number): Promise<string[]> {
  const query = ordersQuery(env, lo, hi);
  const clients: string[] = [];
  const body = (after?: Record<string, unknown>) => ({
    size: 0,
    query,
    aggs: { clients: { composite: { size: env.limits.compositePageSize, sources: [{ client: { terms: { field: 'client' } } }], ...(after ? { after } : {}) } } },
  });
  await pageComposite(env, body, ['clients'], (bucket) => {
    const c = (bucket.key as { client?: unknown } | undefined)?.client;
    if (c === null || c === undefined) return;
    if (clients.length >= env.limits.maxBuckets) throw new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'an "orders-in" selection names too many customers for a terms filter; narrow its range');
    clients.push(String(c));
  });
  return clients;
}

function chunks(list: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < list.length; i += MAX_TERMS) out.push(list.slice(i, i + MAX_TERMS));
  return out;
}
