import type { Dataset } from '@clvkit/core';
import { booleans, buildDataset, times, type SessionSpec } from '../helpers.js';

/** Epoch ms of the start of day `d` after 2024-01-01 (a Monday), UTC. */
export const dayMs = (d: number): number => Date.UTC(2024, 0, 1 + d);
/** ISO date of day `d` after 2024-01-01. */
export const isoDay = (d: number): string => new Date(dayMs(d)).toISOString().slice(0, 10);

/**
 * 8 weeks (days 0..55, 2024-01-01..02-25) of a steady shop: every day 10 sessions at 10:00 +
 * s minutes by clients c0..c9, sessions 0..5 with the action `add_to_cart`, sessions 0..2 bought
 * (3 orders a day, 10 € each). Day 35 (2024-02-05, a Monday) is the broken day: the same 10
 * sessions and 6 carts, no purchase.
 */
export function steadyShop(brokenDay = 35): Dataset {
  const sessions: SessionSpec[] = [];
  const cart: boolean[] = [];
  for (let d = 0; d < 56; d++) {
    for (let s = 0; s < 10; s++) {
      const start = new Date(dayMs(d) + (10 * 60 + s) * 60_000).toISOString();
      sessions.push({ id: `d${d}s${s}`, client: `c${s}`, start, purchased: s < 3 && d !== brokenDay, payment: s < 3 && d !== brokenDay ? 10 : 0 });
      cart.push(s < 6);
    }
  }
  const dataset = buildDataset({ sessions });
  return { ...dataset, sessions: { ...dataset.sessions, columns: { ...dataset.sessions.columns, add_to_cart: booleans(cart) } }, sessionActions: ['add_to_cart'] };
}

/**
 * Download cohorts: on days 0..19 two customers download at 09:00; of each day's pair, `a<d>`
 * orders the same day at 12:00 and `b<d>` two days later at 12:00, except on day 10, whose pair
 * never orders. One more order on day 30 by a client without a customers row ends the data on
 * day 31 (so every cohort has its 7 days), unless `withLateOrder` is false.
 */
export function downloadCohorts(withLateOrder = true): Dataset {
  const sessions: SessionSpec[] = [];
  const customers: { client: string }[] = [];
  const downloads: number[] = [];
  for (let d = 0; d < 20; d++) {
    for (const [who, k] of [['a', 0], ['b', 2]] as const) {
      const client = `${who}${d}`;
      customers.push({ client });
      downloads.push(dayMs(d) + 9 * 3_600_000);
      if (d !== 10) sessions.push({ id: `${client}-1`, client, start: new Date(dayMs(d + k) + 12 * 3_600_000).toISOString(), payment: 10 });
    }
  }
  if (withLateOrder) sessions.push({ id: 'late-1', client: 'late', start: new Date(dayMs(30) + 12 * 3_600_000).toISOString(), payment: 10 });
  const dataset = buildDataset({ sessions, customers });
  const table = dataset.customers!;
  return { ...dataset, customers: { ...table, columns: { ...table.columns, download_date: times(downloads) } } };
}

/**
 * Order histories for clvrfm_anomaly, as of 2024-12-31 (day 365) with a 90-day window (the CLV
 * model as of day 275). Customers s0..s39: s<i> orders at 12:00 every GAPS[i % 6] days from day
 * i, paying (5 + 3 (i mod 7)) × (1 + (7d mod 11) / 10) € on day d, and every third one (i % 3 = 2) stops after day 150
 * (spread in rate, spend and dropouts, which BG/NBD and Gamma-Gamma need); `x` orders like s0
 * until day 270, then ten times 100 € on days 280, 288, …, 352;
 * `new` orders first on day 300 (after the model's as-of, so it is not scored).
 */
export const GAPS = [30, 10, 45, 20, 60, 15];
const spend = (i: number, d: number) => (5 + 3 * (i % 7)) * (1 + ((7 * d) % 11) / 10);
export function rfmHistories(): Dataset {
  const sessions: SessionSpec[] = [];
  const order = (client: string, d: number, payment: number) =>
    sessions.push({ id: `${client}-${d}`, client, start: new Date(dayMs(d) + 12 * 3_600_000).toISOString(), payment });
  for (let i = 0; i < 40; i++) {
    const last = i % 3 === 2 ? 150 : 364;
    for (let d = i; d <= last; d += GAPS[i % 6]) order(`s${i}`, d, spend(i, d));
  }
  for (let d = 0; d <= 270; d += 30) order('x', d, spend(0, d));
  for (let d = 280; d <= 352; d += 8) order('x', d, 100);
  order('new', 300, 10);
  return buildDataset({ sessions });
}
