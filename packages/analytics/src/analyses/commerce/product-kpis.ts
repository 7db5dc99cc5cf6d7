import type { Row, TimeUnit } from '@clvkit/core';
import { ParamReader } from '../../params.js';
import { defineAnalysis } from '../../types.js';
import { codeOf, lineColumn } from './line-columns.js';
import { periodBuckets } from '../../period-buckets.js';
import { requiredString } from './required-param.js';

export interface ProductKpisParams {
  readonly product: string;
  /** Bucket of the orders-over-time series. */
  readonly bucket: TimeUnit;
}

/** The metrics of `product_kpis`, in row order. */
export const PRODUCT_KPI_METRICS = ['orders', 'revenue', 'quantity', 'buyers', 'firstSale', 'lastSale'] as const;

/**
 * `product_kpis`: one product's figures (param `product`, required) for its entity view, over
 * its basket lines that pass the filter and belong to orders (has_purchased). Rows
 * `{ metric, value }` for: orders = distinct orders with such a line; revenue = Σ price ×
 * quantity of those lines (not the whole basket); quantity = Σ quantity; buyers = distinct
 * clients of those orders; firstSale / lastSale = the earliest / latest session_start of those
 * orders (epoch ms; null without orders). meta: `{ product, found (the product occurs in the
 * basket lines at all), unit, period, series }` where series is the orders over time:
 * `{ bucket, orders, quantity, revenue }` per `bucket` (day) of session_start, every bucket
 * overlapping the period (as daily_orders), zeros included.
 */
export const productKpis = defineAnalysis<ProductKpisParams>({
  name: 'product_kpis',
  description: "One product's orders, revenue, quantity, buyers, first and last sale, and orders over time",
  tables: ['lines'],
  params: (raw) => {
    const read = new ParamReader('product_kpis', raw, ['product', 'bucket']);
    return {
      product: requiredString(read, 'product_kpis', 'product'),
      bucket: read.oneOf<TimeUnit>('bucket', ['day', 'week', 'month', 'quarter', 'year'], 'day'),
    };
  },
  run(context, params) {
    const products = lineColumn(context, 'product_kpis', 'product');
    const code = codeOf(context, products, 'lines.product', params.product);
    const { derived } = context;
    const { period, index, first, last } = periodBuckets(context, params.bucket);
    const seriesLength = Math.max(0, last - first + 1);
    const seriesOrders = new Float64Array(seriesLength);
    const seriesQuantity = new Float64Array(seriesLength);
    const seriesRevenue = new Float64Array(seriesLength);
    let orders = 0;
    let quantity = 0;
    let revenue = 0;
    let buyers = 0;
    let firstSale = Infinity;
    let lastSale = -Infinity;
    if (code >= 0) {
      const mask = context.lineMask();
      const purchased = derived.purchased();
      const orderOf = derived.lineOrders();
      const qty = derived.numbers('lines', 'quantity', 1);
      const price = derived.numbers('lines', 'price', 0);
      const start = derived.numbers('sessions', 'session_start', Number.NaN);
      const clients = derived.sessionClients();
      const seenOrder = new Uint8Array(purchased.length);
      const seenClient = new Uint8Array(clients.cardinality);
      const codes = products.codes;
      for (let l = 0; l < codes.length; l++) {
        if (codes[l] !== code || mask[l] === 0) continue;
        const o = orderOf[l];
        if (o < 0 || purchased[o] === 0) continue;
        const q = qty[l] === qty[l] ? qty[l] : 1;
        const r = (price[l] === price[l] ? price[l] : 0) * q;
        quantity += q;
        revenue += r;
        const b = index.codes[o] - first;
        const inSeries = b >= 0 && b < seriesLength;
        if (inSeries) {
          seriesQuantity[b] += q;
          seriesRevenue[b] += r;
        }
        if (seenOrder[o] === 1) continue;
        seenOrder[o] = 1;
        orders++;
        if (inSeries) seriesOrders[b]++;
        const t = start[o];
        if (t < firstSale) firstSale = t;
        if (t > lastSale) lastSale = t;
        const c = clients.codes[o];
        if (c >= 0 && seenClient[c] === 0) {
          seenClient[c] = 1;
          buyers++;
        }
      }
    }
    const values: Record<(typeof PRODUCT_KPI_METRICS)[number], number | null> = {
      orders,
      revenue,
      quantity,
      buyers,
      firstSale: Number.isFinite(firstSale) ? firstSale : null,
      lastSale: Number.isFinite(lastSale) ? lastSale : null,
    };
    const rows: Row[] = PRODUCT_KPI_METRICS.map((metric) => ({ metric, value: values[metric] }));
    const series: Row[] = [];
    for (let b = 0; b < seriesLength; b++) {
      series.push({ bucket: index.bounds[first + b], orders: seriesOrders[b], quantity: seriesQuantity[b], revenue: seriesRevenue[b] });
    }
    return { rows, meta: { product: params.product, found: code >= 0, unit: params.bucket, period: period.range, series } };
  },
});
