import type { Row } from '@clvkit/core';
import { customerOrders, type CustomerOrders } from '../../customer-orders.js';
import { ParamReader } from '../../params.js';
import { periodOf } from '../../period.js';
import { defineAnalysis, type AnalysisContext } from '../../types.js';
import { asOfInstant, readAsOf } from '../../as-of.js';

const HOUR_MS = 3_600_000;

/**
 * `customer_journey`: the average customer's path, from each customer's orders passing the
 * filter up to `asOf` (orders after it have not happened yet).
 * - K = the median number of orders of repeat buyers (customers with 2+ orders; for an even
 *   count the lower of the two middle values); 1 when there are buyers but no repeat buyer,
 *   0 without buyers.
 * - Rows, k = 1..K: `{ k, meanOrderValue, meanHoursToNext, customers, customersWithNext }` with
 *   customers = customers with at least k orders, meanOrderValue = mean payment_amount of their
 *   k-th order, customersWithNext = customers with at least k + 1 orders and meanHoursToNext =
 *   their mean hours from the k-th to the (k + 1)-th order (null when none).
 * - meta.meanHoursDownloadToFirstOrder: mean hours from customers.download_date to the first
 *   order over the buyers with a download date not after it (`customersDownloadToFirstOrder` of
 *   them; `downloadAfterFirstOrder` counts buyers left out for a download after their first
 *   order); null with `note` when the dataset has no customers table.
 * - meta.meanHoursSinceLastOrder: mean over buyers of hours from their last order to asOf.
 * meta: `{ K, buyers, repeatBuyers, meanHoursDownloadToFirstOrder, customersDownloadToFirstOrder,
 * downloadAfterFirstOrder, meanHoursSinceLastOrder, asOf, period, note? }`.
 */
export const customerJourney = defineAnalysis({
  name: 'customer_journey',
  description: 'Hours from download to first order, value of and gap after the k-th order, hours since the last order',
  params: (raw) => {
    new ParamReader('customer_journey', raw, ['asOf']);
    return { asOf: readAsOf('customer_journey', raw) };
  },
  run(context, params) {
    // Without session times there are no orders; any asOf then gives empty results.
    const asOf = asOfInstant(context, 'customer_journey', params.asOf) ?? -Infinity;
    const orders = customerOrders(context);
    const { rows: orderRows, starts, start } = orders;
    const payment = context.derived.numbers('sessions', 'payment_amount', 0);
    // Orders up to asOf: each customer's sequence is time-ordered, so a prefix.
    const counts = new Int32Array(orders.clients);
    const repeat: number[] = [];
    let buyers = 0;
    let sinceLastSum = 0;
    for (let c = 0; c < orders.clients; c++) {
      let n = 0;
      while (starts[c] + n < starts[c + 1] && start[orderRows[starts[c] + n]] <= asOf) n++;
      counts[c] = n;
      if (n === 0) continue;
      buyers++;
      if (n >= 2) repeat.push(n);
      sinceLastSum += (asOf - start[orderRows[starts[c] + n - 1]]) / HOUR_MS;
    }
    repeat.sort((a, b) => a - b);
    const K = repeat.length > 0 ? repeat[(repeat.length - 1) >> 1] : buyers > 0 ? 1 : 0;
    const valueSum = new Float64Array(K + 1);
    const reached = new Float64Array(K + 2);
    const gapSum = new Float64Array(K + 1);
    for (let c = 0; c < orders.clients; c++) {
      const n = counts[c];
      const first = starts[c];
      for (let k = 1; k <= Math.min(n, K); k++) {
        const row = orderRows[first + k - 1];
        valueSum[k] += payment[row];
        reached[k]++;
        if (k < n) gapSum[k] += (start[orderRows[first + k]] - start[row]) / HOUR_MS;
      }
      if (n > K) reached[K + 1]++;
    }
    const rows: Row[] = [];
    for (let k = 1; k <= K; k++) {
      const withNext = reached[k + 1];
      rows.push({ k, meanOrderValue: reached[k] > 0 ? valueSum[k] / reached[k] : null, meanHoursToNext: withNext > 0 ? gapSum[k] / withNext : null, customers: reached[k], customersWithNext: withNext });
    }
    const download = downloadToFirstOrder(context, orders, counts);
    return {
      rows,
      meta: {
        K,
        buyers,
        repeatBuyers: repeat.length,
        ...download,
        meanHoursSinceLastOrder: buyers > 0 ? sinceLastSum / buyers : null,
        asOf: Number.isFinite(asOf) ? asOf : null,
        period: periodOf(context).range,
      },
    };
  },
});

/** Mean hours from download to first order over the buyers of `counts` (see `customer_journey`). */
function downloadToFirstOrder(
  context: AnalysisContext,
  orders: CustomerOrders,
  counts: Int32Array,
): { meanHoursDownloadToFirstOrder: number | null; customersDownloadToFirstOrder: number; downloadAfterFirstOrder: number; note?: string } {
  const customers = context.dataset.customers;
  const downloadColumn = customers?.columns.download_date;
  if (!customers || !downloadColumn || downloadColumn.type !== 'time') {
    return {
      meanHoursDownloadToFirstOrder: null,
      customersDownloadToFirstOrder: 0,
      downloadAfterFirstOrder: 0,
      note: 'meanHoursDownloadToFirstOrder needs a customers table with download_date',
    };
  }
  const customerRows = context.derived.sessionCustomers();
  const download = downloadColumn.values;
  let sum = 0;
  let used = 0;
  let after = 0;
  for (let c = 0; c < orders.clients; c++) {
    if (counts[c] === 0) continue;
    const firstRow = orders.rows[orders.starts[c]];
    const r = customerRows[firstRow];
    const d = r >= 0 ? download[r] : Number.NaN;
    if (d !== d) continue;
    const firstOrder = orders.start[firstRow];
    if (d > firstOrder) {
      after++;
      continue;
    }
    sum += (firstOrder - d) / HOUR_MS;
    used++;
  }
  return { meanHoursDownloadToFirstOrder: used > 0 ? sum / used : null, customersDownloadToFirstOrder: used, downloadAfterFirstOrder: after };
}
