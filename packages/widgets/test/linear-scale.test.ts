/**
 * charts/linear-scale.ts replaces d3-scale's scaleLinear in the charts (bundle size): its
 * positions, ticks, nice domains and inverses must be d3-scale's to the last bit, which
 * stays a dependency (the scatter's symlog scale) and is the independent reference here.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scaleLinear as d3Linear } from 'd3-scale';
import { scaleLinear } from '../src/charts/linear-scale.js';

// Subnormal numbers are left out: d3-array's own ticks fail on them (an array of ~1e308 ticks).
const finite = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).filter((x) => x === 0 || Math.abs(x) > 1e-300),
);
const pair = fc.tuple(finite, finite);

describe('scaleLinear (charts/linear-scale.ts) against d3-scale', () => {
  it('maps, inverts and ticks as d3 does, for any two-value domain and range', () => {
    fc.assert(
      fc.property(pair, pair, fc.array(finite, { maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (domain, range, xs, count) => {
        const ours = scaleLinear().domain(domain).range(range);
        const theirs = d3Linear().domain(domain).range(range);
        for (const x of [...xs, domain[0], domain[1], 0]) {
          expect(Object.is(ours(x), theirs(x))).toBe(true);
          expect(Object.is(ours.invert(x), theirs.invert(x))).toBe(true);
        }
        expect(ours.ticks(count)).toEqual(theirs.ticks(count));
        expect(ours.ticks()).toEqual(theirs.ticks());
        expect(ours.domain()).toEqual(theirs.domain());
        expect(ours.range()).toEqual(theirs.range());
      }),
      { numRuns: 500 },
    );
  });

  it('nices the domain as d3 does, ascending, descending and empty', () => {
    fc.assert(
      fc.property(pair, fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), (domain, count) => {
        const ours = scaleLinear().domain(domain).range([300, 20]).nice(count);
        const theirs = d3Linear().domain(domain).range([300, 20]).nice(count);
        expect(ours.domain()).toEqual(theirs.domain());
        expect(ours.ticks(4)).toEqual(theirs.ticks(4));
        expect(ours(domain[0])).toBe(theirs(domain[0]));
      }),
      { numRuns: 500 },
    );
    for (const domain of [[0, 1], [0, 0], [0, 973.4], [-0.0003, 0.0171], [5, -5], [1e-12, 3e-12]]) {
      expect(scaleLinear().domain(domain).nice().domain()).toEqual(d3Linear().domain(domain).nice().domain());
    }
  });

  it('returns undefined for null and NaN inputs and 0.5 of the range for an empty domain, as d3 does', () => {
    const ours = scaleLinear().domain([3, 3]).range([0, 100]);
    const theirs = d3Linear().domain([3, 3]).range([0, 100]);
    expect(ours(7)).toBe(theirs(7));
    expect(ours(7)).toBe(50);
    expect(ours(NaN)).toBeUndefined();
    expect(ours(null as unknown as number)).toBeUndefined();
    expect(theirs(NaN)).toBeUndefined();
  });

  it('keeps the domain and range it was given (copies in, copies out)', () => {
    const domain = [0, 10];
    const scale = scaleLinear().domain(domain).range([0, 1]);
    domain[1] = 20;
    expect(scale.domain()).toEqual([0, 10]);
    scale.domain().push(99);
    expect(scale.domain()).toEqual([0, 10]);
    expect(scale(5)).toBe(0.5);
  });
});
