// Public model functions of the abtest area (re-exported from the package index): the
// statistics of the before/after tests and of the promotion comparison. Generic helpers
// (mean, variance, the PRNG, distribution functions) stay internal so their names cannot
// clash with other areas' exports.
export { pairedTTest, welchTTest, type TTestResult, type WelchResult } from './t-test.js';
export { wilcoxonSignedRank, exactSignedRankP, EXACT_LIMIT, type WilcoxonOptions, type WilcoxonResult } from './wilcoxon.js';
export { jarqueBera, choosePairedMethod, NORMALITY_ALPHA, type NormalityResult, type PairedMethod } from './normality.js';
export { cohensDz, hedgesG } from './effect-size.js';
export { holmAdjust } from './holm.js';
export { verdictOf, type Verdict } from './verdict.js';
export {
  bootstrapMeans,
  pairedBootstrap,
  twoSampleBootstrap,
  type PairedBootstrapOptions,
  type PairedBootstrapResult,
  type TwoSampleBootstrapOptions,
  type TwoSampleBootstrapResult,
} from './bootstrap.js';
export { beforeAfterTest, type BeforeAfterOptions, type BeforeAfterResult } from './before-after-test.js';
export {
  pairwiseWelch,
  compareWithRest,
  compareOneWithRest,
  adjustRestComparisons,
  type ComparisonGroup,
  type PairComparison,
  type RestComparison,
  type UnadjustedRestComparison,
  type CompareOptions,
} from './comparison.js';
