import { digamma, lnGamma } from './special.js';

/**
 * The BG/NBD log-likelihood summed over customers, with its gradient, for the fitter
 * (FHL 2005 eq. 6, the same arithmetic as `bgNbdLogLikelihood`: ln L = A₁ + A₂ + ln(e^A₃ + δ e^A₄)).
 *
 * Why compressed: the likelihood of a customer depends only on (x, t_x, T); with times in
 * whole days (or weeks) many customers share them, so identical rows are merged with a weight.
 * Within a row the A₁ and A₂ terms (Γ and ψ of r+x, b+x, a+b+x) depend on x alone and are
 * computed once per distinct x, ln(α+T), 1/(α+T) once per distinct time. Customers without a
 * repeat purchase (x = 0, t_x = 0) depend on T only and are kept apart, without the log-sum-exp.
 */
export interface BgNbdData {
  /** Customers behind the rows (Σ weights). */
  readonly customers: number;
  /** Distinct x values and the customers with each (x = 0 included). */
  readonly xs: Float64Array;
  readonly xWeight: Float64Array;
  /** Distinct times (T and t_x values together). */
  readonly times: Float64Array;
  /** x = 0 customers per distinct T: time index and count. */
  readonly zeroTime: Int32Array;
  readonly zeroWeight: Float64Array;
  /** Merged rows with x > 0: count, x, index of x in `xs`, of T and of t_x in `times`. */
  readonly weight: Float64Array;
  readonly x: Float64Array;
  readonly xIndex: Int32Array;
  readonly tIndex: Int32Array;
  readonly txIndex: Int32Array;
}

/** Largest whole value indexed through a lookup array rather than a Map. */
const DENSE_LIMIT = 1 << 20;

/**
 * Index of each value of `values` among its distinct values (in order of first appearance).
 * Whole values below 2^20 (counts, times in days) go through a lookup array, which is several
 * times faster than a Map; anything else (times in weeks are fractions) through a Map.
 */
function indexValues(values: readonly Float64Array[], length: number): { index: Int32Array[]; distinct: Float64Array } {
  let max = 0;
  let whole = true;
  for (const column of values) {
    for (let i = 0; i < length && whole; i++) {
      const v = column[i];
      if (!(v >= 0 && v < DENSE_LIMIT && v === Math.floor(v))) whole = false;
      else if (v > max) max = v;
    }
  }
  const distinct: number[] = [];
  if (whole) {
    const slot = new Int32Array(max + 1).fill(-1);
    const index = values.map((column) => {
      const out = new Int32Array(length);
      for (let i = 0; i < length; i++) {
        const v = column[i];
        let k = slot[v];
        if (k < 0) {
          k = slot[v] = distinct.length;
          distinct.push(v);
        }
        out[i] = k;
      }
      return out;
    });
    return { index, distinct: Float64Array.from(distinct) };
  }
  const map = new Map<number, number>();
  const index = values.map((column) => {
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const v = column[i];
      let k = map.get(v);
      if (k === undefined) map.set(v, (k = map.size));
      out[i] = k;
    }
    return out;
  });
  return { index, distinct: Float64Array.from(map.keys()) };
}

/**
 * Merges identical (x, t_x, T) rows (numeric keys, no strings: the merge is part of every fit).
 * Rows must be valid summaries (checked by the fitter).
 */
export function compressBgNbd(x: Float64Array, tx: Float64Array, T: Float64Array, length: number): BgNbdData {
  const {
    index: [xi],
    distinct: xs,
  } = indexValues([x], length);
  const {
    index: [ti, txi],
    distinct: times,
  } = indexValues([T, tx], length);
  const nx = xs.length;
  const nt = times.length;
  const xWeight = new Float64Array(nx);
  const zeroCount = new Float64Array(nt);
  // Key (x, T, t_x) as one whole number (< 2^53: checked), merged through an open-addressing
  // table in typed arrays (a Map of 87k keys costs several times more).
  // Beyond 2^53 (10^5 distinct x with 10^5 distinct times: far beyond day or week summaries) string keys in a Map.
  const byString = nx * nt * nt < Number.MAX_SAFE_INTEGER ? null : new Map<string, number>();
  const capacity = byString ? 16 : 1 << Math.max(4, Math.ceil(Math.log2(2 * length + 1)));
  const shift = 32 - Math.log2(capacity);
  const keys = new Float64Array(capacity).fill(-1);
  const rowAt = new Int32Array(capacity);
  const weight = new Float64Array(length);
  const rowX = new Float64Array(length);
  const rowXi = new Int32Array(length);
  const rowTi = new Int32Array(length);
  const rowTxi = new Int32Array(length);
  let rows = 0;
  for (let i = 0; i < length; i++) {
    xWeight[xi[i]]++;
    if (x[i] === 0) {
      zeroCount[ti[i]]++;
      continue;
    }
    if (byString) {
      const key = `${xi[i]}|${ti[i]}|${txi[i]}`;
      const row = byString.get(key);
      if (row !== undefined) {
        weight[row]++;
        continue;
      }
      byString.set(key, rows);
    } else {
      const key = (xi[i] * nt + ti[i]) * nt + txi[i];
      // Fibonacci hashing of the key's low and high 32 bits, linear probing.
      let h = Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x9e3779b1) >>> shift;
      while (keys[h] !== -1 && keys[h] !== key) h = (h + 1) & (capacity - 1);
      if (keys[h] === key) {
        weight[rowAt[h]]++;
        continue;
      }
      keys[h] = key;
      rowAt[h] = rows;
    }
    weight[rows] = 1;
    rowX[rows] = x[i];
    rowXi[rows] = xi[i];
    rowTi[rows] = ti[i];
    rowTxi[rows] = txi[i];
    rows++;
  }
  const zeroTime: number[] = [];
  const zeroWeight: number[] = [];
  for (let k = 0; k < nt; k++) {
    if (zeroCount[k] > 0) {
      zeroTime.push(k);
      zeroWeight.push(zeroCount[k]);
    }
  }
  return {
    customers: length,
    xs,
    xWeight,
    times,
    zeroTime: Int32Array.from(zeroTime),
    zeroWeight: Float64Array.from(zeroWeight),
    weight: weight.slice(0, rows),
    x: rowX.slice(0, rows),
    xIndex: rowXi.slice(0, rows),
    tIndex: rowTi.slice(0, rows),
    txIndex: rowTxi.slice(0, rows),
  };
}

/**
 * Σ ln L over the customers at (r, α, a, b); when `gradient` is given, writes
 * (∂/∂r, ∂/∂α, ∂/∂a, ∂/∂b) of the sum into it. With w₄ = e^A₄ / (e^A₃ + e^A₄) (the log-sum-exp
 * weight of the "dropped out at t_x" term) and w₃ = 1 − w₄:
 *
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − w₃ ln(α+T) − w₄ ln(α+t_x)
 *   ∂/∂α = r/α − (r+x) (w₃/(α+T) + w₄/(α+t_x))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₄/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w₄/(b+x−1)
 *
 * (w₄ = 0 when x = 0). NaN outside the domain (a parameter <= 0).
 */
export function bgNbdTotal(data: BgNbdData, r: number, alpha: number, a: number, b: number, gradient?: Float64Array): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NaN;
  const { xs, xWeight, times } = data;
  const nx = xs.length;
  const nt = times.length;
  // Per distinct x: ln a − ln(b+x−1) (A₄ without the time term) and 1/(b+x−1).
  const logRatio = new Float64Array(nx);
  const invBx = new Float64Array(nx);
  const lnGammaR = lnGamma(r);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lnGammaAB = lnGamma(a + b);
  const lnGammaB = lnGamma(b);
  let sum = 0;
  let dR = 0;
  let dAlpha = 0;
  let dA = 0;
  let dB = 0;
  const psiR = gradient ? digamma(r) : 0;
  const psiAB = gradient ? digamma(a + b) : 0;
  const psiB = gradient ? digamma(b) : 0;
  for (let k = 0; k < nx; k++) {
    const x = xs[k];
    const w = xWeight[k];
    sum += w * (lnGamma(r + x) - lnGammaR + r * lnAlpha + lnGammaAB + lnGamma(b + x) - lnGammaB - lnGamma(a + b + x));
    if (x > 0) {
      logRatio[k] = lnA - Math.log(b + x - 1);
      invBx[k] = 1 / (b + x - 1);
    }
    if (gradient) {
      const psiABX = digamma(a + b + x);
      dR += w * (digamma(r + x) - psiR + lnAlpha);
      dAlpha += (w * r) / alpha;
      dA += w * (psiAB - psiABX);
      dB += w * (psiAB + digamma(b + x) - psiB - psiABX);
    }
  }
  const lnTimes = new Float64Array(nt);
  const invTimes = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    lnTimes[k] = Math.log(alpha + times[k]);
    invTimes[k] = 1 / (alpha + times[k]);
  }
  // x = 0: A₃ = −r ln(α+T) only.
  const { zeroTime, zeroWeight } = data;
  for (let i = 0; i < zeroTime.length; i++) {
    const w = zeroWeight[i];
    const k = zeroTime[i];
    sum -= w * r * lnTimes[k];
    dR -= w * lnTimes[k];
    dAlpha -= w * r * invTimes[k];
  }
  // x > 0: ln(e^A₃ + e^A₄), in a function of its own (small, so it is optimised early in a cold fit).
  const rowSums = repeatRows(data, r, lnTimes, invTimes, logRatio, invBx);
  sum += rowSums[0];
  const gR = rowSums[1];
  const gAlpha = rowSums[2];
  const gW4 = rowSums[3];
  const gW4Bx = rowSums[4];
  if (gradient) {
    gradient[0] = dR - gR;
    gradient[1] = dAlpha - gAlpha;
    gradient[2] = dA + gW4 / a;
    gradient[3] = dB - gW4Bx;
  }
  return sum;
}

/** Scratch for `repeatRows`' sums (one fit at a time per thread). */
const ROW_SUMS = new Float64Array(5);

/**
 * Over the merged rows with x > 0: Σ w ln(e^A₃ + e^A₄) and the gradient sums Σ w (w₃ ln(α+T) +
 * w₄ ln(α+t_x)), Σ w (r+x)(w₃/(α+T) + w₄/(α+t_x)), Σ w w₄, Σ w w₄/(b+x−1), in that order.
 */
function repeatRows(data: BgNbdData, r: number, lnTimes: Float64Array, invTimes: Float64Array, logRatio: Float64Array, invBx: Float64Array): Float64Array {
  const { weight, x, xIndex, tIndex, txIndex } = data;
  const rows = weight.length;
  let sum = 0;
  let gR = 0;
  let gAlpha = 0;
  let gW4 = 0;
  let gW4Bx = 0;
  for (let i = 0; i < rows; i++) {
    const rx = r + x[i];
    const kx = xIndex[i];
    const kt = tIndex[i];
    const ktx = txIndex[i];
    const lt = lnTimes[kt];
    const ltx = lnTimes[ktx];
    const a3 = -rx * lt;
    const a4 = logRatio[kx] - rx * ltx;
    // ln(e^A₃ + e^A₄) = max + ln(1 + e), e = e^(min − max) <= 1; w₄ from the same e.
    const high = a3 >= a4;
    const e = Math.exp(high ? a4 - a3 : a3 - a4);
    // ln(1 + e) by its series below 1e-4 (error < e⁵/5 < 2e-21): most heavy buyers' e is tiny and log1p costs as much as exp.
    const lnSum = e < 1e-4 ? e * (1 - e * (0.5 - e * (1 / 3 - 0.25 * e))) : Math.log1p(e);
    const w4 = high ? e / (1 + e) : 1 / (1 + e);
    const w3 = 1 - w4;
    const w = weight[i];
    sum += w * ((high ? a3 : a4) + lnSum);
    gR += w * (w3 * lt + w4 * ltx);
    gAlpha += w * rx * (w3 * invTimes[kt] + w4 * invTimes[ktx]);
    gW4 += w * w4;
    gW4Bx += w * w4 * invBx[kx];
  }
  ROW_SUMS[0] = sum;
  ROW_SUMS[1] = gR;
  ROW_SUMS[2] = gAlpha;
  ROW_SUMS[3] = gW4;
  ROW_SUMS[4] = gW4Bx;
  return ROW_SUMS;
}
