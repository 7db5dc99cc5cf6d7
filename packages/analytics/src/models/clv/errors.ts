/** Why a CLV model could not be fitted. */
export type ClvFitFailure =
  /** No customers (rows) to fit. */
  | 'no-customers'
  /** No customer with a repeat transaction: the purchase and spend processes cannot be identified. */
  | 'no-repeat-buyers'
  /** A row has a negative, non-finite or inconsistent value (t_x > T, x not a whole number ...). */
  | 'invalid-input'
  /** The optimiser ran out of iterations, or stopped away from a maximum of the likelihood. */
  | 'not-converged'
  /** The maximum lies at a boundary (a parameter ran to 0 or infinity): the data do not pin the model down. */
  | 'degenerate';

/**
 * Thrown by `fitBgNbd` and `fitGammaGamma` when no maximum-likelihood estimate can be given.
 * `reason` says why (see `ClvFitFailure`); the message says what to do about it.
 */
export class ClvFitError extends Error {
  override readonly name = 'ClvFitError';
  readonly model: 'bg-nbd' | 'gamma-gamma';
  readonly reason: ClvFitFailure;

  constructor(model: 'bg-nbd' | 'gamma-gamma', reason: ClvFitFailure, message: string) {
    super(`${model === 'bg-nbd' ? 'BG/NBD' : 'Gamma-Gamma'}: ${message}`);
    this.model = model;
    this.reason = reason;
  }
}
