import type { Dataset } from '@clvkit/core';
import { runAnalysisAsync } from '../../src/index.js';
import { buildDataset, strings, type CustomerSpec, type LineSpec, type SessionSpec } from '../helpers.js';
import { gamma, rng, simulateBgNbd } from './simulate.js';

export const DAY = 86_400_000;
/** The fixture's first day and as-of (the last order, placed by customer A). */
export const START = Date.UTC(2024, 0, 1);
export const AS_OF = Date.UTC(2024, 5, 29, 12);

/**
 * A small shop for the CLV analyses: four hand-made customers whose numbers the tests work
 * out by hand, among 300 simulated ones (BG/NBD in days: r = 1, α = 20, a = 1, b = 4; first
 * purchase in the first 120 days; per-customer mean spend) that make the fits well defined.
 *
 * - A: 1 Jan 10:00 (lines P1 20, P2 10; paid 30, web) and 1 Jan 18:00 (P1 10; 10, web) = one
 *   transaction of 40; 15 Jan (P1 40; 40, store); 20 Feb (P2 50; 50, web); 29 Jun 12:00 (P3 60;
 *   60, web), the last order of the data. Female, Paris.
 * - B: one order, 10 Jun (P3 25; 25, store). Male, Lyon.
 * - C: 5 Jan (15, web), 25 Jan (35, web), no lines. No customers row.
 * - D: only a session without a purchase.
 */
export interface ClvFixture {
  readonly dataset: Dataset;
  readonly sessions: SessionSpec[];
  readonly lines: LineSpec[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function clvFixture(): ClvFixture {
  const sessions: SessionSpec[] = [
    { id: 'a1', client: 'A', start: '2024-01-01T10:00:00Z', payment: 30, dimension: 'web' },
    { id: 'a2', client: 'A', start: '2024-01-01T18:00:00Z', payment: 10, dimension: 'web' },
    { id: 'a3', client: 'A', start: '2024-01-15T09:00:00Z', payment: 40, dimension: 'store' },
    { id: 'a4', client: 'A', start: '2024-02-20T09:00:00Z', payment: 50, dimension: 'web' },
    { id: 'a5', client: 'A', start: iso(AS_OF), payment: 60, dimension: 'web' },
    { id: 'b1', client: 'B', start: '2024-06-10T09:00:00Z', payment: 25, dimension: 'store' },
    { id: 'c1', client: 'C', start: '2024-01-05T09:00:00Z', payment: 15, dimension: 'web' },
    { id: 'c2', client: 'C', start: '2024-01-25T09:00:00Z', payment: 35, dimension: 'web' },
    { id: 'd1', client: 'D', start: '2024-03-01T09:00:00Z', purchased: false, payment: 0, dimension: 'web' },
  ];
  const lines: LineSpec[] = [
    { order: 'a1', product: 'P1', price: 20 },
    { order: 'a1', product: 'P2', price: 5, quantity: 2 },
    { order: 'a2', product: 'P1', price: 10 },
    { order: 'a3', product: 'P1', price: 40 },
    { order: 'a4', product: 'P2', price: 50 },
    { order: 'a5', product: 'P3', price: 60 },
    { order: 'b1', product: 'P3', price: 25 },
  ];
  const customers: CustomerSpec[] = [
    { client: 'A', gender: 'F' },
    { client: 'B', gender: 'M' },
  ];
  const locations = ['Paris', 'Lyon'];
  const u = rng(2024);
  const products = ['P1', 'P2', 'P3', 'P4'];
  for (let k = 0; k < 300; k++) {
    const client = `S${String(k).padStart(3, '0')}`;
    const first = START + Math.floor(u() * 120) * DAY + 9 * 3_600_000;
    const horizon = (AS_OF - first) / DAY - 1;
    const c = simulateBgNbd(u, { r: 1, alpha: 20, a: 1, b: 4 }, horizon);
    const times = [0];
    // repeat purchases spread over (0, t_x]: the last one at t_x (whole days)
    for (let j = 1; j <= c.x; j++) times.push(Math.max(1, Math.round((c.t_x * j) / c.x)));
    const mean = gamma(u, 4, 4 / (20 + 60 * u()));
    times.forEach((t, j) => {
      const id = `${client}-${j}`;
      const amount = Math.round(gamma(u, 6, 6 / mean) * 100) / 100 + 1;
      sessions.push({ id, client, start: iso(first + t * DAY), payment: amount, dimension: u() < 0.6 ? 'web' : 'store' });
      lines.push({ order: id, product: products[Math.floor(u() * products.length)], price: amount });
    });
    customers.push({ client, gender: u() < 0.5 ? 'F' : 'M' });
    locations.push(u() < 0.5 ? 'Paris' : 'Lyon');
  }
  const base = buildDataset({ sessions, lines, customers });
  const dataset: Dataset = { ...base, customers: { ...base.customers!, columns: { ...base.customers!.columns, location: strings(locations) } } };
  return { dataset, sessions, lines };
}

/** Runs a (long) analysis to its result. */
export function run(dataset: Dataset, name: string, params: Record<string, unknown> = {}, filter?: Parameters<typeof runAnalysisAsync>[3], options?: Parameters<typeof runAnalysisAsync>[4]) {
  return runAnalysisAsync(dataset, name, params, filter, options);
}
