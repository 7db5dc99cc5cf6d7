import type { Filter, GroupKey, Measure } from '@clvkit/core';
import { pageComposite, aggregationAt, runSearch } from './composite.js';
import type { QueryEnv } from './env.js';
import { QueryLimitError, UnsupportedQueryError } from './errors.js';
import { BASKET, LINE_COPIES, lineCopy } from './fields.js';
import { lineSelection, sessionsQuery, type Clause } from './filter.js';
import { compileKey, pageSizeFor, type CompiledKey, type KeyValue } from './keys.js';
import {
  ADDITIVE,
  LINE_MEASURES,
  lineOrderAggs,
  lineSumAggs,
  needsOrderSide,
  purchasedClause,
  readLineOrderMeasures,
  readLineSums,
  readSessionMeasures,
  sessionMeasureAggs,
  storedMeasures,
  type GroupValues,
  type StoredMeasure,
} from './measures.js';

/**
 * Grouped measures over order documents: compiles a (table, keys, measures, filters) request
 * into one or two searches with a `composite` aggregation (paged with after_key) and reads the
 * groups back. The shapes:
 * - sessions, or lines grouped by session keys: `query` → `composite` → measures of the orders;
 * - lines grouped by line keys (or ungrouped): `query` → `nested` basket → `composite` →
 *   `filter` (the line selection) → `reverse_nested` (distinct orders), and, for line measures,
 *   a second search restricted to orders (the nested context cannot test the order's flag);
 * - lines grouped by line keys and `client` / `session_start` (e.g. client × product): the same
 *   nested shape, the session keys read from the lines' copies `basket.client` /
 *   `basket.session_start` (ingest writes them; an index written before them has no values there,
 *   so every line would fall in the null client: re-ingest, see the README). Other session fields
 *   with line fields are refused (not on the line).
 * Distinct measures stay exact per group: `reverse_nested` climbs from the group's lines to
 * their orders, whatever level the keys were read from.
 * A composite aggregation may only sit under `nested` parents, so the line filter goes below it
 * and groups whose lines all fail it are dropped here.
 */

/** One group: key values in key order, the rows behind it and its measures. */
export interface Group extends GroupValues {
  readonly keys: KeyValue[];
}

/** A grouped-measures request. */
export interface GroupRequest {
  readonly table: 'sessions' | 'lines';
  readonly groupBy: readonly GroupKey[];
  readonly names: readonly string[];
  readonly measures: readonly Measure[];
  readonly filters: readonly Filter[];
}

/** One compiled search: the body of a page and how to read its buckets. */
export interface GroupSearch {
  body(after?: Record<string, unknown>): Record<string, unknown>;
  /** Path of aggregation names to the composite (or to the single bucket when ungrouped). */
  readonly path: readonly string[];
  readonly grouped: boolean;
  read(bucket: Record<string, unknown>): GroupValues;
  /** Groups come from this search (the other one only adds measures to them). */
  readonly defines: boolean;
}

/** The compiled plan of a grouped-measures request. */
export interface GroupPlan {
  readonly keys: readonly CompiledKey[];
  readonly measures: Set<StoredMeasure>;
  readonly searches: readonly GroupSearch[];
}

/** Compiles `request` (no I/O). */
export function planGroups(env: QueryEnv, request: GroupRequest): GroupPlan {
  const { layout, calendar } = env;
  let keys = request.groupBy.map((key, j) => compileKey(layout, calendar, key, request.names[j]));
  if (request.table === 'lines' && keys.some((k) => k.field.table === 'lines') && keys.some((k) => k.field.table === 'sessions')) {
    // Session and line keys at once: one nested composite, the session keys read from their
    // line-level copies (only client and session_start are copied onto lines at ingest).
    const stranded = keys.find((k) => k.field.table === 'sessions' && !lineCopy(k.field));
    if (stranded) {
      throw new UnsupportedQueryError(
        `groupBy "${stranded.field.field}"`,
        `grouping basket lines by a line field and a session field needs the session field on the line, and only ${[...LINE_COPIES].join(' and ')} are copied there; group by line fields with ${[...LINE_COPIES].join(' or ')}, or by session fields only`,
      );
    }
    keys = request.groupBy.map((key, j) => compileKey(layout, calendar, key, request.names[j], true));
  }
  const measures = storedMeasures(request.measures);
  if (keys.some((k) => k.folds)) {
    const distinct = [...measures].filter((m) => !ADDITIVE.has(m));
    if (distinct.length) {
      throw new UnsupportedQueryError(`measure ${distinct.join(', ')}`, 'hourOfDay, dayOfWeek and Sunday weeks are folded from hourly or daily buckets, and a distinct count cannot be folded; group by a calendar bucket instead');
    }
  }
  const size = pageSizeFor(keys, env.limits.compositePageSize);
  const lineKeys = keys.filter((k) => k.field.table === 'lines');
  if (request.table === 'sessions') {
    if (lineKeys.length) throw new UnsupportedQueryError(`groupBy "${lineKeys[0].field.field}"`, 'a session has many lines: query table "lines" to group by a line field');
    const needsLines = LINE_MEASURES.some((m) => measures.has(m));
    const lineQuery = needsLines ? lineSelection(layout, request.filters).line : null;
    const query = sessionsQuery(layout, request.filters, env.extraFilters);
    return { keys, measures, searches: [topSearch(query, keys, sessionMeasureAggs(measures, lineQuery), (b) => readSessionMeasures(b, measures), size)] };
  }
  if (request.table !== 'lines') throw new UnsupportedQueryError(`table ${JSON.stringify(request.table)}`, 'an aggregate runs on table "sessions" or "lines"');
  const { selection, top, query } = linesQuery(env, request.filters);
  if (lineKeys.length === 0 && keys.length > 0) {
    return { keys, measures, searches: [topSearch(query, keys, sessionMeasureAggs(measures, selection.line), (b) => readSessionMeasures(b, measures), size)] };
  }
  const orderSide = needsOrderSide(measures);
  const searches: GroupSearch[] = [
    nestedSearch(query, keys, orderSide ? lineOrderAggs(measures, selection.line) : lineSumAggs(new Set(), selection.line), (b) => (orderSide ? readLineOrderMeasures(b, measures) : readLineSums(b, new Set())), size, true),
  ];
  if (LINE_MEASURES.some((m) => measures.has(m))) {
    const ordersOnly = { bool: { filter: [...top, purchasedClause()] } };
    searches.push(nestedSearch(ordersOnly, keys, lineSumAggs(measures, selection.line), (b) => readLineSums(b, measures), size, false));
  }
  return { keys, measures, searches };
}

/**
 * The top-level query of a basket-lines request: the host's filters, the session predicates,
 * and a `nested` query keeping the orders with at least one line passing the line predicates.
 */
export function linesQuery(env: QueryEnv, filters: readonly Filter[]): { selection: ReturnType<typeof lineSelection>; top: Clause[]; query: Clause } {
  const selection = lineSelection(env.layout, filters);
  const top: Clause[] = [...(env.extraFilters as Clause[])];
  if (selection.order) top.push(selection.order);
  top.push({ nested: { path: BASKET, query: selection.line ?? { match_all: {} } } });
  return { selection, top, query: { bool: { filter: top } } };
}

function composite(keys: readonly CompiledKey[], size: number, after: Record<string, unknown> | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { size, sources: keys.map((k, j) => ({ [`k${j}`]: k.source })) };
  if (after) body.after = after;
  return body;
}

function topSearch(query: Clause, keys: readonly CompiledKey[], aggs: Record<string, unknown>, read: GroupSearch['read'], size: number): GroupSearch {
  if (keys.length === 0) {
    return { body: () => ({ size: 0, query, aggs: { all: { filter: { match_all: {} }, aggs } } }), path: ['all'], grouped: false, read, defines: true };
  }
  return { body: (after) => ({ size: 0, query, aggs: { groups: { composite: composite(keys, size, after), aggs } } }), path: ['groups'], grouped: true, read, defines: true };
}

function nestedSearch(query: Clause, keys: readonly CompiledKey[], aggs: Record<string, unknown>, read: GroupSearch['read'], size: number, defines: boolean): GroupSearch {
  const nested = { path: BASKET };
  if (keys.length === 0) {
    return { body: () => ({ size: 0, query, aggs: { basket: { nested, aggs } } }), path: ['basket'], grouped: false, read, defines };
  }
  return {
    body: (after) => ({ size: 0, query, aggs: { basket: { nested, aggs: { groups: { composite: composite(keys, size, after), aggs } } } } }),
    path: ['basket', 'groups'],
    grouped: true,
    read,
    defines,
  };
}

/** Runs `plan`: every search, every page; groups keyed by their decoded key values, folded buckets summed. */
export async function runGroups(env: QueryEnv, plan: GroupPlan): Promise<Group[]> {
  const groups = new Map<string, Group>();
  let buckets = 0;
  for (const search of plan.searches) {
    const add = (bucket: Record<string, unknown>) => {
      const { size, values } = search.read(bucket);
      if (size <= 0) return;
      const raw = (bucket.key ?? {}) as Record<string, unknown>;
      const keys = plan.keys.map((k, j) => k.decode(raw[`k${j}`]));
      const id = JSON.stringify(keys);
      let group = groups.get(id);
      if (!group) {
        if (!search.defines) return;
        if (++buckets > env.limits.maxBuckets) throw new QueryLimitError('maxBuckets', env.limits.maxBuckets, 'narrow the selection, group by fewer keys or use a larger step or bucket');
        groups.set(id, (group = { keys, size: 0, values: {} }));
      }
      if (search.defines) group.size += size;
      for (const [m, v] of Object.entries(values) as [StoredMeasure, number][]) group.values[m] = (group.values[m] ?? 0) + v;
    };
    if (search.grouped) await pageComposite(env, search.body, search.path, add);
    else add(aggregationAt(await runSearch(env, search.body()), search.path));
  }
  return [...groups.values()];
}

/** The first-page bodies of `plan` (for golden files and the proxy's logs). */
export function planBodies(plan: GroupPlan): Record<string, unknown>[] {
  return plan.searches.map((s) => s.body());
}

