import { ParamReader } from '../../params.js';

/** The params every before/after test analysis takes (see README.md). */
export interface AbTestParams {
  /** Window length W in local calendar days (default 7). */
  readonly windowDays: number;
  /** Significance level (default 0.05). */
  readonly alpha: number;
  /** Bootstrap resamples per test (default 1000; lowered on very large data, see `resamplesFor`). */
  readonly resamples: number;
  /** Base seed of the bootstrap streams (default 1). */
  readonly seed: number;
  /** Subjects with fewer tested customers are not tested (default 10, at least 3). */
  readonly minCustomers: number;
  /** At most this many subjects, those with the most tested customers, are tested (default 50). */
  readonly limit: number;
  /** Test only this subject and list its customers' pairs in `meta.pairs`. */
  readonly subject: string | null;
  /** List the pairs of the first row's subject in `meta.pairs` (default false; always with `subject`). */
  readonly pairs: boolean;
}

/** The param names `readAbParams` knows. */
export const AB_PARAM_NAMES = ['windowDays', 'alpha', 'resamples', 'seed', 'minCustomers', 'limit', 'subject', 'pairs'] as const;

/** Validates and defaults the common params; `extra` names further params the caller reads. */
export function readAbParams(analysis: string, raw: Readonly<Record<string, unknown>>, extra: readonly string[] = []): { params: AbTestParams; read: ParamReader } {
  const read = new ParamReader(analysis, raw, [...AB_PARAM_NAMES, ...extra]);
  const subject = raw.subject;
  if (subject !== undefined && (typeof subject !== 'string' || subject === '')) {
    throw new TypeError(`${analysis}: params.subject must be a non-empty string (a promotion id, product or segment), got ${JSON.stringify(subject)}`);
  }
  return {
    read,
    params: {
      windowDays: read.integer('windowDays', 1, 366, 7),
      alpha: readAlpha(analysis, raw.alpha),
      resamples: read.integer('resamples', 0, 100_000, 1000),
      seed: read.integer('seed', 0, 2 ** 31 - 1, 1),
      minCustomers: read.integer('minCustomers', 3, 1_000_000, 10),
      limit: read.integer('limit', 1, 10_000, 50),
      subject: typeof subject === 'string' ? subject : null,
      pairs: readBoolean(analysis, 'pairs', raw.pairs),
    },
  };
}

/** `alpha` in (0, 0.5), default 0.05. @throws TypeError naming the analysis. */
export function readAlpha(analysis: string, value: unknown): number {
  if (value === undefined) return 0.05;
  if (typeof value !== 'number' || !(value > 0 && value < 0.5)) {
    throw new TypeError(`${analysis}: params.alpha must be a number between 0 and 0.5 (exclusive), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Resamples per test for one run: `requested`, lowered so that all tests of the run together
 * draw at most `RESAMPLE_BUDGET` customers (the bootstrap is O(resamples × customers)), but
 * never below `MIN_RESAMPLES` (or `requested` when that is smaller).
 */
export function resamplesFor(requested: number, totalCustomers: number): number {
  if (totalCustomers <= 0) return requested;
  const affordable = Math.floor(RESAMPLE_BUDGET / totalCustomers);
  return Math.min(requested, Math.max(MIN_RESAMPLES, affordable));
}

/** Customer draws all bootstrap tests of one run may make together. */
export const RESAMPLE_BUDGET = 20_000_000;
/** The fewest resamples a large run falls back to. */
export const MIN_RESAMPLES = 200;

/** A boolean param, default false. @throws TypeError naming the analysis. */
export function readBoolean(analysis: string, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new TypeError(`${analysis}: params.${name} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}
