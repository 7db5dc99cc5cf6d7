import type { Row } from '@clvkit/core';

/** One day of the `daily_clv` timeline. */
export interface ClvDay {
  /** Epoch ms of the day's start. */
  readonly day: number;
  /** Revenue of the day's orders (null on forecast days). */
  readonly actual: number | null;
  /** The model's expected revenue of the day (null where the analysis gives none). */
  readonly predicted: number | null;
}

/** The timeline read from `daily_clv` rows and meta. */
export interface ClvTimelineData {
  /** Days in ascending order (rows without a numeric `day` are skipped). */
  readonly days: readonly ClvDay[];
  /** The as-of instant: `meta.asOf` (epoch ms or an ISO date), else the last day with an actual value. */
  readonly asOf: number | null;
  /** Forecast horizon in days (`meta.horizonDays`, else the number of days after as-of). */
  readonly horizonDays: number;
  /** Σ actual over every day. */
  readonly actualTotal: number;
  /** Σ predicted over the forecast days (days starting after as-of). */
  readonly forecastTotal: number;
  /** Indices of the days a date can be chosen on: days with an actual value, up to as-of. */
  readonly selectable: readonly number[];
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** An instant from epoch ms or an ISO date / date-time (a bare date is UTC midnight); null otherwise. */
export function instantOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Days, as-of, totals and the choosable days of a `daily_clv` result. Forecast days are the
 * days that start after as-of; a date can be chosen only where there are orders to look back
 * on (an actual value, not after as-of), since the churn panels need history before it.
 */
export function clvTimelineData(rows: readonly Row[], meta: Readonly<Record<string, unknown>> | undefined): ClvTimelineData {
  const days: ClvDay[] = [];
  for (const row of rows) {
    const day = numberOrNull(row.day);
    if (day === null) continue;
    days.push({ day, actual: numberOrNull(row.actual), predicted: numberOrNull(row.predicted) });
  }
  days.sort((a, b) => a.day - b.day);
  const lastActual = [...days].reverse().find((d) => d.actual !== null)?.day ?? null;
  const asOf = instantOf(meta?.asOf) ?? lastActual;
  let actualTotal = 0;
  let forecastTotal = 0;
  let forecastDays = 0;
  const selectable: number[] = [];
  days.forEach((d, i) => {
    if (d.actual !== null) actualTotal += d.actual;
    const forecast = asOf !== null && d.day > asOf;
    if (forecast) {
      forecastDays++;
      if (d.predicted !== null) forecastTotal += d.predicted;
    } else if (d.actual !== null) selectable.push(i);
  });
  const horizon = numberOrNull(meta?.horizonDays);
  return { days, asOf, horizonDays: horizon ?? forecastDays, actualTotal, forecastTotal, selectable };
}

const HALF_DAY = 43_200_000;

/**
 * The index in `selectable` of the choosable day nearest to the instant `at` (by the middle
 * of the day, so an instant inside a day picks that day); null when none can be chosen.
 */
export function nearestSelectable(data: ClvTimelineData, at: number): number | null {
  let best: number | null = null;
  let distance = Infinity;
  data.selectable.forEach((index, k) => {
    const d = Math.abs(data.days[index].day + HALF_DAY - at);
    if (d < distance) {
      distance = d;
      best = k;
    }
  });
  return best;
}
