/**
 * The seed's neural approach, as an optional second model beside BG/NBD: a small 1-D
 * convolutional network (tfjs-layers, CPU backend, loaded lazily through `loadTf`) that reads
 * each customer's most recent transactions (gaps and amounts) and predicts their purchase rate
 * in the period after. Deterministic: seeded initialisers and batch order, pure-JS kernels.
 *
 * Training needs no holdout: examples come from cutting the calibration period itself at
 * earlier instants τ (default end/3, end/2, 2·end/3): the history up to τ is the input and the
 * transactions in (τ, end] divided by (end − τ) the target rate. Predicting a holdout of length
 * h after `end` = the rate predicted from the history up to `end`, times h. That assumes the
 * rate a customer shows right after a cut-off carries over to the next period of any length,
 * which BG/NBD does not need (it models dropout explicitly); compare both on a holdout.
 */
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { loadTf } from '../tf/load-tf.js';
import type { TfModules } from '../tf/types.js';
import { mulberry32, shuffle } from '../../random.js';

/** One customer's transactions: times (sorted, one unit, from a common origin) and values. */
export interface TransactionHistory {
  readonly times: ArrayLike<number>;
  readonly amounts: ArrayLike<number>;
}

/** Options of `trainSequenceModel`. */
export interface SequenceModelOptions {
  /** End of the calibration period (same unit and origin as the times). */
  readonly end: number;
  /** Training cut-offs τ < end (default end/3, end/2, 2·end/3). */
  readonly cutoffs?: readonly number[];
  /** Most recent transactions the network reads (default 8). */
  readonly steps?: number;
  /** Passes over the examples (default 40). */
  readonly epochs?: number;
  /** Examples per gradient step (default 64). */
  readonly batchSize?: number;
  /** Adam's learning rate (default 0.005). */
  readonly learningRate?: number;
  /** Seed of the initialisers and the batch order (default 42). */
  readonly seed?: number;
  /** After each epoch with its mean Poisson loss; may be async (progress, cancellation). */
  readonly onEpoch?: (epoch: number, epochs: number, loss: number) => void | Promise<void>;
  /** tfjs to use (default `loadTf()`). */
  readonly tf?: TfModules;
}

/** A trained network. */
export interface SequenceModel {
  /** Expected transactions in (at, at + horizon] of each customer from their history up to `at`. */
  predict(histories: readonly TransactionHistory[], at: number, horizon: number): Float64Array;
  /** Mean training loss of each epoch. */
  readonly losses: readonly number[];
  /** Examples it was trained on. */
  readonly examples: number;
  /** Frees the network's tensors. */
  dispose(): void;
}

/** Channels per step: present, gap to the previous transaction, log amount, age at the cut-off. */
const CHANNELS = 4;
/** Static features: repeat transactions per window, recency. */
const STATIC = 2;

/**
 * The network's inputs for `histories` cut at `at`: [n, steps, CHANNELS] and [n, STATIC].
 * Times are measured in windows of `window` (end/3) and capped at one window, and counts enter
 * as a rate: a history cut at `end` then looks like the histories cut at the earlier training
 * cut-offs (no feature outside the range the network was trained on, where it would
 * extrapolate: customers have longer tenures and more transactions at `end`).
 */
function features(histories: readonly TransactionHistory[], at: number, window: number, steps: number, amountScale: number, keep: Uint8Array) {
  const n = histories.length;
  const sequence = new Float32Array(n * steps * CHANNELS);
  const fixed = new Float32Array(n * STATIC);
  const capped = (t: number) => Math.min(t, window) / window;
  for (let i = 0; i < n; i++) {
    const { times, amounts } = histories[i];
    let count = 0;
    while (count < times.length && times[count] <= at) count++;
    keep[i] = count > 0 ? 1 : 0;
    if (count === 0) continue;
    const from = Math.max(0, count - steps);
    for (let k = from; k < count; k++) {
      const slot = steps - (count - k); // newest in the last slot, padding first
      const o = (i * steps + slot) * CHANNELS;
      sequence[o] = 1;
      sequence[o + 1] = k > 0 ? capped(times[k] - times[k - 1]) : 0;
      sequence[o + 2] = Math.log1p(Math.max(0, amounts[k])) / amountScale;
      sequence[o + 3] = capped(at - times[k]);
    }
    fixed[i * STATIC] = ((count - 1) * window) / Math.max(at - times[0], window);
    fixed[i * STATIC + 1] = capped(at - times[count - 1]);
  }
  return { sequence, fixed };
}

/**
 * Trains the network: Conv1D(8 filters, width 3, ReLU) over the last `steps` transactions
 * (present, gap, log amount / mean log amount, age; times in windows of the earliest cut-off,
 * capped at 1), flattened, joined with the static features (repeat transactions per window of
 * tenure, recency), Dense(16, ReLU), Dense(1, softplus) = the rate
 * per unit of `end` (a customer's expected transactions per calibration-length period).
 * Loss: Poisson, mean(ŷ − y ln ŷ), with y = transactions in (τ, end] / ((end − τ)/end).
 * @throws RangeError without examples (no customer with a transaction by a cut-off).
 */
export async function trainSequenceModel(histories: readonly TransactionHistory[], options: SequenceModelOptions): Promise<SequenceModel> {
  const { end } = options;
  if (!(end > 0)) throw new RangeError(`trainSequenceModel: end must be > 0, got ${end}`);
  const steps = options.steps ?? 8;
  const cutoffs = options.cutoffs ?? [end / 3, end / 2, (2 * end) / 3];
  const epochs = options.epochs ?? 40;
  const batchSize = options.batchSize ?? 64;
  const seed = options.seed ?? 42;
  let logSum = 0;
  let logCount = 0;
  for (const h of histories) {
    for (let k = 0; k < h.times.length; k++) {
      if (h.times[k] > end) break;
      logSum += Math.log1p(Math.max(0, h.amounts[k]));
      logCount++;
    }
  }
  const amountScale = logCount > 0 && logSum > 0 ? logSum / logCount : 1;
  const window = Math.min(...cutoffs);

  // Examples: every customer with a transaction by τ, for each cut-off τ.
  const sequences: Float32Array[] = [];
  const statics: Float32Array[] = [];
  const targets: number[] = [];
  for (const tau of cutoffs) {
    if (!(tau > 0 && tau < end)) throw new RangeError(`trainSequenceModel: cut-offs must lie in (0, end), got ${tau}`);
    const keep = new Uint8Array(histories.length);
    const { sequence, fixed } = features(histories, tau, window, steps, amountScale, keep);
    const fraction = (end - tau) / end;
    histories.forEach((h, i) => {
      if (!keep[i]) return;
      let later = 0;
      for (let k = 0; k < h.times.length; k++) if (h.times[k] > tau && h.times[k] <= end) later++;
      sequences.push(sequence.subarray(i * steps * CHANNELS, (i + 1) * steps * CHANNELS));
      statics.push(fixed.subarray(i * STATIC, (i + 1) * STATIC));
      targets.push(later / fraction);
    });
  }
  const examples = targets.length;
  if (examples === 0) throw new RangeError('trainSequenceModel: no customer has a transaction by the first cut-off');
  const { tf, layers } = options.tf ?? (await loadTf());
  const sequenceIn = layers.input({ shape: [steps, CHANNELS] });
  const staticIn = layers.input({ shape: [STATIC] });
  const conv = layers.layers.conv1d({ filters: 8, kernelSize: Math.min(3, steps), activation: 'relu', kernelInitializer: layers.initializers.glorotUniform({ seed }) }).apply(sequenceIn);
  const flat = layers.layers.flatten().apply(conv);
  const joined = layers.layers.concatenate().apply([flat, staticIn] as never);
  const hidden = layers.layers.dense({ units: 16, activation: 'relu', kernelInitializer: layers.initializers.glorotUniform({ seed: seed + 1 }) }).apply(joined);
  const output = layers.layers.dense({ units: 1, activation: 'softplus', kernelInitializer: layers.initializers.glorotUniform({ seed: seed + 2 }) }).apply(hidden);
  const model = layers.model({ inputs: [sequenceIn, staticIn], outputs: output as never });

  const flatSequences = new Float32Array(examples * steps * CHANNELS);
  const flatStatics = new Float32Array(examples * STATIC);
  sequences.forEach((s, i) => flatSequences.set(s, i * steps * CHANNELS));
  statics.forEach((s, i) => flatStatics.set(s, i * STATIC));
  const xSeq = tf.tensor3d(flatSequences, [examples, steps, CHANNELS]);
  const xStatic = tf.tensor2d(flatStatics, [examples, STATIC]);
  const y = tf.tensor2d(Float32Array.from(targets), [examples, 1]);
  const optimizer = tf.train.adam(options.learningRate ?? 0.005);
  const order = Int32Array.from({ length: examples }, (_, i) => i);
  const random = mulberry32(seed);
  const losses: number[] = [];
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      shuffle(order, random);
      let sum = 0;
      for (let from = 0; from < examples; from += batchSize) {
        const size = Math.min(batchSize, examples - from);
        const indices = tf.tensor1d(order.subarray(from, from + size), 'int32');
        const bSeq = tf.gather(xSeq, indices);
        const bStatic = tf.gather(xStatic, indices);
        const bY = tf.gather(y, indices);
        const loss = optimizer.minimize(() => {
          const rate = tf.add(model.apply([bSeq, bStatic]) as Tensor, 1e-6);
          return tf.mean(tf.sub(rate, tf.mul(bY, tf.log(rate)))) as Scalar;
        }, true);
        sum += (loss?.dataSync()[0] ?? Number.NaN) * size;
        loss?.dispose();
        bSeq.dispose();
        bStatic.dispose();
        bY.dispose();
        indices.dispose();
      }
      losses.push(sum / examples);
      await options.onEpoch?.(epoch, epochs, sum / examples);
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    xSeq.dispose();
    xStatic.dispose();
    y.dispose();
    optimizer.dispose();
  }
  return {
    losses,
    examples,
    predict(input, at, horizon) {
      const keep = new Uint8Array(input.length);
      const { sequence, fixed } = features(input, at, window, steps, amountScale, keep);
      const out = tf.tidy(() => model.predict([tf.tensor3d(sequence, [input.length, steps, CHANNELS]), tf.tensor2d(fixed, [input.length, STATIC])], { batchSize: 1024 }) as Tensor);
      const rate = out.dataSync();
      out.dispose();
      const result = new Float64Array(input.length);
      for (let i = 0; i < input.length; i++) result[i] = keep[i] ? (rate[i] * horizon) / end : 0;
      return result;
    },
    dispose: () => model.dispose(),
  };
}


