import type { Calendar, QueryResult } from '@clvkit/core';

/**
 * A row of the anomaly analyses (`dorders_anomaly`, `dfunnel_anomaly`, `dcohort_anomaly`,
 * `clvrfm_anomaly`): `key` is the ISO day, the cohort's download date or the client; `day`
 * the day start in epoch ms where the key is a day; `value` the observed value, `expected`
 * what it was compared with (the same weekday of the previous weeks), `deviationPercent` the
 * direct same-weekday deviation in percent; `score` the autoencoder's reconstruction error
 * and `anomaly` whether it is above the threshold; `features` the vector the autoencoder saw.
 */
export interface AnomalyRow {
  readonly key: string;
  readonly day?: number | null;
  readonly value: number | null;
  readonly expected?: number | null;
  readonly deviationPercent?: number | null;
  readonly score: number | null;
  readonly anomaly: boolean;
  readonly features?: Readonly<Record<string, number | null>> | null;
}

/** The meta of the anomaly analyses: the flagging threshold (median + 3.5 × MAD of the scores) and the training summary. */
export interface AnomalyMeta {
  readonly threshold: number | null;
  readonly median: number | null;
  readonly mad: number | null;
  readonly epochs: number | null;
  readonly finalLoss: number | null;
}

/** One row as the widgets use it: the text key, the day (when there is one) and the numbers. */
export interface AnomalyPoint {
  readonly key: string;
  /** Day start (epoch ms) for day keys, else null. */
  readonly day: number | null;
  readonly value: number | null;
  readonly expected: number | null;
  /** Optional band around `expected` (`expectedLow` / `expectedHigh` columns), null when absent. */
  readonly low: number | null;
  readonly high: number | null;
  readonly deviationPercent: number | null;
  readonly score: number | null;
  readonly anomaly: boolean;
  readonly features: Readonly<Record<string, number | null>>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function finite(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === 'true';
}

/**
 * The points of an anomaly result in row order. The day is `row.day` when it is a number,
 * else the key read as an ISO date in `calendar`'s zone (local midnight), else null. Keys are
 * always text (numbers are stringified, a missing key reads "(none)").
 */
export function anomalyPoints(result: QueryResult<unknown> | null | undefined, calendar: Calendar): AnomalyPoint[] {
  const rows = Array.isArray(result?.rows) ? (result!.rows as unknown[]) : [];
  const points: AnomalyPoint[] = [];
  for (const raw of rows) {
    if (!raw || typeof raw !== 'object') continue;
    const row = raw as Record<string, unknown>;
    const key = row.key === null || row.key === undefined || row.key === '' ? '(none)' : String(row.key);
    let day = finite(row.day);
    if (day === null && ISO_DAY.test(key)) day = calendar.parseDate(key);
    const features: Record<string, number | null> = {};
    if (row.features && typeof row.features === 'object' && !Array.isArray(row.features)) {
      for (const [name, value] of Object.entries(row.features as Record<string, unknown>)) features[name] = finite(value);
    }
    points.push({
      key,
      day,
      value: finite(row.value),
      expected: finite(row.expected),
      low: finite(row.expectedLow),
      high: finite(row.expectedHigh),
      deviationPercent: finite(row.deviationPercent),
      score: finite(row.score),
      anomaly: flag(row.anomaly),
      features,
    });
  }
  return points;
}

/** The meta of an anomaly result with every figure a finite number or null. */
export function anomalyMeta(result: QueryResult<unknown> | null | undefined): AnomalyMeta {
  const meta = (result?.meta ?? {}) as Record<string, unknown>;
  return {
    threshold: finite(meta.threshold),
    median: finite(meta.median),
    mad: finite(meta.mad),
    epochs: finite(meta.epochs),
    finalLoss: finite(meta.finalLoss),
  };
}

/** The feature names of `points` in first-seen order (the cohort table's day columns). */
export function featureNames(points: readonly AnomalyPoint[]): string[] {
  const names = new Set<string>();
  for (const point of points) for (const name of Object.keys(point.features)) names.add(name);
  return [...names];
}
