/**
 * Simulation from the BG/NBD and Gamma-Gamma generative stories (written here, independent of
 * the code under test), for parameter-recovery tests.
 */
import { mulberry32 } from '../../src/random.js';

/** The seeded PRNG of the models (analytics' `mulberry32`), so a failing run can be replayed. */
export const rng = mulberry32;

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** Gamma(shape, rate) by Marsaglia & Tsang (with the shape < 1 boost). */
export function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * Math.pow(1 - u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = 1 - u();
    if (Math.log(w) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function beta(u: () => number, a: number, b: number): number {
  const x = gamma(u, a, 1);
  return x / (x + gamma(u, b, 1));
}

/** A BG/NBD customer observed for T: (x, t_x, T) and their transaction times after the first (continuous time). */
export function simulateBgNbd(u: () => number, params: { r: number; alpha: number; a: number; b: number }, T: number): { x: number; t_x: number; T: number } {
  const lambda = gamma(u, params.r, params.alpha);
  const p = beta(u, params.a, params.b);
  let t = 0;
  let x = 0;
  let last = 0;
  for (;;) {
    // Poisson(λ) repeat purchases while alive; the customer drops out with probability p right
    // after each repeat purchase (never after the first: P(alive | x = 0) = 1).
    t += -Math.log(1 - u()) / lambda;
    if (t > T) break;
    x++;
    last = t;
    if (u() < p) break;
  }
  return { x, t_x: last, T };
}
