import type { QueryResult, QuerySpec, Row } from '@clvkit/core';
import { mulberry32 } from '@clvkit/analytics';

/**
 * Rows of the RFM analyses written out by hand in BRIEF4's row contracts (not computed by
 * clvkit), for the RFM widget tests and stories. The large point sets are made by a small
 * seeded generator so stories look like data and the canvas path is exercised.
 */
export const SEGMENTS = [
  'Champions', 'Loyal Customers', 'Potential Loyalists', 'New Customers', 'Promising', 'Need Attention',
  'About to Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost',
];

/** `segmentation`: all 11 segments in map order, zeros included (Promising has nobody). */
export const SEGMENTATION: QueryResult<Row> = {
  rows: [
    { segment: 'Champions', customers: 120, revenue: 48000 },
    { segment: 'Loyal Customers', customers: 180, revenue: 43200 },
    { segment: 'Potential Loyalists', customers: 90, revenue: 9900 },
    { segment: 'New Customers', customers: 60, revenue: 3000 },
    { segment: 'Promising', customers: 0, revenue: 0 },
    { segment: 'Need Attention', customers: 70, revenue: 8400 },
    { segment: 'About to Sleep', customers: 80, revenue: 5600 },
    { segment: 'At Risk', customers: 110, revenue: 19800 },
    { segment: "Can't Lose Them", customers: 30, revenue: 12000 },
    { segment: 'Hibernating', customers: 140, revenue: 7000 },
    { segment: 'Lost', customers: 120, revenue: 3600 },
  ].map((r) => ({
    ...r,
    // 1,000 customers and $160,500 revenue in all.
    share: r.customers / 1000,
    revenueShare: r.revenue / 160500,
    recency: r.customers > 0 ? 30 : 0,
    frequency: r.customers > 0 ? 2 : 0,
    monetary: r.customers > 0 ? r.revenue / r.customers : 0,
  })),
  meta: { segments: SEGMENTS },
};

/** The seeded PRNG of the models (analytics' `mulberry32`), so a failing run can be replayed. */
export const random = mulberry32;

/** Typical (recency days, orders, spend per order) of each segment, for generated customers. */
const PROFILES: Record<string, [number, number, number]> = {
  Champions: [8, 12, 70],
  'Loyal Customers': [25, 7, 55],
  'Potential Loyalists': [20, 3, 45],
  'New Customers': [6, 1, 40],
  Promising: [35, 1, 60],
  'Need Attention': [60, 3, 50],
  'About to Sleep': [90, 2, 35],
  'At Risk': [160, 5, 55],
  "Can't Lose Them": [220, 10, 80],
  Hibernating: [250, 2, 30],
  Lost: [330, 1, 25],
};

/** `n` generated customers with recency, frequency, monetary and segment (seeded). */
export function customers(n: number, seed = 7): { client: string; recency: number; frequency: number; monetary: number; segment: string }[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const segment = SEGMENTS[Math.floor(next() * SEGMENTS.length)];
    const [r, f, m] = PROFILES[segment];
    const frequency = Math.max(1, Math.round(f * (0.6 + next() * 0.8)));
    return {
      client: `C${String(i + 1).padStart(5, '0')}`,
      recency: Math.max(0, Math.round(r * (0.6 + next() * 0.8))),
      frequency,
      monetary: Math.round(frequency * m * (0.6 + next() * 0.8) * 100) / 100,
      segment,
    };
  });
}

/** A pair scatter's rows (`frequency_recency` etc.) from generated customers. */
export function pairRows(name: string, n: number, seed = 7): QueryResult<Row> {
  const [x, y] = name.split('_') as ('recency' | 'frequency' | 'monetary')[];
  return {
    rows: customers(n, seed).map((c) => ({ client: c.client, x: c[x], y: c[y], segment: c.segment })),
    meta: { x, y, truncated: false },
  };
}

/** `rfm_3d` rows from generated customers. */
export function rfm3dRows(n: number, seed = 7): QueryResult<Row> {
  return { rows: customers(n, seed), meta: { truncated: false } };
}

/** `frequency_clusters`: clusters 1..5 over 1..12 orders; bins of one order each. */
export const FREQUENCY_CLUSTERS: QueryResult<Row> = {
  rows: [
    { score: 1, customers: 400, min: 1, max: 1, centroid: 1 },
    { score: 2, customers: 250, min: 2, max: 3, centroid: 2.4 },
    { score: 3, customers: 180, min: 4, max: 5, centroid: 4.4 },
    { score: 4, customers: 110, min: 6, max: 8, centroid: 6.8 },
    { score: 5, customers: 60, min: 9, max: 12, centroid: 10.1 },
  ],
  meta: {
    metric: 'frequency',
    bins: [
      [1, 400, 1], [2, 150, 2], [3, 100, 2], [4, 100, 3], [5, 80, 3], [6, 50, 4], [7, 35, 4], [8, 25, 4], [9, 25, 5], [10, 15, 5], [11, 12, 5], [12, 8, 5],
    ].map(([x0, customers, score]) => ({ x0, x1: x0 + 1, score, customers })),
  },
};

/** `recency_clusters`: score 5 = most recent; bins of 30 days. */
export const RECENCY_CLUSTERS: QueryResult<Row> = {
  rows: [
    { score: 5, customers: 300, min: 0, max: 29, centroid: 12 },
    { score: 4, customers: 220, min: 30, max: 89, centroid: 55 },
    { score: 3, customers: 180, min: 90, max: 179, centroid: 130 },
    { score: 2, customers: 160, min: 180, max: 269, centroid: 220 },
    { score: 1, customers: 140, min: 270, max: 365, centroid: 320 },
  ],
  meta: {
    metric: 'recency',
    bins: [
      [0, 300, 5], [30, 130, 4], [60, 90, 4], [90, 70, 3], [120, 60, 3], [150, 50, 3], [180, 60, 2], [210, 55, 2], [240, 45, 2], [270, 50, 1], [300, 45, 1], [330, 45, 1],
    ].map(([x0, customers, score]) => ({ x0, x1: x0 + 30, score, customers })),
  },
};

/** `monetary_clusters`: spend in bins of $100. */
export const MONETARY_CLUSTERS: QueryResult<Row> = {
  rows: [
    { score: 1, customers: 350, min: 5, max: 99, centroid: 48 },
    { score: 2, customers: 280, min: 100, max: 199, centroid: 140 },
    { score: 3, customers: 190, min: 200, max: 399, centroid: 280 },
    { score: 4, customers: 120, min: 400, max: 699, centroid: 520 },
    { score: 5, customers: 60, min: 700, max: 1180, centroid: 860 },
  ],
  meta: {
    metric: 'monetary',
    bins: [
      [0, 350, 1], [100, 280, 2], [200, 120, 3], [300, 70, 3], [400, 55, 4], [500, 40, 4], [600, 25, 4], [700, 25, 5], [800, 15, 5], [900, 10, 5], [1000, 6, 5], [1100, 4, 5],
    ].map(([x0, customers, score]) => ({ x0, x1: x0 + 100, score, customers })),
  },
};

/** `segment_movement` between two dates: most customers stay, some move down, new ones arrive. */
export const MOVEMENT: QueryResult<Row> = {
  rows: [
    { from: 'New', to: 'New Customers', customers: 60 },
    { from: 'New', to: 'Promising', customers: 12 },
    { from: 'Champions', to: 'Champions', customers: 95 },
    { from: 'Champions', to: 'Loyal Customers', customers: 20 },
    { from: 'Loyal Customers', to: 'Loyal Customers', customers: 140 },
    { from: 'Loyal Customers', to: 'At Risk', customers: 25 },
    { from: 'Potential Loyalists', to: 'Loyal Customers', customers: 18 },
    { from: 'At Risk', to: 'Hibernating', customers: 40 },
    { from: 'At Risk', to: 'At Risk', customers: 70 },
    { from: 'Hibernating', to: 'Lost', customers: 55 },
    { from: 'Lost', to: 'Lost', customers: 65 },
  ],
  // As the analysis reports them: epoch ms (the second date is the last session's instant).
  meta: { from: Date.UTC(2024, 2, 1), to: Date.UTC(2024, 5, 1, 18, 30), segments: [...SEGMENTS, 'New'] },
};

/** `basket_sensitivity` rows for `n` generated customers with their brackets. */
export function basketRows(n: number, seed = 11): QueryResult<Row> {
  const next = random(seed);
  const bracket = (v: number, cuts: [number, number]) => (v < cuts[0] ? 'low' : v < cuts[1] ? 'mid' : 'high');
  const rows = Array.from({ length: n }, (_, i) => {
    const averageOrderValue = Math.round(Math.exp(2.8 + next() * 2.4) * 100) / 100;
    const discountSensitivity = Math.round(Math.min(0.6, next() ** 2 * 0.6) * 1000) / 1000;
    return {
      client: `C${String(i + 1).padStart(5, '0')}`,
      averageOrderValue,
      discountSensitivity,
      basketBracket: bracket(averageOrderValue, [40, 120]),
      discountBracket: bracket(discountSensitivity, [0.1, 0.25]),
    };
  });
  const brackets = (key: 'averageOrderValue' | 'discountSensitivity', b: 'basketBracket' | 'discountBracket') =>
    ['low', 'mid', 'high'].map((name) => {
      const values = rows.filter((r) => r[b] === name).map((r) => r[key]);
      return { bracket: name, min: values.length ? Math.min(...values) : 0, max: values.length ? Math.max(...values) : 0, customers: values.length };
    });
  return { rows, meta: { basketBrackets: brackets('averageOrderValue', 'basketBracket'), discountBrackets: brackets('discountSensitivity', 'discountBracket') } };
}

/** `customer_list` rows: a few customers with their segment. */
export const CUSTOMER_LIST: QueryResult<Row> = {
  rows: customers(12).map((c) => ({ client: c.client, segment: c.segment, orders: c.frequency, revenue: c.monetary, lastOrder: Date.UTC(2024, 5, 1) - c.recency * 86_400_000 })),
  meta: { total: 12, offset: 0, limit: 25 },
};

/** Canned results of every report of the segments dashboard by name (unknown reports: no rows). */
export function rfmResult(spec: QuerySpec): QueryResult<Row> {
  if (spec.kind !== 'analysis') return { rows: [] };
  switch (spec.name) {
    case 'segmentation':
      return SEGMENTATION;
    case 'frequency_recency':
    case 'monetary_frequency':
    case 'recency_monetary':
      return pairRows(spec.name, 600);
    case 'rfm_3d':
      return rfm3dRows(1500);
    case 'recency_clusters':
      return RECENCY_CLUSTERS;
    case 'frequency_clusters':
      return FREQUENCY_CLUSTERS;
    case 'monetary_clusters':
      return MONETARY_CLUSTERS;
    case 'segment_movement':
      return MOVEMENT;
    case 'basket_sensitivity':
      return basketRows(400);
    case 'customer_list':
      return CUSTOMER_LIST;
    default:
      return { rows: [] };
  }
}

/** What the story engine does with every query. */
export type RfmMode = 'ready' | 'loading' | 'empty' | 'error';

/**
 * A fake engine for the RFM stories and their test: `rfmResult` after `delay` ms, or stays
 * loading, answers empty, or fails. Filters are ignored except that a segment clause keeps
 * only that segment's rows of the per-customer reports, so the stories cross-filter visibly.
 */
export function rfmEngine(mode: RfmMode = 'ready', delay = 150, resultOf: (spec: QuerySpec) => QueryResult<Row> = rfmResult) {
  return {
    query<R = Row>(spec: QuerySpec, options: { signal?: AbortSignal; filter?: { predicates: readonly { type: string; field?: string; values?: readonly unknown[] }[] } } = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (mode === 'error') {
            reject(new Error('The analytics worker stopped (out of memory). Reload the page or load less data.'));
            return;
          }
          if (mode === 'empty') {
            resolve({ rows: [] } as QueryResult<R>);
            return;
          }
          const result = resultOf(spec);
          const segments = options.filter?.predicates.find((p) => p.type === 'in' && p.field === 'rfm_segment')?.values;
          const rows = segments && result.rows.some((r) => typeof r.segment === 'string' && 'client' in r) ? result.rows.filter((r) => segments.includes(r.segment)) : result.rows;
          resolve({ ...result, rows } as QueryResult<R>);
        }, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}
