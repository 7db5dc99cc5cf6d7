import { digamma, lnGamma } from './special.js';

/**
 * The Gamma-Gamma log-likelihood summed over the repeat buyers, with its gradient, for the
 * fitter (Fader & Hardie 2013 eq. 3; FHL 2005b "RFM and CLV"):
 *
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x).
 *
 * Why split this way: only ln(γ + m x) depends on both a parameter and the row's m, so that is
 * the one logarithm per row per evaluation; the Γ and ψ terms depend on x alone (computed once
 * per distinct x) and Σ (px−1) ln m + px ln x = p Σ x (ln m + ln x) − Σ ln m is a constant pair.
 */
export interface SpendData {
  /** Repeat buyers. */
  readonly customers: number;
  /** Distinct x and the buyers with each. */
  readonly xs: Float64Array;
  readonly xWeight: Float64Array;
  /** Per buyer: x and m x (the total of the repeat transactions). */
  readonly x: Float64Array;
  readonly mx: Float64Array;
  /** Σ x (ln m + ln x) and Σ ln m over the buyers. */
  readonly sumXLnMX: number;
  readonly sumLnM: number;
}

/** The data of buyers with x > 0 and m > 0 (checked by the fitter). */
export function spendData(x: Float64Array, m: Float64Array): SpendData {
  const n = x.length;
  const map = new Map<number, number>();
  const counts: number[] = [];
  const mx = new Float64Array(n);
  let sumXLnMX = 0;
  let sumLnM = 0;
  for (let i = 0; i < n; i++) {
    const k = map.get(x[i]);
    if (k === undefined) {
      map.set(x[i], counts.length);
      counts.push(1);
    } else counts[k]++;
    mx[i] = m[i] * x[i];
    const lnM = Math.log(m[i]);
    sumXLnMX += x[i] * (lnM + Math.log(x[i]));
    sumLnM += lnM;
  }
  return { customers: n, xs: Float64Array.from(map.keys()), xWeight: Float64Array.from(counts), x, mx, sumXLnMX, sumLnM };
}

/**
 * Σ ln f at (p, q, γ); when `gradient` is given, writes (∂/∂p, ∂/∂q, ∂/∂γ) of the sum into it:
 *
 *   ∂/∂p = Σ x [ψ(px+q) − ψ(px) + ln m + ln x − ln(γ + m x)]
 *   ∂/∂q = Σ [ψ(px+q) − ψ(q) + ln γ − ln(γ + m x)]
 *   ∂/∂γ = Σ [q/γ − (px+q)/(γ + m x)]
 *
 * NaN outside the domain (a parameter <= 0).
 */
export function gammaGammaTotal(data: SpendData, p: number, q: number, gamma: number, gradient?: Float64Array): number {
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NaN;
  const { xs, xWeight, customers: n } = data;
  const lnGammaQ = lnGamma(q);
  const psiQ = gradient ? digamma(q) : 0;
  let shared = 0;
  let dP = 0;
  let dQ = 0;
  for (let k = 0; k < xs.length; k++) {
    const px = p * xs[k];
    const w = xWeight[k];
    shared += w * (lnGamma(px + q) - lnGamma(px) - lnGammaQ);
    if (gradient) {
      const psiPQ = digamma(px + q);
      dP += w * xs[k] * (psiPQ - digamma(px));
      dQ += w * (psiPQ - psiQ);
    }
  }
  // Per buyer, in a function of its own (small, so it is optimised early in a cold fit).
  const sums = buyerSums(data, gamma, gradient !== undefined);
  const sumL = sums[0];
  const sumXL = sums[1];
  const sumI = sums[2];
  const sumXI = sums[3];
  const lnG = Math.log(gamma);
  if (gradient) {
    gradient[0] = dP + data.sumXLnMX - sumXL;
    gradient[1] = dQ + n * lnG - sumL;
    gradient[2] = (n * q) / gamma - (p * sumXI + q * sumI);
  }
  return shared + n * q * lnG + p * data.sumXLnMX - data.sumLnM - p * sumXL - q * sumL;
}

/** Scratch for `buyerSums` (one fit at a time per thread). */
const BUYER_SUMS = new Float64Array(4);

/** Σ ln(γ + m x), Σ x ln(γ + m x) and, with `gradient`, Σ 1/(γ + m x), Σ x/(γ + m x). */
function buyerSums(data: SpendData, gamma: number, gradient: boolean): Float64Array {
  const { x, mx } = data;
  const n = x.length;
  let sumL = 0;
  let sumXL = 0;
  let sumI = 0;
  let sumXI = 0;
  if (gradient) {
    for (let i = 0; i < n; i++) {
      const v = gamma + mx[i];
      const l = Math.log(v);
      const inv = 1 / v;
      sumL += l;
      sumXL += x[i] * l;
      sumI += inv;
      sumXI += x[i] * inv;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const l = Math.log(gamma + mx[i]);
      sumL += l;
      sumXL += x[i] * l;
    }
  }
  BUYER_SUMS[0] = sumL;
  BUYER_SUMS[1] = sumXL;
  BUYER_SUMS[2] = sumI;
  BUYER_SUMS[3] = sumXI;
  return BUYER_SUMS;
}
