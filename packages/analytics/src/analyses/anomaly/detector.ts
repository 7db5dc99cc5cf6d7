/**
 * What every anomaly analysis shares: its parameters, training with a checkpoint per epoch,
 * and the meta block `{ threshold, median, mad, sigma, k, epochs, finalLoss, layers, features }`.
 */
import type { Row } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import type { AnalysisContext } from '../../types.js';
import { detectAnomalies, type AnomalyDetection } from '../../models/anomaly/detect.js';
import { DEFAULT_THRESHOLD_K } from '../../models/anomaly/robust-threshold.js';
import { percentDeviation } from '../../models/anomaly/same-weekday.js';
import type { FeatureMatrix } from '../../models/anomaly/standardize.js';
import { loadTf } from '../../models/tf/load-tf.js';

/**
 * A row of every anomaly analysis (BRIEF4 contract). `features` is a nested object, which the
 * flat `Row` type of core does not describe: the analyses build `AnomalyRow`s and hand them
 * over with `asRows` (plain data, structured-clone safe).
 */
export interface AnomalyRow {
  /** ISO day, cohort date or client. */
  readonly key: string;
  /** Epoch ms of the day start (daily series only). */
  readonly day?: number;
  readonly value: number;
  readonly expected?: number | null;
  readonly deviationPercent?: number | null;
  readonly score: number;
  readonly anomaly: boolean;
  readonly features?: Readonly<Record<string, number>>;
}

/** The rows as a QueryResult carries them (see `AnomalyRow`). */
export function asRows(rows: readonly AnomalyRow[]): Row[] {
  return rows as unknown as Row[];
}

/** Parameters every anomaly analysis takes. */
export interface AnomalyParams {
  /** Training passes (default 30, 1..500). */
  readonly epochs: number;
  /** Seed of the weights and batch order (default 42). */
  readonly seed: number;
  /** Threshold in robust standard deviations above the median score (default 3.5). */
  readonly k: number;
}

/** The names of `AnomalyParams`, for a ParamReader's list of known params. */
export const ANOMALY_PARAM_NAMES: readonly string[] = ['epochs', 'seed', 'k'];

/** Reads `epochs`, `seed` and `k` (a positive number) from raw params. */
export function readAnomalyParams(name: string, raw: Readonly<Record<string, unknown>> | undefined, read: ParamReader): AnomalyParams {
  const k = raw?.k;
  if (k !== undefined && !(typeof k === 'number' && Number.isFinite(k) && k > 0)) {
    throw new TypeError(`${name}: params.k must be a positive number, got ${JSON.stringify(k)}`);
  }
  return {
    epochs: read.integer('epochs', 1, 500, 30),
    seed: read.integer('seed', -(2 ** 31), 2 ** 31 - 1, 42),
    k: (k as number | undefined) ?? DEFAULT_THRESHOLD_K,
  };
}

/**
 * Where a detector reports progress: an analysis context in memory, or a summary-based run's
 * stand-in that only honours its abort signal.
 */
export type AnomalyProgress = Pick<AnalysisContext, 'checkpoint'>;

/**
 * Loads tfjs (lazily, on the first run), then trains the autoencoder on `matrix`
 * (standardised inside) with `progress.checkpoint(epoch, epochs, 'Training autoencoder')`
 * after every epoch, so the caller sees progress and a cancel stops training at the next epoch.
 */
export async function detectWithProgress(context: AnomalyProgress, matrix: FeatureMatrix, params: AnomalyParams): Promise<AnomalyDetection> {
  await context.checkpoint(0, params.epochs, 'Loading tfjs');
  const tf = matrix.rows >= 2 ? await loadTf() : undefined;
  return detectAnomalies(matrix, {
    tf,
    epochs: params.epochs,
    seed: params.seed,
    k: params.k,
    onEpoch: (epoch, epochs) => context.checkpoint(epoch, epochs, 'Training autoencoder'),
  });
}

/** The meta block of an anomaly analysis (NaN as null, so it survives JSON). */
export function anomalyMeta(detection: AnomalyDetection, params: AnomalyParams, features: readonly string[]): Record<string, unknown> {
  const { threshold, losses, layers } = detection;
  return {
    threshold: finite(threshold.threshold),
    median: finite(threshold.median),
    mad: finite(threshold.mad),
    sigma: finite(threshold.sigma),
    k: params.k,
    epochs: losses.length,
    finalLoss: losses.length ? finite(losses[losses.length - 1]) : null,
    layers,
    features,
  };
}

/**
 * The row of a day (a daily series' day, a download cohort's day) scored as matrix row `r`:
 * deviationPercent from `expected`, score and verdict from `detection`.
 */
export function dayRow(key: string, day: number, value: number, expected: number | null, detection: AnomalyDetection, r: number, features: Record<string, number>): AnomalyRow {
  return { key, day, value, expected, deviationPercent: percentDeviation(value, expected), score: detection.scores[r], anomaly: detection.anomalies[r] === 1, features };
}

/** Per feature name, the row's raw (unstandardised) value. */
export function featureRecord(matrix: FeatureMatrix, row: number, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let j = 0; j < names.length; j++) out[names[j]] = matrix.values[row * matrix.cols + j];
  return out;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
