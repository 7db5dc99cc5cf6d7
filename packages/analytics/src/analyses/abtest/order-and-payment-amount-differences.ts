import type { Row } from '@clvkit/core';
import { beforeAfterTest } from '../../models/abtest/before-after-test.js';
import { mean } from '../../models/abtest/descriptive.js';
import { defineAnalysis } from '../../types.js';
import { readAbParams } from './params.js';
import { usageSamples, type CustomerPair } from './usage-samples.js';

const NAME = 'order_and_payment_amount_differences';

/**
 * `order_and_payment_amount_differences` (a seed report name): per promotion, how its
 * customers' orders and spend changed from before to after their first use (the samples of
 * `usageSamples`), for the seed's scatter of amount difference against order difference.
 * Rows `{ subject, customers, ordersBefore, ordersAfter, ordersDifference, ordersPValue,
 * ordersVerdict, amountCustomers, amountBefore, amountAfter, amountDifference, amountPValue,
 * amountVerdict }`: differences are mean(after − before) per customer; p-values and verdicts
 * from `beforeAfterTest` (no bootstrap here); the amount fields are null when fewer than
 * `minCustomers` customers had orders in both windows. Promotions with at least
 * `minCustomers` tested customers (the `limit` largest), by amount difference descending
 * (nulls last), ties by id.
 */
export const orderAndPaymentAmountDifferences = defineAnalysis({
  name: NAME,
  description: "Per promotion, the change in its customers' orders and average order value after first use",
  params: (raw) => readAbParams(NAME, raw).params,
  run(context, params) {
    const samples = usageSamples(context, NAME, 'promotion', params.windowDays)
      .filter((s) => (params.subject === null || s.subject === params.subject) && s.orders.length >= params.minCustomers)
      .sort((a, b) => b.orders.length - a.orders.length || (a.subject < b.subject ? -1 : 1))
      .slice(0, params.limit);
    const test = (pairs: readonly CustomerPair[]) =>
      beforeAfterTest(
        pairs.map((p) => p.before),
        pairs.map((p) => p.after),
        { alpha: params.alpha, resamples: 0 },
      );
    const rows: Row[] = samples.map((s) => {
      const orders = test(s.orders);
      const amount = s.amount.length >= params.minCustomers ? test(s.amount) : null;
      return {
        subject: s.subject,
        customers: s.orders.length,
        ordersBefore: orders.before,
        ordersAfter: orders.after,
        ordersDifference: orders.meanDifference,
        ordersPValue: orders.pValue,
        ordersVerdict: orders.verdict,
        amountCustomers: s.amount.length,
        amountBefore: amount ? amount.before : s.amount.length > 0 ? mean(s.amount.map((p) => p.before)) : null,
        amountAfter: amount ? amount.after : s.amount.length > 0 ? mean(s.amount.map((p) => p.after)) : null,
        amountDifference: amount ? amount.meanDifference : null,
        amountPValue: amount ? amount.pValue : null,
        amountVerdict: amount ? amount.verdict : null,
      };
    });
    rows.sort((a, b) => {
      const x = a.amountDifference as number | null;
      const y = b.amountDifference as number | null;
      if (x === null || y === null) return x === y ? ((a.subject as string) < (b.subject as string) ? -1 : 1) : x === null ? 1 : -1;
      return y - x || ((a.subject as string) < (b.subject as string) ? -1 : 1);
    });
    return { rows, meta: { test: NAME, windowDays: params.windowDays, alpha: params.alpha, minCustomers: params.minCustomers, tested: rows.length } };
  },
});
