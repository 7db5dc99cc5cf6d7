import { predicateFields, resolveField, type Filter, type TableName } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import type { KeyColumn } from '../group-keys.js';
import type { Grouping } from '../grouping.js';
import type { MeasureArrays, StoredMeasure } from '../measures.js';
import { activeCandidates, type ActiveDimension } from './active-dimension.js';
import { ByteLru } from './byte-lru.js';
import { conjunctionKey, conjunctionOf, filtersWithout, type Conjunction } from './conjunction.js';
import { answerCube, buildCube, type Cube } from './cube.js';
import { buildDistinctCube } from './distinct-cube.js';
import { cachedMask } from './mask-cache.js';
import { fastPathSettings, fastPathStats } from './settings.js';

/** Measures computed per distinct order on basket-line queries (an order has many lines). */
const PER_ORDER: readonly StoredMeasure[] = ['orders', 'sessions', 'revenue', 'discount'];
/** Distinct-client measures. */
const DISTINCT: readonly StoredMeasure[] = ['visitors', 'buyers'];

/**
 * The cross-filter fast path of the plain aggregate (and of every analysis built on
 * `groupMeasures`, such as `kpis`): when one clause of the filter is the one moving (a brush
 * on a time chart, clicks on a bar chart), the query is answered from a cube over that
 * clause's bins built on the other clauses (see cube.ts), in time proportional to the groups,
 * not the rows. Returns null where the fast path does not apply; the caller then scans.
 *
 * Which clause is moving is learnt from the previous request of the same query: a cube is
 * built for a clause that changed since then, and reused while only that clause keeps
 * changing. A cube is built only where the result is the scan's result:
 * - at most one group key;
 * - every row of the queried table has one bin: the clause's field is on that table, or on
 *   a table it references (a line's order, a session's customer), never a line field for a
 *   sessions query (an order has many lines);
 * - basket-line queries counting orders (orders, sessions, revenue, discount) with a clause
 *   on a line field: a click on a single value only (an order's lines may hold two values);
 * - visitors and buyers: a clause on a customers field (one bin per client), or a brush
 *   without a group key (distinct-client table, see distinct-cube.ts).
 */
export function fastGroupMeasures(
  derived: DerivedColumns,
  table: TableName,
  keys: readonly KeyColumn[],
  stored: Set<StoredMeasure>,
  filters: readonly Filter[],
): { grouping: Grouping; arrays: MeasureArrays } | null {
  if (!fastPathSettings.enabled || keys.length > 1 || (table !== 'sessions' && table !== 'lines')) return null;
  const conjunction = conjunctionOf(filters);
  const query = queryKey(table, keys[0], stored);
  const previous = rememberPredicates(derived, query, conjunction);
  if (conjunction.predicates.length === 0) return null;
  const candidates = activeCandidates(derived, table, conjunction);
  if (candidates.length === 0) return null;
  const cubes = derived.memo('crossfilter:cubes', () => new ByteLru<Cube>(fastPathSettings.cubeBudgetBytes));
  for (const active of candidates) {
    const cube = cubes.get(cubeKey(query, conjunction, active));
    if (cube && answers(cube, active)) {
      fastPathStats.cubeAnswers++;
      return answerCube(cube, keys[0], active.selection);
    }
  }
  if (!previous) return null;
  for (const active of candidates) {
    if (previous.has(conjunction.keys[active.index])) continue;
    const plan = planCube(table, keys[0], stored, active);
    if (!plan) continue;
    const cube = build(derived, table, keys[0], conjunction, active, plan);
    if (!cube) continue;
    cubes.set(cubeKey(query, conjunction, active), cube, cube.bytes);
    fastPathStats.cubesBuilt++;
    fastPathStats.cubeAnswers++;
    return answerCube(cube, keys[0], active.selection);
  }
  return null;
}

interface CubePlan {
  /** Measures summed per bin. */
  readonly summed: Set<StoredMeasure>;
  /** Valid for a click on one code only (basket-line queries counting orders, clause on a line field). */
  readonly singleCodeOnly: boolean;
  /** Whether visitors and buyers come from the distinct-client table. */
  readonly distinctTable: boolean;
}

/** How a cube would answer this query with `active` moving, or null where it cannot exactly. */
function planCube(table: 'sessions' | 'lines', key: KeyColumn | undefined, stored: Set<StoredMeasure>, active: ActiveDimension): CubePlan | null {
  const singleCodeOnly = table === 'lines' && active.table === 'lines' && PER_ORDER.some((m) => stored.has(m));
  if (singleCodeOnly && !isSingleCode(active)) return null;
  const summed = new Set(stored);
  let distinctTable = false;
  if (DISTINCT.some((m) => stored.has(m))) {
    if (table === 'lines' && active.table !== 'customers') return null;
    if (active.table !== 'customers') {
      const brush = active.selection.kind === 'range';
      if (!brush || key || active.table !== 'sessions' || active.bins.cardinality > fastPathSettings.maxDistinctBins) return null;
      for (const m of DISTINCT) summed.delete(m);
      distinctTable = true;
    }
  }
  const slots = key ? key.cardinality + 1 : 1;
  const bytes = (active.bins.cardinality + 1) * slots * 8 * (summed.size + 1);
  if (bytes > fastPathSettings.maxCubeBytes) return null;
  return { summed, singleCodeOnly, distinctTable };
}

function build(derived: DerivedColumns, table: 'sessions' | 'lines', key: KeyColumn | undefined, conjunction: Conjunction, active: ActiveDimension, plan: CubePlan): Cube | null {
  const baseFilters = filtersWithout(conjunction, active.index);
  const baseKey = conjunctionKey(conjunction, active.index);
  const base = cachedMask(derived, table, baseFilters, baseKey);
  let lineMask: Uint8Array | null = null;
  if (table === 'sessions' && derived.dataset.lines && ['quantity', 'lineRevenue', 'lines'].some((m) => plan.summed.has(m as StoredMeasure))) {
    // As the scan: line measures of a sessions query count the lines passing the line-level clauses.
    const lineFilters = baseFilters.filter((f) => f.predicates.some((p) => predicateFields(p).some((field) => resolveField(derived.dataset, field).table === 'lines')));
    if (lineFilters.length > 0) lineMask = cachedMask(derived, 'lines', lineFilters, `line-clauses\u0003${baseKey}`);
  }
  const distinct = plan.distinctTable ? buildDistinctCube(derived, base, active.bins.codes, active.bins.cardinality) : null;
  return buildCube(derived, table, key, plan.summed, active, base, lineMask, distinct, plan.singleCodeOnly);
}

function isSingleCode(active: ActiveDimension): boolean {
  return active.selection.kind === 'codes' && active.selection.codes.length <= 1;
}

/** Whether `cube` answers `active`'s selection exactly (see `CubePlan.singleCodeOnly`). */
function answers(cube: Cube, active: ActiveDimension): boolean {
  return !cube.singleCodeOnly || isSingleCode(active);
}

function cubeKey(query: string, conjunction: Conjunction, active: ActiveDimension): string {
  return `${query}\u0004${active.id}\u0004${conjunctionKey(conjunction, active.index)}`;
}

const keyIds = new WeakMap<Int32Array, number>();
let nextKeyId = 1;

/** Identifies the query's table, group key (by its code array) and measures. */
function queryKey(table: TableName, key: KeyColumn | undefined, stored: Set<StoredMeasure>): string {
  let id = 0;
  if (key) {
    id = keyIds.get(key.codes) ?? 0;
    if (id === 0) keyIds.set(key.codes, (id = nextKeyId++));
  }
  return `${table}:${id}:${key?.cardinality ?? 0}:${[...stored].sort().join(',')}`;
}

/** Records this request's predicates for `query` and returns the previous request's, if any. */
function rememberPredicates(derived: DerivedColumns, query: string, conjunction: Conjunction): ReadonlySet<string> | undefined {
  const memory = derived.memo('crossfilter:previous', () => new Map<string, ReadonlySet<string>>());
  const previous = memory.get(query);
  memory.delete(query);
  memory.set(query, new Set(conjunction.keys));
  if (memory.size > 256) memory.delete(memory.keys().next().value as string);
  return previous;
}
