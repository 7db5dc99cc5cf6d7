import type { Row } from '@clvkit/core';
import { customerRfm } from '../../models/rfm/customer-rfm.js';
import { SEGMENTS } from '../../models/rfm/segments.js';
import { defineAnalysis } from '../../types.js';
import { readRfmParams, requireOrderColumns, type ReadRfmParams } from './params.js';

/**
 * `segmentation` (seed 003 "Segmentation", the treemap): one row per segment, all 11 in map
 * order (empty ones with zeros), over the customers of `rfm` (same params, as-of and filter):
 * `{ segment, customers, share, revenue, revenueShare, recency, frequency, monetary }` where
 * customers = customers in the segment; share = customers / all customers; revenue = Σ of their
 * total revenue (Σ payment_amount, whatever `monetary` is); revenueShare = revenue / total
 * revenue; recency, frequency, monetary = means over the segment's customers (as in `rfm`).
 * Shares are null when there is no customer (no revenue); means are null for an empty segment.
 * meta: `{ asOf, method, monetary, customers, revenue, segments }`.
 */
export const segmentation = defineAnalysis({
  name: 'segmentation',
  description: 'Customers, revenue and mean recency, frequency and monetary value of each of the 11 RFM segments',
  params: (raw): ReadRfmParams => readRfmParams('segmentation', raw).params,
  run(context, params) {
    requireOrderColumns(context, 'segmentation');
    const s = customerRfm(context, params, 'segmentation');
    const { rows, total, totalRevenue } = segmentRows(s.clients.length, s);
    return { rows, meta: { asOf: s.asOf, method: s.method, monetary: s.monetaryKind, customers: total, revenue: totalRevenue, segments: [...SEGMENTS] } };
  },
});

/** Per-customer RFM values the segment table is made of (indexed like the customers). */
export interface SegmentedCustomers {
  readonly segment: ArrayLike<number>;
  readonly revenue: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

/**
 * The rows of `segmentation` for `count` customers: per segment (in SEGMENTS order) the
 * customers, their share, revenue and revenue share, and mean recency, frequency and monetary
 * value. Shared by the in-memory analysis and its summary-based version.
 */
export function segmentRows(count: number, s: SegmentedCustomers): { rows: Row[]; total: number; totalRevenue: number } {
  const k = SEGMENTS.length;
  const customers = new Float64Array(k);
  const revenue = new Float64Array(k);
  const recency = new Float64Array(k);
  const frequency = new Float64Array(k);
  const monetary = new Float64Array(k);
  let totalRevenue = 0;
  for (let i = 0; i < count; i++) {
    const g = s.segment[i];
    customers[g]++;
    revenue[g] += s.revenue[i];
    recency[g] += s.recency[i];
    frequency[g] += s.frequency[i];
    monetary[g] += s.monetary[i];
    totalRevenue += s.revenue[i];
  }
  const rows: Row[] = SEGMENTS.map((segment, g) => ({
    segment,
    customers: customers[g],
    share: count > 0 ? customers[g] / count : null,
    revenue: revenue[g],
    revenueShare: totalRevenue !== 0 ? revenue[g] / totalRevenue : null,
    recency: customers[g] ? recency[g] / customers[g] : null,
    frequency: customers[g] ? frequency[g] / customers[g] : null,
    monetary: customers[g] ? monetary[g] / customers[g] : null,
  }));
  return { rows, total: count, totalRevenue };
}
