import type { Row } from '@clvkit/core';

/**
 * Canned rows for the stories, written out (not computed by clvkit), shaped like the engine's
 * answers: kpis rows, filled time aggregates, and product / category / dimension groups.
 */
export const KPI_ROWS: Row[] = [
  { metric: 'orders', value: 18432, previous: 16980, change: 8.55 },
  { metric: 'revenue', value: 1287345.6, previous: 1302112.9, change: -1.13 },
  { metric: 'visitors', value: 9120, previous: 0, change: null },
  { metric: 'discount', value: 48210.4, previous: 41005.1, change: 17.57 },
  { metric: 'averageOrderValue', value: 69.84, previous: 76.69, change: -8.93 },
  { metric: 'sessions', value: 61250, previous: 60120, change: 1.88 },
  { metric: 'buyers', value: 7012, previous: 6890, change: 1.77 },
  { metric: 'conversion', value: 0.3009, previous: 0.2824, change: 6.55 },
];

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** 120 days of orders with a weekly rhythm and a trend (hand-tuned numbers, not random). */
const DAILY_ORDERS = Array.from({ length: 120 }, (_, i) => {
  const weekly = [0.8, 0.9, 1, 1.05, 1.2, 1.45, 1.3][i % 7];
  return Math.round((110 + i * 0.9) * weekly);
});

/** Time rows for a bucket, the way the engine returns a filled aggregate. */
export function timeRows(bucket: string): Row[] {
  const daily = DAILY_ORDERS.map((orders, i) => ({ session_start: START + i * DAY, orders, revenue: Math.round(orders * 68.4 * 100) / 100 }));
  if (bucket === 'day') return daily;
  if (bucket === 'hour') {
    // The last 3 days by hour: a daytime curve.
    const shape = [1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.6, 2.4, 3, 3.4, 3.8, 4.2, 4, 3.7, 3.6, 3.9, 4.6, 5.4, 6, 5.6, 4.4, 3, 1.8];
    return daily.slice(-3).flatMap((d) =>
      shape.map((s, h) => ({ session_start: (d.session_start as number) + h * 3_600_000, orders: Math.round((d.orders as number) * s / 62), revenue: Math.round((d.orders as number) * s * 68.4 / 62) })),
    );
  }
  const key = (ms: number) => {
    const d = new Date(ms);
    if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const monday = ms - ((d.getUTCDay() + 6) % 7) * DAY;
    return monday;
  };
  const groups = new Map<number, { session_start: number; orders: number; revenue: number }>();
  for (const d of daily) {
    const k = key(d.session_start);
    const g = groups.get(k) ?? { session_start: k, orders: 0, revenue: 0 };
    g.orders += d.orders;
    g.revenue = Math.round((g.revenue + d.revenue) * 100) / 100;
    groups.set(k, g);
  }
  return [...groups.values()];
}

export const PRODUCT_ROWS: Row[] = [
  { product: 'Trail running shoes, waterproof', orders: 1820, quantity: 1904, lineRevenue: 235_896 },
  { product: 'Merino wool socks (3-pack)', orders: 1610, quantity: 3120, lineRevenue: 62_400 },
  { product: 'Lightweight rain jacket', orders: 1204, quantity: 1210, lineRevenue: 157_300 },
  { product: 'Insulated water bottle 750 ml', orders: 990, quantity: 1302, lineRevenue: 32_550 },
  { product: 'Running cap', orders: 870, quantity: 905, lineRevenue: 18_100 },
  { product: 'Compression tights', orders: 640, quantity: 660, lineRevenue: 42_900 },
  { product: 'Headlamp 400 lm', orders: 515, quantity: 530, lineRevenue: 26_500 },
  { product: 'Energy gel, box of 24', orders: 480, quantity: 1100, lineRevenue: 38_500 },
  { product: 'Trekking poles', orders: 333, quantity: 340, lineRevenue: 30_260 },
  { product: 'Blister plasters', orders: 290, quantity: 610, lineRevenue: 4_880 },
];

export const CATEGORY_ROWS: Row[] = [
  { category: 'Footwear', orders: 2610, quantity: 2790, lineRevenue: 331_200 },
  { category: 'Apparel', orders: 2302, quantity: 3920, lineRevenue: 248_700 },
  { category: 'Accessories', orders: 1980, quantity: 2870, lineRevenue: 81_950 },
  { category: 'Nutrition', orders: 760, quantity: 1780, lineRevenue: 52_300 },
  { category: 'Outdoor gear', orders: 610, quantity: 640, lineRevenue: 61_020 },
];

export const DIMENSION_ROWS: Row[] = [
  { dimension: 'Online shop', orders: 9120 },
  { dimension: 'Berlin store', orders: 3410 },
  { dimension: 'Munich store', orders: 2875 },
  { dimension: 'Hamburg store', orders: 1960 },
  { dimension: 'Marketplace', orders: 1067 },
];
