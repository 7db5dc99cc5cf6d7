import type { QueryResult, QuerySpec } from '@clvkit/core';

/** One day in ms. */
export const DAY = 86_400_000;
/** 2024-01-01 (UTC midnight): the first day of the hand-made timeline. */
export const D0 = Date.UTC(2024, 0, 1);

/**
 * `daily_clv` rows, by hand: three days of orders (100, 50, 0) and two forecast days
 * (predicted 40 and 35), as of 2024-01-03 18:00. Actual total = 100 + 50 + 0 = 150; forecast
 * total = 40 + 35 = 75 (the predicted values of the days before as-of do not count).
 */
export function dailyClv(): QueryResult<unknown> {
  return {
    rows: [
      { day: D0, actual: 100, predicted: 90 },
      { day: D0 + DAY, actual: 50, predicted: 60 },
      { day: D0 + 2 * DAY, actual: 0, predicted: 55 },
      { day: D0 + 3 * DAY, actual: null, predicted: 40 },
      { day: D0 + 4 * DAY, actual: null, predicted: 35 },
    ],
    meta: { asOf: D0 + 2 * DAY + 18 * 3_600_000, horizonDays: 2, bgnbd: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 }, newCustomersPerDay: 0.5 },
  };
}

/**
 * `newcomers_and_churners` of a date: 3 churners of 12 buyers before it (rate 0.25, they had
 * brought 450), 2 newcomers of 8 active customers (rate 0.25, 300).
 */
export function newcomersAndChurners(date: number = D0 + DAY): QueryResult<unknown> {
  return {
    rows: [
      { group: 'newcomers', customers: 2, base: 8, rate: 0.25, revenue: 300, from: date - 182 * DAY, to: date },
      { group: 'churners', customers: 3, base: 12, rate: 0.25, revenue: 450, from: date, to: date + 182 * DAY },
    ],
    meta: { date, horizon: { days: 182 }, window: [date - 182 * DAY, date], horizonEnd: date + 182 * DAY, dataEnd: date + 200 * DAY, horizonComplete: true, newcomers: ['c7', 'c8'], churners: ['c1', 'c2', 'c3'], listLimit: 1000 },
  };
}

/** Monthly revenue of a group: 200 in December 2023, 250 in January 2024. */
export function groupValue(): QueryResult<unknown> {
  return {
    rows: [
      { session_start: Date.UTC(2023, 11, 1), revenue: 200, orders: 2 },
      { session_start: D0, revenue: 250, orders: 3 },
    ],
  };
}

/** `client_feature_predicted` rows of three customers. */
export function clientFeatures(): QueryResult<unknown> {
  return {
    rows: [
      { client: 'c1', x: 4, t_x: 300, T: 360, monetary: 80, pAlive: 0.9, churnProbability: 0.1, expectedOrders: 1.5, expectedValue: 82, clv: 120, segment: 'Champions' },
      { client: 'c2', x: 1, t_x: 30, T: 365, monetary: 40, pAlive: 0.2, churnProbability: 0.8, expectedOrders: 0.1, expectedValue: 45, clv: 4.5, segment: 'At Risk' },
      { client: 'c3', x: 2, t_x: 200, T: 330, monetary: 60, pAlive: 0.6, churnProbability: 0.4, expectedOrders: 0.7, expectedValue: 61, clv: 41, segment: 'Need Attention' },
    ],
  };
}

/** The canned answer of every query of the CLV dashboards (`'pending'` for anything else). */
export function clvAnswer(spec: QuerySpec): QueryResult<unknown> | 'pending' {
  if (spec.kind === 'aggregate') return groupValue();
  switch (spec.name) {
    case 'daily_clv':
      return dailyClv();
    case 'newcomers_and_churners':
      return newcomersAndChurners(typeof spec.params?.date === 'number' ? spec.params.date : D0 + DAY);
    case 'client_feature_predicted':
      return clientFeatures();
    default:
      return 'pending';
  }
}
