import { describe, expect, it } from 'vitest';
import { gammaSign, hyp2f1, HypergeometricError, lnBeta, lnGamma } from '../../src/models/clv/index.js';

/** The plain power series summed to 20 000 terms, written here independently of the code under test. */
function plainSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 20_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
  }
  return sum;
}

describe('lnGamma', () => {
  it('matches factorials and half-integer values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13); // 4! = 24
    expect(lnGamma(11)).toBeCloseTo(Math.log(3_628_800), 12); // 10!
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13); // Γ(1/2) = √π
    expect(lnGamma(2.5)).toBeCloseTo(Math.log(0.75 * Math.sqrt(Math.PI)), 13); // Γ(5/2) = 3/4 √π
    expect(lnGamma(171)).toBeCloseTo(706.5730622457874, 9); // ln 170!
  });

  it('reflects to negative arguments with the right sign', () => {
    // Γ(−1/2) = −2√π, Γ(−3/2) = 4√π/3
    expect(lnGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(lnGamma(-1.5)).toBeCloseTo(Math.log((4 * Math.sqrt(Math.PI)) / 3), 13);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(3)).toBe(1);
    expect(gammaSign(-2)).toBe(0);
    expect(lnGamma(-2)).toBe(Infinity);
  });

  it('lnBeta: B(2, 3) = 1! 2! / 4! = 1/12', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });
});

describe('hyp2f1', () => {
  it('2F1(1, 1; 2; z) = −ln(1 − z)/z on both sides of the series/connection switch and for z < 0', () => {
    for (const z of [0.3, 0.75, 0.76, 0.9, 0.99, 0.999999, -0.5, -3, -50]) {
      // c − a − b = 0 here: the connection formula's integer case
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 9);
    }
  });

  it('2F1(a, b; b; z) = (1 − z)^(−a)', () => {
    expect(hyp2f1(0.5, 2, 2, 0.95)).toBeCloseTo(Math.pow(0.05, -0.5), 9); // √20 = 4.4721
    expect(hyp2f1(1.7, 0.4, 0.4, 0.5)).toBeCloseTo(Math.pow(0.5, -1.7), 12);
    expect(hyp2f1(1, 1, 1, 0.9)).toBeCloseTo(10, 8); // c − a − b = −1, an integer: 1/(1 − 0.9)
  });

  it('2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z', () => {
    expect(hyp2f1(0.5, 0.5, 1.5, 0.81)).toBeCloseTo(Math.asin(0.9) / 0.9, 11);
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 13); // (π/6)/(1/2) = π/3
  });

  it('sums terminating series: 2F1(−2, 3; 4; 1/2) = 1 − 3/4 + 3/20 = 0.4', () => {
    // terms: 1, (−2)(3)/(4·1)·(1/2) = −3/4, (−2)(−1)(3)(4)/((4)(5)·2)·(1/4) = 24/40/4 = 3/20
    expect(hyp2f1(-2, 3, 4, 0.5)).toBeCloseTo(0.4, 14);
    expect(hyp2f1(-2, 3, 4, 5)).toBeCloseTo(1 - (6 / 4) * 5 + (24 / 40) * 25, 10); // a polynomial, any z
  });

  it("Gauss's theorem at z = 1: 2F1(1, 1; 3; 1) = Γ(3)Γ(1)/(Γ(2)Γ(2)) = 2", () => {
    expect(hyp2f1(1, 1, 3, 1)).toBeCloseTo(2, 12);
  });

  it('agrees with the plain series where it converges, through the connection formula and near-integer c − a − b', () => {
    const cases: [number, number, number, number][] = [
      [0.243, 2.426, 2.219, 0.8], // BG/NBD-like arguments at CDNOW's estimates
      [1.95, -0.207, 2.219, 0.9],
      [0.3, 2.1, 1.7, 0.85],
      [2, 3, 5.0000001, 0.8], // c − a − b = 1e-7: the cubic rule
      [1.5, 0.5, 3.000003, 0.95], // c − a − b = 1 + 3e-6
    ];
    for (const [a, b, c, z] of cases) {
      const expected = plainSeries(a, b, c, z);
      expect(Math.abs(hyp2f1(a, b, c, z) / expected - 1)).toBeLessThan(1e-8);
    }
  });

  it('refuses undefined arguments', () => {
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(HypergeometricError);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(/diverges/);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(/z = 1.5/);
    expect(() => hyp2f1(Number.NaN, 1, 2, 0.5)).toThrow(/finite/);
  });
});
