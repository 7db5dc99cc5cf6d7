import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useEffect, useState } from 'preact/hooks';
import { Selection, type QueryResult, type QuerySpec, type Row } from '@clvkit/core';
import { createEngine } from '@clvkit/engine';
import type { EngineLike, QueryOptions } from '@clvkit/widgets';
// The CLV widgets are imported from their modules until the package index exports them.
import { Dashboard } from '../packages/widgets/src/widgets/Dashboard.js';
import { ClvTimeline } from '../packages/widgets/src/widgets/ClvTimeline.js';
import { ClvDateCustomers } from '../packages/widgets/src/widgets/ClvDateCustomers.js';
import { ClvRates } from '../packages/widgets/src/widgets/ClvRates.js';
import { ClvLeastEngagedCustomers, ClvTopCustomers } from '../packages/widgets/src/widgets/ClvCustomerTables.js';
import { CLV_BY_METRICS, ClvBars } from '../packages/widgets/src/widgets/ClvBars.js';
import { ClvSegmentSplit } from '../packages/widgets/src/widgets/ClvSegmentSplit.js';
import { ClvPredictionLayout } from '../packages/widgets/src/presets/clv-prediction.js';
import { ClvSegmentsLayout } from '../packages/widgets/src/presets/clv-segments.js';
import { WithSelection } from './support/with-selection.js';

/**
 * The CLV prediction widgets (seed 001) and the segmentation tabs (seed 002) over canned rows
 * written in the analyses' row contracts (BRIEF4: daily_clv, newcomers_and_churners,
 * client_feature_predicted, clvsegments_amount, clv_by), not computed by clvkit; plus both
 * dashboards on the real engine.
 */

/** What the canned engine does: answer, stay loading, answer empty, fail, or report model-fit progress first. */
export type ClvMode = 'ready' | 'loading' | 'empty' | 'error' | 'fitting';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** 366 days of orders (2024), then the six-month forecast. */
const HISTORY = 366;
const HORIZON = 182;
const AS_OF = START + (HISTORY - 1) * DAY + 20 * 3_600_000;
const SEGMENTS = ['Champions', 'Loyal Customers', 'Potential Loyalists', 'New Customers', 'Promising', 'Need Attention', 'About to Sleep', 'At Risk', "Can't Lose Them", 'Hibernating', 'Lost'];
const PRODUCTS = ['Espresso beans', 'Filter papers', 'Grinder', 'Kettle', 'Mug', 'Tea sampler', 'Milk frother', 'Scale', 'Decaf beans', 'Cold brew kit'];
const RETAILERS = ['Online shop', 'Berlin store', 'Hamburg store', 'Marketplace', 'Wholesale'];
const CITIES = ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Frankfurt', 'Leipzig'];

/** A deterministic wobble in [-1, 1]. */
const wave = (i: number, period: number) => Math.sin((2 * Math.PI * i) / period);

function dailyClv(): QueryResult<Row> {
  const rows: Row[] = [];
  for (let i = 0; i < HISTORY + HORIZON; i++) {
    const trend = 900 + i * 0.6 + 120 * wave(i, 365);
    const weekly = 1 + 0.25 * wave(i, 7);
    rows.push({
      day: START + i * DAY,
      actual: i < HISTORY ? Math.round(trend * weekly + 90 * wave(i * 7, 13)) : null,
      predicted: Math.round(trend * (i < HISTORY ? 1 : 1 - (i - HISTORY) / 900)),
    });
  }
  return { rows, meta: { asOf: AS_OF, horizonDays: HORIZON, bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 }, newCustomersPerDay: 3.2 } };
}

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);

function newcomersAndChurners(date: unknown): QueryResult<Row> {
  const d = typeof date === 'number' ? date : AS_OF - HORIZON * DAY;
  const k = Math.max(0, Math.round((d - START) / DAY));
  const churners = 140 + (k % 40);
  const newcomers = 70 + (k % 25);
  return {
    rows: [
      { group: 'newcomers', customers: newcomers, base: 900, rate: newcomers / 900, revenue: newcomers * 61.5 },
      { group: 'churners', customers: churners, base: 1500 + k, rate: churners / (1500 + k), revenue: churners * 83.2 },
    ],
    meta: { date: d, horizon: { days: HORIZON }, window: [d - HORIZON * DAY, d], horizonEnd: d + HORIZON * DAY, dataEnd: AS_OF, horizonComplete: d + HORIZON * DAY <= AS_OF, newcomers: ids('n', newcomers), churners: ids('c', churners), listLimit: 1000 },
  };
}

function clientFeatures(sort: unknown, limit: unknown): QueryResult<Row> {
  const rows: Row[] = Array.from({ length: 300 }, (_, i) => {
    const pAlive = Math.round((0.05 + 0.9 * ((i * 37) % 100) / 100) * 1000) / 1000;
    const monetary = 35 + ((i * 53) % 160);
    const expectedOrders = Math.round(pAlive * (0.4 + ((i * 11) % 30) / 10) * 100) / 100;
    return {
      client: `c${String(i + 1).padStart(4, '0')}`,
      x: (i * 7) % 12,
      t_x: 30 + ((i * 13) % 300),
      T: 365,
      monetary,
      pAlive,
      churnProbability: Math.round((1 - pAlive) * 1000) / 1000,
      expectedOrders,
      expectedValue: monetary * 1.02,
      clv: Math.round(expectedOrders * monetary * 1.02 * 100) / 100,
      segment: SEGMENTS[(i * 5) % SEGMENTS.length],
    };
  });
  const key = String(sort ?? '-clv');
  const field = key.replace(/^-/, '');
  const sign = key.startsWith('-') ? -1 : 1;
  rows.sort((a, b) => sign * ((a[field] as number) - (b[field] as number)));
  return { rows: rows.slice(0, typeof limit === 'number' ? limit : 100) };
}

function clvBy(by: unknown): QueryResult<Row> {
  const keys = by === 'product' ? PRODUCTS : by === 'dimension' ? RETAILERS : by === 'location' ? CITIES : by === 'gender' ? ['f', 'm'] : SEGMENTS;
  return {
    rows: keys.map((key, i) => {
      const customers = 40 + ((i * 67) % 400);
      const churnProbability = by === 'segment' || by === undefined ? 0.05 + (0.9 * i) / (keys.length - 1) : 0.2 + ((i * 17) % 50) / 100;
      const expectedRevenue = Math.round(customers * (180 - i * 9));
      return {
        key,
        customers,
        expectedRevenue,
        expectedOrders: Math.round(customers * 1.4),
        expectedUnits: Math.round(customers * 3.1),
        churnProbability,
        recency: 20 + i * 31,
        frequency: Math.round((6 - i * 0.4) * 10) / 10,
        monetary: 260 - i * 14,
        opportunity: Math.round(expectedRevenue * Math.max(churnProbability - 0.3, 0)),
      };
    }),
  };
}

function clvSegments(): QueryResult<Row> {
  return { rows: clvBy('segment').rows.map((r) => ({ segment: r.key, customers: r.customers, expectedRevenue: r.expectedRevenue, expectedOrders: r.expectedOrders, clv: Number(r.expectedRevenue) / Number(r.customers), churnProbability: r.churnProbability, share: Number(r.customers) / 2500 })) };
}

function aggregate(spec: Extract<QuerySpec, { kind: 'aggregate' }>): QueryResult<Row> {
  const fields = (spec.groupBy ?? []).map((g) => g.field);
  const key = fields.join('+');
  if (key === 'session_start') {
    return { rows: Array.from({ length: 12 }, (_, m) => ({ session_start: Date.UTC(2024, m, 1), revenue: Math.round(4000 * (1 - m / 14) + 600 * wave(m, 6)), orders: 60 - m * 3 })) };
  }
  if (key === 'rfm_segment+customers.gender') {
    return { rows: SEGMENTS.flatMap((segment, i) => [{ rfm_segment: segment, 'customers.gender': 'f', buyers: 40 + ((i * 31) % 90) }, { rfm_segment: segment, 'customers.gender': 'm', buyers: 30 + ((i * 47) % 80) }, { rfm_segment: segment, 'customers.gender': null, buyers: 5 + (i % 4) }]) };
  }
  if (key === 'product+rfm_segment' || key === 'dimension+rfm_segment') {
    const names = key.startsWith('product') ? PRODUCTS : RETAILERS;
    return {
      rows: names.flatMap((name, i) =>
        SEGMENTS.map((segment, s) => ({ [fields[0]]: name, rfm_segment: segment, quantity: 5 + ((i * 13 + s * 29) % 300), lineRevenue: 80 + ((i * 97 + s * 53) % 6000), revenue: 80 + ((i * 97 + s * 53) % 6000) })),
      ),
    };
  }
  if (key === 'rfm_segment') return { rows: SEGMENTS.map((segment, i) => ({ rfm_segment: segment, revenue: 52000 - i * 4100, quantity: 2100 - i * 160, buyers: 300 - i * 20, orders: 800 - i * 60 })) };
  if (key === 'customers.location') return { rows: CITIES.map((city, i) => ({ 'customers.location': city, revenue: 91000 - i * 12000, quantity: 3900 - i * 500, buyers: 720 - i * 90 })) };
  return { rows: [] };
}

const KPIS: Row[] = [
  { metric: 'revenue', value: 412_800, previous: 389_100, change: 6.09 },
  { metric: 'quantity', value: 16_420, previous: 15_980, change: 2.75 },
  { metric: 'averageOrderValue', value: 68.9, previous: 70.2, change: -1.85 },
  { metric: 'purchaseFrequency', value: 2.4, previous: 2.3, change: 4.35 },
];

const ORDER_COUNTS: Row[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((orders) => ({ orders, label: orders === 10 ? '10+' : String(orders), customers: Math.round(1200 / orders ** 1.3) }));

/** `segmentation` rows (all 11 segments in map order): sizes, revenue and RFM means. */
const SEGMENTATION: Row[] = SEGMENTS.map((segment, i) => {
  const customers = 120 + ((i * 83) % 420);
  const revenue = Math.round(customers * (520 - i * 42));
  return { segment, customers, share: customers / 3600, revenue, revenueShare: revenue / 900_000, recency: 15 + i * 40, frequency: Math.round((8 - i * 0.6) * 10) / 10, monetary: 520 - i * 42 };
});

/** The canned answer of a spec. */
export function clvCanned(spec: QuerySpec): QueryResult<Row> {
  if (spec.kind === 'aggregate') return aggregate(spec);
  const p = spec.params ?? {};
  switch (spec.name) {
    case 'daily_clv':
      return dailyClv();
    case 'newcomers_and_churners':
      return newcomersAndChurners(p.date);
    case 'client_feature_predicted':
      return clientFeatures(p.sort, p.limit);
    case 'clv_by':
      return clvBy(p.by);
    case 'clvsegments_amount':
      return clvSegments();
    case 'kpis':
      return { rows: KPIS, meta: { period: [START, AS_OF], previousPeriod: [START - 366 * DAY, START] } };
    case 'user_counts_per_order_seq':
      return { rows: ORDER_COUNTS };
    case 'segmentation':
      return { rows: SEGMENTATION, meta: { segments: SEGMENTS } };
    default:
      return { rows: [] };
  }
}

/** Analyses that fit the model: in `fitting` mode they report 20 steps of progress first. */
const MODEL_ANALYSES = new Set(['daily_clv', 'client_feature_predicted', 'clvsegments_amount', 'clv_by']);

/** A fake engine answering `clvCanned` after `delay` ms (see `ClvMode`). */
export function clvEngine(mode: ClvMode = 'ready', delay = 200): EngineLike {
  return {
    query<R = Row>(spec: QuerySpec, options: QueryOptions = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      return new Promise<QueryResult<R>>((resolve, reject) => {
        let step = 0;
        const long = mode === 'fitting' && spec.kind === 'analysis' && MODEL_ANALYSES.has(spec.name);
        const finish = () => {
          if (mode === 'error') reject(new globalThis.Error('The CLV model did not converge (BG/NBD: too few repeat customers). Widen the date range.'));
          else resolve((mode === 'empty' ? { rows: [] } : clvCanned(spec)) as QueryResult<R>);
        };
        const tick = () => {
          step++;
          options.onProgress?.({ done: step, total: 20, message: 'Fitting BG/NBD and Gamma-Gamma' });
          if (step < 20) timer = setTimeout(tick, 150);
          else finish();
        };
        let timer = setTimeout(long ? tick : finish, delay);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new globalThis.Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}

type Args = { mode: ClvMode; locale: string; currency: string };

const meta: Meta<Args> = {
  title: 'CLV prediction/Widgets',
  args: { mode: 'ready', locale: 'en-US', currency: 'USD' },
  argTypes: { mode: { control: 'select', options: ['ready', 'loading', 'empty', 'error', 'fitting'] } },
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <ClvTimeline {...args} engine={clvEngine(mode)} selection={selection} timeZone="UTC" />}</WithSelection>,
};
export default meta;

type Story = StoryObj<Args>;

/** The timeline: actual solid, predicted dashed, the six-month forecast shaded after as-of; click a day to choose it. */
export const Ready: Story = {};
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** While the model fits, the engine's progress replaces the skeleton's status. */
export const Fitting: Story = { args: { mode: 'fitting' } };

function DateSelectionDemo({ mode, ...args }: Args) {
  const [engine] = useState(() => clvEngine(mode));
  return (
    <WithSelection>
      {(selection) => (
        <>
          <ClvTimeline {...args} engine={engine} selection={selection} horizonDays={HORIZON} timeZone="UTC" />
          <ClvDateCustomers {...args} group="churners" engine={engine} selection={selection} horizonDays={HORIZON} timeZone="UTC" />
          <ClvDateCustomers {...args} group="newcomers" engine={engine} selection={selection} horizonDays={HORIZON} timeZone="UTC" />
          <ClvRates {...args} engine={engine} selection={selection} horizonDays={HORIZON} timeZone="UTC" />
        </>
      )}
    </WithSelection>
  );
}

/** A timeline with the churner and newcomer panels and the rate rings: they share the date of their selection. */
export const DateSelection: Story = { render: (args) => <DateSelectionDemo {...args} /> };

/** Churned customers of a fixed date (no timeline): their value over time, "Show only these customers". */
export const Churners: Story = {
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <ClvDateCustomers {...args} engine={clvEngine(mode)} selection={selection} date={START + 200 * DAY} timeZone="UTC" />}</WithSelection>,
};

/** Churn and newcomer rate rings; the churned and newcomer slices filter. */
export const Rates: Story = {
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <ClvRates {...args} engine={clvEngine(mode)} selection={selection} timeZone="UTC" />}</WithSelection>,
};

function CustomerTablesDemo({ mode, ...args }: Args) {
  const [engine] = useState(() => clvEngine(mode));
  return (
    <WithSelection>
      {(selection) => (
        <>
          <ClvTopCustomers {...args} engine={engine} selection={selection} />
          <ClvLeastEngagedCustomers {...args} engine={engine} selection={selection} />
        </>
      )}
    </WithSelection>
  );
}

/** The top 100 by CLV and the 100 least engaged; rows filter (Shift adds). */
export const CustomerTables: Story = { render: (args) => <CustomerTablesDemo {...args} /> };

/** Revenue opportunity by segment, switchable to expected revenue and units. */
export const OpportunityBars: Story = {
  render: ({ mode, ...args }) => (
    <WithSelection>
      {(selection) => <ClvBars {...args} engine={clvEngine(mode)} selection={selection} by="segment" order="data" metrics={[CLV_BY_METRICS.opportunity, CLV_BY_METRICS.expectedRevenue, CLV_BY_METRICS.expectedUnits]} />}
    </WithSelection>
  ),
};

/** Gender split by segment: a part filters segment and gender, a label the segment, the legend the gender. */
export const GenderSplit: Story = {
  render: ({ mode, ...args }) => <WithSelection>{(selection) => <ClvSegmentSplit {...args} engine={clvEngine(mode)} selection={selection} labels={{ f: 'Women', m: 'Men' }} />}</WithSelection>,
};

function CannedDashboard({ layout, mode, locale, currency }: { readonly layout: 'prediction' | 'segments' } & Args) {
  const [engine] = useState(() => clvEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency={currency}>
      {layout === 'prediction' ? <ClvPredictionLayout /> : <ClvSegmentsLayout />}
    </Dashboard>
  );
}

/** Seed 001 over canned rows. */
export const PredictionDashboard: Story = { render: (args) => <CannedDashboard layout="prediction" {...args} /> };
/** Seed 002's three tabs over canned rows (the scatters, the split and the bars read the canned aggregates). */
export const SegmentsDashboard: Story = { render: (args) => <CannedDashboard layout="segments" {...args} /> };

function LiveDashboard({ layout }: { readonly layout: 'prediction' | 'segments' }) {
  const [engine] = useState(() => createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' }));
  useEffect(() => () => engine.destroy(), [engine]);
  return (
    <Dashboard engine={engine} locale="en-US" currency="USD">
      {layout === 'prediction' ? <ClvPredictionLayout /> : <ClvSegmentsLayout />}
    </Dashboard>
  );
}

/** Seed 001 on the real engine (the synthetic shop, 20,000 orders). */
export const LivePrediction: Story = { render: () => <LiveDashboard layout="prediction" /> };
/** Seed 002 on the real engine. */
export const LiveSegments: Story = { render: () => <LiveDashboard layout="segments" /> };
