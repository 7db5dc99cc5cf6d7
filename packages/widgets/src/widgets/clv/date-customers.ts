import { churnersPredicate, isIn, newcomersPredicate, type AggregateSpec, type AnalysisSpec, type Predicate, type QueryResult, type Row } from '@clvkit/core';

/** The two groups of `newcomers_and_churners`. */
export type DateGroup = 'churners' | 'newcomers';

/** One group of a `newcomers_and_churners` result. */
export interface DateGroupData {
  readonly group: DateGroup;
  /** Customers in the group. */
  readonly customers: number;
  /** The group's base: buyers before the date (churners) or active in the window before it (newcomers). */
  readonly base: number;
  /** customers / base, null over an empty base. */
  readonly rate: number | null;
  /** What the group had brought by the date (Σ payment of their orders before it). */
  readonly revenue: number;
  /** The group's client ids, most revenue first, at most the analysis' `limit`. */
  readonly ids: readonly string[];
  /** The date the analysis used (epoch ms), null when the data is empty. */
  readonly date: number | null;
  /** The end of the horizon after the date (epoch ms), null when unknown. */
  readonly horizonEnd: number | null;
  /** False when the horizon runs past the data's end (churners are then "not back so far"). */
  readonly horizonComplete: boolean;
  /** The whole group as a predicate (core's `newcomersPredicate` / `churnersPredicate` over the row's [from, to)); null when unknown. */
  readonly predicate: Predicate | null;
}

/** Options of the `newcomers_and_churners` query of the seed-001 panels. */
export interface DateCustomersOptions {
  /** The date (epoch ms or ISO date); null: the analysis' default (the latest date with a full horizon). */
  readonly date: number | string | null;
  /** Horizon in days before and after the date (default: the analysis', 180). */
  readonly horizonDays?: number;
  /** How many client ids of each group to list (default 1000). */
  readonly limit?: number;
}

/** Client ids listed per group by default: enough to filter by, small enough to send as a predicate. */
export const DEFAULT_LIST_LIMIT = 1000;

/** The `newcomers_and_churners` spec for a date. */
export function dateCustomersSpec(options: DateCustomersOptions): AnalysisSpec {
  const params: Record<string, unknown> = { limit: options.limit ?? DEFAULT_LIST_LIMIT };
  if (options.date !== null) params.date = options.date;
  if (options.horizonDays !== undefined) params.horizonDays = options.horizonDays;
  return { kind: 'analysis', name: 'newcomers_and_churners', params };
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A group of a `newcomers_and_churners` result (zeros when its row is missing). */
export function dateGroupOf(result: QueryResult<Row>, group: DateGroup): DateGroupData {
  const row = result.rows.find((r) => r.group === group);
  const meta = result.meta ?? {};
  const list = meta[group];
  return {
    group,
    customers: num(row?.customers) ?? 0,
    base: num(row?.base) ?? 0,
    rate: num(row?.rate),
    revenue: num(row?.revenue) ?? 0,
    ids: Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string' && id !== '') : [],
    date: num(meta.date),
    horizonEnd: num(meta.horizonEnd),
    horizonComplete: meta.horizonComplete === true,
    predicate: groupPredicate(group, num(row?.from), num(row?.to)),
  };
}

function groupPredicate(group: DateGroup, from: number | null, to: number | null): Predicate | null {
  if (from === null || to === null) return null;
  return group === 'newcomers' ? newcomersPredicate(from, to) : churnersPredicate(from, to);
}

/** Monthly revenue and orders of the given customers: what the panels draw as their value over time. */
export function groupValueSpec(ids: readonly string[], bucket: 'month' | 'week' = 'month'): AggregateSpec {
  return {
    kind: 'aggregate',
    table: 'sessions',
    groupBy: [{ field: 'session_start', bucket }],
    measures: ['revenue', 'orders'],
    where: [isIn('client', ids)],
    fill: true,
  };
}
