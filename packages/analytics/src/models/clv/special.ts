/**
 * Special functions the CLV models need: log-gamma (with sign, for negative arguments), log-beta
 * and the Gauss hypergeometric function 2F1 on the real line below 1. Plain doubles, no deps.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms: about 15 significant digits).
 * For x <= 0 it is ln |Γ(x)| (see `gammaSign`), +Infinity at the poles 0, -1, -2, ...
 */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0 (the likelihood gradients need it): the recurrence
 * ψ(x) = ψ(x+1) − 1/x up to x >= 10, then the asymptotic series
 * ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) to x⁻¹²; the first omitted term is below 1e-15 there.
 * NaN for x <= 0 (not needed: every argument is a sum of positive parameters and counts).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // B₂/2, B₄/4, ..., B₁₂/12: 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - tail;
}

/** The sign of Γ(x): 1 for x > 0, alternating between the poles below 0; 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  // Between -k-1 and -k (k = 0, 1, ...) the sign is (-1)^(k+1).
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** Thrown by `hyp2f1` where the function is not defined or the series cannot be summed. */
export class HypergeometricError extends RangeError {
  override readonly name = 'HypergeometricError';
}

const SERIES_LIMIT = 0.75;
const MAX_TERMS = 100_000;
const EPS = 1e-16;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ for real z < 1
 * (and z = 1 when c − a − b > 0, by Gauss's theorem Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b))).
 *
 * - |z| <= 0.75: the power series itself (terms shrink at least like 0.75ᵏ).
 * - z < −0.75: Pfaff's transformation 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)),
 *   which maps z to w = z/(z−1) in (0.43, 1).
 * - 0.75 < z < 1: the connection formula to 1 − z (Abramowitz & Stegun 15.3.6):
 *   2F1(a,b;c;z) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) · 2F1(a, b; a+b−c+1; 1−z)
 *                + (1−z)^(c−a−b) Γ(c)Γ(a+b−c)/(Γ(a)Γ(b)) · 2F1(c−a, c−b; c−a−b+1; 1−z).
 *   Both series converge fast (1 − z < 0.25). Where c − a − b is (within 1e-5 of) an integer
 *   the two Γ(±(c−a−b)) terms blow up and cancel; there the function is read off the cubic
 *   through c − a − b = n ± 1e-4, n ± 2e-4 (error O(1e-16) from the cubic, about 1e-11 from
 *   the cancellation).
 *
 * A terminating series (a or b a non-positive integer) is summed directly for any z.
 * @throws HypergeometricError when c is a non-positive integer (undefined), z >= 1 outside
 *   Gauss's case, or the series does not converge in 100 000 terms.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new HypergeometricError(`hyp2f1: arguments must be finite, got (${a}, ${b}; ${c}; ${z})`);
  if (c <= 0 && Number.isInteger(c)) throw new HypergeometricError(`hyp2f1: c = ${c} is a non-positive integer (undefined)`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return series(a, b, c, z);
  if (z === 1) {
    if (c - a - b <= 0) throw new HypergeometricError(`hyp2f1: diverges at z = 1 when c − a − b <= 0 (got ${c - a - b})`);
    return Math.exp(lnGamma(c) + lnGamma(c - a - b) - lnGamma(c - a) - lnGamma(c - b)) * gammaSign(c) * gammaSign(c - a - b) * gammaSign(c - a) * gammaSign(c - b);
  }
  if (z > 1) throw new HypergeometricError(`hyp2f1: z = ${z} > 1 (only real z < 1 is supported)`);
  if (Math.abs(z) <= SERIES_LIMIT) return series(a, b, c, z);
  if (z < 0) return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, z / (z - 1));
  return nearOne(a, b, c, z);
}

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

/** The power series, summed until a term no longer changes the sum. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < MAX_TERMS; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (term === 0 || Math.abs(term) <= EPS * Math.abs(sum)) return sum;
  }
  throw new HypergeometricError(`hyp2f1: series for (${a}, ${b}; ${c}; ${z}) did not converge in ${MAX_TERMS} terms`);
}

const INTEGER_GAP = 1e-4;
const NODES = [-2, -1, 1, 2];

function nearOne(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  const n = Math.round(m);
  const e = m - n;
  if (Math.abs(e) >= INTEGER_GAP) return connection(a, b, c, z);
  // Cubic through c − a − b = n ± h, n ± 2h (moving c only), read at m: error O(h⁴).
  let value = 0;
  for (const i of NODES) {
    let weight = 1;
    for (const j of NODES) if (j !== i) weight *= (e / INTEGER_GAP - j) / (i - j);
    value += weight * connection(a, b, c - e + i * INTEGER_GAP, z);
  }
  return value;
}

/** A&S 15.3.6 for c − a − b not an integer. */
function connection(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  const w = 1 - z;
  const first = gammaRatio([c, m], [c - a, c - b]);
  const second = gammaRatio([c, -m], [a, b]);
  let value = 0;
  if (first !== 0) value += first * series(a, b, 1 - m, w);
  if (second !== 0) value += second * Math.pow(w, m) * series(c - a, c - b, 1 + m, w);
  return value;
}

/** Π Γ(numerator) / Π Γ(denominator), 0 when a denominator argument is a pole. */
function gammaRatio(numerator: readonly number[], denominator: readonly number[]): number {
  let sign = 1;
  let ln = 0;
  for (const x of denominator) {
    const s = gammaSign(x);
    if (s === 0) return 0;
    sign *= s;
    ln -= lnGamma(x);
  }
  for (const x of numerator) {
    sign *= gammaSign(x);
    ln += lnGamma(x);
  }
  return sign * Math.exp(ln);
}
