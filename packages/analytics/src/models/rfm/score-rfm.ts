import { DEFAULT_SEED } from './kmeans1d.js';
import type { RfmValues } from './rfm-values.js';
import { scoreMetric, type ScoreBin, type ScoreMethod } from './scores.js';
import { segmentCode } from './segments.js';

/** Options of `scoreRfm`. */
export interface RfmScoreOptions {
  /** 'kmeans' (default) or 'quantile'. */
  readonly method?: ScoreMethod;
  /** Seed of the k-means initialisations (default `DEFAULT_SEED`). */
  readonly seed?: number;
}

/** RFM values with their scores 1..5 (5 best) and segments; index i is customer `clients[i]`. */
export interface RfmScores extends RfmValues {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** Segment code: index into `SEGMENTS`. */
  readonly segment: Uint8Array;
  /** Per metric, the customers and value range of each score 1..5. */
  readonly bins: { readonly recency: readonly ScoreBin[]; readonly frequency: readonly ScoreBin[]; readonly monetary: readonly ScoreBin[] };
}

/**
 * Scores every customer of `values` against the others and names their segment:
 * R from recency (lower is better, k-means on the days themselves, as the seed does), F from
 * frequency and M from monetary (higher is better, k-means on log1p of the value, so a few big
 * spenders do not take four of the five clusters); or all three by quintiles (see
 * `scoreMetric`). Segment = `segmentCode(R, F, M)`.
 */
export function scoreRfm(values: RfmValues, options: RfmScoreOptions = {}): RfmScores {
  const method = options.method ?? 'kmeans';
  const seed = options.seed ?? DEFAULT_SEED;
  const recency = scoreMetric(values.recency, { method, higherIsBetter: false, log: false, seed });
  const frequency = scoreMetric(values.frequency, { method, higherIsBetter: true, log: true, seed });
  const monetary = scoreMetric(values.monetary, { method, higherIsBetter: true, log: true, seed });
  const n = values.clients.length;
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i++) segment[i] = segmentCode(recency.scores[i], frequency.scores[i], monetary.scores[i]);
  return {
    ...values,
    r: recency.scores,
    f: frequency.scores,
    m: monetary.scores,
    segment,
    bins: { recency: recency.bins, frequency: frequency.bins, monetary: monetary.bins },
  };
}
