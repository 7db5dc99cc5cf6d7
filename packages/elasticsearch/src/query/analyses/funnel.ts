import type { Filter, QueryResult, Row, TimeUnit } from '@clvkit/core';
import type { QueryEnv } from '../env.js';
import type { Clause } from '../filter.js';
import { purchasedClause } from '../measures.js';
import { countsBy, type CountGroup } from './counts.js';
import { daysIn, periodBucketStarts, periodOf, sessionExtent, type Range } from './period.js';

/**
 * The session funnel (funnel, daily / weekly / monthly_funnel, hourly_funnel) pushed down:
 * per bucket, the sessions passing the whole filter, those with each action flag of the
 * layout's `orderActions` (in order) and those with has_purchased, as keyed `filters`; rows
 * and conversions as analyses/stats/funnel-rows.ts writes them.
 */
function steps(env: QueryEnv): { steps: string[]; fields: (string | null)[]; clauses: Record<string, Clause> } {
  const actions = [...env.layout.orderActions];
  const clauses: Record<string, Clause> = {};
  actions.forEach((name, a) => {
    clauses[`a${a}`] = { term: { [`actions.${name}`]: true } };
  });
  clauses.purchase = purchasedClause();
  return { steps: ['session', ...actions, 'purchase'], fields: [null, ...actions, 'has_purchased'], clauses };
}

function stepCounts(group: CountGroup | undefined, actions: number): number[] {
  if (!group) return new Array<number>(actions + 2).fill(0);
  return [group.size, ...Array.from({ length: actions }, (_, a) => group.counts[`a${a}`]), group.counts.purchase];
}

function pushRows(rows: Row[], head: Row, names: readonly string[], counts: readonly number[], divisor = 1): void {
  const first = counts[0];
  names.forEach((step, s) => {
    const count = counts[s];
    const previous = s === 0 ? first : counts[s - 1];
    rows.push({
      ...head,
      step,
      stepIndex: s,
      count: divisor > 0 ? count / divisor : 0,
      conversionFromPrevious: previous > 0 ? count / previous : null,
      conversionFromFirst: first > 0 ? count / first : null,
    });
  });
}

/** `funnel`: one row per step over the sessions passing the filter. */
export async function funnel(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const s = steps(env);
  const period = await periodOf(env, filter);
  const groups = await countsBy(env, null, [filter], s.clauses);
  const rows: Row[] = [];
  pushRows(rows, {}, s.steps, stepCounts(groups.get(null), s.steps.length - 2));
  return { rows, meta: { period: period.range, steps: s.steps, fields: s.fields } };
}

/** `daily_funnel` / `weekly_funnel` / `monthly_funnel`: the funnel per bucket of the period. */
export async function funnelOverTime(env: QueryEnv, filter: Filter, unit: TimeUnit): Promise<QueryResult> {
  const s = steps(env);
  let extent: Range | null | undefined;
  const getExtent = async () => (extent === undefined ? (extent = await sessionExtent(env)) : extent);
  const period = await periodOf(env, filter, getExtent);
  const meta = { unit, period: period.range, steps: s.steps, fields: s.fields };
  if (!period.range) return { rows: [], meta };
  const starts = periodBucketStarts(env, unit, period, await getExtent());
  if (starts.length === 0) return { rows: [], meta };
  // The funnel keeps the whole filter (the period interval included), as sessionsKept does.
  const groups = await countsBy(env, { field: 'session_start', bucket: unit }, [filter], s.clauses);
  const rows: Row[] = [];
  for (const bucket of starts) pushRows(rows, { bucket }, s.steps, stepCounts(groups.get(bucket), s.steps.length - 2));
  return { rows, meta };
}

/** `hourly_funnel`: mean funnel counts per local hour of day over the days of the period. */
export async function hourlyFunnel(env: QueryEnv, filter: Filter): Promise<QueryResult> {
  const s = steps(env);
  const period = await periodOf(env, filter);
  const days = daysIn(env, period.range);
  const meta = { days, period: period.range, steps: s.steps, fields: s.fields };
  const groups = period.range && days > 0 ? await countsBy(env, { field: 'session_start', bucket: 'hourOfDay' }, [filter], s.clauses) : new Map<unknown, CountGroup>();
  const rows: Row[] = [];
  for (let hour = 0; hour < 24; hour++) pushRows(rows, { hour }, s.steps, stepCounts(groups.get(hour), s.steps.length - 2), days);
  return { rows, meta };
}
