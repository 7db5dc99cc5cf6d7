/**
 * The anomaly detector of SPEC "Anomaly detection": standardise the feature vectors, train the
 * autoencoder on them, score each row by its reconstruction error, flag scores above
 * median + k × 1.4826 × MAD.
 */
import { autoencoderScores, type AutoencoderOptions } from './autoencoder.js';
import { DEFAULT_THRESHOLD_K, robustThreshold, type RobustThreshold } from './robust-threshold.js';
import { standardize, type FeatureMatrix, type Standardized } from './standardize.js';

/** Options of `detectAnomalies`: the autoencoder's, and the threshold's k (default 3.5). */
export interface DetectOptions extends AutoencoderOptions {
  readonly k?: number;
}

/** What `detectAnomalies` found. */
export interface AnomalyDetection {
  /** Per row: root mean squared reconstruction error of its standardised features. */
  readonly scores: Float64Array;
  /** Per row: 1 when its score is above the threshold. */
  readonly anomalies: Uint8Array;
  readonly threshold: RobustThreshold;
  /** Mean training loss per epoch; the last is the final loss (NaN when nothing trained). */
  readonly losses: readonly number[];
  readonly layers: readonly number[];
  /** The standardised features the network saw, with the column means and deviations. */
  readonly standardized: Standardized;
}

/** Standardises `matrix`, scores every row with the autoencoder and applies the robust threshold. */
export async function detectAnomalies(matrix: FeatureMatrix, options: DetectOptions = {}): Promise<AnomalyDetection> {
  const standardized = standardize(matrix);
  const { scores, losses, layers } = await autoencoderScores(standardized, options);
  const threshold = robustThreshold(scores, options.k ?? DEFAULT_THRESHOLD_K);
  const anomalies = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) anomalies[i] = scores[i] > threshold.threshold ? 1 : 0;
  return { scores, anomalies, threshold, losses, layers, standardized };
}
