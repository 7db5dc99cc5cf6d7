import { readBoolean, type FieldPredicate, type Filter, type Predicate } from '@clvkit/core';
import type { IndexLayout } from '../layout.js';
import { UnsupportedQueryError } from './errors.js';
import { BASKET, esField, type EsField } from './fields.js';
import { clientSetClause, isClientSetPredicate } from './client-sets.js';

/**
 * Filter compiler: clvkit `Filter`s (the selection, ANDed with a spec's `where`) to Elasticsearch
 * query clauses over order documents, with the semantics of `sessionMask` / `lineMask` in
 * @clvkit/core:
 * - a session predicate tests the order document; a basket-line predicate keeps a session when
 *   ANY of its lines passes it (`nested` query), each line predicate on its own under `and`;
 * - for basket lines (line measures, `table: 'lines'`), line predicates test the line itself, all
 *   of them on the same line, and session predicates test the line's order;
 * - `interval` = `range` gte/lt; `in` = `terms`; `prefix` "a/b" = `term` "a/b" or `prefix`
 *   "a/b/" (never "a/bc"); `present` = `exists` (or `must_not exists`); `and` = `bool.filter`;
 *   an `or` filter = `bool.should` with `minimum_should_match: 1`. A missing value fails every
 *   predicate but `present: false`, as in memory (range, term and prefix never match a missing field).
 * `orders-in` and `first_order_at` predicates are resolved beforehand into `terms` on client
 * (client-sets.ts); customer
 * and message predicates need a join the orders index cannot do: refused.
 */

/** An Elasticsearch query clause (a plain JSON object). */
export type Clause = Record<string, unknown>;

/** Matches every document. */
export const MATCH_ALL: Clause = Object.freeze({ match_all: {} });

/** `bool.filter` of `clauses` (match_all when empty; the single clause when one). */
export function allOf(clauses: readonly Clause[]): Clause {
  if (clauses.length === 0) return MATCH_ALL;
  if (clauses.length === 1) return clauses[0];
  return { bool: { filter: [...clauses] } };
}

function anyOf(clauses: readonly Clause[]): Clause {
  if (clauses.length === 1) return clauses[0];
  return { bool: { should: [...clauses], minimum_should_match: 1 } };
}

/**
 * The query selecting the order documents (sessions) that pass every filter, with the host's
 * `extraFilters` ANDed in. Used as the top-level `query` of every search.
 */
export function sessionsQuery(layout: IndexLayout, filters: readonly Filter[], extraFilters: readonly object[] = []): Clause {
  const clauses: Clause[] = [...(extraFilters as Clause[])];
  for (const filter of filters) {
    const clause = sessionsFilterClause(layout, filter);
    if (clause) clauses.push(clause);
  }
  return { bool: { filter: clauses } };
}

function sessionsFilterClause(layout: IndexLayout, filter: Filter): Clause | null {
  const predicates = checkFilter(filter);
  if (predicates.length === 0) return null;
  const parts = predicates.map((p) => sessionsPredicate(layout, p));
  return filter.mode === 'or' ? anyOf(parts) : allOf(parts);
}

function sessionsPredicate(layout: IndexLayout, predicate: Predicate): Clause {
  if (predicate?.type === 'and') return allOf(checkParts(predicate.predicates).map((p) => sessionsPredicate(layout, p)));
  if (isClientSetPredicate(predicate)) return resolvedClientSet(predicate as FieldPredicate);
  const field = fieldOf(layout, predicate);
  const clause = fieldClause(field, predicate);
  return field.table === 'lines' ? { nested: { path: BASKET, query: clause } } : clause;
}

/**
 * What basket lines must pass, split by level: `order` tests the line's order document (top
 * level), `line` the line itself (inside a `nested` context on `basket`). null = no condition.
 */
export interface LineSelection {
  readonly order: Clause | null;
  readonly line: Clause | null;
}

/**
 * The basket lines passing every filter (see `LineSelection`). An `or` filter mixing session and
 * line predicates would need "the order passes p OR the line passes q" inside one nested
 * context, which a nested query cannot express: refused.
 */
export function lineSelection(layout: IndexLayout, filters: readonly Filter[]): LineSelection {
  const order: Clause[] = [];
  const line: Clause[] = [];
  for (const filter of filters) {
    const predicates = checkFilter(filter);
    if (predicates.length === 0) continue;
    if (filter.mode === 'or' && predicates.length > 1) {
      const tables = new Set(predicates.flatMap((p) => leaves(p)).map((p) => (isClientSetPredicate(p) ? 'sessions' : fieldOf(layout, p).table)));
      if (tables.size > 1) {
        throw new UnsupportedQueryError('filter', 'an "or" filter mixing session and basket-line fields cannot select basket lines on Elasticsearch (a nested query sees only the line); split the selection or use "and"');
      }
      const parts = predicates.map((p) => allOf(leaves(p).map((leaf) => (isClientSetPredicate(leaf) ? resolvedClientSet(leaf) : fieldClause(fieldOf(layout, leaf), leaf)))));
      (tables.has('lines') ? line : order).push(anyOf(parts));
      continue;
    }
    for (const leaf of predicates.flatMap((p) => leaves(p))) {
      if (isClientSetPredicate(leaf)) {
        order.push(resolvedClientSet(leaf));
        continue;
      }
      const field = fieldOf(layout, leaf);
      (field.table === 'lines' ? line : order).push(fieldClause(field, leaf));
    }
  }
  return { order: order.length ? allOf(order) : null, line: line.length ? allOf(line) : null };
}

/** The predicates of a compound `and`, flattened (AND is associative). */
function leaves(predicate: Predicate): FieldPredicate[] {
  return predicate.type === 'and' ? checkParts(predicate.predicates).flatMap((p) => leaves(p)) : [predicate];
}

function resolvedClientSet(predicate: FieldPredicate): Clause {
  const clause = clientSetClause(predicate);
  if (!clause) throw new UnsupportedQueryError(`predicate "${predicate.type}" on "${predicate.field}"`, 'it was not resolved before compiling (executeQuery and executeSummaries resolve it with a search for the customers it names)');
  return clause;
}

function fieldOf(layout: IndexLayout, predicate: FieldPredicate): EsField {
  if (predicate.type === 'orders-in') {
    throw new UnsupportedQueryError('predicate "orders-in"', 'it joins every order of the customer and must be resolved to a list of clients first (executeQuery and executeSummaries do)');
  }
  return esField(layout, predicate.field);
}

/** The clause testing one predicate on its own field (full path; inside `nested` for line fields). */
export function fieldClause(field: EsField, predicate: FieldPredicate): Clause {
  const path = field.path;
  switch (predicate.type) {
    case 'interval': {
      const [lo, hi] = checkRange(predicate.range, predicate.field);
      const range: Record<string, unknown> = {};
      if (Number.isFinite(lo)) range.gte = lo;
      if (Number.isFinite(hi)) range.lt = hi;
      if (lo !== lo || hi !== hi || lo >= hi) return { terms: { [path]: [] } };
      if (field.type === 'date') range.format = 'epoch_millis';
      return Object.keys(range).length === (field.type === 'date' ? 1 : 0) ? { exists: { field: path } } : { range: { [path]: range } };
    }
    case 'in':
      return { terms: { [path]: inValues(field, predicate.values) } };
    case 'prefix': {
      const values = checkValues(predicate.values, predicate.field).map(String);
      if (values.length === 0) return { terms: { [path]: [] } };
      return anyOf([{ terms: { [path]: values } }, ...values.map((v) => ({ prefix: { [path]: { value: `${v}/` } } }))]);
    }
    case 'present':
      return predicate.present ? { exists: { field: path } } : { bool: { must_not: [{ exists: { field: path } }] } };
    default:
      throw new UnsupportedQueryError(`predicate ${JSON.stringify((predicate as { type?: unknown }).type)}`, 'unknown predicate type (expected interval, in, prefix, present or and)');
  }
}

/** `in` values in the field's type: strings for keywords, booleans for flags, numbers otherwise. */
function inValues(field: EsField, raw: unknown): (string | number | boolean)[] {
  const values = checkValues(raw, field.field);
  if (field.type === 'keyword') return [...new Set(values.map(String))];
  if (field.type === 'boolean') {
    const out = new Set<boolean>();
    for (const v of values) {
      const b = readBoolean(v);
      if (b >= 0) out.add(b === 1);
    }
    return [...out];
  }
  return [...new Set(values.map(Number).filter((v) => Number.isFinite(v)))];
}

function checkFilter(filter: Filter): readonly Predicate[] {
  if (!filter || (filter.mode !== 'and' && filter.mode !== 'or') || !Array.isArray(filter.predicates)) {
    throw new UnsupportedQueryError('filter', 'a filter must be { mode: "and" | "or", predicates: [...] }');
  }
  return checkParts(filter.predicates);
}

function checkParts(predicates: unknown): readonly Predicate[] {
  if (!Array.isArray(predicates)) throw new UnsupportedQueryError('predicate "and"', 'predicates must be an array');
  for (const p of predicates) {
    if (!p || typeof p !== 'object') throw new UnsupportedQueryError('predicate', `expected an object, got ${JSON.stringify(p)}`);
  }
  return predicates as readonly Predicate[];
}

function checkValues(values: unknown, field: string): (string | number | boolean)[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
    throw new UnsupportedQueryError(`predicate on "${field}"`, 'values must be an array of strings, numbers or booleans');
  }
  return values;
}

function checkRange(range: unknown, field: string): [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || range.some((v) => typeof v !== 'number' && v !== null)) {
    throw new UnsupportedQueryError(`interval on "${field}"`, 'range must be [lo, hi] numbers (epoch ms for times)');
  }
  // JSON has no Infinity: an open end arrives as null.
  return [range[0] ?? -Infinity, range[1] ?? Infinity];
}
