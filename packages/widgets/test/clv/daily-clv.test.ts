import { describe, expect, test } from 'vitest';
import { clvTimelineData, instantOf, nearestSelectable } from '../../src/widgets/clv/daily-clv.js';
import { createClvDateStore } from '../../src/widgets/clv/selected-date.js';
import { keysFilter, pairFilter } from '../../src/widgets/clv/filters.js';
import { allOf, isIn } from '@clvkit/core';

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 0, 1);

describe('daily_clv rows', () => {
  test('without meta.asOf, as-of is the last day with an actual value; forecast days follow it', () => {
    // Rows out of order and one without a day: sorted, skipped.
    const data = clvTimelineData(
      [
        { day: D0 + 2 * DAY, actual: null, predicted: 7 },
        { day: D0, actual: 10, predicted: null },
        { day: null, actual: 99, predicted: 99 },
        { day: D0 + DAY, actual: 5, predicted: 6 },
      ],
      undefined,
    );
    expect(data.days.map((d) => d.day)).toEqual([D0, D0 + DAY, D0 + 2 * DAY]);
    expect(data.asOf).toBe(D0 + DAY);
    // 10 + 5 actual; the one forecast day predicts 7; horizon = 1 forecast day.
    expect([data.actualTotal, data.forecastTotal, data.horizonDays]).toEqual([15, 7, 1]);
    expect(data.selectable).toEqual([0, 1]);
  });

  test('meta.asOf as an ISO date; days after it are not choosable even with an actual value', () => {
    const data = clvTimelineData(
      [
        { day: D0, actual: 1, predicted: 1 },
        { day: D0 + DAY, actual: 2, predicted: 2 },
      ],
      { asOf: '2024-01-01', horizonDays: 182 },
    );
    expect(data.asOf).toBe(D0);
    expect(data.selectable).toEqual([0]);
    expect(data.forecastTotal).toBe(2);
    expect(data.horizonDays).toBe(182);
  });

  test('the nearest choosable day is the one containing the instant, else the closest', () => {
    const data = clvTimelineData(
      [0, 1, 2, 3].map((i) => ({ day: D0 + i * DAY, actual: i < 3 ? 1 : null, predicted: 1 })),
      { asOf: D0 + 2 * DAY + 1 },
    );
    expect(nearestSelectable(data, D0 + DAY + 1)).toBe(1);
    expect(nearestSelectable(data, D0 + 2 * DAY - 1)).toBe(1);
    expect(nearestSelectable(data, D0 + 3 * DAY + 5)).toBe(2);
    expect(nearestSelectable(clvTimelineData([], undefined), D0)).toBeNull();
  });

  test('instants: epoch ms, ISO dates at UTC midnight, date-times; anything else is null', () => {
    expect(instantOf(D0)).toBe(D0);
    expect(instantOf('2024-01-01')).toBe(D0);
    expect(instantOf('2024-01-01T06:00:00Z')).toBe(D0 + 6 * 3_600_000);
    expect([instantOf('soon'), instantOf(null), instantOf(Number.NaN)]).toEqual([null, null, null]);
  });
});

describe('date store', () => {
  test('notifies on change only; non-finite dates clear', () => {
    const store = createClvDateStore();
    const seen: (number | null)[] = [];
    const stop = store.subscribe((d) => seen.push(d));
    store.set(D0);
    store.set(D0);
    store.set(Number.NaN);
    stop();
    store.set(D0 + DAY);
    expect(seen).toEqual([D0, null]);
    expect(store.value).toBe(D0 + DAY);
  });
});

describe('CLV mark filters', () => {
  test('segments, locations, retailers and products filter their fields; blank keys are dropped', () => {
    expect(keysFilter('segment', ['Champions', 'Lost'])).toEqual({ predicate: isIn('rfm_segment', ['Champions', 'Lost']), label: 'Segment: Champions, Lost' });
    expect(keysFilter('location', ['Berlin'])).toEqual({ predicate: isIn('customers.location', ['Berlin']), label: 'Location: Berlin' });
    expect(keysFilter('dimension', ['Shop A'])).toEqual({ predicate: isIn('dimension', ['Shop A']), label: 'Retailer: Shop A' });
    expect(keysFilter('product', [''])).toBeNull();
  });

  test('a pair is one allOf clause; a missing half leaves its field out', () => {
    const seg = { field: 'rfm_segment', label: 'Segment' };
    const gender = { field: 'customers.gender', label: 'Gender' };
    expect(pairFilter({ ...seg, value: 'Lost' }, { ...gender, value: 'f' })).toEqual({ predicate: allOf([isIn('rfm_segment', ['Lost']), isIn('customers.gender', ['f'])]), label: 'Segment: Lost · Gender: f' });
    expect(pairFilter({ ...seg, value: null }, { ...gender, value: 'm' })).toEqual({ predicate: isIn('customers.gender', ['m']), label: 'Gender: m' });
    expect(pairFilter({ ...seg, value: null }, { ...gender, value: null })).toBeNull();
  });
});
