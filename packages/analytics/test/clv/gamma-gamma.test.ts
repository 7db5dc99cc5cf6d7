import { describe, expect, it } from 'vitest';
import { ClvFitError, fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood } from '../../src/models/clv/index.js';
import { gamma, rng } from './simulate.js';

describe('Gamma-Gamma log-likelihood of one repeat buyer (Fader & Hardie 2013 eq. 3)', () => {
  it('p = 1, q = 2, γ = 3, x = 1, m = 2: Γ(3)/(Γ(1)Γ(2)) · 3² · 2⁰ · 1¹ / 5³ = 18/125', () => {
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 3 }, { x: 1, monetary: 2 })).toBeCloseTo(Math.log(18 / 125), 13);
  });

  it('p = 2, q = 3, γ = 4, x = 2, m = 5: 60 · 64 · 125 · 16 / 14⁷', () => {
    // px = 4: Γ(7)/(Γ(4)Γ(3)) = 720/(6·2) = 60; γ^q = 4³ = 64; m^(px−1) = 5³ = 125;
    // x^(px) = 2⁴ = 16; (γ + m x)^(px+q) = 14⁷ = 105 413 504
    expect(gammaGammaLogLikelihood({ p: 2, q: 3, gamma: 4 }, { x: 2, monetary: 5 })).toBeCloseTo(Math.log((60 * 64 * 125 * 16) / 105_413_504), 12);
  });
});

describe('gammaGammaExpectedSpend (eq. 5)', () => {
  it('p(γ + m x)/(px + q − 1): p = 1, q = 2, γ = 3, x = 1, m = 2 gives 5/2', () => {
    expect(gammaGammaExpectedSpend({ p: 1, q: 2, gamma: 3 }, { x: 1, monetary: 2 })).toBeCloseTo(2.5, 14);
  });

  it('is the population mean pγ/(q−1) without repeat purchases, and tends to m for heavy buyers', () => {
    // CDNOW estimates: 6.25 · 15.44 / 2.74 = 35.22
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    expect(gammaGammaExpectedSpend(params, { x: 0, monetary: 0 })).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(gammaGammaExpectedSpend(params, { x: 10_000, monetary: 80 })).toBeCloseTo(80, 1);
    // a weighted mean: between the population mean and the customer's own mean
    const e = gammaGammaExpectedSpend(params, { x: 3, monetary: 80 });
    expect(e).toBeGreaterThan(35.22);
    expect(e).toBeLessThan(80);
  });

  it('is infinite when the population mean does not exist (q <= 1, x = 0)', () => {
    expect(gammaGammaExpectedSpend({ p: 1, q: 0.8, gamma: 3 }, { x: 0, monetary: 0 })).toBe(Infinity);
  });
});

describe('fitGammaGamma', () => {
  it('recovers simulated parameters, ignores x = 0 rows and reports the repeat buyers it used', () => {
    // ν ~ Gamma(q, γ) per customer; each of x transactions ~ Gamma(p, ν); m = their mean.
    const truth = { p: 4, q: 3, gamma: 20 };
    const u = rng(11);
    const rows = Array.from({ length: 4000 }, (_, i) => {
      const x = 1 + Math.floor(u() * 8);
      const nu = gamma(u, truth.q, truth.gamma);
      let total = 0;
      for (let k = 0; k < x; k++) total += gamma(u, truth.p, nu);
      return i % 10 === 0 ? { x: 0, monetary: 0 } : { x, monetary: total / x };
    });
    const fit = fitGammaGamma(rows);
    expect(fit.customers).toBe(3600);
    const sum = (params: typeof truth) => rows.filter((r) => r.x > 0).reduce((s, r) => s + gammaGammaLogLikelihood(params, r), 0);
    expect(fit.logLikelihood).toBeCloseTo(sum(fit), 6);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(sum(truth));
    expect(Math.abs(fit.p / truth.p - 1)).toBeLessThan(0.1);
    expect(Math.abs(fit.q / truth.q - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.gamma / truth.gamma - 1)).toBeLessThan(0.3);
    // the population mean pγ/(q−1) is pinned down better than each parameter: 4·20/2 = 40
    expect(Math.abs((fit.p * fit.gamma) / (fit.q - 1) / 40 - 1)).toBeLessThan(0.05);
  }, 60_000);

  it('throws ClvFitError without repeat buyers or with a non-positive mean spend', () => {
    expect(() => fitGammaGamma([{ x: 0, monetary: 0 }])).toThrow(ClvFitError);
    expect(() => fitGammaGamma([{ x: 0, monetary: 0 }])).toThrow(/none of the 1 customers made a repeat transaction/);
    try {
      fitGammaGamma([{ x: 2, monetary: -5 }]);
      expect.unreachable();
    } catch (e) {
      expect((e as ClvFitError).reason).toBe('invalid-input');
      expect((e as ClvFitError).model).toBe('gamma-gamma');
    }
  });

  it('calls a degenerate fit degenerate: every repeat buyer spends the same', () => {
    // no spread in m: q and γ run off to infinity together (the spend distribution collapses)
    const rows = Array.from({ length: 50 }, (_, i) => ({ x: 1 + (i % 4), monetary: 10 }));
    try {
      fitGammaGamma(rows);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ClvFitError);
      expect((e as ClvFitError).reason).toBe('degenerate');
      expect((e as Error).message).toMatch(/ran to infinity/);
    }
  });
});
