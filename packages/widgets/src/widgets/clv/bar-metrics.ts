import type { Row } from '@clvkit/core';
import type { Accessor } from '../../charts/accessor.js';
import { humanize } from '../../charts/text.js';
import type { ValueKind } from '../../format.js';

/** A measure the bars can show: a column of the rows (or a function of a row), labelled and formatted. */
export interface ClvBarMetric {
  readonly key: string;
  readonly label: string;
  readonly kind: ValueKind;
  /** The value of a row (default: the column `key`). */
  readonly value?: Accessor<Row>;
}

/** The measures of `clv_by` rows. */
export const CLV_BY_METRICS: Readonly<Record<string, ClvBarMetric>> = {
  opportunity: { key: 'opportunity', label: 'Revenue opportunity', kind: 'money' },
  expectedRevenue: { key: 'expectedRevenue', label: 'Expected revenue', kind: 'money' },
  expectedOrders: { key: 'expectedOrders', label: 'Expected orders', kind: 'decimal' },
  expectedUnits: { key: 'expectedUnits', label: 'Expected units', kind: 'decimal' },
  churnProbability: { key: 'churnProbability', label: 'Churn probability', kind: 'percent' },
  customers: { key: 'customers', label: 'Customers', kind: 'count' },
  recency: { key: 'recency', label: 'Recency (days)', kind: 'decimal' },
  frequency: { key: 'frequency', label: 'Frequency (orders)', kind: 'decimal' },
  // "Purchase capacity" in seed 002 is the customers' monetary value (mean revenue per customer).
  monetary: { key: 'monetary', label: 'Purchase capacity', kind: 'money' },
  clv: { key: 'clv', label: 'CLV', kind: 'money' },
};

/** A metric given by name: the `clv_by` measure of that name, else the column humanised (money when the name says so). */
export function metricOf(metric: ClvBarMetric | string): ClvBarMetric {
  if (typeof metric !== 'string') return metric;
  return CLV_BY_METRICS[metric] ?? { key: metric, label: humanize(metric), kind: /(revenue|value|clv|monetary|amount)/i.test(metric) ? 'money' : /(probability|rate|share)/i.test(metric) ? 'percent' : 'decimal' };
}
