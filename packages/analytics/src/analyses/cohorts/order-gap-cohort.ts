import type { GapUnit, GapEvent, GapOffset } from '@clvkit/core';
export type { GapUnit, GapEvent, GapOffset };
import { MissingInputError, type Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import type { BucketIndex } from '../../time-buckets.js';
import { defineAnalysis, type AnalysisContext, type AnalysisDefinition } from '../../types.js';
import { cohortScope, customersPassing, overlaps, type CohortScope } from './cohort-scope.js';




/** Parameters of an order-gap cohort. */
export interface GapParams {
  /** Last gap with its own column (default 15); larger gaps go to the `later` column. */
  readonly maxOffset: number;
}

const UNIT_WORD: Readonly<Record<GapUnit, readonly [string, string]>> = { day: ['day', 'days'], week: ['week', 'weeks'] };

/** "0 days", "1 day", "2 weeks"; `later` is "> 15 days". */
export function gapLabel(unit: GapUnit, offset: GapOffset, maxOffset: number): string {
  const [one, many] = UNIT_WORD[unit];
  if (offset === 'later') return `> ${maxOffset} ${maxOffset === 1 ? one : many}`;
  return `${offset} ${offset === 1 ? one : many}`;
}

/**
 * An order-gap cohort table (the seed's `daily_cohort_from_1_to_2` and siblings).
 *
 * Row = the bucket (local day, or week from the calendar's week start) of each customer's
 * event: their download date (`event` 0, from the customers table) or their n-th order.
 * Column k = 0..maxOffset: the number of the row's customers whose next order (the first order
 * for downloads, else the (n+1)-th) came k whole buckets after the event's bucket
 * (`calendar.diff`); `later` = more than maxOffset buckets. Each customer is in one row and at
 * most one column. cohortSize = all customers of the row, including those who never made the
 * next order (they are in no column).
 *
 * Under a filter (see `cohortScope`): the sequences are the customers' orders passing the
 * filter's non-date clauses (a channel filter makes "1st order" the first order in that
 * channel); a column counts the next order only when it also passes the date range; the date
 * range lists the rows whose bucket overlaps it plus rows with a counted next order. For
 * downloads, the customers of a row are the customers-table rows passing the filter's customer
 * clauses (`customers.*` fields and `client`); a first order before the download date is in no
 * column (counted in `meta.beforeEvent`).
 *
 * Rows (long form, one per non-empty cell, by cohort then offset, `later` last):
 * `{ cohort: 'YYYY-MM-DD', offset: number | 'later', customers, cohortSize, share }` with
 * share = customers / cohortSize (for a heatmap's percent view).
 * meta: `{ unit, event, next, maxOffset, offsets, offsetLabels, columnLabels, cohorts,
 * cohortStarts, cohortSizes, beforeEvent, period }`: `offsets` = [0..maxOffset, 'later'] with
 * their labels ("k days" / "k weeks"; `columnLabels` is the same keyed by `String(offset)`);
 * `cohorts` lists every row (also rows without a cell) with its start (epoch ms) and size, so a
 * heatmap can lay out the whole grid.
 */
export function orderGapCohort(name: string, unit: GapUnit, event: GapEvent): AnalysisDefinition<GapParams> {
  const what = event === 0 ? 'download -> 1st order' : `${ordinal(event)} -> ${ordinal(event + 1)} order`;
  return defineAnalysis<GapParams>({
    name,
    description: `Customers per ${unit} of their ${event === 0 ? 'download' : `${ordinal(event)} order`} by ${unit}s to their next order (${what})`,
    tables: event === 0 ? ['customers'] : [],
    params: (raw) => {
      const read = new ParamReader(name, raw, ['maxOffset']);
      return { maxOffset: read.integer('maxOffset', 0, 366, 15) };
    },
    run(context, { maxOffset }) {
      const scope = cohortScope(context);
      const grid = event === 0 ? downloadGrid(context, name, unit, scope, maxOffset) : orderGrid(context, unit, event, scope, maxOffset);
      return layout(context, unit, event, maxOffset, scope, grid);
    },
  });
}

/** Counts per row bucket: cohort sizes, and cells `[row * (maxOffset + 2) + column]` (column maxOffset + 1 = later). */
interface Grid {
  readonly index: BucketIndex;
  readonly sizes: Float64Array;
  readonly cells: Float64Array;
  readonly beforeEvent: number;
}

function orderGrid(context: AnalysisContext, unit: GapUnit, event: number, scope: CohortScope, maxOffset: number): Grid {
  const index = context.derived.buckets('sessions', 'session_start', unit);
  const codes = index.codes;
  const width = maxOffset + 2;
  const sizes = new Float64Array(index.count);
  const cells = new Float64Array(index.count * width);
  const { rows, starts, clients } = scope.sequences;
  for (let c = 0; c < clients; c++) {
    const first = starts[c];
    if (starts[c + 1] - first < event) continue;
    const row = codes[rows[first + event - 1]];
    sizes[row]++;
    if (starts[c + 1] - first === event) continue;
    const next = rows[first + event];
    if (scope.inFilter !== null && !scope.inFilter[next]) continue;
    const k = codes[next] - row;
    cells[row * width + (k > maxOffset ? maxOffset + 1 : k)]++;
  }
  return { index, sizes, cells, beforeEvent: 0 };
}

function downloadGrid(context: AnalysisContext, name: string, unit: GapUnit, scope: CohortScope, maxOffset: number): Grid {
  const { dataset, derived, calendar } = context;
  const customers = dataset.customers!;
  const download = customers.columns.download_date;
  if (!download || download.type !== 'time') throw new MissingInputError(name, 'customers.download_date', 'map the date of first contact (download or sign-up) of the customers table');
  const index = derived.buckets('customers', 'download_date', unit);
  const width = maxOffset + 2;
  const sizes = new Float64Array(index.count);
  const cells = new Float64Array(index.count * width);
  // Each customer row's first order (among the orders passing the non-date clauses).
  const firstOrder = new Int32Array(customers.length).fill(-1);
  const customerOf = derived.sessionCustomers();
  const { rows, starts, clients, start } = scope.sequences;
  for (let c = 0; c < clients; c++) {
    if (starts[c + 1] === starts[c]) continue;
    const order = rows[starts[c]];
    const r = customerOf[order];
    if (r >= 0 && (firstOrder[r] < 0 || start[order] < start[firstOrder[r]])) firstOrder[r] = order;
  }
  const passing = customersPassing(dataset, scope.period.rest);
  let beforeEvent = 0;
  for (let r = 0; r < customers.length; r++) {
    const row = index.codes[r];
    if (row < 0 || (passing && !passing[r])) continue;
    sizes[row]++;
    const order = firstOrder[r];
    if (order < 0 || (scope.inFilter !== null && !scope.inFilter[order])) continue;
    if (start[order] < download.values[r]) {
      beforeEvent++;
      continue;
    }
    const k = calendar.diff(download.values[r], start[order], unit);
    cells[row * width + (k > maxOffset ? maxOffset + 1 : k)]++;
  }
  return { index, sizes, cells, beforeEvent };
}

function layout(context: AnalysisContext, unit: GapUnit, event: GapEvent, maxOffset: number, scope: CohortScope, grid: Grid) {
  const { calendar } = context;
  const { index, sizes, cells } = grid;
  const width = maxOffset + 2;
  const offsets: GapOffset[] = [];
  for (let k = 0; k <= maxOffset; k++) offsets.push(k);
  offsets.push('later');
  const rows: Row[] = [];
  const cohorts: string[] = [];
  const cohortStarts: number[] = [];
  const cohortSizes: number[] = [];
  for (let b = 0; b < index.count; b++) {
    if (sizes[b] === 0) continue;
    let any = false;
    for (let k = 0; k < width && !any; k++) any = cells[b * width + k] > 0;
    if (scope.dated && !any && !overlaps(index.bounds[b], index.bounds[b + 1], scope.range)) continue;
    const cohort = calendar.isoDate(index.bounds[b]);
    cohorts.push(cohort);
    cohortStarts.push(index.bounds[b]);
    cohortSizes.push(sizes[b]);
    for (let k = 0; k < width; k++) {
      const customers = cells[b * width + k];
      if (customers > 0) rows.push({ cohort, offset: offsets[k], customers, cohortSize: sizes[b], share: customers / sizes[b] });
    }
  }
  return {
    rows,
    meta: {
      unit,
      event: event === 0 ? 'download' : `order ${event}`,
      next: `order ${event + 1}`,
      maxOffset,
      offsets,
      offsetLabels: offsets.map((k) => gapLabel(unit, k, maxOffset)),
      columnLabels: Object.fromEntries(offsets.map((k) => [String(k), gapLabel(unit, k, maxOffset)])),
      cohorts,
      cohortStarts,
      cohortSizes,
      beforeEvent: grid.beforeEvent,
      period: scope.period.range,
    },
  };
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
