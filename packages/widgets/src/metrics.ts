import type { ValueKind } from './format.js';

/** The metrics of the `kpis` analysis. */
export type KpiMetric =
  | 'orders'
  | 'revenue'
  | 'discount'
  | 'sessions'
  | 'visitors'
  | 'buyers'
  | 'averageOrderValue'
  | 'averageBasketSize'
  | 'purchaseFrequency'
  | 'conversion'
  | 'historicalClv'
  | 'quantity';

/** How a KPI is labelled and formatted. */
export interface MetricInfo {
  readonly label: string;
  readonly kind: ValueKind;
}

/** Label and format of every KPI metric (conversion is a ratio, shown in percent). */
export const KPI_METRICS: Readonly<Record<KpiMetric, MetricInfo>> = {
  orders: { label: 'Orders', kind: 'count' },
  revenue: { label: 'Revenue', kind: 'money' },
  discount: { label: 'Discount', kind: 'money' },
  sessions: { label: 'Sessions', kind: 'count' },
  visitors: { label: 'Visitors', kind: 'count' },
  buyers: { label: 'Buyers', kind: 'count' },
  averageOrderValue: { label: 'Average ticket', kind: 'money' },
  averageBasketSize: { label: 'Average basket size', kind: 'decimal' },
  purchaseFrequency: { label: 'Purchase frequency', kind: 'decimal' },
  conversion: { label: 'Conversion', kind: 'percent' },
  historicalClv: { label: 'Historical CLV', kind: 'money' },
  quantity: { label: 'Quantity', kind: 'count' },
};

/** The default KPI cards: orders, revenue, visitors, discount, average ticket. */
export const DEFAULT_KPI_METRICS: readonly KpiMetric[] = ['orders', 'revenue', 'visitors', 'discount', 'averageOrderValue'];

/** Label and format of a metric, with a readable fallback for metrics added later. */
export function metricInfo(metric: string): MetricInfo {
  return (
    (KPI_METRICS as Record<string, MetricInfo | undefined>)[metric] ?? {
      label: metric.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
      kind: 'decimal',
    }
  );
}
