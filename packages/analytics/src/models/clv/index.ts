// Public model functions of the clv area (re-exported from the package index).
export { ClvFitError, type ClvFitFailure } from './errors.js';
export { lnGamma, lnBeta, digamma, gammaSign, hyp2f1, HypergeometricError } from './special.js';
export { nelderMead, numericalGradient, runSteps, runStepsAsync, type OptimiserStep, type NelderMeadOptions, type MinimumFound } from './optimize.js';
export { quasiNewton, type SmoothObjective, type QuasiNewtonOptions, type QuasiNewtonMinimum } from './quasi-newton.js';
export type { RfmCustomer, SpendCustomer, FitRows, FitOptions, FitProgress } from './fit-input.js';
export {
  customerSummary,
  customerSummaryColumns,
  datasetCustomerSummary,
  datasetSummaryColumns,
  summarizeOrders,
  summaryRows,
  sessionDays,
  localDay,
  UNIT_DAYS,
  type ClvUnit,
  type CustomerSummaryRow,
  type OrderRecord,
  type InstantInput,
  type SummaryOptions,
  type SummaryColumns,
  type SummarizeOptions,
  type DatasetSummaryOptions,
} from './summary.js';
export {
  fitBgNbd,
  bgNbdFitSteps,
  bgNbdLogLikelihood,
  bgNbdExpected,
  bgNbdConditionalExpected,
  bgNbdProbabilityAlive,
  type BgNbdParams,
  type BgNbdFit,
} from './bgnbd.js';
export { fitGammaGamma, gammaGammaFitSteps, gammaGammaLogLikelihood, gammaGammaExpectedSpend, type GammaGammaParams, type GammaGammaFit } from './gamma-gamma.js';
export {
  customerLifetimeValue,
  predictCustomer,
  horizonMonthsOf,
  DAYS_PER_MONTH,
  type ClvModel,
  type LifetimeValueOptions,
  type CustomerPrediction,
} from './lifetime-value.js';
export {
  calibrationHoldoutSplit,
  holdoutAccuracy,
  accuracyOf,
  pearson,
  type SplitOptions,
  type CalibrationHoldout,
  type HoldoutAccuracy,
  type HoldoutPair,
  type FrequencyGroup,
} from './holdout.js';
export { trainSequenceModel, type SequenceModel, type SequenceModelOptions, type TransactionHistory } from './sequence-model.js';
export { historiesOf, transactionHistories, type Histories } from './histories.js';
