/**
 * Additive smoothing of ratios from small counts toward the overall ratio: a day with 3
 * sessions swings between 0 and 1 by chance, and unsmoothed it would look as anomalous as a
 * broken checkout.
 */

/**
 * (hits + prior × overall) / (trials + prior): the ratio hits / trials shrunk toward `overall`
 * as if `prior` more trials had gone at the overall ratio. Equals `overall` for 0 trials; a day
 * with many trials keeps nearly its own ratio.
 */
export function shrunkRatio(hits: number, trials: number, overall: number, prior: number): number {
  return (hits + prior * overall) / (trials + prior);
}
