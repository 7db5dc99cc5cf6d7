import type { QueryResult, Row } from '@clvkit/core';

/**
 * Canned results of the exploratory analyses for the chart stories, written out by hand in
 * the analyses' row formats (see packages/analytics/README.md), not computed by clvkit.
 */
const DAY = 86_400_000;
const JAN1 = Date.UTC(2024, 0, 1);

const FUNNEL_STEPS = ['session', 'has_basket', 'order_screen', 'purchase'];
const FUNNEL_FIELDS = [null, 'has_basket', 'order_screen', 'has_purchased'];
/** Per day, sessions and the share that reaches each next step (hand-tuned, with a dip mid-month). */
const FUNNEL_DAYS = Array.from({ length: 28 }, (_, i) => {
  const sessions = 900 + ((i * 37) % 160);
  const basket = Math.round(sessions * (0.41 + (i % 5) * 0.01));
  const checkout = Math.round(basket * (i >= 12 && i <= 15 ? 0.38 : 0.62));
  const purchase = Math.round(checkout * 0.58);
  return [sessions, basket, checkout, purchase];
});

function funnelRows(bucketOf: (day: number) => number): Row[] {
  const totals = new Map<number, number[]>();
  FUNNEL_DAYS.forEach((counts, day) => {
    const key = bucketOf(day);
    const sum = totals.get(key) ?? [0, 0, 0, 0];
    totals.set(key, sum.map((v, k) => v + counts[k]));
  });
  return [...totals.entries()].flatMap(([bucket, counts]) =>
    FUNNEL_STEPS.map((step, stepIndex) => ({
      bucket,
      step,
      stepIndex,
      count: counts[stepIndex],
      conversionFromPrevious: stepIndex === 0 ? 1 : counts[stepIndex] / counts[stepIndex - 1],
      conversionFromFirst: counts[stepIndex] / counts[0],
    })),
  );
}

const HOURLY_SHAPE = [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 1.6, 2, 2.2, 2.4, 2.6, 2.4, 2.2, 2.2, 2.5, 3, 3.4, 3.6, 3.2, 2.4, 1.4, 0.6];

/** Session funnel reports by name. */
export const FUNNELS: Record<string, QueryResult<Row>> = {
  daily_funnel: { rows: funnelRows((d) => JAN1 + d * DAY), meta: { unit: 'day', steps: FUNNEL_STEPS, fields: FUNNEL_FIELDS } },
  weekly_funnel: { rows: funnelRows((d) => JAN1 + Math.floor(d / 7) * 7 * DAY), meta: { unit: 'week', steps: FUNNEL_STEPS, fields: FUNNEL_FIELDS } },
  monthly_funnel: { rows: funnelRows(() => JAN1), meta: { unit: 'month', steps: FUNNEL_STEPS, fields: FUNNEL_FIELDS } },
  hourly_funnel: {
    rows: HOURLY_SHAPE.flatMap((s, hour) =>
      FUNNEL_STEPS.map((step, stepIndex) => ({ hour, step, stepIndex, count: Math.round(s * [40, 17, 9, 5][stepIndex] * 100) / 100 })),
    ),
    meta: { steps: FUNNEL_STEPS, fields: FUNNEL_FIELDS, days: 28 },
  },
};

const COHORTS = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'];
const COHORT_SIZES = [412, 388, 455, 402, 371, 350];
const RETENTION_CURVE = [1, 0.34, 0.27, 0.23, 0.21, 0.19];

/** retention_cohorts by month (a triangle: later cohorts have fewer offsets). */
export const RETENTION: QueryResult<Row> = {
  rows: COHORTS.flatMap((cohort, r) =>
    RETENTION_CURVE.slice(0, COHORTS.length - r).map((ratio, offset) => {
      const retention = offset === 0 ? 1 : Math.round(ratio * (1 + ((r * 7 + offset * 3) % 9) / 60) * 1000) / 1000;
      const customers = Math.round(retention * COHORT_SIZES[r]);
      return { cohort, offset, customers, cohortSize: COHORT_SIZES[r], retention, revenue: customers * 61, cumulativeRevenuePerCustomer: null, averageOrderValue: 61, orders: customers };
    }),
  ),
  meta: { bucket: 'month', cohorts: COHORTS, offsets: [0, 1, 2, 3, 4, 5], cohortSizes: COHORT_SIZES },
};

/** daily_cohort_from_1_to_2: days of first orders, days to the second. */
export const ORDER_GAP: QueryResult<Row> = (() => {
  const cohorts = Array.from({ length: 10 }, (_, i) => new Date(JAN1 + i * DAY).toISOString().slice(0, 10));
  const sizes = cohorts.map((_, i) => 60 + ((i * 13) % 25));
  const offsets: (number | string)[] = [...Array.from({ length: 16 }, (_, k) => k), 'later'];
  const rows: Row[] = [];
  cohorts.forEach((cohort, r) => {
    offsets.forEach((offset, k) => {
      const customers = offset === 'later' ? Math.round(sizes[r] * 0.12) : Math.max(0, Math.round(sizes[r] * 0.09 * Math.exp(-k / 4)) - (k > 10 - r ? 99 : 0));
      if (customers > 0) rows.push({ cohort, offset, customers, cohortSize: sizes[r], share: customers / sizes[r] });
    });
  });
  const label = (k: number | string) => (k === 'later' ? '> 15 days' : `${k} day${k === 1 ? '' : 's'}`);
  return {
    rows,
    meta: { unit: 'day', event: 'order 1', next: 'order 2', maxOffset: 15, offsets, columnLabels: Object.fromEntries(offsets.map((k) => [String(k), label(k)])), cohorts, cohortSizes: sizes },
  };
})();

/** purchase_amount_distribution per customer. */
export const ORDER_VALUES: QueryResult<Row> = {
  rows: [6, 24, 61, 88, 72, 51, 33, 19, 11, 6, 3, 2].map((customers, i) => ({ x0: i * 20, x1: (i + 1) * 20, customers })),
  meta: { per: 'customer', step: 20, min: 3.5, max: 236 },
};

/** user_counts_per_order_seq. */
export const ORDER_COUNTS: QueryResult<Row> = {
  rows: [1210, 402, 188, 96, 51, 30, 17, 11, 7, 12].map((customers, i) => ({ orders: i + 1, label: i === 9 ? '10+' : String(i + 1), customers, share: customers / 2024 })),
};

/** customer_status. */
export const STATUS: QueryResult<Row> = {
  rows: [
    { status: 'active', customers: 1184, share: 0.585, revenue: 143_200 },
    { status: 'churned', customers: 512, share: 0.253, revenue: 41_900 },
    { status: 'long_gone', customers: 328, share: 0.162, revenue: 18_300 },
  ],
  meta: { buyers: 2024 },
};

/** demographics by gender. */
export const DEMOGRAPHICS: QueryResult<Row> = {
  rows: [
    { value: 'female', customers: 1090, share: 0.54 },
    { value: 'male', customers: 812, share: 0.4 },
    { value: null, customers: 122, share: 0.06 },
  ],
  meta: { by: 'gender', customers: 2024 },
};

const WEEKS = Array.from({ length: 16 }, (_, i) => JAN1 + i * 7 * DAY);

/** churn_weekly. */
export const CHURN: QueryResult<Row> = {
  rows: WEEKS.map((bucket, i) => ({ bucket, engagedAtStart: 900 + i * 5, lost: 60 + ((i * 11) % 25), churn: (60 + ((i * 11) % 25)) / (900 + i * 5), engaged: 880 + i * 4, avgGapDays: 31 })),
  meta: { unit: 'week' },
};

/** daily_organic_orders. */
export const ORGANIC: QueryResult<Row> = {
  rows: Array.from({ length: 42 }, (_, i) => {
    const weekly = [0.8, 0.9, 1, 1.05, 1.2, 1.45, 1.3][i % 7];
    const campaign = i >= 14 && i < 21 ? 2.4 : 1;
    return { bucket: JAN1 + i * DAY, organic: Math.round(110 * weekly + i), promoted: Math.round(18 * weekly * campaign) };
  }),
  meta: { unit: 'day' },
};

/** lifecycle by month. */
export const LIFECYCLE: QueryResult<Row> = {
  rows: [0, 1, 2, 3, 4, 5].map((m) => ({
    bucket: Date.UTC(2024, m, 1),
    new: [412, 388, 455, 402, 371, 350][m],
    returning: [0, 140, 171, 190, 204, 211][m],
    resurrecting: [0, 0, 38, 52, 61, 66][m],
    dormant: [0, -272, -255, -298, -260, -251][m],
    active: 0,
    quickRatio: null,
  })),
  meta: { unit: 'month' },
};

/** customer_journey. */
export const JOURNEY: QueryResult<Row> = {
  rows: [
    { k: 1, meanOrderValue: 58.4, meanHoursToNext: 812, customers: 2024, customersWithNext: 814 },
    { k: 2, meanOrderValue: 63.9, meanHoursToNext: 640, customers: 814, customersWithNext: 412 },
    { k: 3, meanOrderValue: 67.2, meanHoursToNext: 552, customers: 412, customersWithNext: 224 },
    { k: 4, meanOrderValue: 71.8, meanHoursToNext: null, customers: 224, customersWithNext: 0 },
  ],
  meta: { K: 4, buyers: 2024, repeatBuyers: 814, meanHoursDownloadToFirstOrder: 37.5, meanHoursSinceLastOrder: 2210 },
};

const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Emma', 'Farid', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kai', 'Lena', 'Mateo', 'Nora', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Uma', 'Viktor', 'Wen', 'Xavi', 'Yara', 'Zoë'];
/** customer_list rows (all of them; the fake engine sorts and pages like the analysis). */
export const CUSTOMER_ROWS: Row[] = FIRST.flatMap((name, i) =>
  [0, 1].map((j) => {
    const n = i * 2 + j;
    const orders = 1 + ((n * 7) % 9);
    const revenue = Math.round(orders * (42 + ((n * 13) % 40)) * 100) / 100;
    const last = Date.UTC(2024, 5, 30) - ((n * 17) % 200) * DAY;
    return {
      client: `C${String(1000 + n)}`,
      name: `${name} ${['Berg', 'Costa'][j]}`,
      email: n === 5 ? '=HYPERLINK("https://example.com")' : `${name.toLowerCase()}.${n}@example.org`,
      status: last > Date.UTC(2024, 3, 1) ? 'active' : last > Date.UTC(2024, 0, 1) ? 'churned' : 'long_gone',
      orders,
      revenue,
      averageOrderValue: Math.round((revenue / orders) * 100) / 100,
      lastOrder: last,
      topProducts: ['Trail shoes; Socks', 'Rain jacket', 'Cap; Water bottle'][n % 3],
    };
  }),
);

/** most_combined_products. */
export const PAIRS: QueryResult<Row> = {
  rows: [
    ['Trail running shoes', 'Merino socks (3-pack)', 250, 1820, 1610],
    ['Rain jacket', 'Running cap', 141, 1204, 870],
    ['Headlamp 400 lm', 'Trekking poles', 96, 515, 333],
    ['Energy gel, box of 24', 'Insulated water bottle', 88, 480, 990],
    ['Compression tights', 'Merino socks (3-pack)', 74, 640, 1610],
  ].map(([productA, productB, orders, a, b]) => ({
    productA,
    productB,
    orders,
    ordersA: a,
    ordersB: b,
    support: (orders as number) / 9120,
    confidence: (orders as number) / (a as number),
    lift: ((orders as number) * 9120) / ((a as number) * (b as number)),
  })),
  meta: { orders: 9120 },
};

/** bought_with for any product. */
export function boughtWith(product: string): QueryResult<Row> {
  const others = ['Merino socks (3-pack)', 'Running cap', 'Insulated water bottle', 'Blister plasters'].filter((p) => p !== product);
  return {
    rows: others.map((other, i) => {
      const orders = [180, 92, 61, 40][i];
      const ordersProduct = [1610, 870, 990, 290][i];
      return { product: other, orders, ordersProduct, support: orders / 9120, confidence: orders / 1820, lift: (orders * 9120) / (1820 * ordersProduct) };
    }),
    meta: { product },
  };
}

/** Sessions grouped by customers.location. */
export const LOCATIONS: Row[] = [
  { 'customers.location': 'Berlin', buyers: 512, orders: 1480, revenue: 98_400 },
  { 'customers.location': 'Hamburg', buyers: 301, orders: 802, revenue: 51_200 },
  { 'customers.location': 'Munich', buyers: 288, orders: 790, revenue: 55_900 },
  { 'customers.location': 'Cologne', buyers: 190, orders: 466, revenue: 29_800 },
  { 'customers.location': 'Leipzig', buyers: 121, orders: 298, revenue: 17_300 },
];
