import type { Row } from '@clvkit/core';
import { sessionsPassing } from '../../aggregate.js';
import { ParamReader } from '../../params.js';
import { bucketedPeriodFilters } from '../../period.js';
import { defineAnalysis, type AnalysisDefinition } from '../../types.js';
import { periodBuckets } from '../../period-buckets.js';
import { promotionColumn } from './promotions.js';
import { compareText } from './top-k.js';

/** The amount a per-day-per-promotion report adds beside the order count. */
export type PromotionDayAmount = 'revenue' | 'discount' | null;

/**
 * A report of promoted orders per local day and promotion: one row per (day, promotion) with
 * at least one order (has_purchased) using that promotion_id on that day, among the sessions
 * passing the filter inside the period (days as daily_orders): `{ bucket, promotion, orders }`
 * plus `revenue` (Σ payment_amount) or `discount` (Σ discount_amount) of those orders.
 * Sparse: days without a use are absent (meta.period and meta.promotions let a chart fill
 * them). Sorted by bucket, then promotion by name. meta: `{ unit: 'day', period, promotions
 * (the ids present, by name) }`. Needs a promotion_id column.
 */
export function promotionDays(name: string, amount: PromotionDayAmount, description: string): AnalysisDefinition<Record<string, never>> {
  return defineAnalysis({
    name,
    description,
    params: (raw) => {
      new ParamReader(name, raw, []);
      return {};
    },
    run(context) {
      const promotion = promotionColumn(context, name);
      const { period, index, first, last } = periodBuckets(context, 'day');
      const meta = { unit: 'day', period: period.range };
      if (last < first || !period.range) return { rows: [], meta: { ...meta, promotions: [] } };
      const mask = sessionsPassing(context.dataset, bucketedPeriodFilters(period));
      const purchased = context.derived.purchased();
      const values = amount === null ? null : context.derived.numbers('sessions', amount === 'revenue' ? 'payment_amount' : 'discount_amount', 0);
      const promo = promotion.codes;
      const promotions = promotion.dictionary.length;
      const slotOf = new Map<number, number>();
      const days: number[] = [];
      const ids: number[] = [];
      const orders: number[] = [];
      const sums: number[] = [];
      for (let i = 0; i < mask.length; i++) {
        if (mask[i] === 0 || purchased[i] === 0 || promo[i] < 0) continue;
        const day = index.codes[i];
        if (day < first || day > last) continue;
        const key = day * promotions + promo[i];
        let slot = slotOf.get(key);
        if (slot === undefined) {
          slot = days.length;
          slotOf.set(key, slot);
          days.push(day);
          ids.push(promo[i]);
          orders.push(0);
          sums.push(0);
        }
        orders[slot]++;
        if (values !== null && values[i] === values[i]) sums[slot] += values[i];
      }
      const names = promotion.dictionary;
      const slots = days.map((_, s) => s).sort((a, b) => days[a] - days[b] || compareText(names[ids[a]], names[ids[b]]));
      const rows: Row[] = slots.map((s) => {
        const row: Row = { bucket: index.bounds[days[s]], promotion: names[ids[s]], orders: orders[s] };
        if (amount !== null) row[amount] = sums[s];
        return row;
      });
      const present = [...new Set(ids)].map((p) => names[p]).sort(compareText);
      return { rows, meta: { ...meta, promotions: present } };
    },
  });
}
