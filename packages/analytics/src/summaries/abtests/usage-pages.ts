import { interval, isIn, type Filter, type Predicate, type Row } from '@clvkit/core';
import type { CustomerDayRecord, SummaryEnv } from '../types.js';
import { timelineDataset, type OrderMark, type TimelineDataset } from '../timeline-dataset.js';
import type { TriggerKind } from '../../analyses/abtest/usage-samples.js';
import { touches } from '../../analyses/abtest/scope.js';
import { byClientAndDay, earlyDays, windowSpan } from './window-span.js';

/**
 * The timeline a before/after usage test (promotion or product) runs on in the worker: the
 * pages the server gives, rebuilt into a small dataset on which the REGISTRY analysis runs
 * unchanged (`abScope`, `usageSamples`, the tests), with the filter it can evaluate there.
 *
 * The selection is split as `abScope` splits it (an `and` filter, or one clause):
 * - the session_start intervals (the date range: whose first use counts) stay for the
 *   in-memory run (the rebuilt orders keep their times);
 * - the subject clauses (on promotion_id for promotion tests; on a basket-line field for
 *   product tests) stay too: promotion clauses as they are (marked orders carry their exact
 *   promotion), line clauses as `isIn('product', [products with a passing line])`;
 * - every other clause is the server's: the windows' orders are the activity pages under them.
 *
 * The triggers: for each subject s (from the server's aggregate by promotion / product under
 * the filter, or without its subject clauses for a comparison), one more activity fetch under
 * those clauses plus "uses s", whose first and last order of each day are exact (time, payment,
 * discount): those orders are marked with s in the rebuilt timeline (`TimelineInput.marks`).
 * A customer's first use of s is the first order of their first day in that fetch, so it is
 * always known exactly, and on a busy day (3+ orders) it is placed at its own time.
 *
 * With a date range, the windows' pages cover only the stretch the windows of its triggers can
 * reach (`windowSpan`: the range widened by W + 1 days each side) and the subject fetches end
 * there; before it, what still decides a test is added as exact orders (`earlyDays`): each
 * customer's first order (one summaries run of the clauses before the stretch: are they an
 * existing customer?) and their first use of each subject (so a later use inside the stretch
 * is not taken for the first).
 *
 * Exact: every day with at most 2 orders, and every marked order. Approximated
 * (`approximatedOrders`): the unmarked middle orders of a day with 3+ orders are placed evenly
 * between its first and last order with the rest of its revenue; they are counted in the wrong
 * window only when a window edge (t0 − W, t0 itself, t0 + W) falls between them and a marked or
 * outer order of that day. For a comparison, a promotion is reported when a marked use lies in
 * the date range: exact unless the range's edge cuts a day whose only in-range uses of that
 * promotion are unmarked middle ones. A line clause on another field than product (category,
 * price, ...) is resolved to the products with a passing line: exact for product and category.
 * Two orders of one client at the same millisecond are one order to a mark.
 */
export interface UsagePages {
  readonly timeline: TimelineDataset;
  /** The filter the registry analysis applies to the rebuilt dataset. */
  readonly filter: Filter;
  /** The subjects fetched (each one activity fetch). */
  readonly subjects: readonly string[];
  /** The stretch the windows' pages cover (`windowSpan`); null: the whole data. */
  readonly span: readonly [number, number] | null;
}

/** Which subjects a run needs: those whose trigger may pass the whole filter, or every subject (a comparison). */
export type SubjectScope = 'filtered' | 'all';

const SESSION_START = new Set(['session_start', 'sessions.session_start']);
/** Basket-line fields (an unqualified name resolves to sessions first: order_id is the session's). */
const LINE_FIELDS = new Set(['product', 'category', 'description', 'price', 'quantity']);

/** True for a basket-line field name (`product`, `lines.category`, ...). */
export function isLineFieldName(field: string): boolean {
  return field.startsWith('lines.') || LINE_FIELDS.has(field);
}

/** True for a promotion field name. */
export function isPromotionFieldName(field: string): boolean {
  return field === 'promotion_id' || field === 'sessions.promotion_id';
}

/**
 * Fetches the pages of a usage test of `kind` under `filter` and rebuilds its timeline (see
 * `UsagePages`). `only`: the one subject the run is about (`params.subject`), when the others
 * cannot change its rows.
 * @throws TypeError naming the analysis when the source has no activity pages or server
 * queries, or for an `or` filter of several clauses.
 */
export async function usagePages(analysis: string, kind: TriggerKind, filter: Filter, env: SummaryEnv, scope: SubjectScope, windowDays: number, only: string | null = null): Promise<UsagePages> {
  if (!env.activity || !env.query) {
    throw new TypeError(`${analysis}: this data source gives no activity pages or server aggregates, which the before/after tests need; use a source whose proxy answers { activity } and aggregate requests`);
  }
  if (filter.mode === 'or' && filter.predicates.length > 1) {
    throw new TypeError(`${analysis}: an "or" selection of several clauses cannot be split into windows and triggers on this data source; use an "and" selection`);
  }
  const isSubject = kind === 'promotion' ? isPromotionFieldName : isLineFieldName;
  const range = filter.predicates.filter((p) => p.type === 'interval' && SESSION_START.has(p.field));
  const subjectClauses = filter.predicates.filter((p) => !range.includes(p) && touches(p, isSubject));
  const rest = filter.predicates.filter((p) => !range.includes(p) && !subjectClauses.includes(p));
  const field = kind === 'promotion' ? 'promotion_id' : 'product';
  const listFilter: Filter = { mode: 'and', predicates: scope === 'all' ? [...rest, ...range] : [...rest, ...range, ...subjectClauses] };
  const listed = await subjectsOf(env, kind, listFilter);
  const subjects = only === null ? listed : listed.filter((s) => s === only);
  const activity = env.activity;
  // with a date range, the windows' pages cover only the stretch its triggers' windows reach
  const span = windowSpan(range, windowDays, env.time, env.timeExtent);
  const start = env.timeExtent?.[0] ?? -Infinity;
  const inSpan = span ? [interval('session_start', span[0], span[1])] : [];
  const upToSpanEnd = span && span[1] <= (env.timeExtent?.[1] ?? Infinity) ? [interval('session_start', start, span[1])] : [];
  const beforeSpan = span && span[0] > start ? [interval('session_start', start, span[0])] : null;
  const [windows, perSubject, early] = await Promise.all([
    activity({ mode: 'and', predicates: [...rest, ...inSpan] }),
    inBatches(subjects, (s) => activity({ mode: 'and', predicates: [...rest, isIn(field, [s]), ...upToSpanEnd] })),
    beforeSpan ? env.summaries({ mode: 'and', predicates: [...rest, ...beforeSpan] }) : Promise.resolve([]),
  ]);
  const marks: OrderMark[] = [];
  const firstUses: OrderMark[] = [];
  subjects.forEach((subject, k) => {
    let client: string | null = null;
    for (const day of perSubject[k]) {
      const first = day.client !== client;
      client = day.client;
      if (!span || day.day >= span[0]) marks.push(...marksOf(day, kind, subject));
      // before the span only a customer's first use matters (a later use must not pass for it)
      else if (first) firstUses.push(...marksOf(day, kind, subject).slice(0, 1));
    }
  });
  const days = firstUses.length > 0 || early.length > 0 ? byClientAndDay([...earlyDays(early, firstUses, env.time), ...windows]) : windows;
  const timeline = await timelineDataset({ time: env.time, activity: days, marks: [...firstUses, ...marks], extent: env.timeExtent });
  let subjectFilter: Predicate[] = subjectClauses;
  if (kind === 'product' && subjectClauses.length > 0) {
    // the products with a line passing the clauses: what the rebuilt one-line baskets can test
    const passing = scope === 'all' ? await subjectsOf(env, kind, { mode: 'and', predicates: [...rest, ...range, ...subjectClauses] }) : listed;
    subjectFilter = [isIn('product', passing)];
  }
  return { timeline, filter: { mode: 'and', predicates: [...range, ...subjectFilter] }, subjects, span };
}

/** Subject fetches in flight at once: a shop's hundreds of products must not flood the proxy. */
export const SUBJECT_FETCHES = 4;

/** `fetch` of every item, at most `SUBJECT_FETCHES` at a time, results in item order. */
async function inBatches<T, R>(items: readonly T[], fetch: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let k = next++; k < items.length; k = next++) out[k] = await fetch(items[k]);
  };
  await Promise.all(Array.from({ length: Math.min(SUBJECT_FETCHES, items.length) }, worker));
  return out;
}

/** The marks of one day of a subject's pages: its first and last order, exact. */
function marksOf(day: CustomerDayRecord, kind: TriggerKind, subject: string): OrderMark[] {
  if (day.orders === 0 || day.firstOrderAt === null) return [];
  const tag = kind === 'promotion' ? { promotion: subject } : { products: [subject] };
  const out: OrderMark[] = [{ client: day.client, at: day.firstOrderAt, payment: day.firstOrderRevenue, discount: day.firstOrderDiscount, ...tag }];
  if (day.orders > 1 && day.lastOrderAt !== null && day.lastOrderAt !== day.firstOrderAt) {
    out.push({ client: day.client, at: day.lastOrderAt, payment: day.lastOrderRevenue, discount: day.lastOrderDiscount, ...tag });
  }
  return out;
}

/**
 * The promotions (products) used by an order passing `filter`, sorted: the server's aggregate
 * by promotion_id over sessions (by product over basket lines).
 */
async function subjectsOf(env: SummaryEnv, kind: TriggerKind, filter: Filter): Promise<string[]> {
  const spec =
    kind === 'promotion'
      ? ({ kind: 'aggregate', groupBy: [{ field: 'promotion_id' }], measures: ['orders'] } as const)
      : ({ kind: 'aggregate', table: 'lines', groupBy: [{ field: 'product' }], measures: ['orders'] } as const);
  const result = await env.query!({ spec, filter });
  const field = kind === 'promotion' ? 'promotion_id' : 'product';
  const names = new Set<string>();
  for (const row of result.rows as readonly Row[]) {
    const name = row[field];
    if (typeof name === 'string' && name !== '' && Number(row.orders) > 0) names.add(name);
  }
  return [...names].sort();
}
