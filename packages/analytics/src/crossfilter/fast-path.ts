import { interval, isIn, passingCodes, resolveField, type Filter, type Predicate, type TableName } from '@clvkit/core';
import type { DerivedColumns } from '../derived.js';
import type { KeyColumn } from '../group-keys.js';
import type { Grouping } from '../grouping.js';
import type { MeasureArrays, StoredMeasure } from '../measures.js';
import { activeCandidates, activeDimension, type ActiveDimension } from './active-dimension.js';
import { currentActivation, PrefetchSkipped, type ActivatedField } from './activation.js';
import { ByteLru } from './byte-lru.js';
import { conjunctionKey, conjunctionOf, type Conjunction } from './conjunction.js';
import { answerCube, buildCube, type Cube } from './cube.js';
import { buildDistinctCube, buildDistinctPerBin } from './distinct-cube.js';
import { baseMask, baseOf } from './clause-bits.js';
import { fastPathSettings, fastPathStats } from './settings.js';
import { indexSelection, measureRowList, type IndexSelection } from './sparse.js';

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
 *   a table it references (a line's order, a session's customer); or a click on ONE value
 *   of a line field over sessions (a session then sits in the bin of each of its lines, see
 *   `sessionCellsViaLines`);
 * - basket-line queries counting orders (orders, sessions, revenue, discount) with a clause
 *   on a line field: a click on a single value only (an order's lines may hold two values);
 * - visitors and buyers: a clause on a customers field (one bin per client); or, without a
 *   group key, a brush (distinct-client table, see distinct-cube.ts) or a click on one value
 *   (distinct clients per bin).
 * Brush bins are local days; a click on a histogram bin `[k × w, (k + 1) × w)` (integer ends)
 * uses the step bins of its width. `prefetchQuery` builds a query's cube for a field before
 * its clause exists (the chart under the pointer, see activation.ts).
 */
export function fastGroupMeasures(
  derived: DerivedColumns,
  table: TableName,
  keys: readonly KeyColumn[],
  stored: Set<StoredMeasure>,
  filters: readonly Filter[],
): { grouping: Grouping; arrays: MeasureArrays } | null {
  const activation = currentActivation();
  if (activation) return prefetchCube(derived, table, keys[0], stored, filters, activation, keys.length);
  if (!fastPathSettings.enabled || keys.length > 1 || (table !== 'sessions' && table !== 'lines')) return null;
  const conjunction = conjunctionOf(filters);
  const query = queryKey(table, keys[0], stored);
  const previous = rememberPredicates(derived, query, conjunction);
  if (conjunction.predicates.length === 0) return null;
  const candidates = activeCandidates(derived, table, conjunction);
  const cubes = derived.memo('crossfilter:cubes', () => new ByteLru<Cube>(fastPathSettings.cubeBudgetBytes));
  for (const active of candidates) {
    const cube = cubes.get(cubeKey(query, conjunction, active));
    if (cube && answers(cube, active)) {
      fastPathStats.cubeAnswers++;
      return answerCube(cube, keys[0], active.selection);
    }
  }
  // A brush that moved gets a cube (every later move is then O(groups)); a click on few rows
  // is read from a row index; a click on many rows gets a cube over the clicked field.
  const moved = previous ? candidates.filter((active) => !previous.has(conjunction.keys[active.index])) : [];
  const brushes = moved.filter((active) => active.selection.kind === 'range');
  const built = buildAndAnswer(derived, table, keys[0], stored, conjunction, brushes, cubes, query);
  if (built) return built;
  const sparse = sparseAnswer(derived, table, keys[0], stored, conjunction);
  if (sparse) return sparse;
  return buildAndAnswer(derived, table, keys[0], stored, conjunction, moved.filter((active) => active.selection.kind === 'codes'), cubes, query);
}

/**
 * Inside `prefetchQuery`: makes sure the cube exists that will answer this query when the
 * activated field gets a clause, over the query's filters as they are now (its base). The
 * answer returned (every bin selected) only lets the analysis go on to its next query;
 * where no cube can be built, `PrefetchSkipped` stops the analysis instead of scanning.
 */
function prefetchCube(
  derived: DerivedColumns,
  table: TableName,
  key: KeyColumn | undefined,
  stored: Set<StoredMeasure>,
  filters: readonly Filter[],
  activation: ActivatedField,
  keyCount: number,
): { grouping: Grouping; arrays: MeasureArrays } {
  if (!fastPathSettings.enabled || keyCount > 1 || (table !== 'sessions' && table !== 'lines')) throw new PrefetchSkipped();
  const template = templatePredicate(derived, activation);
  if (!template) throw new PrefetchSkipped();
  const base = conjunctionOf(filters);
  const conjunction: Conjunction = { predicates: [...base.predicates, template], keys: [...base.keys, JSON.stringify(template)], opaque: base.opaque };
  const active = activeDimension(derived, table, template, base.predicates.length);
  if (!active) throw new PrefetchSkipped();
  const query = queryKey(table, key, stored);
  const cubes = derived.memo('crossfilter:cubes', () => new ByteLru<Cube>(fastPathSettings.cubeBudgetBytes));
  const id = cubeKey(query, conjunction, active);
  let cube = cubes.get(id);
  if (!cube) {
    const plan = planCube(table, key, stored, active);
    cube = plan ? build(derived, table, key, conjunction, active, plan) ?? undefined : undefined;
    if (!cube) throw new PrefetchSkipped();
    cubes.set(id, cube, cube.bytes);
    fastPathStats.cubesBuilt++;
    fastPathStats.cubesPrefetched++;
  }
  return answerCube(cube, key, active.selection);
}

/**
 * A clause on the activated field standing for the one the user is about to make: its bins
 * are the cube's bins (local days of a time field, the step bins of a number field, the
 * codes of a string or boolean field); what it selects does not matter.
 */
function templatePredicate(derived: DerivedColumns, activation: ActivatedField): Predicate | null {
  let def;
  try {
    def = resolveField(derived.dataset, activation.field).def;
  } catch {
    return null;
  }
  if (def.type === 'time') return interval(activation.field, -Infinity, Infinity);
  if (def.type === 'number') return activation.step !== undefined && Number.isSafeInteger(activation.step) && activation.step > 0 ? interval(activation.field, 0, activation.step) : null;
  if (def.type === 'string' || def.type === 'boolean') return isIn(activation.field, []);
  return null;
}

/** Builds a cube for the first of `actives` that can have one, caches it and answers from it. */
function buildAndAnswer(
  derived: DerivedColumns,
  table: 'sessions' | 'lines',
  key: KeyColumn | undefined,
  stored: Set<StoredMeasure>,
  conjunction: Conjunction,
  actives: readonly ActiveDimension[],
  cubes: ByteLru<Cube>,
  query: string,
): { grouping: Grouping; arrays: MeasureArrays } | null {
  for (const active of actives) {
    const plan = planCube(table, key, stored, active);
    if (!plan) continue;
    const cube = build(derived, table, key, conjunction, active, plan);
    if (!cube) continue;
    cubes.set(cubeKey(query, conjunction, active), cube, cube.bytes);
    fastPathStats.cubesBuilt++;
    fastPathStats.cubeAnswers++;
    return answerCube(cube, key, active.selection);
  }
  return null;
}

interface CubePlan {
  /** Measures summed per bin. */
  readonly summed: Set<StoredMeasure>;
  /** Valid for a click on one code only (basket-line queries counting orders, clause on a line field). */
  readonly singleCodeOnly: boolean;
  /** Whether visitors and buyers of a brush come from the distinct-client table. */
  readonly distinctTable: boolean;
  /** Whether visitors and buyers of a single-code click come from per-bin distinct counts. */
  readonly distinctPerBin: boolean;
}

/** How a cube would answer this query with `active` moving, or null where it cannot exactly. */
function planCube(table: 'sessions' | 'lines', key: KeyColumn | undefined, stored: Set<StoredMeasure>, active: ActiveDimension): CubePlan | null {
  if (active.viaLines) {
    // A session is in each bin of its lines: cells hold for one bin at a time (see
    // sessionCellsViaLines); distinct clients are counted per cell, so without a group key only.
    if (table !== 'sessions' || !isSingleCode(active)) return null;
    if (key && DISTINCT.some((m) => stored.has(m))) return null;
    const slots = key ? key.cardinality + 1 : 1;
    if ((active.bins.cardinality + 1) * slots * 8 * (stored.size + 1) > fastPathSettings.maxCubeBytes) return null;
    return { summed: new Set(stored), singleCodeOnly: true, distinctTable: false, distinctPerBin: false };
  }
  let singleCodeOnly = table === 'lines' && active.table === 'lines' && PER_ORDER.some((m) => stored.has(m));
  if (singleCodeOnly && !isSingleCode(active)) return null;
  const summed = new Set(stored);
  let distinctTable = false;
  let distinctPerBin = false;
  if (DISTINCT.some((m) => stored.has(m))) {
    if (table === 'lines' && active.table !== 'customers') return null;
    if (active.table !== 'customers') {
      if (key || active.table !== 'sessions') return null;
      if (active.selection.kind === 'range') {
        if (active.bins.cardinality > fastPathSettings.maxDistinctBins) return null;
        distinctTable = true;
      } else {
        if (!isSingleCode(active)) return null;
        distinctPerBin = true;
        singleCodeOnly = true;
      }
      for (const m of DISTINCT) summed.delete(m);
    }
  }
  const slots = key ? key.cardinality + 1 : 1;
  const bytes = (active.bins.cardinality + 1) * slots * 8 * (summed.size + 1);
  if (bytes > fastPathSettings.maxCubeBytes) return null;
  return { summed, singleCodeOnly, distinctTable, distinctPerBin };
}

function build(derived: DerivedColumns, table: 'sessions' | 'lines', key: KeyColumn | undefined, conjunction: Conjunction, active: ActiveDimension, plan: CubePlan): Cube | null {
  const base = baseOf(derived, table, conjunction, active.index);
  if (!base) return null;
  // As the scan: line measures of a sessions query count the lines passing the line-level clauses.
  const lineMask = table === 'sessions' && derived.dataset.lines && LINE_MEASURES_OF_SESSIONS.some((m) => plan.summed.has(m)) ? lineClausesMask(derived, conjunction, active.index) : null;
  const distinct = plan.distinctTable
    ? buildDistinctCube(derived, base, active.bins.codes, active.bins.cardinality)
    : plan.distinctPerBin
      ? buildDistinctPerBin(derived, base, active.bins.codes, active.bins.cardinality)
      : null;
  return buildCube(derived, table, key, plan.summed, active, base, lineMask, distinct, plan.singleCodeOnly);
}

/**
 * Answers from a row index when one clause keeps few rows (a clicked product, a histogram
 * bin): only those rows are read, checked against the other clauses' bits, and
 * measured with the scan's code. The most selective clause is used.
 */
function sparseAnswer(derived: DerivedColumns, table: 'sessions' | 'lines', key: KeyColumn | undefined, stored: Set<StoredMeasure>, conjunction: Conjunction): { grouping: Grouping; arrays: MeasureArrays } | null {
  const { dataset } = derived;
  let best: IndexSelection | null = null;
  conjunction.predicates.forEach((predicate, index) => {
    if (predicate.type !== 'in' && predicate.type !== 'prefix' && predicate.type !== 'interval') return;
    let resolved;
    try {
      resolved = resolveField(dataset, predicate.field);
    } catch {
      return;
    }
    const { def } = resolved;
    const codes = predicate.type === 'interval' ? null : passingCodes(dataset, predicate);
    if (predicate.type !== 'interval' && !codes) return;
    // Time ranges are brushes (cubes over day bins); a sorted index is kept for number fields only.
    if (predicate.type === 'interval' && def.type !== 'number') return;
    const selection = indexSelection(derived, table, predicate, index, codes, resolved.table, resolved.column);
    if (!selection) return;
    const length = resolved.table === 'lines' ? (dataset.lines?.length ?? 0) : dataset.sessions.length;
    if (selection.estimate * SPARSE_SHARE > length) return;
    if (!best || selection.estimate < best.estimate) best = selection;
  });
  if (!best) return null;
  const chosen: IndexSelection = best;
  const base = baseOf(derived, table, conjunction, chosen.index);
  if (!base) return null;
  const { bits, mask } = base;
  const candidates = chosen.rows();
  let m = 0;
  for (let k = 0; k < candidates.length; k++) if ((bits[candidates[k]] & mask) === 0) candidates[m++] = candidates[k];
  const rows = candidates.subarray(0, m);
  let lineMask: Uint8Array | null = null;
  const needsLines = table === 'sessions' && dataset.lines !== undefined && LINE_MEASURES_OF_SESSIONS.some((measure) => stored.has(measure));
  const touched: number[] = [];
  if (needsLines) {
    // A session's line measures count its lines passing the line-level clauses (the chosen
    // one included when it is on a line field): marked for the kept sessions' lines only.
    const lineBase = baseOf(derived, 'lines', conjunction, chosen.lines ? -1 : chosen.index, true);
    if (!lineBase) return null;
    if (lineBase.mask !== 0) {
      lineMask = derived.memo('crossfilter:scratchLines', () => new Uint8Array(dataset.lines!.length));
      const { rows: lineRows, starts } = derived.linesOfOrders();
      for (let k = 0; k < rows.length; k++) {
        for (let j = starts[rows[k]]; j < starts[rows[k] + 1]; j++) {
          const l = lineRows[j];
          if ((lineBase.bits[l] & lineBase.mask) === 0) {
            lineMask[l] = 1;
            touched.push(l);
          }
        }
      }
    }
  }
  try {
    fastPathStats.indexAnswers++;
    return measureRowList(derived, table, key, stored, rows, lineMask);
  } finally {
    if (lineMask) for (const l of touched) lineMask[l] = 0;
  }
}

/** A clause keeping at most 1 / SPARSE_SHARE of its table's rows is read from its row index. */
const SPARSE_SHARE = 8;

const LINE_MEASURES_OF_SESSIONS: readonly StoredMeasure[] = ['quantity', 'lineRevenue', 'lines'];

/** The lines passing the line-level clauses of `conjunction` but `skip` (as the scan computes a sessions query's line measures), or null when there are none. */
function lineClausesMask(derived: DerivedColumns, conjunction: Conjunction, skip: number): Uint8Array | null {
  const base = baseOf(derived, 'lines', conjunction, skip, true);
  return base && base.mask !== 0 ? baseMask(base) : null;
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

/** Requests of one query remembered to tell a moving clause from a steady one. */
const REMEMBERED = 3;

/**
 * Records this request's predicates for `query` and returns those of its last few requests
 * (undefined before its third request): an analysis may run one query several times per selection (the
 * KPIs for the period and the previous period), and a clause is moving only when none of
 * them had it.
 */
function rememberPredicates(derived: DerivedColumns, query: string, conjunction: Conjunction): ReadonlySet<string> | undefined {
  const memory = derived.memo('crossfilter:previous', () => new Map<string, string[][]>());
  const history = memory.get(query);
  // Two requests are needed to tell: the first requests of a dashboard (and an analysis that
  // runs one query for two periods on its first paint) must not build cubes nobody reuses.
  const previous = history && history.length >= 2 ? new Set(history.flat()) : undefined;
  const next = [conjunction.keys.slice(), ...(history ?? [])].slice(0, REMEMBERED);
  memory.delete(query);
  memory.set(query, next);
  if (memory.size > 256) memory.delete(memory.keys().next().value as string);
  return previous;
}

/**
 * The rows of `table` passing every filter as a new mask, from the clause bits; null when the
 * fast path is off, nothing filters, or there are more clauses than bits.
 */
export function passingRows(derived: DerivedColumns, table: 'sessions' | 'lines', filters: readonly Filter[]): Uint8Array | null {
  if (!fastPathSettings.enabled || (table === 'lines' && !derived.dataset.lines)) return null;
  const conjunction = conjunctionOf(filters);
  if (conjunction.predicates.length === 0 && conjunction.opaque.length === 0) return null;
  const base = baseOf(derived, table, conjunction, -1);
  return base ? baseMask(base) : null;
}
