// Public model functions of the rfm area (re-exported from the package index).
export { SEGMENTS, FM_BANDS, SEGMENT_GRID, fmBand, segmentCode, segmentOf, type Segment, type FmBand } from './segments.js';
export { kmeans1d, DEFAULT_SEED, SKETCH_SIZE, type KMeans1D, type KMeans1DOptions } from './kmeans1d.js';
export { scoreMetric, quantileScores, scoreBins, SCORE_METHODS, SCORE_LEVELS, type ScoreMethod, type ScoreOptions, type ScoreBin, type MetricScores } from './scores.js';
export { rfmValues, MONETARY_KINDS, type RfmValues, type MonetaryKind } from './rfm-values.js';
export { scoreRfm, type RfmScores, type RfmScoreOptions } from './score-rfm.js';
export { customerRfm, defaultSegments, snapshot as rfmSnapshot, splitSegmentClauses, segmentName, RFM_SEGMENT_FIELDS, type CustomerRfm, type RfmParams } from './customer-rfm.js';
export { basketSensitivity, discountShare, sensitivityBrackets, BRACKETS, type Bracket, type BracketSummary, type BasketSensitivity, type SensitivityBrackets } from './basket-sensitivity.js';
