import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpected,
  bgNbdExpected,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  ClvFitError,
  fitBgNbd,
  lnBeta,
  type FitProgress,
} from '../../src/models/clv/index.js';
import { rng, simulateBgNbd } from './simulate.js';

/** The published CDNOW estimates (FHL 2005), used as "realistic" parameters below. */
const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** Simpson's rule of f over [0, 1] with n (even) intervals. */
function simpson(f: (u: number) => number, n = 20_000): number {
  const h = 1 / n;
  let sum = f(0) + f(1);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

/**
 * ∫₀¹ p^(a−1) g(p) dp with the p = 0 singularity removed: p = v^(m/a), m = ⌈2a⌉, turns
 * p^(a−1) dp into (m/a) v^(m−1) dv, and g(p) = g(0) + g'(0) v^(m/a) + ... is smooth enough in v
 * (m/a >= 2) for Simpson's rule.
 */
function betaQuadrature(a: number, g: (p: number) => number): number {
  const m = Math.max(1, Math.ceil(2 * a));
  const k = m / a;
  return (m / a) * simpson((v) => Math.pow(v, m - 1) * g(Math.pow(v, k)));
}

/**
 * E[X(t)] by quadrature over the dropout probability p ~ Beta(a, b), independent of the 2F1:
 * given (λ, p), E[X(t)] = (1 − e^(−λpt))/p; integrating λ ~ Gamma(r, α) gives
 * (1 − (α/(α+pt))^r)/p, so E[X(t)] = 1/B(a,b) ∫₀¹ p^(a−1) (1−p)^(b−1) (1 − (α/(α+pt))^r)/p dp.
 */
function expectedByQuadrature({ r, alpha, a, b }: typeof CDNOW, t: number): number {
  const integral = betaQuadrature(a, (p) => {
    if (p === 0) return (r * t) / alpha; // the limit of (1 − (α/(α+pt))^r)/p
    return Math.pow(1 - p, b - 1) * (-Math.expm1(r * Math.log(alpha / (alpha + p * t))) / p);
  });
  return integral / Math.exp(lnBeta(a, b));
}

/**
 * E[Y(t) | x, t_x, T] by quadrature: the likelihood of the history given (λ, p) is
 * (1−p)^x λ^x e^(−λT) [alive] + δ p(1−p)^(x−1) λ^x e^(−λ t_x) [dropped after the last purchase];
 * only the alive part buys again, (1 − e^(−λpt))/p in expectation. Integrating λ out and
 * scaling by (α+T)^(r+x):
 *   numerator   = ∫ p^(a−1)(1−p)^(b−1+x) [1 − ((α+T)/(α+T+pt))^(r+x)] / p dp
 *   denominator = ∫ p^(a−1)(1−p)^(b−1) [(1−p)^x + δ p (1−p)^(x−1) ((α+T)/(α+t_x))^(r+x)] dp
 * (the common factors cancel).
 */
function conditionalByQuadrature({ r, alpha, a, b }: typeof CDNOW, { x, t_x, T }: { x: number; t_x: number; T: number }, t: number): number {
  const numerator = betaQuadrature(a, (p) => {
    if (p === 0) return ((r + x) * t) / (alpha + T);
    return Math.pow(1 - p, b - 1 + x) * (-Math.expm1((r + x) * Math.log((alpha + T) / (alpha + T + p * t))) / p);
  });
  const ratio = Math.pow((alpha + T) / (alpha + t_x), r + x);
  const denominator = betaQuadrature(a, (p) => Math.pow(1 - p, b - 1) * (Math.pow(1 - p, x) + (x > 0 ? p * Math.pow(1 - p, x - 1) * ratio : 0)));
  return numerator / denominator;
}

describe('BG/NBD log-likelihood of one customer (FHL 2005 eq. 6)', () => {
  it('r = α = a = b = 1, x = 1, t_x = 1, T = 2: L = 1/18 + 1/8 = 13/72', () => {
    // First term:  B(1, 2)/B(1, 1) · Γ(2)·1 / (Γ(1)·(1+2)²) = (1/2)·(1/9) = 1/18
    // Second term: B(2, 1)/B(1, 1) · Γ(2)·1 / (Γ(1)·(1+1)²) = (1/2)·(1/4) = 1/8
    expect(bgNbdLogLikelihood({ r: 1, alpha: 1, a: 1, b: 1 }, { x: 1, t_x: 1, T: 2 })).toBeCloseTo(Math.log(13 / 72), 13);
  });

  it('x = 0 has only the first term: r = 2, α = 3, T = 4 gives α^r/(α+T)^r = 9/49', () => {
    // B(a, b+0)/B(a, b) = 1; Γ(2)/Γ(2) = 1; 3² / 7² = 9/49 (a and b do not matter)
    expect(bgNbdLogLikelihood({ r: 2, alpha: 3, a: 0.5, b: 1.5 }, { x: 0, t_x: 0, T: 4 })).toBeCloseTo(Math.log(9 / 49), 13);
  });

  it('r = 0.5, α = 2, a = 2, b = 3, x = 2, t_x = 3, T = 5', () => {
    // Γ(2.5)/Γ(0.5) = 1.5 · 0.5 = 0.75; α^r = √2
    // B(2, 5)/B(2, 3) = (1!4!/6!)/(1!2!/4!) = (1/30)/(1/12) = 0.4
    // B(3, 4)/B(2, 3) = (2!3!/6!)/(1/12) = (1/60)·12 = 0.2
    // L = 0.75·√2 · (0.4 / 7^2.5 + 0.2 / 5^2.5),  7^2.5 = 49√7,  5^2.5 = 25√5
    const expected = 0.75 * Math.SQRT2 * (0.4 / (49 * Math.sqrt(7)) + 0.2 / (25 * Math.sqrt(5)));
    expect(bgNbdLogLikelihood({ r: 0.5, alpha: 2, a: 2, b: 3 }, { x: 2, t_x: 3, T: 5 })).toBeCloseTo(Math.log(expected), 12);
  });
});

describe('P(alive)', () => {
  it('is 1 without repeat purchases, whatever the parameters and T', () => {
    expect(bgNbdProbabilityAlive(CDNOW, { x: 0, t_x: 0, T: 39 })).toBe(1);
    expect(bgNbdProbabilityAlive({ r: 5, alpha: 0.1, a: 9, b: 0.1 }, { x: 0, t_x: 0, T: 1000 })).toBe(1);
  });

  it('r = α = a = b = 1, x = 1, t_x = 1, T = 2: 1/(1 + (1/1)(3/2)²) = 4/13 (the first term of L over L)', () => {
    expect(bgNbdProbabilityAlive({ r: 1, alpha: 1, a: 1, b: 1 }, { x: 1, t_x: 1, T: 2 })).toBeCloseTo(4 / 13, 14);
  });

  it('is 1/(1 + a/(b+x−1)) when the last purchase is at T, and falls as the customer stays away', () => {
    // (α+T)/(α+t_x) = 1: 1/(1 + 0.793/(2.426+3−1))
    expect(bgNbdProbabilityAlive(CDNOW, { x: 3, t_x: 30, T: 30 })).toBeCloseTo(1 / (1 + 0.793 / 4.426), 14);
    const recent = bgNbdProbabilityAlive(CDNOW, { x: 3, t_x: 25, T: 30 });
    const lapsed = bgNbdProbabilityAlive(CDNOW, { x: 3, t_x: 5, T: 30 });
    expect(recent).toBeGreaterThan(lapsed);
    // lapsed: 1/(1 + (0.793/4.426)·(34.414/9.414)^3.243)
    expect(lapsed).toBeCloseTo(1 / (1 + (0.793 / 4.426) * Math.pow(34.414 / 9.414, 3.243)), 12);
  });
});

describe('E[X(t)] (FHL 2005 eq. 9)', () => {
  it('is 0 at t = 0', () => {
    expect(bgNbdExpected(CDNOW, 0)).toBe(0);
  });

  it('r = 1, α = 1, a = 2, b = 1, t = 1: 2·(1 − ln 2) through 2F1(1, 1; 2; z) = −ln(1−z)/z', () => {
    // (a+b−1)/(a−1) = 2; z = t/(α+t) = 1/2; (α/(α+t))^r = 1/2; 2F1(1, 1; 2; 1/2) = 2 ln 2
    // E = 2·(1 − (1/2)·2 ln 2) = 2(1 − ln 2)
    expect(bgNbdExpected({ r: 1, alpha: 1, a: 2, b: 1 }, 1)).toBeCloseTo(2 * (1 - Math.LN2), 13);
  });

  it('matches quadrature over p at CDNOW-like parameters, including long horizons', () => {
    for (const t of [1, 10, 39, 78, 500]) {
      expect(bgNbdExpected(CDNOW, t)).toBeCloseTo(expectedByQuadrature(CDNOW, t), 6);
    }
    const other = { r: 2.5, alpha: 0.7, a: 3.2, b: 2.4 };
    for (const t of [0.5, 5, 200]) expect(bgNbdExpected(other, t)).toBeCloseTo(expectedByQuadrature(other, t), 6);
  });

  it('tends to E[1/p] = (a+b−1)/(a−1) transactions before dropout as t → ∞ (a > 1)', () => {
    // a = 3, b = 2: (3+2−1)/(3−1) = 2
    expect(bgNbdExpected({ r: 5, alpha: 1, a: 3, b: 2 }, 1e9)).toBeCloseTo(2, 5);
  });

  it('is finite and continuous at a = 1 (the 0/0 of the formula)', () => {
    const at = (a: number) => bgNbdExpected({ r: 0.5, alpha: 3, a, b: 2 }, 20);
    // the slope in a is about −0.7 here: steps of 1e-6 move it by about 7e-7
    expect(at(1)).toBeCloseTo(at(1 + 1e-6), 5);
    expect(at(1)).toBeCloseTo(at(1 - 1e-6), 5);
    expect(at(1)).toBeCloseTo(expectedByQuadrature({ r: 0.5, alpha: 3, a: 1, b: 2 }, 20), 6);
  });
});

describe('E[Y(t) | x, t_x, T] (FHL 2005 eq. 10)', () => {
  it('is 0 at t = 0 and equals E[X(t)] for a customer just acquired (x = 0, T = 0)', () => {
    expect(bgNbdConditionalExpected(CDNOW, { x: 4, t_x: 20, T: 30 }, 0)).toBe(0);
    expect(bgNbdConditionalExpected(CDNOW, { x: 0, t_x: 0, T: 0 }, 26)).toBeCloseTo(bgNbdExpected(CDNOW, 26), 12);
  });

  it('matches quadrature over p, light and heavy buyers (x up to 150, where the plain 2F1 form overflows)', () => {
    const customers = [
      { x: 0, t_x: 0, T: 38.86 },
      { x: 2, t_x: 30.43, T: 38.86 },
      { x: 7, t_x: 35, T: 38 },
      { x: 7, t_x: 5, T: 38 },
      { x: 50, t_x: 70, T: 72 },
      { x: 150, t_x: 700, T: 720 },
    ];
    for (const c of customers) {
      for (const t of [1, 39, 200]) {
        const expected = conditionalByQuadrature(CDNOW, c, t);
        expect(Math.abs(bgNbdConditionalExpected(CDNOW, c, t) - expected)).toBeLessThan(1e-6 * Math.max(1, expected));
      }
    }
  }, 60_000);

  it('tends to P(alive)·(a+b+x−1)/(a−1) as t → ∞ (a > 1): the posterior mean of 1/p for the living', () => {
    const params = { r: 4, alpha: 2, a: 3, b: 2 };
    const customer = { x: 2, t_x: 5, T: 10 };
    // (3+2+2−1)/(3−1) = 3
    expect(bgNbdConditionalExpected(params, customer, 1e9)).toBeCloseTo(bgNbdProbabilityAlive(params, customer) * 3, 4);
  });

  it('grows with t and is larger for the frequent, recent buyer', () => {
    const c = { x: 3, t_x: 30, T: 38 };
    expect(bgNbdConditionalExpected(CDNOW, c, 10)).toBeLessThan(bgNbdConditionalExpected(CDNOW, c, 20));
    expect(bgNbdConditionalExpected(CDNOW, { x: 10, t_x: 37, T: 38 }, 39)).toBeGreaterThan(bgNbdConditionalExpected(CDNOW, { x: 10, t_x: 5, T: 38 }, 39));
  });
});

describe('fitBgNbd', () => {
  it('recovers the parameters of simulated customers and beats the true parameters on likelihood', () => {
    const truth = { r: 0.6, alpha: 5, a: 0.8, b: 3 };
    const u = rng(7);
    // times rounded to whole days (in weeks), as summaries of real orders are
    const rows = Array.from({ length: 8000 }, () => {
      const c = simulateBgNbd(u, truth, Math.round(140 + 280 * u()) / 7);
      return { ...c, t_x: Math.min(c.T, Math.round(c.t_x * 7) / 7) };
    });
    const progress: FitProgress[] = [];
    const fit = fitBgNbd(rows, { onIteration: (p) => progress.push(p) });
    const sum = (params: typeof truth) => rows.reduce((s, row) => s + bgNbdLogLikelihood(params, row), 0);
    // the fit's reported LL is the model's LL at its estimate, and no lower than at the truth
    expect(fit.logLikelihood).toBeCloseTo(sum(fit), 6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(sum(truth));
    expect(fit.r).toBeCloseTo(truth.r, 0);
    expect(Math.abs(fit.r / truth.r - 1)).toBeLessThan(0.15);
    expect(Math.abs(fit.alpha / truth.alpha - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.a / truth.a - 1)).toBeLessThan(0.35);
    expect(Math.abs(fit.b / truth.b - 1)).toBeLessThan(0.5);
    expect(fit.customers).toBe(8000);
    expect(fit.repeatBuyers).toBe(rows.filter((r) => r.x > 0).length);
    // progress: every iteration reported, evaluations never decrease
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.length).toBe(fit.iterations);
    for (let i = 1; i < progress.length; i++) expect(progress[i].evaluations).toBeGreaterThanOrEqual(progress[i - 1].evaluations);
    expect(progress[0].model).toBe('bg-nbd');
  }, 60_000);

  it('throws ClvFitError with a reason for unusable input', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvFitError);
        return (e as ClvFitError).reason;
      }
      return 'no error';
    };
    expect(reason(() => fitBgNbd([]))).toBe('no-customers');
    expect(reason(() => fitBgNbd([{ x: 0, t_x: 0, T: 10 }, { x: 0, t_x: 0, T: 3 }]))).toBe('no-repeat-buyers');
    expect(reason(() => fitBgNbd([{ x: 1, t_x: 12, T: 10 }]))).toBe('invalid-input');
    expect(reason(() => fitBgNbd([{ x: 1.5, t_x: 2, T: 10 }]))).toBe('invalid-input');
    expect(() => fitBgNbd([{ x: 0, t_x: 0, T: 10 }])).toThrow(/none of the 1 customers bought again/);
  });
});
