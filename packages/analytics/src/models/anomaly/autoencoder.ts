/**
 * A small dense autoencoder (tfjs-layers, CPU backend) whose per-row reconstruction error is
 * the anomaly score: rows unlike the bulk of the data are reconstructed worst. Deterministic:
 * seeded Glorot initialisers, no dropout, no shuffling, the pure-JS CPU kernels.
 */
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { loadTf } from '../tf/load-tf.js';
import type { TfModules } from '../tf/types.js';
import type { FeatureMatrix } from './standardize.js';
import { mulberry32, shuffle } from '../../random.js';

/** Training options of `autoencoderScores`. */
export interface AutoencoderOptions {
  /** Widths of the hidden layers, encoder to decoder (default `autoencoderLayers(cols)`). */
  readonly hidden?: readonly number[];
  /** Activation of the hidden layers (default 'elu'); the output layer is linear. */
  readonly activation?: 'tanh' | 'relu' | 'elu' | 'linear' | 'sigmoid';
  /** Passes over the training rows (default 30). */
  readonly epochs?: number;
  /** Rows per gradient step (default 32). */
  readonly batchSize?: number;
  /** Adam's learning rate (default 0.01). */
  readonly learningRate?: number;
  /** Seed of the weight initialisers and the batch order (default 42): the same seed gives the same scores. */
  readonly seed?: number;
  /**
   * At most this many rows train the network (default 10 000): larger inputs train on an evenly
   * spaced sample (every k-th row) and every row is scored.
   */
  readonly maxTrainingRows?: number;
  /**
   * Called after each epoch with its mean training loss (MSE); may be async (an analysis's
   * checkpoint: progress and cancellation). A throw stops training and is rethrown.
   */
  readonly onEpoch?: (epoch: number, epochs: number, loss: number) => void | Promise<void>;
  /** tfjs to use (default: `loadTf()`). */
  readonly tf?: TfModules;
}

/** Scores and training trace of `autoencoderScores`. */
export interface AutoencoderResult {
  /** Per row: root mean squared reconstruction error over its columns (see `autoencoderScores`). */
  readonly scores: Float64Array;
  /** Mean training loss (MSE) of each epoch's minibatches, weighted by batch size. */
  readonly losses: readonly number[];
  /** Layer widths, input to output (e.g. [6, 6, 3, 6, 6]). */
  readonly layers: readonly number[];
}

/**
 * Default hidden widths for `cols` features: a bottleneck of floor(cols / 2) clamped to 1..4
 * (narrower than the input, so the network cannot just copy it), framed by layers of
 * min(8, cols) units (at least one more than the bottleneck): 16 features give 8-4-8.
 */
export function autoencoderLayers(cols: number): number[] {
  const code = Math.max(1, Math.min(4, Math.floor(cols / 2)));
  const outer = Math.max(code + 1, Math.min(8, cols));
  return [outer, code, outer];
}

/**
 * Trains an autoencoder cols → hidden… → cols (ELU hidden layers, linear output, Adam, mean
 * squared error) on `matrix` (standardise it first) and returns each row's reconstruction
 * error as a root mean square: score_i = √((1 / cols) Σ_j (x_ij − x̂_ij)²). The root, not the
 * MSE itself: both rank rows alike, but squared errors of normal noise are χ²-skewed, so a
 * median + 3.5 × MAD cut on the MSE flags 2–10 % of ordinary rows (1 to 3 residual degrees of
 * freedom, simulated); on the root it flags 0.1–0.6 %. Fewer than 2 rows or no columns: all
 * scores 0, no training.
 */
export async function autoencoderScores(matrix: FeatureMatrix, options: AutoencoderOptions = {}): Promise<AutoencoderResult> {
  const { rows, cols, values } = matrix;
  const hidden = options.hidden ?? autoencoderLayers(cols);
  const layerWidths = [cols, ...hidden, cols];
  if (rows < 2 || cols === 0) return { scores: new Float64Array(rows), losses: [], layers: layerWidths };
  const epochs = options.epochs ?? 30;
  const batchSize = options.batchSize ?? 32;
  const seed = options.seed ?? 42;
  const { tf, layers } = options.tf ?? (await loadTf());

  const model = layers.sequential();
  hidden.forEach((units, l) => {
    model.add(
      layers.layers.dense({
        units,
        activation: options.activation ?? 'elu',
        inputShape: l === 0 ? [cols] : undefined,
        kernelInitializer: layers.initializers.glorotUniform({ seed: seed + l }),
        biasInitializer: 'zeros',
      }),
    );
  });
  model.add(
    layers.layers.dense({
      units: cols,
      activation: 'linear',
      inputShape: hidden.length === 0 ? [cols] : undefined,
      kernelInitializer: layers.initializers.glorotUniform({ seed: seed + hidden.length }),
      biasInitializer: 'zeros',
    }),
  );
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  const all = tf.tensor2d(Float32Array.from(values), [rows, cols]);
  const sample = trainingRows(rows, options.maxTrainingRows ?? 10_000);
  const train = sample ? tf.tidy(() => tf.gather(all, tf.tensor1d(sample, 'int32'))) : all;
  const trainRows = train.shape[0];
  const order = Int32Array.from({ length: trainRows }, (_, i) => i);
  const random = mulberry32(seed);
  const losses: number[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      // A plain minibatch loop: optimizer.minimize is several times faster than model.fit for
      // a network this small. Rows are shuffled by a seeded permutation each epoch: in data order
      // (days in time order) the last batches of an epoch would pull the fit their way.
      shuffle(order, random);
      let sum = 0;
      for (let from = 0; from < trainRows; from += batchSize) {
        const size = Math.min(batchSize, trainRows - from);
        const indices = tf.tensor1d(order.subarray(from, from + size), 'int32');
        const batch = tf.gather(train, indices);
        const loss = optimizer.minimize(() => tf.losses.meanSquaredError(batch, model.apply(batch) as Tensor) as Scalar, true);
        sum += (loss?.dataSync()[0] ?? Number.NaN) * size;
        loss?.dispose();
        batch.dispose();
        indices.dispose();
      }
      const loss = sum / trainRows;
      losses.push(loss);
      await options.onEpoch?.(epoch, epochs, loss);
    }
    const predicted = model.predict(all, { batchSize: 1024 }) as Tensor;
    const reconstruction = predicted.dataSync();
    predicted.dispose();
    const scores = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let j = 0; j < cols; j++) {
        const d = values[i * cols + j] - reconstruction[i * cols + j];
        sum += d * d;
      }
      scores[i] = Math.sqrt(sum / cols);
    }
    return { scores, losses, layers: layerWidths };
  } finally {
    if (train !== all) train.dispose();
    all.dispose();
    model.dispose();
    optimizer.dispose();
  }
}



/** Every k-th row index when `rows` exceeds `max` (k = rows / max, evenly spaced), else null (all rows). */
function trainingRows(rows: number, max: number): Int32Array | null {
  if (rows <= max) return null;
  const out = new Int32Array(max);
  for (let i = 0; i < max; i++) out[i] = Math.floor((i * rows) / max);
  return out;
}
