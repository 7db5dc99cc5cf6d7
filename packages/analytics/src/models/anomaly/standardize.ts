/** Column-wise standardisation of a row-major feature matrix (z-scores). */

/** A dense row-major matrix: value (i, j) is `values[i * cols + j]`. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/** A standardised matrix and the per-column mean and standard deviation used. */
export interface Standardized extends FeatureMatrix {
  readonly means: Float64Array;
  /** Population standard deviations (÷ n); a constant column reports 0 and maps to all zeros. */
  readonly stds: Float64Array;
}

/**
 * z = (x − mean) / std per column, with the population standard deviation (÷ n). A constant
 * column (std 0) becomes all zeros, so it carries no weight instead of dividing by zero.
 * Values must be finite (replace missing ones before).
 */
export function standardize(matrix: FeatureMatrix): Standardized {
  const { rows, cols, values } = matrix;
  if (values.length !== rows * cols) throw new RangeError(`standardize: ${values.length} values for ${rows} × ${cols}`);
  const means = new Float64Array(cols);
  const stds = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) means[j] += values[i * cols + j];
  for (let j = 0; j < cols; j++) means[j] = rows > 0 ? means[j] / rows : 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const d = values[i * cols + j] - means[j];
      stds[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) stds[j] = rows > 0 ? Math.sqrt(stds[j] / rows) : 0;
  const out = new Float64Array(values.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const s = stds[j];
      out[i * cols + j] = s > 0 ? (values[i * cols + j] - means[j]) / s : 0;
    }
  }
  return { rows, cols, values: out, means, stds };
}
