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

/** Index of each value of `values` among its distinct values (in order of first appearance). */
function indexValues(values: readonly Float64Array[], length: number): { index: Int32Array[]; distinct: Float64Array } {
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
  // Key (x, T, t_x) as one number when it fits in a double's integers, else as a string.
  const numeric = nx * nt * nt < Number.MAX_SAFE_INTEGER;
  const rowOf = new Map<number | string, number>();
  const weight: number[] = [];
  const rowX: number[] = [];
  const rowXi: number[] = [];
  const rowTi: number[] = [];
  const rowTxi: number[] = [];
  for (let i = 0; i < length; i++) {
    xWeight[xi[i]]++;
    if (x[i] === 0) {
      zeroCount[ti[i]]++;
      continue;
    }
    const key = numeric ? (xi[i] * nt + ti[i]) * nt + txi[i] : `${xi[i]}|${ti[i]}|${txi[i]}`;
    const row = rowOf.get(key);
    if (row !== undefined) {
      weight[row]++;
      continue;
    }
    rowOf.set(key, weight.length);
    weight.push(1);
    rowX.push(x[i]);
    rowXi.push(xi[i]);
    rowTi.push(ti[i]);
    rowTxi.push(txi[i]);
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
    weight: Float64Array.from(weight),
    x: Float64Array.from(rowX),
    xIndex: Int32Array.from(rowXi),
    tIndex: Int32Array.from(rowTi),
    txIndex: Int32Array.from(rowTxi),
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
  // x > 0: ln(e^A₃ + e^A₄), A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
  const { weight, x: rowX, xIndex, tIndex, txIndex } = data;
  const rows = weight.length;
  let gR = 0;
  let gAlpha = 0;
  let gW4 = 0;
  let gW4Bx = 0;
  for (let i = 0; i < rows; i++) {
    const rx = r + rowX[i];
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
    const ll = (high ? a3 : a4) + lnSum;
    const w4 = high ? e / (1 + e) : 1 / (1 + e);
    const w = weight[i];
    sum += w * ll;
    if (gradient) {
      const w3 = 1 - w4;
      gR += w * (w3 * lt + w4 * ltx);
      gAlpha += w * rx * (w3 * invTimes[kt] + w4 * invTimes[ktx]);
      gW4 += w * w4;
      gW4Bx += w * w4 * invBx[kx];
    }
  }
  if (gradient) {
    gradient[0] = dR - gR;
    gradient[1] = dAlpha - gAlpha;
    gradient[2] = dA + gW4 / a;
    gradient[3] = dB - gW4Bx;
  }
  return sum;
}
