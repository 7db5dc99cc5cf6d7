import type { Filter, OrdersInPredicate, Predicate } from '@clvkit/core';
import { pageComposite } from './composite.js';
import type { QueryEnv } from './env.js';
import { QueryLimitError, UnsupportedQueryError } from './errors.js';
import type { Clause } from './filter.js';
import { purchasedClause } from './measures.js';

/**
 * `orders-in` predicates ("the customer has / has no order in [lo, hi)") join a customer's whole
 * history, which one search over order documents cannot do. They are resolved before the
 * request compiles: one composite search on `client` over the orders in the range (the tenant
 * filter applies, nothing else, as the predicate ignores the rest of the selection) lists those
 * customers, and the predicate becomes `terms` on client (or `must_not terms`). The list is
 * capped by `limits.maxBuckets`; `terms` queries are split at Elasticsearch's default
 * `index.max_terms_count` (65,536).
 */
const resolved = new WeakMap<OrdersInPredicate, Clause>();

/** Elasticsearch's default `index.max_terms_count`. */
export const MAX_TERMS = 65_536;

/** The clause an `orders-in` predicate was resolved to (null when it was not resolved). */
export function ordersInClause(predicate: OrdersInPredicate): Clause | null {
  return resolved.get(predicate) ?? null;
}

function collect(predicates: readonly Predicate[], out: OrdersInPredicate[]): void {
  for (const p of predicates) {
    if (!p || typeof p !== 'object') continue;
    if (p.type === 'and' && Array.isArray(p.predicates)) collect(p.predicates, out);
    else if (p.type === 'orders-in') out.push(p);
  }
}

/** Resolves every `orders-in` predicate of `filters` (a search per distinct range). */
export async function resolveOrdersIn(env: QueryEnv, filters: readonly (Filter | undefined)[]): Promise<void> {
  const found: OrdersInPredicate[] = [];
  for (const f of filters) if (f && Array.isArray(f.predicates)) collect(f.predicates, found);
  const byRange = new Map<string, string[]>();
  for (const p of found) {
    if (resolved.has(p)) continue;
    if (p.field !== 'client' && p.field !== 'sessions.client' && p.field !== 'customers.client') {
      throw new UnsupportedQueryError(`predicate "orders-in" on "${p.field}"`, 'the orders index joins customers on client only');
    }
    // JSON has no Infinity: an open end arrives as null.
    const raw = Array.isArray(p.range) ? p.range : [NaN, NaN];
    const lo = raw[0] ?? -Infinity;
    const hi = raw[1] ?? Infinity;
    if (typeof lo !== 'number' || typeof hi !== 'number' || Number.isNaN(lo) || Number.isNaN(hi)) throw new UnsupportedQueryError('predicate "orders-in"', 'range must be [lo, hi] epoch ms');
    const key = `${lo}:${hi}`;
    let clients = byRange.get(key);
    if (!clients) byRange.set(key, (clients = await clientsWithOrders(env, lo, hi)));
    const terms = chunks(clients).map((list) => ({ terms: { client: list } }));
    const has: Clause = terms.length === 1 ? terms[0] : terms.length === 0 ? { terms: { client: [] } } : { bool: { should: terms, minimum_should_match: 1 } };
    resolved.set(p, p.present === false ? { bool: { must_not: [has] } } : has);
  }
}

async function clientsWithOrders(env: QueryEnv, lo: number, hi: number): Promise<string[]> {
  const range: Record<string, unknown> = { format: 'epoch_millis' };
  if (Number.isFinite(lo)) range.gte = lo;
  if (Number.isFinite(hi)) range.lt = hi;
  const query = { bool: { filter: [...(env.extraFilters as Clause[]), purchasedClause(), { range: { session_start: range } }] } };
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
