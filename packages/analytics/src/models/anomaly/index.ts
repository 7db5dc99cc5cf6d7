// Public model functions of the anomaly area (re-exported from the package index).
export { loadTf, setTfLoader, type TfLoader, type TfModules } from '../tf/index.js';
export { autoencoderScores, autoencoderLayers, type AutoencoderOptions, type AutoencoderResult } from './autoencoder.js';
export { detectAnomalies, type AnomalyDetection, type DetectOptions } from './detect.js';
export {
  robustThreshold,
  medianAbsoluteDeviation,
  MAD_TO_SIGMA,
  MEAN_AD_TO_SIGMA,
  DEFAULT_THRESHOLD_K,
  type RobustThreshold,
} from './robust-threshold.js';
export { standardize, type FeatureMatrix, type Standardized } from './standardize.js';
export { sameWeekdayDeviation, sameWeekdayExpected, percentDeviation, anscombeDifference, type SameWeekdayDeviation } from './same-weekday.js';
export { shrunkRatio } from './shrink.js';
